import type { SyntaxNode } from '../../parser/types.js';
import { isInAttributeErrorTry, isImportShim } from '../../semantic/builder.js';
import type { CheckContext } from '../context.js';
import { callArguments, isPatchTargetString, patchObjectReceiver, stringContent } from '../syntax.js';

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
  /**
   * The reference is guarded: an import inside a `try/except ImportError` shim, an attribute chain
   * inside a `try` that handles AttributeError, an `import_module(...)` string inside an ImportError try.
   */
  guarded: boolean;
  /** Attribute chains: modules loaded by guarded imports of the head name (`try: import mlflow.fastai`). */
  guardedHeadModules?: string[];
  /** `patch.object(receiver, "attr")` strings: the receiver's path (itself a reference). */
  receiverPath?: string;
}

export const REFERENCE_NODE_TYPES = ['import_statement', 'import_from_statement', 'attribute', 'string'];

/** The paths `node` names (shared by every rule that asks: do not mutate). */
export function referencesOf(node: SyntaxNode, ctx: CheckContext): readonly PathReference[] {
  return ctx.model.derived<PathReference[]>(referencesOf, node, ctx.scope) ?? ctx.model.keepDerived(referencesOf, node, ctx.scope, computeReferences(node, ctx));
}

function computeReferences(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  switch (node.type) {
    case 'import_statement':
      return importStatementRefs(node);
    case 'import_from_statement':
      return importFromRefs(node);
    case 'attribute':
      return attributeRef(node, ctx);
    case 'string':
      return stringRef(node, ctx);
    default:
      return [];
  }
}

function importStatementRefs(node: SyntaxNode): PathReference[] {
  const guarded = isImportShim(node);
  return node.childrenForFieldName('name').flatMap((item) => {
    const nameNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    if (!nameNode) return [];
    return [{ path: nameNode.text.replace(/\s+/g, ''), node: nameNode, form: 'import-module' as const, statement: node, guarded }];
  });
}

function importFromRefs(node: SyntaxNode): PathReference[] {
  const moduleNode = node.childForFieldName('module_name');
  if (!moduleNode || moduleNode.type === 'relative_import') return [];
  const module = moduleNode.text.replace(/\s+/g, '');
  const guarded = isImportShim(node);
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
  const viaImportedName = ctx.importedPath(head) ?? undefined;
  const guardedHeadModules = ctx.model.candidatesOf(head, ctx.scope)
    .filter((b) => b.guarded && b.kind === 'import')
    .map((b) => b.loadedModule ?? b.importPath ?? '');
  return [{ path, node, form: 'attribute', viaImportedName, guarded: isInAttributeErrorTry(node), guardedHeadModules }];
}

function stringRef(node: SyntaxNode, ctx: CheckContext): PathReference[] {
  const content = stringContent(node);
  if (!content || !/^mlflow(\.[A-Za-z_]\w*)+$/.test(content.text) && !/^[A-Za-z_]\w*$/.test(content.text)) return [];
  if (content.text.startsWith('mlflow.') && isPatchTargetString(node)) {
    return [{ path: content.text, node, form: 'string', contentStart: content.start, contentEnd: content.end, guarded: false }];
  }
  if (content.text.startsWith('mlflow') && isImportModuleArgument(node, ctx)) {
    return [{ path: content.text, node, form: 'string', contentStart: content.start, contentEnd: content.end, guarded: isImportShim(node) }];
  }
  const receiver = patchObjectReceiver(node);
  if (receiver && /^[A-Za-z_]\w*$/.test(content.text)) {
    const base = ctx.importedPath(receiver);
    if (base === 'mlflow' || base?.startsWith('mlflow.')) {
      return [{ path: `${base}.${content.text}`, node, form: 'string', contentStart: content.start, contentEnd: content.end, guarded: false, receiverPath: base }];
    }
  }
  return [];
}

/** `importlib.import_module("mlflow.fastai")` / `__import__("mlflow.fastai")`: the string is an import. */
function isImportModuleArgument(node: SyntaxNode, ctx: CheckContext): boolean {
  const call = node.parent?.type === 'argument_list' ? node.parent.parent : null;
  const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
  if (!call || !fn || callArguments(call)[0]?.startIndex !== node.startIndex) return false;
  if (fn.type === 'identifier' && fn.text === '__import__') return ctx.model.resolveIdentifier(fn, ctx.scope).kind === 'unresolved';
  return ctx.importedPath(fn) === 'importlib.import_module';
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
