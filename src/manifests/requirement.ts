/**
 * One dependency requirement with where each part is written, so a fix can rewrite only the
 * version and keep names, extras, markers, quotes and comments byte for byte.
 */
export interface Span {
  /** UTF-16 indices into the file's decoded text. */
  start: number;
  end: number;
}

export interface TextSpan extends Span {
  text: string;
}

/**
 * How the version constraint is spelled: PEP 440 specifiers (pip, PEP 621, Pipfile), Poetry's
 * constraints (`^2.9`, `~2.9`, `2.9.2`), or conda match specs (`=2.9.2`, `2.9.*`).
 */
export type Dialect = 'pep440' | 'poetry' | 'conda';

export interface Requirement {
  name: TextSpan;
  /** PEP 503 normalized name (`MLflow_Skinny` → `mlflow-skinny`). */
  normalized: string;
  /**
   * `[a,b]` after the name (`brackets`; `span` is the brackets), or a TOML array of strings
   * (`toml`: Poetry / Pipfile `extras = [...]`; `items` are the strings' contents).
   */
  extras?: { span: Span; items: TextSpan[]; style?: 'brackets' | 'toml' };
  /** The version constraint as written (absent: any version). */
  specifier?: TextSpan;
  marker?: TextSpan;
  /** `name @ url` requirements carry no version. */
  url?: boolean;
  dialect: Dialect;
  /** The whole requirement. */
  span: Span;
  /** False when positions are approximate (escapes in the host string): report, never edit. */
  exact: boolean;
  /** The line pins artifact hashes (`--hash=sha256:...`): a new version needs new hashes. */
  hashed?: boolean;
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;

/**
 * Parses a PEP 508 requirement (`name[extras] specifier ; marker`, or `name @ url`) at the start
 * of `text`. Positions are relative to `text`. Returns undefined for anything else (paths, URLs,
 * options).
 */
export function parsePep508(text: string): Requirement | undefined {
  let i = 0;
  const ws = () => { while (text[i] === ' ' || text[i] === '\t') i++; };
  ws();
  const nameMatch = NAME.exec(text.slice(i));
  if (!nameMatch) return undefined;
  const name = { start: i, end: i + nameMatch[0].length, text: nameMatch[0] };
  i = name.end;
  ws();
  const req: Requirement = { name, normalized: normalizeName(name.text), dialect: 'pep440', span: { start: name.start, end: name.end }, exact: true };
  if (text[i] === '[') {
    const close = text.indexOf(']', i);
    if (close < 0) return undefined;
    const items: TextSpan[] = [];
    const re = /[A-Za-z0-9][A-Za-z0-9._-]*/g;
    const inner = text.slice(i + 1, close);
    if (!/^[\sA-Za-z0-9._,-]*$/.test(inner)) return undefined;
    for (let m = re.exec(inner); m; m = re.exec(inner)) items.push({ start: i + 1 + m.index, end: i + 1 + m.index + m[0].length, text: m[0] });
    req.extras = { span: { start: i, end: close + 1 }, items };
    i = close + 1;
    req.span.end = i;
    ws();
  }
  if (text[i] === '@') {
    req.url = true;
    req.span.end = text.length;
    return req;
  }
  // The version part runs to the marker (`;`) or the end; `(>=2.9)` parentheses are allowed.
  const semi = text.indexOf(';', i);
  const versionEnd = semi < 0 ? text.length : semi;
  let vs = i;
  let ve = versionEnd;
  while (ve > vs && /\s/.test(text[ve - 1]!)) ve--;
  if (text[vs] === '(' && text[ve - 1] === ')') { vs++; ve--; }
  while (vs < ve && /\s/.test(text[vs]!)) vs++;
  while (ve > vs && /\s/.test(text[ve - 1]!)) ve--;
  if (ve > vs) {
    const spec = text.slice(vs, ve);
    if (!/^(?:~=|===|==|!=|<=|>=|<|>)/.test(spec)) return undefined;
    req.specifier = { start: vs, end: ve, text: spec };
    req.span.end = ve;
  }
  if (semi >= 0) {
    let ms = semi + 1;
    while (ms < text.length && /\s/.test(text[ms]!)) ms++;
    let me = text.length;
    while (me > ms && /\s/.test(text[me - 1]!)) me--;
    req.marker = { start: ms, end: me, text: text.slice(ms, me) };
    req.span.end = me;
  }
  return req;
}

/** Moves every position of a requirement parsed from a substring into file coordinates. */
export function mapRequirement(req: Requirement, map: (index: number) => number, exact = true): Requirement {
  const span = (s: Span): Span => ({ start: map(s.start), end: s.end > s.start ? map(s.end - 1) + 1 : map(s.start) });
  const text = (s: TextSpan): TextSpan => ({ ...span(s), text: s.text });
  // A part is editable only if its characters are contiguous in the file (no escapes inside).
  const contiguous = (s: Span) => s.end <= s.start || map(s.end - 1) - map(s.start) === s.end - s.start - 1;
  const parts = [req.name, req.specifier, req.marker, req.extras?.span].filter((s): s is Span => !!s);
  return {
    ...req,
    name: text(req.name),
    extras: req.extras && { ...req.extras, span: span(req.extras.span), items: req.extras.items.map(text) },
    specifier: req.specifier && text(req.specifier),
    marker: req.marker && text(req.marker),
    span: span(req.span),
    exact: req.exact && exact && parts.every(contiguous),
  };
}

export function offsetRequirement(req: Requirement, base: number): Requirement {
  return mapRequirement(req, (i) => base + i);
}
