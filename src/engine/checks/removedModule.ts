import type { SyntaxNode } from '../../parser/types.js';
import { fill, type CheckContext } from '../context.js';
import type { RemovedModuleCheck } from '../rule.js';
import { isWithin, parentAttribute, referencesOf, REFERENCE_NODE_TYPES } from './references.js';

/**
 * A module that no longer exists: its imports fail, and so does every attribute path into it.
 * Reported once per import statement name and once per outermost attribute chain; uses of a name
 * imported from the module are not reported again (the import already is). Compatibility shims
 * (`try: import mlflow.fastai except ImportError: ...`, and uses of what such a shim imported) stay
 * silent; a use of the module through a plain guarded `import mlflow` does not.
 */
export const removedModule = {
  nodeTypes: REFERENCE_NODE_TYPES,
  onlyReferences: true,
  visit(check: RemovedModuleCheck, node: SyntaxNode, ctx: CheckContext): void {
    for (const ref of referencesOf(node, ctx)) {
      if (ref.guarded) continue;
      const module = check.modules.find((m) => isWithin(ref.path, m) || isWithin(ctx.canonical(ref.path), m));
      if (!module) continue;
      if (ref.form === 'attribute') {
        if (ref.viaImportedName && isWithin(ref.viaImportedName, module)) continue;
        // `try: import mlflow.fastai` ... `mlflow.fastai.autolog()`: a use of the shim's own import.
        if (ref.guardedHeadModules?.some((m) => isWithin(m, module))) continue;
        const outer = parentAttribute(ref.node);
        if (outer && ctx.importedPath(outer)) continue; // report the outermost chain only
      }
      // `patch.object(mlflow.fastai, "autolog")`: the receiver chain is already a finding.
      if (ref.receiverPath && isWithin(ref.receiverPath, module)) continue;
      // `from mlflow.fastai import x` is one finding, on the module name.
      if (ref.form === 'import-name' && isWithin(ref.path.slice(0, ref.path.lastIndexOf('.')), module)) continue;
      const values = { module, name: ref.path };
      ctx.report({ node: ref.node, message: fill(check.message, values), help: fill(check.help, values) });
    }
  },
};
