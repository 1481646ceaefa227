import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF306',
  name: 'transformers-inference-config',
  severity: 'error',
  fix: 'safe',
  item: '#29',
  since: '3.0.0',
  triggers: ['inference_config', 'transformers'],
  docs: {
    summary: '`inference_config` of `mlflow.transformers.log_model` / `save_model` was removed in MLflow 3.0; use `model_config`.',
    whatItDoes: 'Checks for the `inference_config` argument of `mlflow.transformers.log_model` and `mlflow.transformers.save_model` (keyword, `**{...}` key, or the sixth positional argument of the 2.9 signature).',
    why: 'Deprecated "in favor of `model_config`" before 2.9 and removed in 3.0 (PR #15415). MLflow 3.4 accepts `**kwargs` and never reads them, so an old `inference_config=` is silently dropped: the model is logged without its inference configuration.',
    example: 'mlflow.transformers.log_model(pipe, "model", inference_config={"max_new_tokens": 64})',
    useInstead: 'mlflow.transformers.log_model(pipe, "model", model_config={"max_new_tokens": 64})',
    fixSafety: 'Safe when `model_config` is absent (2.9 used `inference_config` as the model config; giving both raised). A positional value gets no fix: `torch_dtype` was inserted before it in 2.10.1, so what the sixth position meant depends on the version the code ran on (see MLF308). `mlflow.sentence_transformers` still takes `inference_config` and is not touched.',
    references: [DOCS.breakingChanges, DOCS.pr(15415)],
  },
  checks: [
    {
      kind: 'argument',
      callees: ['mlflow.transformers.log_model', 'mlflow.transformers.save_model'],
      parameter: 'inference_config',
      renameTo: 'model_config',
      inDictSplat: true,
      noFixWith: ['model_config'],
      message: '`inference_config` was removed from `{callee}` in MLflow 3.0 (it is silently ignored)',
      help: 'Rename to `model_config`',
      positionalMessage: 'Argument {position} of `{callee}` is `inference_config`, removed in MLflow 3.0 (it is silently ignored)',
      positionalHelp: 'Pass it as `model_config=`',
    },
  ],
});
