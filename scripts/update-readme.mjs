// Regenerates the rules table in README.md from rules/ (run `npm run build` first).
import { readFileSync, writeFileSync } from 'node:fs';
import { ALL_RULES } from '../dist/rules/index.js';
import { updateReadme } from '../dist/src/docs/rulesTable.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', updateReadme(readme, ALL_RULES));
console.log(`README.md: rules table updated (${ALL_RULES.length} rules)`);
