import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF412',
  name: 'chatmodel-deprecated',
  severity: 'info',
  fix: 'manual',
  item: 'T9',
  since: '3.0.0',
  triggers: ['ChatModel'],
  docs: {
    summary: '`mlflow.pyfunc.ChatModel` is deprecated since MLflow 3.0 in favour of `mlflow.pyfunc.ResponsesAgent`.',
    whatItDoes: 'Checks for uses of `mlflow.pyfunc.ChatModel` (imports, `class Agent(mlflow.pyfunc.ChatModel)`, `mlflow.pyfunc.model.ChatModel`).',
    why: 'MLflow 3 recommends `ResponsesAgent` (OpenAI Responses API schema) for conversational models; `ChatModel` still works but is deprecated and warns.',
    example: 'class Bot(mlflow.pyfunc.ChatModel):\n    def predict(self, context, messages, params): ...',
    useInstead: 'class Bot(mlflow.pyfunc.ResponsesAgent):\n    def predict(self, request): ...',
    fixSafety: 'No automatic fix: `ResponsesAgent` has a different `predict` contract and input/output schema.',
    references: [DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: [{ from: 'mlflow.pyfunc.ChatModel' }, { from: 'mlflow.pyfunc.model.ChatModel' }],
      message: '`{from}` is deprecated since MLflow 3.0',
      help: 'Migrate to `mlflow.pyfunc.ResponsesAgent`',
    },
  ],
});
