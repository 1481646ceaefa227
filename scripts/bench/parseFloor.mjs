// The parse floor: what any tree-sitter tool in Node pays at least for the files mlflow-migrate
// analyses, i.e. start Node, list and read the .py files, keep those whose bytes mention `mlflow`
// (the byte prefilter), and parse each with the grammar the check uses (WASM, one thread; trees are
// deleted at once). No copying, no analysis. Run as its own process: `node parseFloor.mjs DIR`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';
import { Language, Parser } from 'web-tree-sitter';

const root = process.argv[2] ?? '.';
const grammar = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'grammars', 'tree-sitter-python.wasm');
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));
const files = fg.sync('**/*.py', { cwd: root, absolute: true, ignore: ['**/.mlflow-migrate-cache/**'] });
let parsed = 0;
for (const file of files) {
  const bytes = readFileSync(file);
  if (!bytes.includes('mlflow')) continue;
  parser.parse(bytes.toString('utf8'))?.delete();
  parsed++;
}
process.stdout.write(`${files.length} files, ${parsed} parsed\n`);
