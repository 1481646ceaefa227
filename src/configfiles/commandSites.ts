import { isMap, isScalar, isSeq, scalarLines, type YamlParse } from '../manifests/yaml.js';
import { shellCommands, type ShellCommand, type ShellWord } from './shell.js';

/**
 * Where files keep shell commands, read as commands with file positions: YAML keys of CI
 * systems (`run`, `script`), of docker-compose and Kubernetes (`command`, `args`, `entrypoint`).
 */

/** Commands of a text that only a mapped view of the file holds (a YAML block scalar). */
export function commandsInView(view: { text: string; map: number[] }): ShellCommand[] {
  const at = (i: number) => view.map[i] ?? (view.map.length ? view.map[view.map.length - 1]! + 1 : 0);
  return shellCommands(view.text).map((c) => ({
    words: c.words.map((w) => ({ ...w, start: at(w.start), end: w.end > w.start ? at(w.end - 1) + 1 : at(w.start), map: w.map.map(at) })),
  }));
}

/** Keys whose value is a shell script (or a list of them). */
const SCRIPT_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'commands', 'pre_build', 'build', 'post_build']);
/** Keys whose value is a command: a list is an argument vector, a string is read like a shell line. */
const ARGV_KEYS = ['entrypoint', 'command', 'args'];

export function yamlCommands(parsed: YamlParse, text: string): ShellCommand[] {
  if ('error' in parsed) return [];
  const out: ShellCommand[] = [];
  const scriptOf = (node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string') {
      const view = scalarLines(node, text);
      if (view) out.push(...commandsInView(view));
    } else if (isSeq(node)) node.items.forEach(scriptOf);
  };
  const walk = (node: unknown): void => {
    if (isSeq(node)) { node.items.forEach(walk); return; }
    if (!isMap(node)) return;
    const argv: ShellWord[] = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (SCRIPT_KEYS.has(key) && (isScalar(pair.value) || isSeq(pair.value))) {
        // GitHub `run:`, GitLab `script:`; but `build:` in compose is a path or a map.
        if (key.endsWith('build') && !isSeq(pair.value)) { walk(pair.value); continue; }
        scriptOf(pair.value);
        continue;
      }
      if (ARGV_KEYS.includes(key)) {
        if (isSeq(pair.value)) {
          const words = pair.value.items.map((i) => scalarWord(i, text));
          if (words.every((w): w is ShellWord => !!w)) argv.push(...words);
        } else scriptOf(pair.value);
        continue;
      }
      walk(pair.value);
    }
    if (argv.length) out.push(...unwrapShell(argv));
  };
  for (const doc of parsed.docs) walk(doc.contents);
  return out;
}

/** A YAML scalar as one argument word with exact positions, when it is spelled as its value. */
function scalarWord(node: unknown, text: string): ShellWord | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const view = scalarLines(node, text);
  if (!view) return undefined;
  return { value: view.text, start: node.range[0], end: node.range[1], map: view.map, expansion: /\$|`/.test(view.text) };
}

/** `["sh", "-c", "pip install x && mlflow server"]`: the script is read as shell. */
export function unwrapShell(argv: ShellWord[]): ShellCommand[] {
  const prog = argv[0]?.value.replace(/^.*\//, '');
  if ((prog === 'sh' || prog === 'bash') && argv[1]?.value === '-c' && argv[2]) {
    const script = argv[2];
    return commandsInView({ text: script.value, map: script.map });
  }
  return [{ words: argv }];
}
