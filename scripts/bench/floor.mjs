// The floor: what any Node tool must pay at least, i.e. start Node, list the .py files and read
// every byte of them. Run as its own process by the benchmark: `node floor.mjs DIR`.
import { readFileSync } from 'node:fs';
import fg from 'fast-glob';

const root = process.argv[2] ?? '.';
const files = fg.sync('**/*.py', { cwd: root, absolute: true, ignore: ['**/.mlflow-migrate-cache/**'] });
let bytes = 0;
for (const file of files) bytes += readFileSync(file).byteLength;
process.stdout.write(`${files.length} files, ${bytes} bytes\n`);
