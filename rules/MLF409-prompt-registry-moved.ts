import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule, type Check } from '../src/engine/rule.js';
import { positionalArguments } from '../src/engine/syntax.js';
import { calleeIn, keywordArguments } from '../src/engine/checks/callSite.js';
import { CLASS } from '../src/semantic/mlflowTypes.js';
import { DOCS } from './shared.js';

/** Top-level prompt functions of 2.21+ that live on in `mlflow.genai`. */
const MOVED = ['load_prompt', 'register_prompt', 'search_prompts', 'set_prompt_alias', 'delete_prompt_alias'];
const REGISTER_PROMPT = ['mlflow.register_prompt', 'mlflow.genai.register_prompt', 'mlflow.tracking.MlflowClient.register_prompt'];
/** Fields of the 2.21 `Prompt` (a prompt version); the 3.x `Prompt` is the prompt itself (name, description, tags). */
const PROMPT_VERSION_FIELDS = ['template', 'version', 'commit_message', 'version_metadata', 'aliases', 'uri', 'variables', 'format', 'to_single_brace_format'];

export default defineRule({
  code: 'MLF409',
  name: 'prompt-registry-moved',
  severity: 'error',
  fix: 'unsafe',
  item: 'T6',
  since: '3.0.0',
  triggers: ['prompt', 'Prompt'],
  docs: {
    summary: 'The prompt registry moved to `mlflow.genai` in MLflow 3.0; `mlflow.delete_prompt`, `MlflowClient.log_prompt` and `register_prompt(version_metadata=...)` are gone and `Prompt` no longer describes a version.',
    whatItDoes: 'Checks for the top-level `mlflow.load_prompt` / `register_prompt` / `search_prompts` / `set_prompt_alias` / `delete_prompt_alias`, for `mlflow.delete_prompt`, `MlflowClient().log_prompt`, `MlflowClient().delete_prompt(name, version)`, the `version_metadata` argument (or a fourth positional argument) of `register_prompt`, and for version fields (`template`, `version`, `commit_message`, ...) read from objects typed `mlflow.entities.Prompt`.',
    why: 'MLflow 3.0 (PR #16174) made `mlflow.genai` the home of the prompt registry and split prompts from prompt versions (`PromptVersion`). The top-level functions remain for now but are slated for deprecation; the removed ones raise `AttributeError`/`TypeError`, and `register_prompt`\'s fourth parameter is now `tags` (version tags) instead of `version_metadata`.',
    example: 'prompt = mlflow.register_prompt("qa", template, "first", {"author": "me"})\nmlflow.delete_prompt("qa", 1)',
    useInstead: 'prompt = mlflow.genai.register_prompt("qa", template, commit_message="first", tags={"author": "me"})\nMlflowClient().delete_prompt_version("qa", 1)',
    fixSafety: 'The move of the top-level functions to `mlflow.genai` is an unsafe fix (same behaviour, but it is only offered where every name of a `from mlflow import ...` moves). The other findings need a human: the replacements have different signatures or objects.',
    references: [DOCS.breakingChanges, DOCS.pr(16174)],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: MOVED.map((name) => ({ from: `mlflow.${name}`, to: `mlflow.genai.${name}` })),
      message: '`{from}` moved to `{to}` in MLflow 3.0',
      help: 'Use `{to}`',
      applicability: 'unsafe',
    },
    {
      kind: 'moved-symbol',
      symbols: [{ from: 'mlflow.delete_prompt' }],
      message: '`mlflow.delete_prompt` was removed in MLflow 3.0',
      help: 'Use `MlflowClient().delete_prompt_version(name, version)`',
    },
    {
      kind: 'attribute',
      receiverTypes: [CLASS.MlflowClient],
      attribute: 'log_prompt',
      message: '`MlflowClient.log_prompt` was removed in MLflow 3.0',
      help: 'Link the prompt version to the run with `MlflowClient().link_prompt_version_to_run(run_id, prompt)`',
    },
    {
      kind: 'keyword',
      callees: REGISTER_PROMPT,
      keyword: 'version_metadata',
      inDictSplat: true,
      message: '`version_metadata` of `{callee}` was removed in MLflow 3.0',
      help: 'Pass version metadata as `tags` (they are version tags in MLflow 3)',
    },
    { kind: 'custom', nodeTypes: ['call'], visit: positionalShiftsAndDeleteVersion },
    ...PROMPT_VERSION_FIELDS.map((field): Check => ({
      kind: 'attribute',
      receiverTypes: [CLASS.Prompt],
      attribute: field,
      message: `\`Prompt.${field}\` was removed in MLflow 3.0 (version fields moved to \`PromptVersion\`)`,
      help: 'Annotate or build the object as `mlflow.entities.model_registry.PromptVersion`',
    })),
  ],
});

function positionalShiftsAndDeleteVersion(call: SyntaxNode, ctx: CheckContext): void {
  if (calleeIn(call, REGISTER_PROMPT, ctx)) {
    // 2.21: (name, template, commit_message, version_metadata, tags); 3.x: (name, template, commit_message, tags, ...).
    const fourth = positionalArguments(call)[3];
    if (fourth) {
      ctx.report({
        node: fourth,
        message: 'The fourth positional argument of `register_prompt` was `version_metadata`; since MLflow 3.0 it is `tags`',
        help: 'Pass the arguments after `template` by keyword',
      });
    }
    return;
  }
  if (calleeIn(call, ['mlflow.tracking.MlflowClient.delete_prompt'], ctx)) {
    const version = keywordArguments(call).get('version') ?? positionalArguments(call)[1];
    if (version) {
      ctx.report({
        node: version,
        message: '`MlflowClient.delete_prompt` deletes the whole prompt since MLflow 3.0 and takes no version',
        help: 'Use `MlflowClient().delete_prompt_version(name, version)`',
      });
    }
  }
}
