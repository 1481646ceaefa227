import { compare, explain, major, satisfies, validRange } from '@renovatebot/pep440';
import type { Dialect, TextSpan } from './requirement.js';

/**
 * Version constraints in the three dialects we read, reduced to PEP 440 so that every decision
 * (does it admit the target? which release does it pin?) is made by @renovatebot/pep440. Each
 * clause keeps where its version is written, so a fix moves only that text.
 */
export interface Clause {
  /** The operator as written: PEP 440 ones, Poetry `^`/`~`/`` (bare), conda `=`/`` (bare). */
  op: string;
  /** The version as written (with `.*` / `*` wildcards), positions in file coordinates. */
  version: TextSpan;
  /** The same constraint in PEP 440 (empty string: any version). */
  pep440: string;
}

/** Alternatives (Poetry `||`, conda `|`) of clauses that must all hold. */
export interface Constraint {
  alternatives: Clause[][];
}

const PEP440_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;
const POETRY_CLAUSE = /^(\^|~(?!=)|~=|===|==|!=|<=|>=|<|>|=)?\s*(\S+)$/;
const CONDA_CLAUSE = /^(===|==|!=|<=|>=|<|>|~=|=)?\s*(\S+)$/;

/** Parses a constraint written at `spec.start` of the file; undefined when it is not understood. */
export function parseConstraint(spec: TextSpan, dialect: Dialect): Constraint | undefined {
  const alternatives: Clause[][] = [];
  const orSplit = dialect === 'pep440' ? /(?!)/g : dialect === 'poetry' ? /\|\|/g : /\|/g;
  for (const alt of splitWithOffsets(spec.text, orSplit)) {
    // Poetry also separates AND clauses by spaces (`>=2.9 <3`); commas everywhere.
    const parts = splitWithOffsets(alt.text, dialect === 'poetry' ? /,|\s+(?=[<>=!~^\d])/g : /,/g);
    const clauses: Clause[] = [];
    for (const part of parts) {
      const trimmed = part.text.trim();
      if (!trimmed) continue;
      if (trimmed === '*' && dialect !== 'pep440') continue;
      const lead = part.text.length - part.text.trimStart().length;
      const re = dialect === 'pep440' ? PEP440_CLAUSE : dialect === 'poetry' ? POETRY_CLAUSE : CONDA_CLAUSE;
      const m = re.exec(trimmed);
      if (!m) return undefined;
      const op = m[1] ?? '';
      const versionText = m[2]!;
      const vStart = spec.start + alt.offset + part.offset + lead + trimmed.length - versionText.length;
      const pep440 = toPep440(op, versionText, dialect);
      if (pep440 === undefined || !validRange(pep440)) return undefined;
      clauses.push({ op, version: { start: vStart, end: vStart + versionText.length, text: versionText }, pep440 });
    }
    alternatives.push(clauses);
  }
  return alternatives.length ? { alternatives } : undefined;
}

function splitWithOffsets(text: string, sep: RegExp): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let last = 0;
  for (const m of text.matchAll(sep)) {
    out.push({ text: text.slice(last, m.index), offset: last });
    last = m.index! + m[0].length;
  }
  out.push({ text: text.slice(last), offset: last });
  return out;
}

function release(version: string): number[] | undefined {
  return explain(version.replace(/\.?\*$/, ''))?.release;
}

function toPep440(op: string, version: string, dialect: Dialect): string | undefined {
  const wildcard = /\.?\*$/.test(version);
  const base = version.replace(/\.?\*$/, '');
  if (dialect === 'pep440') return `${op}${version}`;
  if (dialect === 'poetry' && (op === '^' || op === '~')) {
    const r = release(base);
    if (!r || wildcard) return undefined;
    // ^2.9.1 → >=2.9.1,<3.0.0 ; ^0.3 → >=0.3,<0.4 ; ~2.9.1 → >=2.9.1,<2.10.0 ; ~2 → >=2,<3
    const upper = op === '^' ? caretUpper(r) : r.length === 1 ? [r[0]! + 1] : [r[0]!, r[1]! + 1];
    return `>=${base},<${upper.join('.')}`;
  }
  if (op === '' || (op === '=' )) {
    if (!base) return '';
    // Poetry's bare `2.9.2` is exact; conda's `=2.9` is fuzzy (`2.9.*`), its bare `2.9.2` exact.
    const fuzzy = wildcard || (dialect === 'conda' && op === '=');
    return fuzzy ? `==${base}.*` : `==${base}`;
  }
  return `${op}${version}`;
}

function caretUpper(r: number[]): number[] {
  const firstNonZero = r.findIndex((n) => n !== 0);
  const k = firstNonZero < 0 ? r.length - 1 : firstNonZero;
  return [...r.slice(0, k), r[k]! + 1];
}

export function pep440Of(clauses: readonly Clause[]): string {
  return clauses.map((c) => c.pep440).filter(Boolean).join(',');
}

export function admits(constraint: Constraint, version: string): boolean {
  return constraint.alternatives.some((alt) => satisfies(version, pep440Of(alt)));
}

/**
 * The lowest release a constraint admits that can be read off it (`==2.9.2` → 2.9.2,
 * `>=2.8.1,<3` → 2.8.1, `~=2.9` → 2.9); undefined when the constraint names no floor (`<3`, `>2.9`).
 */
