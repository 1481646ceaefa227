import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { boundArgument, sourceParams } from '../src/engine/checks/binding.js';
import { removeArgumentEdit } from '../src/engine/syntax.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { DOCS } from './shared.js';

/** The 2.9 class; `mlflow.tensorflow.MLflowCallback` is how most code spells it. */
const CALLBACK = 'mlflow.tensorflow.callback.MLflowCallback';

export default defineRule({
  code: 'MLF315',
  name: 'tf-callback-renamed',
  severity: 'error',
  fix: 'unsafe',
  item: '#20',
  since: '2.11.0',
  triggers: ['MLflowCallback'],
  docs: {
    summary: '`mlflow.tensorflow.MLflowCallback(run, ...)` lost its `run` argument (2.11) and became `MlflowCallback` (2.12.1).',
    whatItDoes: 'Checks calls of `mlflow.tensorflow.MLflowCallback` (every import path and alias) that pass `run` (by keyword, or as the first positional argument when it is a run: from `mlflow.start_run()`, `mlflow.active_run()`, `MlflowClient().get_run(...)`, or annotated), and imports or chains of `mlflow.tensorflow.callback.MLflowCallback`, which no longer exists (the alias lives on as `mlflow.tensorflow.MLflowCallback` only).',
    why: 'PR #11094 removed `run` in 2.11: the callback logs to the active run. A keyword `run=` raises `TypeError`; a positional run object silently binds to `log_every_epoch` (truthy) and later positions shift. PR #11563 renamed the class `MlflowCallback` in 2.12.1, keeping `MLflowCallback` as an alias in `mlflow.tensorflow` but not in `mlflow.tensorflow.callback`.',
    example: 'from mlflow.tensorflow.callback import MLflowCallback\nwith mlflow.start_run() as run:\n    model.fit(x, y, callbacks=[MLflowCallback(run, log_every_n_steps=10)])',
    useInstead: 'from mlflow.tensorflow import MLflowCallback\nwith mlflow.start_run():\n    model.fit(x, y, callbacks=[MLflowCallback(log_every_n_steps=10)])',
    fixSafety: 'Unsafe: dropping `run` makes the callback log to the active run, which is the same run only when the callback is used inside that run\'s `with` block. The import moves to `mlflow.tensorflow` (same class). Hugging Face\'s `transformers.integrations.MLflowCallback` and project classes of that name are not touched; `mlflow.keras_core.MLflowCallback` is MLF205.',
    references: [DOCS.pr(11094), DOCS.pr(11563)],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: [{ from: CALLBACK, to: 'mlflow.tensorflow.MLflowCallback' }],
      message: '`{from}` no longer exists (the class is `mlflow.tensorflow.MlflowCallback` since MLflow 2.12.1)',
      help: 'Import it from `mlflow.tensorflow`',
      applicability: 'unsafe',
    },
    { kind: 'custom', nodeTypes: ['call'], visit },
  ],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (callee !== CALLBACK) return;
  const run = boundArgument(call, sourceParams(ctx.api, callee), 'run');
  // A first positional argument is a run only when it is typed as one: in 3.x code that position
  // is `log_every_epoch` (`MLflowCallback(True, 10)`), which must stay silent.
  if (!run || (!run.keyword && !ctx.isInstanceOf(run.value, CLASS.Run))) return;
  ctx.report({
    node: run.keyword?.childForFieldName('name') ?? run.value,
    message: run.keyword
      ? '`run` was removed from `MLflowCallback` in MLflow 2.11: the keyword raises `TypeError`'
      : 'The first argument of `MLflowCallback` was `run`, removed in MLflow 2.11: it now binds to `log_every_epoch`',
    help: 'Remove `run`: the callback logs to the active run',
    fix: { applicability: 'unsafe', edits: [removeArgumentEdit(run.keyword ?? run.value)] },
  });
}
