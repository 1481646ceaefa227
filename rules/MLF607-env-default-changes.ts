import { DEVICE_MAP_VARIABLE } from '../src/configfiles/envVars.js';
import { pythonEnvSettings } from '../src/configfiles/pythonEnv.js';
import { argumentFor, calleeIn, opaqueDictSplat } from '../src/engine/checks/callSite.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { hasStarArgs, keywordArgument, splatKeys } from '../src/engine/syntax.js';
import type { SyntaxNode } from '../src/parser/types.js';
import type { SemanticModel } from '../src/semantic/model.js';
import { DOCS } from './shared.js';

/** The one API that reads `MLFLOW_HUGGINGFACE_USE_DEVICE_MAP` and names the flavor in the call. */
const LOAD_MODEL = ['mlflow.transformers.load_model'];
/** Arguments that decide the placement themselves: the default is not what the call relies on. */
const PLACEMENT_ARGUMENTS = new Set(['device', 'device_map']);

/**
 * `mlflow.transformers.load_model` calls that leave the placement to the default, in a module
 * that does not set the variable itself. Other files of the project that set it withdraw the
 * finding (src/manifests/project.ts).
 */
function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = calleeIn(call, LOAD_MODEL, ctx);
  if (!callee) return;
  const device = argumentFor(call, callee, 'device', ctx);
  if (device && device.type !== 'none') return;
  if (keywordArgument(call, 'device_map') || splatKeys(call).some((k) => PLACEMENT_ARGUMENTS.has(k.name))) return;
  // `*args` / `**kwargs` may carry a device: the call's placement is not knowable.
  if (hasStarArgs(call) || opaqueDictSplat(call)) return;
  if (setsDeviceMap(ctx)) return;
  const fn = call.childForFieldName('function')!;
  ctx.report({
    node: fn,
    message: `\`${fn.text}\` no longer spreads the model over the available devices (\`device_map="auto"\`) by default: \`${DEVICE_MAP_VARIABLE}\` defaults to False since MLflow 2.16, and the model loads onto one device (GPU 0 when there is one)`,
    help: `Set \`${DEVICE_MAP_VARIABLE}=true\` where the model is loaded to keep the 2.x placement (it needs \`accelerate\`, and no \`device=\`), or pass \`device=\` to choose one`,
  });
}

const settingModules = new WeakMap<SemanticModel, boolean>();

/** The module sets the variable itself (`os.environ[...] = ...`, `monkeypatch.setenv`, ...). */
function setsDeviceMap(ctx: CheckContext): boolean {
  let sets = settingModules.get(ctx.model);
  if (sets === undefined) {
    sets = pythonEnvSettings(ctx.file.text).some((s) => s.name === DEVICE_MAP_VARIABLE);
    settingModules.set(ctx.model, sets);
  }
  return sets;
}

export default defineRule({
  code: 'MLF607',
  name: 'env-default-changes',
  severity: 'info',
  fix: 'manual',
  item: '#50',
  // The device-map default (2.16.0); the retries default (2.20.0) has no finding of its own.
  since: '2.16.0',
  triggers: ['transformers'],
  docs: {
    summary: 'Two environment defaults changed after MLflow 2.9: `MLFLOW_HUGGINGFACE_USE_DEVICE_MAP` True → False (2.16) and `MLFLOW_HTTP_REQUEST_MAX_RETRIES` 5 → 7 (2.20).',
    whatItDoes: `Reports calls of \`mlflow.transformers.load_model\` that leave the model's placement to the default (no \`device=\`, positional or keyword, no \`device_map=\`, no \`*args\` / \`**kwargs\` that could carry one) when no file of the project sets \`${DEVICE_MAP_VARIABLE}\`: not the module itself, nor a \`.env\` file, shell script, Makefile, Dockerfile, compose / Kubernetes / CI YAML file, or another Python module (\`os.environ[...] = ...\`, \`os.environ.setdefault\`, \`os.environ.update({...})\`, \`mock.patch.dict(os.environ, {...})\`, \`monkeypatch.setenv\`, \`${DEVICE_MAP_VARIABLE}.set(...)\`); configuration files that pass the variable through count too. Not read: conda \`variables:\`, notebooks' \`%env\` magics. \`MLFLOW_HTTP_REQUEST_MAX_RETRIES\` is never reported; see below.`,
    why: `Until 2.16 (PR #12977) the transformers flavor loaded models with \`device_map="auto"\` (Hugging Face Accelerate spread the weights over every GPU and the CPU, and a \`device=\` argument was overridden). Since then the variable defaults to False and the model goes onto one device (\`MLFLOW_DEFAULT_PREDICTION_DEVICE\`, else GPU 0 when there is one, else the CPU): a model that only fitted across several GPUs can now run out of memory on the first, and one that ran on the CPU (where \`accelerate\` was not installed) may move to GPU 0. Only loading reads the variable: \`log_model\` and \`save_model\` work on the model in memory and are not reported. \`mlflow.pyfunc.load_model\`, \`spark_udf\` and \`mlflow models serve\` load transformers models the same way, but nothing at those places says the model is a transformers one, so they are not reported either.\n\n\`MLFLOW_HTTP_REQUEST_MAX_RETRIES\` went from 5 to 7 in 2.20 (PR #14247): with the exponential backoff, a client call against an unreachable tracking server takes longer before it fails. Every MLflow client call retries, so no line of code relies on the old count more than another, and there is no place a finding could point to with any precision; code or configuration that sets the variable has decided already. The tool reports nothing for it: set it explicitly (\`MLFLOW_HTTP_REQUEST_MAX_RETRIES=5\`) where fast failure matters, such as health checks and short-lived jobs.`,
    example: 'pipe = mlflow.transformers.load_model("models:/summarizer/3")',
    useInstead: `# .env (or the serving container's environment)\n${DEVICE_MAP_VARIABLE}=true\n\n# or choose the device in the call\npipe = mlflow.transformers.load_model("models:/summarizer/3", device=0)`,
    fixSafety: 'No automatic fix: whether the model should be spread over devices depends on its size and on the machines that load it.',
    references: [DOCS.pr(12977), DOCS.pr(14247)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});
