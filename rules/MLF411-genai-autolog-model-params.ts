import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments, removeArgumentEdit, splatKeys } from '../src/engine/syntax.js';
import { calleeIn, literalValue } from '../src/engine/checks/callSite.js';
import { DOCS } from './shared.js';

/** Model-logging parameters that `mlflow.<flavor>.autolog` lost when it became tracing-only. */
const REMOVED: Record<string, string[]> = {
  'mlflow.langchain.autolog': ['log_input_examples', 'log_model_signatures', 'log_models', 'log_datasets', 'registered_model_name', 'extra_tags', 'extra_model_classes'],
  'mlflow.openai.autolog': ['log_input_examples', 'log_model_signatures', 'log_models', 'log_datasets', 'registered_model_name', 'extra_tags'],
};
/** Values that meant "log nothing" in 2.x (the defaults): dropping them changes nothing. */
const NO_OP_VALUES = new Set(['False', 'None']);

export default defineRule({
  code: 'MLF411',
  name: 'genai-autolog-model-params',
  severity: 'error',
  fix: 'safe*',
  item: 'T8',
  since: '3.0.0',
  triggers: ['autolog'],
  docs: {
    summary: '`mlflow.langchain.autolog` and `mlflow.openai.autolog` lost their model-logging parameters in MLflow 3.0.',
    whatItDoes: 'Checks for `log_input_examples`, `log_model_signatures`, `log_models`, `log_datasets`, `registered_model_name`, `extra_tags` (and `extra_model_classes` for LangChain) passed to `mlflow.langchain.autolog` or `mlflow.openai.autolog`, by keyword or in a `**{...}` literal.',
    why: 'Deprecated in 2.21.1 (PR #15045) and removed in 3.0 (PRs #15302, #15032, #15101, #16178): these autologgers only record traces now, and the call raises `TypeError`. Not listed on the breaking-changes page.',
    example: 'mlflow.langchain.autolog(log_models=True, log_input_examples=False)',
    useInstead: 'mlflow.langchain.autolog()\n# log the chain explicitly where a model is needed:\nmlflow.langchain.log_model(chain, name="chain")',
    fixSafety: 'Safe when the value is `False` or `None` (the defaults, which logged nothing): the argument is removed. Otherwise the removal is unsafe: the models, examples, datasets or tags it enabled are no longer logged, so add an explicit `log_model` call where they are needed.',
    references: [DOCS.breakingChanges, DOCS.pr(15045), DOCS.pr(15302)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const flavor = Object.keys(REMOVED).find((path) => calleeIn(call, [path, `${path}.autolog`], ctx));
  if (!flavor) return;
  const removed = REMOVED[flavor]!;
  for (const arg of callArguments(call)) {
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name') : null;
    if (!name || !removed.includes(name.text)) continue;
    const noOp = NO_OP_VALUES.has(literalValue(arg.childForFieldName('value')) ?? '');
    ctx.report({
      node: name,
      message: `\`${name.text}\` of \`${flavor}\` was removed in MLflow 3.0 (autolog records traces only)`,
      help: noOp ? `Remove \`${name.text}\`` : `Remove \`${name.text}\` and log the model explicitly where it is needed`,
      fix: { applicability: noOp ? 'safe' : 'unsafe', edits: [removeArgumentEdit(arg)] },
    });
  }
  for (const key of splatKeys(call)) {
    if (!removed.includes(key.name)) continue;
    ctx.report({
      node: key.node,
      message: `\`${key.name}\` of \`${flavor}\` was removed in MLflow 3.0 (autolog records traces only)`,
      help: `Remove \`${key.name}\` from the arguments`,
    });
  }
}
