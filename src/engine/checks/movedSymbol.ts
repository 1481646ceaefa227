import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { MovedSymbolCheck } from '../rule.js';
import type { Edit } from '../types.js';
import { isWithin, referencesOf, REFERENCE_NODE_TYPES, type PathReference } from './references.js';

/**
 * A symbol that is gone from one import path (and may live at another). Matched on the path as
 * written, because the canonical object may still exist elsewhere. The rewrite replaces the module
 * part of a `from ... import` (when every imported name moves to the same module), a fully
 * spelled attribute chain, or a mock-patch string.
 */
export const movedSymbol = {
  nodeTypes: REFERENCE_NODE_TYPES,
  onlyReferences: true,
  visit(check: MovedSymbolCheck, node: SyntaxNode, ctx: CheckContext): void {
    for (const ref of referencesOf(node, ctx)) {
      if (ref.guarded) continue;
      if (ref.form === 'from-module' || ref.form === 'import-module') continue;
      const symbol = check.symbols.find((s) => isWithin(ref.path, s.from));
      if (!symbol) continue;
      if (ref.form === 'attribute') {
        if (ref.viaImportedName && isWithin(ref.viaImportedName, symbol.from)) continue; // reported at the import
        if (ref.path !== symbol.from) continue; // report the chain that names the symbol itself
      }
      const values = { from: symbol.from, to: symbol.to ?? '' };
      const edits = symbol.to ? rewrite(ref, symbol.from, symbol.to, check, ctx) : undefined;
      ctx.report({
        node: ref.node,
        message: fill(check.message, values),
        help: fill(check.help, values),
        fix: edits ? { applicability: check.applicability ?? 'safe', edits } : undefined,
      });
    }
  },
};

function rewrite(ref: PathReference, from: string, to: string, check: MovedSymbolCheck, ctx: CheckContext): Edit[] | undefined {
  const fromModule = from.slice(0, from.lastIndexOf('.'));
  const toModule = to.slice(0, to.lastIndexOf('.'));
  const sameName = from.slice(from.lastIndexOf('.') + 1) === to.slice(to.lastIndexOf('.') + 1);
  switch (ref.form) {
    case 'import-name': {
      const statement = ref.statement!;
      const moduleNode = statement.childForFieldName('module_name')!;
      if (!sameName || moduleNode.text.replace(/\s+/g, '') !== fromModule) return undefined;
      // Only when every name of the statement moves to the same module.
      const names = statement.childrenForFieldName('name').map((item) => (item.type === 'aliased_import' ? item.childForFieldName('name')!.text : item.text));
      const allMove = names.every((n) => check.symbols.some((s) => s.from === `${fromModule}.${n}` && s.to?.startsWith(`${toModule}.`) && s.to.slice(toModule.length + 1) === n));
      if (!allMove) return undefined;
      // Several findings on one statement carry the same edit; the fixer applies identical edits once.
      return [{ start: moduleNode.startIndex, end: moduleNode.endIndex, text: toModule }];
    }
    case 'attribute': {
      // Only a chain spelled from a plain `import mlflow` head can be rewritten textually.
      let head = ref.node;
      while (head.type === 'attribute') head = head.childForFieldName('object')!;
      const r = ctx.model.resolveIdentifier(head, ctx.scope);
      if (r.kind !== 'binding' || r.binding.importPath !== 'mlflow') return undefined;
      if (ref.node.text.replace(/\s+/g, '') !== `${head.text}${from.slice('mlflow'.length)}`) return undefined;
      return [{ start: ref.node.startIndex, end: ref.node.endIndex, text: `${head.text}${to.slice('mlflow'.length)}` }];
    }
    case 'string':
      return [{ start: ref.contentStart!, end: ref.contentEnd!, text: to + ref.path.slice(from.length) }];
    default:
      return undefined;
  }
}