export function lowestAdmitted(constraint: Constraint): string | undefined {
  let best: string | undefined;
  for (const alt of constraint.alternatives) {
    const spec = pep440Of(alt);
    // All floors hold together: the highest one, if the constraint admits it, is the lowest release.
    const floor = alt.flatMap((c) => floorsOf(c)).sort(compare).pop();
    const low = floor && satisfies(floor, spec) ? floor : undefined;
    if (low && (!best || compare(low, best) < 0)) best = low;
  }
  return best;
}

function floorsOf(c: Clause): string[] {
  return c.pep440.split(',').flatMap((part) => {
    const m = /^(===|==|>=|~=)(.+?)(\.\*)?$/.exec(part);
    return m && !/[*+]/.test(m[2]!) ? [m[2]!] : [];
  });
}

/** Every alternative requires a release after `version` (`>=3.5`, `==3.5.*`, `>3.4.0` for 3.4.0). */
export function floorAbove(constraint: Constraint, version: string): boolean {
  return constraint.alternatives.every((alt) =>
    alt.some((c) => c.pep440.split(',').some((part) => {
      const m = /^(===|==|>=|~=|>)(.+?)(\.\*)?$/.exec(part);
      if (!m || /[*+]/.test(m[2]!)) return false;
      const order = compare(m[2]!, version);
      return order > 0 || (order === 0 && m[1] === '>');
    })));
}

/**
 * The major version every release the constraint admits shares (`==2.9.2`, `>=2.8,<3`, `^2.9`),
 * or undefined (no floor, or the constraint also admits a later major).
 */
export function pinnedMajor(constraint: Constraint): number | undefined {
  const low = lowestAdmitted(constraint);
  if (!low) return undefined;
  const m = major(low);
  const probes = [`${m + 1}.0.0`, `${m + 1}.0.1`, `${m + 1}.1.0`, `${m + 1}.999.999`, `${m + 2}.0.0`, `${m + 50}.0.0`];
  return probes.some((p) => admits(constraint, p)) ? undefined : m;
}

export interface ClauseEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Edits that make a single-alternative constraint admit `target` by moving only the versions of
 * the clauses that exclude it: `==2.9.2` → `==3.4.0`, `<3` → `<4`, `<3.0` → `<4.0`,
 * `~=2.9` → `~=3.4`, `^2.9` → `^3.4`, `=2.9.2` (conda) → `=3.4.0`. Undefined when no such move
 * exists (a `!=` of the target, a floor above it, a local version) or the result still excludes it.
 */
export function retargetEdits(constraint: Constraint, target: string, dialect: Dialect): ClauseEdit[] | undefined {
  if (constraint.alternatives.length !== 1) return undefined;
  const clauses = constraint.alternatives[0]!;
  const t = explain(target)?.release;
  if (!t) return undefined;
  const edits: ClauseEdit[] = [];
  const moved: Clause[] = [];
  for (const c of clauses) {
    if (!c.pep440 || satisfies(target, c.pep440)) { moved.push(c); continue; }
    const text = movedVersion(c, t);
    if (text === undefined) return undefined;
    edits.push({ start: c.version.start, end: c.version.end, text });
    const pep440 = toPep440(c.op, text, dialect);
    if (pep440 === undefined) return undefined;
    moved.push({ ...c, version: { ...c.version, text }, pep440 });
  }
  return edits.length && satisfies(target, pep440Of(moved)) ? edits : undefined;
}

function movedVersion(c: Clause, t: number[]): string | undefined {
  const written = c.version.text;
  const wildcard = /\.?\*$/.exec(written)?.[0] ?? '';
  const base = written.slice(0, written.length - wildcard.length);
  const r = explain(base);
  if (!r || r.local || r.epoch) return undefined;
  const n = r.release.length;
  const shaped = (parts: number[]) => Array.from({ length: n }, (_, k) => parts[k] ?? 0).join('.');
  switch (c.op) {
    case '<': {
      // `<3` / `<3.0` cap a major: cap the target's major; `<2.10` caps a minor: cap the target's.
      const majorCap = r.release.slice(1).every((x) => x === 0);
      return majorCap ? shaped([t[0]! + 1]) : shaped([t[0]!, (t[1] ?? 0) + 1]);
    }
    case '>': case '>=': case '!=':
      return undefined;
    default:
      // ==, ===, ~=, <=, ^, ~, bare and conda `=`: the target, spelled with as many parts.
      return shaped(t) + wildcard;
  }
}

/** Python releases a constraint is probed with: 2.7.x and 3.0.x to 3.14.x, in order. */
const PYTHON_PROBES: readonly string[] = [
  ...Array.from({ length: 19 }, (_, p) => `2.7.${p}`),
  ...Array.from({ length: 15 * 26 }, (_, k) => `3.${Math.floor(k / 26)}.${k % 26}`),
];

/** The lowest Python version a constraint admits below `required`, or undefined when none is. */
export function pythonBelow(constraint: Constraint, required: string): string | undefined {
  const admitted = PYTHON_PROBES.find((v) => compare(v, required) < 0 && admits(constraint, v));
  return admitted?.replace(/\.0$/, '');
}

/** Whether a constraint admits some Python at or above `required`. */
export function pythonFrom(constraint: Constraint, required: string): boolean {
  return PYTHON_PROBES.some((v) => compare(v, required) >= 0 && admits(constraint, v));
}

/** The oldest Python the target MLflow release supports (3.9 was dropped in 3.2.0, 3.8 in 2.18.0). */
export function requiredPython(target: string): string {
  if (compare(target, '3.2.0') >= 0) return '3.10';
  if (compare(target, '2.18.0') >= 0) return '3.9';
  return '3.8';
}
