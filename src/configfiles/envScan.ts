import { ignoredValue, WATCHED_NAMES } from './envVars.js';

/** Where a watched environment variable is named in a text file. */
export interface EnvOccurrence {
  name: string;
  start: number;
  end: number;
  /** This mention sets the variable (`NAME=...`, `ENV NAME ...`, `NAME:` / `- name: NAME` in YAML), rather than reading it. */
  defines: boolean;
  /** The whole line (with its line break), when that line only sets this variable: what a removal deletes. */
  definitionLine?: { start: number; end: number };
  /**
   * For a setting whose value is written on the same line (`NAME=1`, `ENV NAME 1`, `NAME: "1"`):
   * the value without its quotes. Absent when it is computed (`$X`, `${{ ... }}`) or written
   * elsewhere (a Kubernetes `value:` on the next line).
   */
  value?: string;
}

export type EnvSyntax = 'shell' | 'dotenv' | 'dockerfile' | 'yaml' | 'make' | 'ini';

const NAME = /(?<![A-Za-z0-9_])(MLFLOW_[A-Z0-9_]+|GUNICORN_CMD_ARGS|DO_NOT_TRACK)(?![A-Za-z0-9_])/g;

/** Every mention of a watched variable outside comment lines. */
export function envOccurrences(text: string, syntax: EnvSyntax): EnvOccurrence[] {
  const out: EnvOccurrence[] = [];
  for (const m of text.matchAll(NAME)) {
    const name = m[1]!;
    if (!WATCHED_NAMES.has(name)) continue;
    const start = m.index!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    let lineEnd = text.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    if (/^\s*[#;]/.test(line) && !(syntax === 'make' && line.startsWith('\t'))) continue;
    const occurrence: EnvOccurrence = { name, start, end: start + name.length, defines: defines(line, start - lineStart, name, syntax) };
    if (definesOnly(line, name, syntax, text, lineStart, lineEnd)) occurrence.definitionLine = { start: lineStart, end: Math.min(lineEnd + 1, text.length) };
    if (occurrence.defines) {
      const value = valueAfter(line.slice(start - lineStart + name.length), syntax);
      if (value !== undefined) occurrence.value = value;
    }
    out.push(occurrence);
  }
  return out;
}

function defines(line: string, at: number, name: string, syntax: EnvSyntax): boolean {
  const before = line.slice(0, at);
  const after = line.slice(at + name.length);
  if (/^\s*[:?+]?=/.test(after) && !/\$\{?$/.test(before)) return true;
  if (syntax === 'dockerfile') return /^\s*(?:ENV|ARG)\s+$/i.test(before) && /^\s+\S/.test(after);
  if (syntax === 'yaml') return /^\s*["']?\s*:/.test(after) || /\bname\s*:\s*["']?$/.test(before);
  return false;
}

/** The literal value after a variable's name on the line that sets it (`=1`, ` 1` after Dockerfile `ENV`, `: "1"`). */
function valueAfter(after: string, syntax: EnvSyntax): string | undefined {
  const separator = /^\s*[:?+]?=\s*/.exec(after) ?? (syntax === 'yaml' ? /^\s*["']?\s*:\s*/.exec(after) : syntax === 'dockerfile' ? /^\s+/.exec(after) : null);
  if (!separator) return undefined;
  const m = /^(?:"([^"$`\\]*)"|'([^']*)'|([^\s;&|#'"$`\\]+))(?=$|[\s;&|#'"])/.exec(after.slice(separator[0].length));
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function definesOnly(line: string, name: string, syntax: EnvSyntax, text: string, lineStart: number, lineEnd: number): boolean {
  // A line continued from or onto another is part of a longer statement.
  if (/\\\s*$/.test(line) || /\\\r?\n$/.test(text.slice(Math.max(0, lineStart - 3), lineStart))) return false;
  const value = String.raw`(?:"[^"]*"|'[^']*'|[^\s;&|#'"]*)\s*(?:#.*)?$`;
  switch (syntax) {
    case 'dotenv':
    case 'shell':
      return new RegExp(String.raw`^\s*(?:export\s+)?${name}=${value}`).test(line);
    case 'make':
      return new RegExp(String.raw`^(?:export\s+)?${name}\s*[:?+]?=`).test(line);
    case 'dockerfile':
      return new RegExp(String.raw`^\s*ENV\s+${name}(?:=${value}|\s+[^=]*$)`, 'i').test(line);
    case 'yaml': {
      const entry = new RegExp(String.raw`^(\s*)(?:${name}\s*:\s*\S.*|-\s*["']?${name}=.*)$`).exec(line);
      if (!entry) return false;
      // Only a mapping or list with other entries stays valid without this one.
      const indent = entry[1]!;
      const neighbours = [text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1), text.slice(lineEnd + 1, (text.indexOf('\n', lineEnd + 1) + 1 || text.length + 1) - 1)];
      const sameShape = line.trimStart().startsWith('-') ? /^-\s*\S/ : /^[\w"'.-]+\s*:/;
      return neighbours.some((n) => n.startsWith(indent) && !/^\s/.test(n.slice(indent.length)) && sameShape.test(n.slice(indent.length)));
    }
    default:
      return false;
  }
}

/**
 * What a file's mentions of watched variables tell the project-level checks: the names it
 * mentions, except a variable whose every setting here has a value MLflow ignores
 * (`DO_NOT_TRACK=1`), which is listed apart as written.
 */
export function envFacts(occurrences: ReadonlyArray<Pick<EnvOccurrence, 'name' | 'defines' | 'value'>>): { envNames: string[]; ignoredEnv: string[] } {
  const envNames: string[] = [];
  const ignoredEnv: string[] = [];
  for (const name of new Set(occurrences.map((o) => o.name))) {
    const settings = occurrences.filter((o) => o.name === name && o.defines);
    if (settings.length && settings.every((o) => o.value !== undefined && ignoredValue(name, o.value))) {
      ignoredEnv.push(...new Set(settings.map((o) => `${name}=${o.value}`)));
    } else envNames.push(name);
  }
  return { envNames, ignoredEnv };
}
