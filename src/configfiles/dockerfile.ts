import { parseJsonWithRanges, type JsonNode } from '../notebooks/jsonScan.js';
import { unwrapShell } from './commandSites.js';
import { shellCommands, type ShellCommand, type ShellWord } from './shell.js';

/** One Dockerfile instruction, continuation lines included. */
export interface DockerInstruction {
  /** Upper-cased: `RUN`, `FROM`, `ENV`, ... */
  keyword: string;
  start: number;
  end: number;
  /** Where the arguments start (after the keyword and, for `RUN`, its `--flags`). */
  argsStart: number;
}

export interface Dockerfile {
  instructions: DockerInstruction[];
  /**
   * The text with comment lines inside continued instructions blanked (Docker drops them before
   * the shell sees the command). Same length as the file: positions are the file's.
   */
  masked: string;
}

export function parseDockerfile(text: string): Dockerfile {
  const chars = text.split('');
  const instructions: DockerInstruction[] = [];
  let current: DockerInstruction | undefined;
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const lineEnd = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(start, lineEnd);
    const trimmed = line.trim();
    if (current) {
      if (trimmed.startsWith('#') || !trimmed) {
        // Dropped by Docker inside a continuation: blank it with its line break.
        for (let k = start; k <= Math.min(nl, text.length - 1); k++) chars[k] = ' ';
      } else {
        current.end = lineEnd;
        if (!/\\\s*$/.test(line)) current = undefined;
      }
    } else if (trimmed && !trimmed.startsWith('#')) {
      const m = /^(\s*)([A-Za-z]+)(\s+|$)/.exec(line);
      if (m) {
        let argsStart = start + m[0].length;
        const keyword = m[2]!.toUpperCase();
        // `RUN --mount=type=cache,target=/root/.cache --network=none pip install ...`
        const flags = /^(?:--[a-z-]+(?:=\S*)?\s+)+/.exec(text.slice(argsStart, lineEnd));
        if (flags) argsStart += flags[0].length;
        current = { keyword, start: start + m[1]!.length, end: lineEnd, argsStart };
        instructions.push(current);
        if (!/\\\s*$/.test(line)) current = undefined;
      }
    }
    if (nl >= text.length) break;
    start = nl + 1;
  }
  return { instructions, masked: chars.join('') };
}

/**
 * The commands of a `RUN`/`CMD`/`ENTRYPOINT`: the shell form through the shell reader, the exec
 * form (`["mlflow", "server"]`) as one command whose words are the JSON strings.
 */
export function instructionCommands(df: Dockerfile, ins: DockerInstruction): ShellCommand[] {
  const args = df.masked.slice(ins.argsStart, ins.end);
  if (args.trimStart().startsWith('[')) {
    const lead = args.length - args.trimStart().length;
    try {
      const node = parseJsonWithRanges(args.trimEnd().slice(lead));
      const words = jsonArgv(node, ins.argsStart + lead);
      if (words) return unwrapShell(words);
    } catch {
      // Not JSON: Docker runs it with the shell.
    }
  }
  return shellCommands(df.masked, ins.argsStart, ins.end);
}

function jsonArgv(node: JsonNode, base: number): ShellWord[] | undefined {
  if (node.type !== 'array') return undefined;
  const words: ShellWord[] = [];
  for (const item of node.items) {
    if (item.type !== 'string') return undefined;
    words.push({ value: item.value, start: base + item.start, end: base + item.end, map: item.rawIndex.slice(0, -1).map((k) => base + k), expansion: false });
  }
  return words;
}
