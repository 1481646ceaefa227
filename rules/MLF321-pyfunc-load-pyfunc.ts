import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import type { Edit } from '../src/engine/types.js';
import { defineRule } from '../src/engine/rule.js';
import { referencesOf, REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';

const OLD = 'mlflow.pyfunc.load_pyfunc';

export default defineRule({
  code: 'MLF321',
  name: 'pyfunc-load-pyfunc',
  severity: 'warning',
  fix: 'safe',
  item: '#63',
  // Deprecated since MLflow 1.0 and still present in 3.4: no version range makes it newly apply.
  since: '',
  triggers: ['load_pyfunc'],
  docs: {
    summary: '`mlflow.pyfunc.load_pyfunc` is deprecated; use `mlflow.pyfunc.load_model`.',
    whatItDoes: 'Checks for `mlflow.pyfunc.load_pyfunc`: attribute chains (any alias of `mlflow` or `mlflow.pyfunc`), `from mlflow.pyfunc import load_pyfunc`, and mock targets.',
    why: 'Deprecated since MLflow 1.0 in favour of `load_model` (`@deprecated("mlflow.pyfunc.load_model", 1.0)`), and still warning at 3.4; it forwards its arguments to `load_model`.',
    example: 'from mlflow.pyfunc import load_pyfunc\nmodel = mlflow.pyfunc.load_pyfunc(model_uri)',
    useInstead: 'from mlflow.pyfunc import load_model as load_pyfunc\nmodel = mlflow.pyfunc.load_model(model_uri)',
    fixSafety: 'Safe: same leading parameters (`model_uri, suppress_warnings=False`), same result. A `from` import keeps the local name (`load_model as load_pyfunc`), so its call sites are untouched. A mock target string is rewritten only as an unsafe fix (what is patched changes). The private `_load_pyfunc` loader hooks of each flavor are unrelated and never touched.',
    references: [{ title: 'mlflow.pyfunc.load_model', url: 'https://mlflow.org/docs/latest/api_reference/python_api/mlflow.pyfunc.html#mlflow.pyfunc.load_model' }],
  },
  checks: [{ kind: 'custom', nodeTypes: REFERENCE_NODE_TYPES, onlyReferences: true, visit }],
});

function visit(node: SyntaxNode, ctx: CheckContext): void {
  for (const ref of referencesOf(node, ctx)) {
    if (ref.path !== OLD && ctx.canonical(ref.path) !== OLD) continue;
    if (ref.guarded && ref.form !== 'attribute') continue; // a compatibility shim handles it
    if (ref.form === 'attribute' && ref.viaImportedName && ctx.canonical(ref.viaImportedName) === OLD) continue; // the import is reported
    const edits = renameEdits(ref.form, ref.node, ref.contentStart, ref.contentEnd, ctx.file.text);
    ctx.report({
      node: ref.node,
      message: '`mlflow.pyfunc.load_pyfunc` is deprecated',
      help: 'Use `mlflow.pyfunc.load_model`',
      fix: edits ? { applicability: ref.form === 'string' ? 'unsafe' : 'safe', edits } : undefined,
    });
  }
}

function renameEdits(form: string, node: SyntaxNode, contentStart: number | undefined, contentEnd: number | undefined, text: string): Edit[] | undefined {
  switch (form) {
    case 'attribute': {
      // `pf.load_pyfunc` → `pf.load_model`: only the attribute name changes, whatever the head.
      const attr = node.childForFieldName('attribute');
      return attr?.text === 'load_pyfunc' ? [{ start: attr.startIndex, end: attr.endIndex, text: 'load_model' }] : undefined;
    }
    case 'import-name': {
      // `load_pyfunc` → `load_model as load_pyfunc`; `load_pyfunc as lp` → `load_model as lp`.
      const item = node.parent?.type === 'aliased_import' ? node.parent : node;
      if (item.type === 'aliased_import') return [{ start: node.startIndex, end: node.endIndex, text: 'load_model' }];
      return node.text === 'load_pyfunc' ? [{ start: node.startIndex, end: node.endIndex, text: 'load_model as load_pyfunc' }] : undefined;
    }
    case 'string': {
      // `patch("mlflow.pyfunc.load_pyfunc")` or `patch.object(mlflow.pyfunc, "load_pyfunc")`.
      if (contentStart === undefined || contentEnd === undefined) return undefined;
      const content = text.slice(contentStart, contentEnd);
      const replacement = content === OLD ? 'mlflow.pyfunc.load_model' : content === 'load_pyfunc' ? 'load_model' : undefined;
      return replacement ? [{ start: contentStart, end: contentEnd, text: replacement }] : undefined;
    }
    default:
      return undefined;
  }
}
