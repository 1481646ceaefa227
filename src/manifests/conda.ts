import { normalizeName, type Requirement } from './requirement.js';

/**
 * A conda match spec (`mlflow=2.9.2`, `mlflow==2.9.2`, `mlflow>=2.9,<3`, `mlflow 2.9.2`,
 * `conda-forge::mlflow=2.9.2=py39_0`) as a requirement in the conda dialect. Positions are
 * relative to `text`. Bracket forms (`mlflow[version='>=2.9']`) are not read.
 */
export function parseCondaSpec(text: string): Requirement | undefined {
  const m = /^(\s*)((?:[\w.-]+::)?)([A-Za-z0-9_][A-Za-z0-9._-]*)/.exec(text);
  if (!m) return undefined;
  const nameStart = m[1]!.length + m[2]!.length;
  const name = { start: nameStart, end: nameStart + m[3]!.length, text: m[3]! };
  const req: Requirement = { name, normalized: normalizeName(name.text), dialect: 'conda', span: { start: name.start, end: name.end }, exact: true };
  const rest = text.slice(name.end);
  if (!rest.trim()) return req;
  if (rest.startsWith('[')) return undefined;
  // `name=2.9.2=build`: the version is between the two `=`; `name 2.9.2 build`: the second word.
  let vStart: number;
  let vText: string;
  const spaced = /^(\s+)(\S+)/.exec(rest);
  const pinned = /^=([^=<>!,|\s]+)(?:=\S*)?\s*$/.exec(rest);
  if (spaced) {
    vStart = name.end + spaced[1]!.length;
    vText = spaced[2]!;
  } else if (pinned) {
    vStart = name.end;
    vText = `=${pinned[1]}`;
  } else {
    const op = /^(?:==|>=|<=|!=|~=|>|<)\S*/.exec(rest);
    if (!op) return undefined;
    vStart = name.end;
    vText = op[0];
  }
  req.specifier = { start: vStart, end: vStart + vText.length, text: vText };
  req.span.end = req.specifier.end;
  return req;
}
