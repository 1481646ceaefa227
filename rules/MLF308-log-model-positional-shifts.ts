import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { firstPositionalShift, positionalParams, positionalsToKeywords, sourceParams, targetParams } from '../src/engine/checks/binding.js';
import { positionalArguments } from '../src/engine/syntax.js';
import { DOCS, PYFUNC_LOG_SAVE } from './shared.js';

/** Functions whose positional parameters were inserted, renamed or removed between 2.9.2 and 3.4.0. */
const FUNCTIONS = [...PYFUNC_LOG_SAVE, 'mlflow.start_run', 'mlflow.autolog', 'mlflow.tensorflow.autolog', 'mlflow.models.build_docker'];
/** Every function of these modules (the shifts themselves are read from the signatures). */
const MODULES = ['mlflow.pytorch', 'mlflow.spark', 'mlflow.johnsnowlabs', 'mlflow.transformers', 'mlflow.sentence_transformers'];

export default defineRule({
  code: 'MLF308',
  name: 'log-model-positional-shifts',
  severity: 'error',
  fix: 'unsafe',
  item: '#31',
  // The first of these shifts: `torch_dtype` inserted into `mlflow.transformers.*` in 2.10.1.
  since: '2.10.1',
  triggers: ['pyfunc', 'pytorch', 'spark', 'johnsnowlabs', 'transformers', 'start_run', 'autolog', 'build_docker'],
  docs: {
    summary: 'Positional arguments of several MLflow functions bind to different parameters in MLflow 3.x.',
    whatItDoes: 'Checks calls of `mlflow.pyfunc.log_model` / `save_model`, the `mlflow.pytorch`, `mlflow.spark`, `mlflow.johnsnowlabs`, `mlflow.transformers` and `mlflow.sentence_transformers` functions, `mlflow.start_run`, `mlflow.autolog`, `mlflow.tensorflow.autolog` / `mlflow.keras.autolog` and `mlflow.models.build_docker` for a positional argument at or after the first position where the MLflow 2.9.2 and 3.4.0 signatures differ.',
    why: 'Parameters were inserted, renamed or removed in the middle of these signatures: `pyfunc.log_model(artifact_path, loader_module, data_path, code_path, conda_env, ...)` became `(..., code_paths, infer_code_paths, conda_env, ...)`, `start_run` gained `parent_run_id` before `tags` (2.15), `autolog` gained `log_traces` (2.19), `transformers` gained `torch_dtype` (2.10.1), `sentence_transformers` gained `task` (2.11), `build_docker` gained `install_java` (2.11), `tensorflow.autolog` lost `every_n_iter` (its first parameter), and `pytorch`/`spark` lost `requirements_file`/`sample_input`. A positional argument there binds to another parameter, often silently: `mlflow.start_run(None, "1", "r", False, {"k": "v"})` passes the tags as `parent_run_id`.',
    example: 'mlflow.pyfunc.log_model("model", None, None, ["src"], "conda.yaml")\nmlflow.start_run(None, experiment_id, "run", False, {"team": "ml"})',
    useInstead: 'mlflow.pyfunc.log_model("model", None, None, code_path=["src"], conda_env="conda.yaml")  # then MLF303: code_paths=\nmlflow.start_run(None, experiment_id, "run", False, tags={"team": "ml"})',
    fixSafety: 'Unsafe: the fix passes the shifted arguments by keyword under their MLflow 2.9.2 names (renamed or removed ones are then handled by MLF303, MLF305, MLF306, MLF313, MLF316). That is right for code written against 2.9.2; code that already ran on a later 2.x, where some positions had moved, needs a look.',
    references: [DOCS.breakingChanges, DOCS.pr(10979), DOCS.pr(12721), DOCS.pr(13913)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

const functions = new WeakMap<object, Set<string>>();

function inScope(callee: string, ctx: CheckContext): boolean {
  let set = functions.get(ctx.api);
  if (!set) functions.set(ctx.api, (set = new Set(FUNCTIONS.map((f) => ctx.canonical(f)))));
  return set.has(callee) || MODULES.some((m) => callee.startsWith(`${m}.`) && ctx.api.symbol(callee).kind === 'function');
}

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !inScope(callee, ctx)) return;
  const shift = firstPositionalShift(ctx.api, callee);
  const args = positionalArguments(call);
  if (shift === undefined || args.length <= shift) return;
  const params = sourceParams(ctx.api, callee)!;
  const before = positionalParams(params)[shift]?.name;
  const after = positionalParams(targetParams(ctx.api, callee)!)[shift]?.name;
  const names = args.slice(shift).map((_, i) => positionalParams(params)[shift + i]?.name).filter(Boolean);
  const edits = positionalsToKeywords(call, params, shift);
  ctx.report({
    node: args[shift]!,
    message: `Argument ${shift + 1} of \`${call.childForFieldName('function')!.text}\` was \`${before}\` in MLflow 2.9 and is ${after ? `\`${after}\`` : 'gone'} in MLflow 3.4: positional arguments from here on bind differently`,
    help: `Pass them by keyword: ${names.map((n) => `\`${n}=\``).join(', ')}`,
    fix: edits ? { applicability: 'unsafe', edits } : undefined,
  });
}
