import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { ruleMarkdown } from '../src/cli/commands/explain.js';
import { updateReadme } from '../src/docs/rulesTable.js';

const README = join(import.meta.dirname, '..', 'README.md');

describe('README', () => {
  it('rules table is up to date with rules/ (run `npm run build && npm run docs`)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(updateReadme(readme, ALL_RULES)).toBe(readme);
  });

  it('docs/rules/ has an up-to-date page per rule (the SARIF helpUri targets)', () => {
    const dir = join(import.meta.dirname, '..', 'docs', 'rules');
    expect(readdirSync(dir).sort()).toEqual(ALL_RULES.map((r) => `${r.code}.md`).sort());
    for (const rule of ALL_RULES) {
      const page = join(dir, `${rule.code}.md`);
      expect(existsSync(page) && readFileSync(page, 'utf8')).toBe(ruleMarkdown(rule));
    }
  });

  it('starts with the two quick-start commands', () => {
    const readme = readFileSync(README, 'utf8');
    const firstBlock = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/npm install && npx mlflow-migrate check examples\/\S+/);
    expect(firstBlock).toMatch(/npm test/);
  });
});
