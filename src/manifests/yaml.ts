import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from 'yaml';

/**
 * YAML through eemeli/yaml, which keeps every node's source range: findings and edits need the
 * position of a scalar's characters, not only its value.
 */
export type YamlParse = { docs: Document.Parsed[] } | { error: string };

export function parseYaml(text: string): YamlParse {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { docs: [] };
  for (const d of docs) {
    if (d.errors.length) return { error: `not valid YAML: ${d.errors[0]!.message.split('\n')[0]}` };
  }
  return { docs };
}

/** The text of a scalar as written and where it is; exact when that text is its value. */
export interface ScalarText {
  text: string;
  start: number;
  end: number;
  exact: boolean;
}

export function scalarText(node: unknown, source: string): ScalarText | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const raw = source.slice(start, end);
  switch (node.type) {
    case 'PLAIN':
      return raw.includes('\n') ? undefined : { text: raw, start, end, exact: true };
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      const inner = raw.slice(1, -1);
      const exact = inner === String(node.value);
      return { text: exact ? inner : String(node.value), start: start + 1, end: exact ? end - 1 : start + 1, exact };
    }
    default:
      return undefined;
  }
}

/**
 * What a shell would read from a scalar holding commands (a CI `run: |` block, a compose
 * `command:`): block scalars line by line without their indentation, with the position of every
 * character. Folded blocks are read line by line too (a command never spans folded lines in
 * practice). Escaped double-quoted strings are not read.
 */
export function scalarLines(node: unknown, source: string): { text: string; map: number[] } | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    const headerEnd = source.indexOf('\n', start);
    if (headerEnd < 0 || headerEnd >= end) return { text: '', map: [] };
    const lines: Array<{ s: number; e: number }> = [];
    for (let s = headerEnd + 1; s < end; ) {
      let nl = source.indexOf('\n', s);
      if (nl < 0 || nl > end) nl = end;
      lines.push({ s, e: nl > s && source[nl - 1] === '\r' ? nl - 1 : nl });
      s = nl + 1;
    }
    const indent = Math.min(...lines.filter((l) => source.slice(l.s, l.e).trim()).map((l) => source.slice(l.s, l.e).length - source.slice(l.s, l.e).trimStart().length));
    let text = '';
    const map: number[] = [];
    for (const l of lines) {
      for (let k = Math.min(l.s + (Number.isFinite(indent) ? indent : 0), l.e); k < l.e; k++) { text += source[k]; map.push(k); }
      text += '\n';
      map.push(l.e);
    }
    return { text, map };
  }
  if (node.type === 'PLAIN') {
    // A multi-line plain scalar folds its lines; read each one where it is written.
    let text = '';
    const map: number[] = [];
    for (let k = start; k < end; k++) { text += source[k]; map.push(k); }
    return { text, map };
  }
  const s = scalarText(node, source);
  if (!s || !s.exact) return undefined;
  return { text: s.text, map: Array.from({ length: s.text.length }, (_, k) => s.start + k) };
}

/** `map[key]` of a YAML mapping node. */
export function get(node: unknown, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return (pair.value as Node | null) ?? undefined;
  }
  return undefined;
}

export function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function entries(node: unknown): Array<{ key: Scalar; value: unknown }> {
  if (!isMap(node)) return [];
  return node.items.filter((p) => isScalar(p.key)).map((p) => ({ key: p.key as Scalar, value: p.value }));
}

export { isMap, isScalar, isSeq };
