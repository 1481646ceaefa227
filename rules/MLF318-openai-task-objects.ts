import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { boundArgument, sourceParams } from '../src/engine/checks/binding.js';
import { DOCS } from './shared.js';

const CALLEES = ['mlflow.openai.log_model', 'mlflow.openai.save_model'];
/** The openai<1 classes and their `OBJECT_NAME`, which is what MLflow 2.9 stored as the task. */
const TASKS: Record<string, string> = {
  'openai.ChatCompletion': 'chat.completions',
  'openai.Completion': 'completions',
  'openai.Embedding': 'embeddings',
};

export default defineRule({
  code: 'MLF318',
  name: 'openai-task-objects',
  severity: 'error',
  fix: 'safe',
  item: '#23',
  since: '2.11.0',
  triggers: ['Completion', 'Embedding'],
  docs: {
    summary: '`mlflow.openai.log_model(task=openai.ChatCompletion)` needs a task string since MLflow 2.11 (openai>=1).',
    whatItDoes: 'Checks the `task` argument (keyword or second positional) of `mlflow.openai.log_model` and `mlflow.openai.save_model` for the openai<1 classes `openai.ChatCompletion`, `openai.Completion` and `openai.Embedding` (through any import of `openai`).',
    why: 'MLflow 2.11 (PR #11034) requires openai>=1, where these classes no longer exist: the attribute access fails before MLflow is even called. MLflow 2.9 turned them into their `OBJECT_NAME` (`"chat.completions"`, `"completions"`, `"embeddings"`), which is what the task strings mean now.',
    example: 'import openai\nmlflow.openai.log_model(model="gpt-4o-mini", task=openai.ChatCompletion, artifact_path="model")',
    useInstead: 'mlflow.openai.log_model(model="gpt-4o-mini", task="chat.completions", name="model")',
    fixSafety: 'Safe: the string is the value 2.9 derived from the class. Only the `task` argument of resolved `mlflow.openai` calls is rewritten; other uses of the openai<1 classes (which need an openai>=1 migration by hand) are not touched.',
    references: [DOCS.pr(11034)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !CALLEES.some((c) => ctx.canonical(c) === callee)) return;
  const task = boundArgument(call, sourceParams(ctx.api, callee), 'task');
  const path = task && ctx.importedPath(task.value);
  const replacement = path ? TASKS[path] : undefined;
  if (!task || !replacement) return;
  ctx.report({
    node: task.value,
    message: `\`${task.value.text}\` (openai<1) is no longer a valid \`task\`: MLflow 2.11+ requires openai>=1`,
    help: `Use \`"${replacement}"\``,
    fix: { applicability: 'safe', edits: [{ start: task.value.startIndex, end: task.value.endIndex, text: `"${replacement}"` }] },
  });
}
