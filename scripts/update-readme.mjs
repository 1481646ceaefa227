// Regenerates the rule documentation from rules/: the table in README.md and one page per rule in
// docs/rules/ (the pages SARIF helpUri points to). Run `npm run build` first.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ALL_RULES } from '../dist/rules/index.js';
import { ruleMarkdown } from '../dist/src/cli/commands/explain.js';
import { updateReadme } from '../dist/src/docs/rulesTable.js';

writeFileSync('README.md', updateReadme(readFileSync('README.md', 'utf8'), ALL_RULES));
mkdirSync('docs/rules', { recursive: true });
for (const page of readdirSync('docs/rules')) rmSync(`docs/rules/${page}`);
for (const rule of ALL_RULES) writeFileSync(`docs/rules/${rule.code}.md`, ruleMarkdown(rule));
console.log(`README.md and docs/rules/: ${ALL_RULES.length} rules`);
