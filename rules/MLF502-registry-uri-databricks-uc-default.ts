import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import type { SourceFile } from '../src/source/sourceFile.js';
import { defineRule } from '../src/engine/rule.js';
import { argumentFor, calleeIn, literalValue } from '../src/engine/checks/callSite.js';
import { literalText } from '../src/engine/checks/stringLiteral.js';
import { returnsModelInfo } from '../src/semantic/mlflowTypes.js';
import { DOCS } from './shared.js';

const CLIENT = 'mlflow.tracking.MlflowClient';
const SET_TRACKING_URI = ['mlflow.set_tracking_uri', 'mlflow.tracking.set_tracking_uri'];
const SET_REGISTRY_URI = ['mlflow.set_registry_uri', 'mlflow.tracking.set_registry_uri'];
/** Registration calls → the parameter holding the registered model name. */
const REGISTRATIONS: Array<[string[], string]> = [
  [['mlflow.register_model'], 'name'],
  [[`${CLIENT}.create_registered_model`], 'name'],
  [[`${CLIENT}.create_model_version`], 'name'],
];

/** What the file does about URIs, gathered by the first check before the second one reports. */
interface UriFacts {
  databricksTracking: boolean;
  registryChosen: boolean;
}
const facts = new WeakMap<SourceFile, UriFacts>();

export default defineRule({
  code: 'MLF502',
  name: 'registry-uri-databricks-uc-default',
  severity: 'info',
  fix: 'manual',
  item: '#41',
  since: '3.0.0',
  triggers: ['databricks'],
  docs: {
    summary: 'With the tracking URI `databricks`, MLflow 3 registers models in Unity Catalog unless a registry URI is set.',
    whatItDoes: 'In files that set the tracking URI to `databricks` (`mlflow.set_tracking_uri("databricks")`, `os.environ["MLFLOW_TRACKING_URI"] = "databricks"`) and never choose a registry (`mlflow.set_registry_uri`, `MLFLOW_REGISTRY_URI`), checks for model registrations (`mlflow.register_model`, `registered_model_name=` of `log_model`, `MlflowClient().create_registered_model` / `create_model_version`) whose literal model name has fewer than three dot-separated parts.',
    why: 'Since MLflow 3.0 (PR #16135) the default registry for a Databricks tracking URI is Unity Catalog (`databricks-uc`), which requires `catalog.schema.model` names; in 2.x it was the workspace model registry. A one- or two-part name now fails, or the model lands in a different registry.',
    example: 'mlflow.set_tracking_uri("databricks")\nmlflow.register_model(model_uri, "churn-model")',
    useInstead: 'mlflow.set_tracking_uri("databricks")\nmlflow.set_registry_uri("databricks")  # keep the workspace registry\nmlflow.register_model(model_uri, "churn-model")',
    fixSafety: 'No automatic fix: keeping the workspace registry or moving to Unity Catalog is a decision for the team.',
    references: [DOCS.pr(16135), DOCS.migrationGuide],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['call', 'assignment'], visit: gatherFacts },
    { kind: 'custom', nodeTypes: ['call'], visit: reportRegistration },
  ],
});

function factsOf(ctx: CheckContext): UriFacts {
  let f = facts.get(ctx.file);
  if (!f) facts.set(ctx.file, (f = { databricksTracking: false, registryChosen: /MLFLOW_REGISTRY_URI/.test(ctx.file.text) }));
  return f;
}

/** The checks of a rule run in order over the whole file: this one sees every call before any report. */
function gatherFacts(node: SyntaxNode, ctx: CheckContext): void {
  const f = factsOf(ctx);
  if (node.type === 'assignment') {
    // os.environ["MLFLOW_TRACKING_URI"] = "databricks"
    const left = node.childForFieldName('left');
    const key = left?.type === 'subscript' ? literalValue(left.childForFieldName('subscript')) : undefined;
    if (key === 'MLFLOW_TRACKING_URI' && isDatabricksUri(literalValue(node.childForFieldName('right')))) f.databricksTracking = true;
    return;
  }
  if (calleeIn(node, SET_REGISTRY_URI, ctx)) f.registryChosen = true;
  const setTracking = calleeIn(node, SET_TRACKING_URI, ctx);
  if (setTracking && isDatabricksUri(literalValue(argumentFor(node, setTracking, 'uri', ctx)))) f.databricksTracking = true;
}

function isDatabricksUri(uri: string | undefined): boolean {
  return !!uri && /^databricks(?:$|:\/\/)/.test(uri);
}

function reportRegistration(call: SyntaxNode, ctx: CheckContext): void {
  const f = factsOf(ctx);
  if (!f.databricksTracking || f.registryChosen) return;
  const name = registeredName(call, ctx);
  if (!name) return;
  const parts = literalParts(name);
  if (parts === undefined || parts >= 3) return;
  ctx.report({
    node: name,
    message: 'With the tracking URI `databricks`, MLflow 3 registers this model in Unity Catalog, which needs a `catalog.schema.model` name',
    help: 'Call `mlflow.set_registry_uri("databricks")` to keep the workspace registry, or use a three-level Unity Catalog name',
  });
}

function registeredName(call: SyntaxNode, ctx: CheckContext): SyntaxNode | undefined {
  for (const [callees, param] of REGISTRATIONS) {
    const callee = calleeIn(call, callees, ctx);
    if (callee) return argumentFor(call, callee, param, ctx);
  }
  const callee = ctx.calleeName(call);
  return callee && returnsModelInfo(callee) ? argumentFor(call, callee, 'registered_model_name', ctx) : undefined;
}

/** Dot-separated parts of a literal name (`f"{catalog}.{schema}.m"` has three); undefined if not a literal. */
function literalParts(node: SyntaxNode): number | undefined {
  const literal = literalText(node);
  if (!literal) return undefined;
  const text = literal.segments.map((s) => s.text).join('{}');
  if (text === '{}' || text === '') return undefined; // the whole name is computed
  return text.split('.').length;
}
