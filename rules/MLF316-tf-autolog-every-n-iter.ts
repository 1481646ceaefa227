import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { boundArgument, passesKeyword, sourceParams } from '../src/engine/checks/binding.js';
import { positionalArguments, removeArgumentEdit, splatKeys } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import { DOCS } from './shared.js';

/** `mlflow.keras.autolog` was this function in 2.9 (the canonical name covers both). */
const AUTOLOG = 'mlflow.tensorflow.autolog';

export default defineRule({
  code: 'MLF316',
  name: 'tf-autolog-every-n-iter',
  severity: 'error',
  fix: 'safe*',
  item: '#21',
  since: '3.0.0',
  // The value may be the first positional argument: `autolog(5)`.
  triggers: ['every_n_iter', 'autolog'],
  docs: {
    summary: '`every_n_iter` of `mlflow.tensorflow.autolog` / `mlflow.keras.autolog` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `every_n_iter` argument of `mlflow.tensorflow.autolog` and `mlflow.keras.autolog`: keyword, `**{...}` key, or the first positional argument (its place in 2.9).',
    why: 'Deprecated in 2.11 (PR #11094) and removed in 3.0 (PR #15412): the keyword raises `TypeError`, and a first positional value now binds to `log_models`. In 2.9 it logged metrics every N **epochs**; its replacement `log_every_n_steps` counts **batches**, and `log_every_epoch=True` (the default) logs once per epoch.',
    example: 'mlflow.tensorflow.autolog(every_n_iter=1)\nmlflow.tensorflow.autolog(every_n_iter=5)',
    useInstead: 'mlflow.tensorflow.autolog()\nmlflow.tensorflow.autolog(log_every_epoch=False, log_every_n_steps=5)  # now counts batches',
    fixSafety: '`every_n_iter=1` (the 2.9 default: every epoch) is removed safely; the default `log_every_epoch=True` does the same. Any other value becomes `log_every_epoch=False, log_every_n_steps=N` (what 2.11–2.22 did internally) as an unsafe fix, because N now counts batches, not epochs. A positional value is fixed when it is the only positional argument; otherwise MLF308 turns the positions into keywords first. `mlflow.pytorch.autolog(log_every_n_epoch=...)` is another flavor and is not touched.',
    references: [DOCS.breakingChanges, DOCS.pr(15412), DOCS.pr(11094)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (callee !== AUTOLOG) return;
  const written = call.childForFieldName('function')!.text;
  for (const key of splatKeys(call)) {
    if (key.name === 'every_n_iter') ctx.report({ node: key.node, message: `\`every_n_iter\` was removed from \`${written}\` in MLflow 3.0`, help: 'Remove it, or pass `log_every_epoch=False, log_every_n_steps=N` (N counts batches now)' });
  }
  const arg = boundArgument(call, sourceParams(ctx.api, callee), 'every_n_iter');
  // `autolog(True)` is 3.x code passing `log_models`: a count is never a boolean.
  if (!arg || (!arg.keyword && (arg.value.type === 'true' || arg.value.type === 'false'))) return;
  const lone = !arg.keyword && positionalArguments(call).length === 1;
  const target = arg.keyword ?? arg.value;
  const everyEpoch = arg.value.type === 'integer' && arg.value.text === '1';
  const newKeywords = passesKeyword(call, 'log_every_epoch') || passesKeyword(call, 'log_every_n_steps');
  let fix: { applicability: 'safe' | 'unsafe'; edits: Edit[] } | undefined;
  if (arg.keyword || lone) {
    if (everyEpoch) fix = { applicability: 'safe', edits: [removeArgumentEdit(target)] };
    else if (!newKeywords) fix = { applicability: 'unsafe', edits: [{ start: target.startIndex, end: target.endIndex, text: `log_every_epoch=False, log_every_n_steps=${arg.value.text}` }] };
  }
  ctx.report({
    node: arg.keyword?.childForFieldName('name') ?? arg.value,
    message: arg.keyword
      ? `\`every_n_iter\` was removed from \`${written}\` in MLflow 3.0`
      : `The first argument of \`${written}\` was \`every_n_iter\`, removed in MLflow 3.0: it now binds to \`log_models\``,
    help: everyEpoch ? 'Remove it (logging every epoch is the default)' : 'Use `log_every_epoch=False, log_every_n_steps=N` (N counts batches now, not epochs)',
    fix,
  });
}
