import type { SyntaxNode } from '../../parser/types.js';
import type { CheckContext } from '../context.js';
import { isPatchTargetString, patchObjectReceiver, stringContent } from '../syntax.js';

/**
 * Every place a dotted MLflow path is *named* (rather than computed): imports, attribute chains
 * and mock-patch string targets. Removed-module and moved-symbol checks match on these.
 */
export interface PathReference {
  /** The path as written, after following the head through imports (not canonicalized). */
  path: string;
  /** What to underline. */
  node: SyntaxNode;
  /** Where the dotted text sits and what it is (for rewrites). */
  form: 'import-module' | 'import-name' | 'from-module' | 'attribute' | 'string';
  /** For `string`: the range of the string's content. */
  contentStart?: number;
  contentEnd?: number;
  /** The import statement, for import forms. */
  statement?: SyntaxNode;
  /** The reference goes through a binding whose own import already named this path (reported there). */
  viaImportedName?: string;
  /** Inside a `try/except ImportError` shim. */
  guarded: boolean;
}

export const REFERENCE_NODE_TYPES = ['import_statement', 'import_from_statement', 'attribute', 'string'];

export function referencesOf(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  switch (node.type) {
    case 'import_statement':
      return importStatementRefs(node, ctx);
    case 'import_from_statement':
      return importFromRefs(node, ctx);
    case 'attribute':
      return attributeRef(node, ctx);
    case 'string':
      return stringRef(node, ctx);
    default:
      return [];
  }
}

function isGuarded(ctx: CheckContext, statement: SyntaxNode): boolean {
  for (const bindings of ctx.scope.bindings.values()) {
    for (const b of bindings) if (b.node === statement || (b.node.startIndex === statement.startIndex && b.node.type === statement.type)) return b.guarded;
  }
  for (const star of ctx.scope.starImports) if (star.node.startIndex === statement.startIndex) return star.guarded;
  return false;
}

function importStatementRefs(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  const guarded = isGuarded(ctx, node);
  return node.childrenForFieldName('name').flatMap((item) => {
    const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    if (!nameNode) return [];
    return [{ path: nameNode.text.replace(/\s+/g, ''), node: nameNode, form: 'import-module' as const, statement: node, guarded }];
  });
}

function importFromRefs(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') return [];
  const module = moduleNode.text.replace(/\s+/g, '');
  const guarded = isGuarded(ctx, node);
  const refs: PathReference[] = [{ path: module, node: moduleNode, form: 'from-module', statement: node, guarded }];
  for (const item of node.childrenForFieldName('name')) {
    const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    if (nameNode) refs.push({ path: `${module}.${nameNode.text}`, node: nameNode, form: 'import-name', statement: node, guarded });
  }
  return refs;
}

function attributeRef(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  const path = ctx.importedPath(node);
  if (!path) return [];
  let head = node;
  while (head.type === 'attribute') head = head.childForFieldName('object')!;
  const r = ctx.model.resolveIdentifier(head, ctx.scope);
  const viaImportedName = r.kind === 'binding' ? r.binding.importPath : r.kind === 'star' ? r.path : undefined;
  const guarded = r.kind === 'binding' ? r.binding.guarded : false;
  return [{ path, node, form: 'attribute', viaImportedName, guarded }];
}

function stringRef(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  const content = stringContent(node);
  if (!content || !/^mlflow(\.[A-Za-z_]\w*)+$/.test(content.text) && !/^[A-Za-z_]\w*$/.test(content.text)) return [];
  if (isPatchTargetString(node) && content.text.startsWith('mlflow.')) {
    return [{ path: content.text, node, form: 'string', contentStart: content.start, contentEnd: content.end, guarded: false }];
  }
  const receiver = patchObjectReceiver(node);
  if (receiver && /^[A-Za-z_]\w*$/.test(content.text)) {
    const base = ctx.importedPath(receiver);
    if (base?.startsWith('mlflow')) {
      return [{ path: `${base}.${content.text}`, node, form: 'string', contentStart: content.start, contentEnd: content.end, guarded: false }];
    }
  }
  return [];
}

/** Is `path` the module itself or inside it? */
export function isWithin(path: string, module: string): boolean {
  return path === module || path.startsWith(`${module}.`);
}

/** The outermost attribute chain of which `node` is the object part (`a.b` in `a.b.c`), if any. */
export function parentAttribute(node: SyntaxNode): SyntaxNode | null {
  const p = node.parent;
  return p?.type === 'attribute' && p.childForFieldName('object')?.startIndex === node.startIndex && p.childForFieldName('object')?.endIndex === node.endIndex ? p : null;
}
