import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { calleeIn } from '../src/engine/checks/callSite.js';
import { DOCS } from './shared.js';

const CLIENT = 'mlflow.tracking.MlflowClient';
/** Client methods that exist only for stages. */
const STAGE_METHODS: Record<string, string> = {
  transition_model_version_stage: 'Set an alias with `MlflowClient().set_registered_model_alias(name, alias, version)`',
  get_latest_versions: 'Look the version up by alias (`get_model_version_by_alias`) or with `search_model_versions`',
  get_model_version_stages: 'Use registered model aliases instead of stages',
};

export default defineRule({
  code: 'MLF501',
  name: 'registry-stages-deprecated',
  severity: 'warning',
  fix: 'manual',
  item: '#40',
  // Stages were deprecated in 2.9.0, before the usual source version 2.9.2: `since: '2.9.0'` would
  // switch the rule off for every 2.9.2 project. The catalogue asks to flag them in the move to 3.x.
  since: '3.0.0',
  // Trigger words are matched as written, and MLflow reads the `models:/` scheme in any case: the
  // scheme's last letter and separator (`s:/`, `S:/`) bring the rule in for every spelling, at the
  // price of also running it on files with `https://` in them.
  triggers: ['stage', 'get_latest_versions', 's:/', 'S:/'],
  // Stage URIs are reported in any string of an MLflow file.
  parseDefinitionsMatching: /models:\//i,
  docs: {
    summary: 'Model registry stages (Staging, Production, Archived) are deprecated: use aliases and tags.',
    whatItDoes: 'Checks for `MlflowClient` stage APIs (`transition_model_version_stage`, `get_latest_versions` with or without `stages=`, `get_model_version_stages`), for the `stage=` argument of `set_model_version_tag` / `delete_model_version_tag` (on clients however reached, including `self.client` set in `__init__`), and for `models:/<name>/<stage>` URI literals (stage names in any case; also built with f-strings, `%`, `.format()` or `+`). `models:/<name>/<version>` and `models:/<name>@<alias>` are fine.',
    why: 'Stages were deprecated in MLflow 2.9 and still exist in 3.4, with deprecation warnings; they are slated for removal in a future major release. Aliases (`champion`, `challenger`) replace them, and Unity Catalog registries do not support stages at all.',
    example: 'client.transition_model_version_stage("churn", 3, "Production")\nmodel = mlflow.pyfunc.load_model("models:/churn/Production")',
    useInstead: 'client.set_registered_model_alias("churn", "champion", 3)\nmodel = mlflow.pyfunc.load_model("models:/churn@champion")',
    fixSafety: 'No automatic fix: moving from stages to aliases changes the promotion workflow, and the aliases must exist in the registry first.',
    references: [
      { title: 'Migrating from model stages', url: 'https://mlflow.org/docs/latest/ml/model-registry/#migrating-from-stages' },
      DOCS.migrationGuide,
    ],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['call'], visit: stageMethodCall },
    {
      kind: 'keyword',
      callees: [`${CLIENT}.set_model_version_tag`, `${CLIENT}.delete_model_version_tag`],
      keyword: 'stage',
      inDictSplat: true,
      message: 'The `stage` argument of `{callee}` relies on deprecated model stages',
      help: 'Pass the model version (`version=`) instead',
    },
    {
      kind: 'string-literal',
      wholeLiteral: true,
      patterns: [{ pattern: /^models:\/[^/@]+\/(?:staging|production|archived|none)(?:\/.*)?$/i }],
      message: '`{match}` loads a model by its deprecated stage',
      help: 'Use an alias URI such as `models:/<name>@champion` (or a version: `models:/<name>/<version>`)',
    },
  ],
});

/** `client.transition_model_version_stage(...)` & co., on anything typed `MlflowClient`. */
function stageMethodCall(call: SyntaxNode, ctx: CheckContext): void {
  const method = Object.keys(STAGE_METHODS).find((m) => calleeIn(call, [`${CLIENT}.${m}`], ctx));
  if (!method) return;
  const fn = call.childForFieldName('function')!;
  ctx.report({
    node: fn.type === 'attribute' ? fn.childForFieldName('attribute')! : fn,
    message: `\`MlflowClient.${method}\` relies on deprecated model stages`,
    help: STAGE_METHODS[method]!,
  });
}
