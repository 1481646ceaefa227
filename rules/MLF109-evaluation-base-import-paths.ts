import type { ReportDescriptor } from '../src/engine/context.js';
import { visitDelegated } from '../src/engine/checks/delegate.js';
import { moveImportItemEdits } from '../src/engine/checks/importEdits.js';
import { REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';
import { defineRule, type MovedSymbolCheck } from '../src/engine/rule.js';
import type { CheckContext } from '../src/engine/context.js';
import { DOCS } from './shared.js';

const MOVED: MovedSymbolCheck = {
  kind: 'moved-symbol',
  symbols: [
    { from: 'mlflow.models.evaluation.base.MetricThreshold', to: 'mlflow.models.evaluation.validation.MetricThreshold' },
    { from: 'mlflow.models.evaluation.base.ModelValidationFailedException', to: 'mlflow.models.evaluation.validation.ModelValidationFailedException' },
    { from: 'mlflow.models.evaluation.default_evaluator.DefaultEvaluator', to: 'mlflow.models.evaluation.evaluators.default.DefaultEvaluator' },
  ],
  message: '`{from}` can no longer be imported from there since MLflow 2.18',
  help: 'Use `{to}`',
};

/**
 * `from mlflow.models.evaluation.base import MetricThreshold, EvaluationResult`: the moved-symbol
 * kind rewrites an import only when all its names move; here the moving name is split off into
 * its own import statement.
 */
function splitMixedImport(d: ReportDescriptor, ctx: CheckContext): ReportDescriptor {
  const name = d.node;
  if (d.fix || !name) return d;
  const item = name.parent?.type === 'aliased_import' ? name.parent : name;
  const statement = item.parent;
  if (statement?.type !== 'import_from_statement') return d;
  const module = statement.childForFieldName('module_name')!.text.replace(/\s+/g, '');
  const symbol = MOVED.symbols.find((s) => s.from === `${module}.${name.text}`);
  if (!symbol?.to) return d;
  const edits = moveImportItemEdits(statement, item, symbol.to.slice(0, symbol.to.lastIndexOf('.')), ctx.file.text);
  return edits ? { ...d, fix: { applicability: 'safe', edits } } : d;
}

export default defineRule({
  code: 'MLF109',
  name: 'evaluation-base-import-paths',
  severity: 'error',
  fix: 'safe',
  item: '#9',
  since: '2.18.0',
  triggers: ['MetricThreshold', 'ModelValidationFailedException', 'DefaultEvaluator'],
  docs: {
    summary: '`MetricThreshold` and `ModelValidationFailedException` are no longer importable from `mlflow.models.evaluation.base`, nor `DefaultEvaluator` from `mlflow.models.evaluation.default_evaluator` (MLflow 2.18).',
    whatItDoes: 'Checks for imports, attribute chains and mock targets that name `mlflow.models.evaluation.base.MetricThreshold`, `mlflow.models.evaluation.base.ModelValidationFailedException` or `mlflow.models.evaluation.default_evaluator.DefaultEvaluator`.',
    why: 'In 2.9.2 `base.py` imported the validation classes, so they could be imported from it; the evaluator refactoring of 2.18 (PRs #13312, #13360) removed those imports and moved `DefaultEvaluator` to `mlflow.models.evaluation.evaluators.default`. The old imports raise `ImportError`.',
    example: 'from mlflow.models.evaluation.base import MetricThreshold, ModelValidationFailedException\nfrom mlflow.models.evaluation.default_evaluator import DefaultEvaluator',
    useInstead: 'from mlflow.models.evaluation.validation import MetricThreshold, ModelValidationFailedException\nfrom mlflow.models.evaluation.evaluators.default import DefaultEvaluator',
    fixSafety: 'Safe: the classes are the same, only the module they are imported from changes. When an import statement also imports names that stay, the moving name is split off into its own `from ... import` line. Subclasses of `DefaultEvaluator` may need more changes (MLF110).',
    references: [DOCS.pr(13312), DOCS.pr(13360)],
  },
  checks: [
    {
      kind: 'custom',
      nodeTypes: REFERENCE_NODE_TYPES,
      onlyReferences: true,
      visit: (node, ctx) => visitDelegated(MOVED, node, ctx, { amend: (d) => splitMixedImport(d, ctx) }),
    },
  ],
});
