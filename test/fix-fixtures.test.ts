import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countSyntaxErrors } from '../src/engine/analyze.js';
import { sameBytes } from '../src/fixer/spliceBytes.js';
import { SourceFile } from '../src/source/sourceFile.js';
import { fixSource } from './fix/helpers.js';
import { parserFor } from './helpers/analyze.js';

/**
 * The fix harness over the rule fixtures. For every `X.py` under test/fixtures/rules/<CODE>/ (and
 * the fixer's own fixtures): fixing to convergence never adds syntax errors, and fixing the result
 * again changes nothing (idempotence), with and without unsafe fixes. Where `X.fixed.py` exists,
 * the safe fixes must produce exactly it; where `X.unsafe-fixed.py` exists, safe + unsafe fixes.
 */
const ROOT = join(import.meta.dirname, 'fixtures');
const EXPECTED = /\.(unsafe-)?fixed\.py$/;

const fixtureDirs = () => [...readdirSync(join(ROOT, 'rules')).map((code) => join(ROOT, 'rules', code)), join(ROOT, 'fix')].filter(existsSync);

function fixtureFiles(): string[] {
  return fixtureDirs().flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.py') && !EXPECTED.test(f)).sort().map((f) => join(dir, f)));
}

const label = (file: string) => file.slice(ROOT.length + 1);

it('every expected-output file has its source fixture', () => {
  const sources = new Set(fixtureFiles());
  const expected = fixtureDirs().flatMap((dir) => readdirSync(dir).filter((f) => EXPECTED.test(f)).map((f) => join(dir, f)));
  for (const file of expected) expect(sources.has(file.replace(EXPECTED, '.py')), label(file)).toBe(true);
});

describe.each(fixtureFiles().map((f) => [label(f), f] as const))('%s', (_name, file) => {
  const bytes = readFileSync(file);

  for (const unsafe of [false, true]) {
    const mode = unsafe ? 'safe + unsafe fixes' : 'safe fixes';
    it(`${mode}: converges, adds no syntax error, and a second run changes nothing`, async () => {
      const first = await fixSource(bytes, { unsafe, path: file });
      expect(first.failure).toBeUndefined();
      const parser = await parserFor('native');
      expect(countSyntaxErrors(parser, first.fixed.text)).toBeLessThanOrEqual(countSyntaxErrors(parser, first.original.text));
      const second = await fixSource(first.fixed.bytes, { unsafe, path: file });
      expect(second.failure).toBeUndefined();
      expect(second.fixedFindings).toEqual([]);
      expect(sameBytes(second.fixed.bytes, first.fixed.bytes)).toBe(true);
    });
  }

  for (const [suffix, unsafe] of [['.fixed.py', false], ['.unsafe-fixed.py', true]] as const) {
    const expectedFile = file.replace(/\.py$/, suffix);
    if (!existsSync(expectedFile)) continue;
    it(`matches ${label(expectedFile)} on both parser backends`, async () => {
      const expected = readFileSync(expectedFile);
      const expectedSource = SourceFile.fromBytes(expectedFile, expected);
      if ('error' in expectedSource) throw new Error(expectedSource.error);
      for (const backend of ['native', 'wasm'] as const) {
        const result = await fixSource(bytes, { unsafe, backend, path: file });
        expect(result.failure).toBeUndefined();
        expect(result.fixed.text).toBe(expectedSource.text); // readable on failure
        expect(sameBytes(result.fixed.bytes, expected)).toBe(true); // BOM, encoding, line endings
      }
    });
  }
});
