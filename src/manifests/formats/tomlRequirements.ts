import type { TomlString } from '../toml.js';
import { mapRequirement, normalizeName, parsePep508, type Dialect, type Requirement, type TextSpan } from '../requirement.js';

/** A PEP 508 requirement written as a TOML string, in file coordinates. */
export function pep508FromToml(s: TomlString): Requirement | undefined {
  const parsed = parsePep508(s.value);
  if (!parsed) return undefined;
  // With escapes in the literal, positions can only point at the string as a whole.
  return mapRequirement(parsed, (i) => (s.exact ? s.contentStart + i : s.contentStart), s.exact);
}

/** The span of a TOML string's content, when its text is its value. */
export function contentSpan(s: TomlString): TextSpan {
  return { start: s.contentStart, end: s.exact ? s.contentEnd : s.contentStart, text: s.value };
}

/**
 * Dependencies written as TOML keys (Poetry, Pipfile): `name = "constraint"`, or
 * `name = { version = "...", extras = [...] }`. `strings` are the values under one dependency
 * table; `depth` is the path length of that table.
 */
export function keyedRequirements(strings: TomlString[], depth: number, dialect: Dialect, anyVersion: (v: string) => boolean): Requirement[] {
  const byName = new Map<string, TomlString[]>();
  for (const s of strings) {
    const key = s.path.slice(0, depth + 1).join('\u0000');
    byName.set(key, [...(byName.get(key) ?? []), s]);
  }
  const out: Requirement[] = [];
  for (const group of byName.values()) {
    const first = group[0]!;
    const nameText = first.path[depth]!;
    const nameSpan = first.keySpans[depth];
    if (!nameSpan) continue;
    const name = { start: nameSpan.start, end: nameSpan.end, text: nameText };
    // Plain string, `{ version = ... }`, or a list of such tables (several constraints).
    const versions = group.filter((s) => s.path.length === depth + 1 || s.path[s.path.length - 1] === 'version');
    const extras = group.filter((s) => s.path[s.path.length - 2] === 'extras');
    const base = { name, normalized: normalizeName(nameText), dialect, span: { start: name.start, end: name.end } };
    const extrasPart = extras.length ? { extras: { span: { start: extras[0]!.start, end: extras[extras.length - 1]!.end }, items: extras.map(contentSpan), style: 'toml' as const } } : {};
    if (!versions.length) {
      out.push({ ...base, ...extrasPart, exact: extras.every((e) => e.exact) });
      continue;
    }
    for (const v of versions) {
      const spec = anyVersion(v.value.trim()) ? undefined : contentSpan(v);
      out.push({ ...base, ...extrasPart, specifier: spec, exact: v.exact && extras.every((e) => e.exact) });
    }
  }
  return out;
}
