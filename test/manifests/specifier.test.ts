import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/manifests/requirement.js';
import { admits, lowestAdmitted, parseConstraint, pinnedMajor, pythonBelow, requiredPython, retargetEdits } from '../../src/manifests/specifier.js';

const parse = (text: string, dialect: Dialect = 'pep440') => parseConstraint({ start: 0, end: text.length, text }, dialect)!;

function retarget(text: string, dialect: Dialect = 'pep440', target = '3.4.0'): string | undefined {
  const edits = retargetEdits(parse(text, dialect), target, dialect);
  if (!edits) return undefined;
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('version constraints', () => {
  it('translates Poetry and conda constraints to PEP 440', () => {
    expect(admits(parse('^2.9', 'poetry'), '2.99.0')).toBe(true);
    expect(admits(parse('^2.9', 'poetry'), '3.0.0')).toBe(false);
    expect(admits(parse('~2.9', 'poetry'), '2.10.0')).toBe(false);
    expect(admits(parse('2.9.2', 'poetry'), '2.9.2')).toBe(true);
    expect(admits(parse('>=2.9 <3', 'poetry'), '3.4.0')).toBe(false);
    expect(admits(parse('^2.9 || ^3.0', 'poetry'), '3.4.0')).toBe(true);
    expect(admits(parse('=2.9', 'conda'), '2.9.2')).toBe(true);
    expect(admits(parse('=2.9', 'conda'), '2.10.0')).toBe(false);
    expect(admits(parse('2.9.2', 'conda'), '2.9.3')).toBe(false);
    expect(admits(parse('>=2.8.1'), '3.4.0')).toBe(true);
  });

  it('moves only the versions that exclude the target', () => {
    expect(retarget('==2.9.2')).toBe('==3.4.0');
    expect(retarget('>=2.8, <3')).toBe('>=2.8, <4');
    expect(retarget('<3.0')).toBe('<4.0');
    expect(retarget('~=2.9')).toBe('~=3.4');
    expect(retarget('~=2.9.2')).toBe('~=3.4.0');
    expect(retarget('^2.9', 'poetry')).toBe('^3.4');
    expect(retarget('~2.9.1', 'poetry')).toBe('~3.4.0');
    expect(retarget('=2.9.2', 'conda')).toBe('=3.4.0');
    expect(retarget('2.9.*', 'conda')).toBe('3.4.*');
    expect(retarget('==2.9.2', 'pep440', '3.0.0')).toBe('==3.0.0');
    expect(retarget('!=3.4.0')).toBeUndefined();
    expect(retarget('==2.9.2+cpu')).toBeUndefined();
    expect(retarget('^2.9 || ^2.10', 'poetry')).toBeUndefined();
  });

  it('reads the lowest admitted release and the pinned major', () => {
    expect(lowestAdmitted(parse('==2.9.2'))).toBe('2.9.2');
    expect(lowestAdmitted(parse('>=2.8.1,<3'))).toBe('2.8.1');
    expect(lowestAdmitted(parse('~=2.9'))).toBe('2.9');
    expect(lowestAdmitted(parse('==2.9.*'))).toBe('2.9');
    expect(lowestAdmitted(parse('^2.9.1', 'poetry'))).toBe('2.9.1');
    expect(lowestAdmitted(parse('<3'))).toBeUndefined();
    expect(lowestAdmitted(parse('>2.9.2'))).toBeUndefined();
    expect(pinnedMajor(parse('==2.9.2'))).toBe(2);
    expect(pinnedMajor(parse('>=2.8,<3'))).toBe(2);
    expect(pinnedMajor(parse('==3.4.0'))).toBe(3);
    expect(pinnedMajor(parse('>=2.8.1'))).toBeUndefined();
    expect(pinnedMajor(parse('>=2.9,!=3.0.0'))).toBeUndefined();
  });

  it('finds Python versions below the floor the target requires', () => {
    expect(requiredPython('3.4.0')).toBe('3.10');
    expect(requiredPython('3.1.0')).toBe('3.9');
    expect(pythonBelow(parse('>=3.9'), '3.10')).toBe('3.9');
    expect(pythonBelow(parse('>3.9'), '3.10')).toBe('3.9.1');
    expect(pythonBelow(parse('>=3.10'), '3.10')).toBeUndefined();
    expect(pythonBelow(parse('^3.9', 'poetry'), '3.10')).toBe('3.9');
    expect(pythonBelow(parse('=3.9', 'conda'), '3.10')).toBe('3.9');
    expect(pythonBelow(parse('>=3.9'), '3.9')).toBeUndefined();
  });
});
