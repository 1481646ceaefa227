import { lineStartsOf, pointAt } from '../source/lines.js';
import type { Point, SyntaxNode, SyntaxTree, TreeCursor } from './types.js';

/**
 * A plain-JavaScript copy of a tree-sitter tree. Reading a node through either binding crosses
 * into native or WASM code on every property access (a profile of a 16k-line file spent 90 % of
 * the check there), so the tree is copied once with a cursor — about 1 µs a node through the
 * native binding, 0.35 µs through the WASM exports (src/parser/wasm.ts) — and every rule then
 * works on ordinary objects. The parser's tree can be freed right after.
 */
type Cursor = TreeCursor;
export type { TreeCursor };

class JsTreeData {
  private lineStarts: number[] | undefined;
  nextId = 0;

  constructor(readonly source: string) {}

  point(index: number): Point {
    return pointAt((this.lineStarts ??= lineStartsOf(this.source)), index);
  }
}

const EMPTY: JsNode[] = [];
const NO_FIELDS: Array<string | null> = [];

export class JsNode implements SyntaxNode {
  readonly id: number;
  parent: JsNode | null = null;
  children: JsNode[] = EMPTY;
  /** Field name of each child (parallel to `children`). */
  fields: Array<string | null> = NO_FIELDS;
  /** Position in the parent's `children`. */
  indexInParent = 0;
  hasError = false;
  private named: JsNode[] | undefined;

  constructor(
    private readonly data: JsTreeData,
    readonly type: string,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
  ) {
    this.id = data.nextId++;
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.data.source.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.data.point(this.startIndex);
  }

  get endPosition(): Point {
    return this.data.point(this.endIndex);
  }

  get namedChildren(): JsNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  childForFieldName(name: string): JsNode | null {
    const i = this.fields.indexOf(name);
    return i < 0 ? null : this.children[i]!;
  }

  childrenForFieldName(name: string): JsNode[] {
    const out: JsNode[] = [];
    for (let i = 0; i < this.children.length; i++) if (this.fields[i] === name) out.push(this.children[i]!);
    return out;
  }

  descendantsOfType(type: string | string[]): JsNode[] {
    const types = typeof type === 'string' ? [type] : type;
    const out: JsNode[] = [];
    const stack: JsNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      if (types.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
    return out;
  }

  get nextSibling(): JsNode | null {
    return this.parent?.children[this.indexInParent + 1] ?? null;
  }

  get previousSibling(): JsNode | null {
    return this.indexInParent > 0 ? this.parent!.children[this.indexInParent - 1]! : null;
  }

  get nextNamedSibling(): JsNode | null {
    for (let s = this.nextSibling; s; s = s.nextSibling) if (s.isNamed) return s;
    return null;
  }

  get previousNamedSibling(): JsNode | null {
    for (let s = this.previousSibling; s; s = s.previousSibling) if (s.isNamed) return s;
    return null;
  }

  /** A cursor over the copy (the semantic builder walks with one). */
  walk(): Cursor & { readonly currentNode: JsNode } {
    return new JsCursor(this);
  }
}

class JsCursor {
  constructor(private node: JsNode) {}
  get currentNode(): JsNode { return this.node; }
  get nodeType(): string { return this.node.type; }
  get nodeTypeId(): number { return -1; }
  get currentFieldId(): number { return -1; }
  get startIndex(): number { return this.node.startIndex; }
  get endIndex(): number { return this.node.endIndex; }
  get nodeIsNamed(): boolean { return this.node.isNamed; }
  get nodeIsMissing(): boolean { return this.node.isMissing; }
  get currentFieldName(): string | null { return this.node.parent?.fields[this.node.indexInParent] ?? null; }
  gotoFirstChild(): boolean {
    const first = this.node.children[0];
    if (!first) return false;
    this.node = first;
    return true;
  }
  gotoNextSibling(): boolean {
    const next = this.node.nextSibling;
    if (!next) return false;
    this.node = next;
    return true;
  }
  gotoParent(): boolean {
    if (!this.node.parent) return false;
    this.node = this.node.parent;
    return true;
  }
}

/**
 * Symbol and field names by id, learnt on first sight: each name is read from the binding once,
 * and every other node costs only numeric reads (names are the expensive part of a crossing).
 */
class NameCache {
  private readonly types = new Map<number, { type: string; named: boolean }>();
  private readonly fields = new Map<number, string | null>([[0, null]]);

  symbol(cursor: Cursor): { type: string; named: boolean } {
    const id = cursor.nodeTypeId;
    let entry = this.types.get(id);
    if (!entry) this.types.set(id, (entry = { type: cursor.nodeType, named: cursor.nodeIsNamed }));
    return entry;
  }

  field(cursor: Cursor): string | null {
    const id = cursor.currentFieldId;
    let name = this.fields.get(id);
    if (name === undefined) this.fields.set(id, (name = cursor.currentFieldName));
    return name;
  }
}

const nameCaches = new WeakMap<object, NameCache>();

/** Copies a parsed tree into JS objects (iteratively: no recursion limit on deep expressions). */
export function copyTree(tree: SyntaxTree, source: string, cursor: Cursor = (tree.rootNode as unknown as { walk(): Cursor }).walk()): SyntaxTree & { rootNode: JsNode } {
  const data = new JsTreeData(source);
  // Ids are per language; one cache per language object (the tree's, which both bindings expose).
  const language = ((tree as unknown as { language?: object }).language ?? NameCache) as object;
  let names = nameCaches.get(language);
  if (!names) nameCaches.set(language, (names = new NameCache()));
  const make = () => {
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const { type, named } = names.symbol(cursor);
    // Only zero-width nodes can be MISSING: skip the extra read for every other node.
    return new JsNode(data, type, start, end, named, start === end && cursor.nodeIsMissing);
  };
  // One pass, each node read once: `stack` holds the path from the root to the cursor, and
  // `pending` the children read so far of every node on it (from `firsts[i]` on for stack[i]). A
  // node's children become an array of exactly their number once it is finished: growing arrays
  // by push allocated twice the memory and made copying the largest allocation of a check.
  const pending: JsNode[] = [];
  const pendingFields: Array<string | null> = [];
  const firsts: number[] = [];
  const stack: JsNode[] = [];
  const open = (node: JsNode, field: string | null) => {
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      node.indexInParent = pending.length - firsts[firsts.length - 1]!;
      pending.push(node);
      pendingFields.push(field);
    }
    stack.push(node);
    firsts.push(pending.length);
  };
  const close = (): JsNode => {
    const node = stack.pop()!;
    const first = firsts.pop()!;
    if (pending.length > first) {
      node.children = pending.slice(first);
      for (let i = first; i < pendingFields.length; i++) {
        if (pendingFields[i] !== null) { node.fields = pendingFields.slice(first); break; }
      }
      for (const child of node.children) node.hasError ||= child.hasError;
      pending.length = first;
      pendingFields.length = first;
    }
    node.hasError ||= node.isMissing || node.type === 'ERROR';
    return node;
  };
  const root = make();
  open(root, null);
  for (;;) {
    if (cursor.gotoFirstChild()) {
      open(make(), names.field(cursor));
      continue;
    }
    for (;;) {
      close();
      if (!stack.length) {
        cursor.delete?.();
        return { rootNode: root };
      }
      if (cursor.gotoNextSibling()) {
        open(make(), names.field(cursor));
        break;
      }
      cursor.gotoParent();
    }
  }
}
