import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { updateReadme } from '../src/docs/rulesTable.js';

const README = join(import.meta.dirname, '..', 'README.md');

describe('README', () => {
  it('rules table is up to date with rules/ (run `npm run build && npm run docs`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(updateReadme(readme, ALL_RULES)).toBe(readme);
  });

  it('starts with the two quick-start commands', () => {
    const readme = readFileSync(README, 'utf8');
    const firstBlock = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/npm install && npx mlflow-migrate check examples\/\S+/);
    expect(firstBlock).toMatch(/npm test/);
  });
});
