import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { analyzeSource, BACKENDS, expectedFindings, readFixture } from './helpers/analyze.js';

/**
 * Every rule's fixtures, on both parser backends. Each fixture marks the lines that must produce a
 * finding with `# expect: CODE`; every other line must stay silent (the traps). Both backends must
 * report exactly the same findings.
 */
const FIXTURES = join(import.meta.dirname, 'fixtures', 'rules');

const fixtureFiles = (code: string) => {
  const dir = join(FIXTURES, code);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.py') && !/\.(unsafe-)?fixed\.py$/.test(f)).sort().map((f) => join(dir, f));
};

describe.each(ALL_RULES.filter((r) => r.checks.length > 0).map((r) => [r.code, r] as const))('%s', (code) => {
  const files = fixtureFiles(code);

  it('has a positive and a trap fixture', () => {
    const names = files.map((f) => f.split('/').pop()!);
    expect(names.some((n) => n.startsWith('positive'))).toBe(true);
    expect(names.some((n) => n.startsWith('trap'))).toBe(true);
  });

  for (const file of files) {
    const name = file.split('/').pop()!;
    it(`${name}: findings match the # expect markers on both backends`, async () => {
      const text = readFixture(file);
      const [native, wasm] = await Promise.all(BACKENDS.map((backend) => analyzeSource(text, { backend })));
      const got = native!.map((f) => `${f.line}:${f.code}`).sort();
      expect(got).toEqual(expectedFindings(text));
      expect(wasm).toEqual(native);
    });
  }
});
