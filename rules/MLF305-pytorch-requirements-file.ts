import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { boundArgument, sourceParams } from '../src/engine/checks/binding.js';
import { splatKeys } from '../src/engine/syntax.js';
import { DOCS } from './shared.js';

const CALLEES = ['mlflow.pytorch.log_model', 'mlflow.pytorch.save_model'];
const MESSAGE = '`requirements_file` was removed from `{callee}` in MLflow 3.0: it now reaches `torch.save()` through `**kwargs` and fails';
const HELP = 'Ship the file with `extra_files=[...]`, or declare the environment with `pip_requirements` / `extra_pip_requirements`';

export default defineRule({
  code: 'MLF305',
  name: 'pytorch-requirements-file',
  severity: 'error',
  fix: 'unsafe',
  item: '#28',
  since: '3.0.0',
  triggers: ['requirements_file', 'pytorch'],
  docs: {
    summary: '`requirements_file` of `mlflow.pytorch.log_model` / `save_model` was removed in MLflow 3.0.',
    whatItDoes: 'Checks for the `requirements_file` argument of `mlflow.pytorch.log_model` and `mlflow.pytorch.save_model`: keyword, `**{...}` key, or its position in the 2.9 signature (10th of `log_model`, 9th of `save_model`).',
    why: 'Deprecated before 2.9 and removed in 3.0 (PR #15369). In 2.9 the file was only copied into the model directory for TorchServe (it never changed `requirements.txt`). In 3.4 the keyword falls into `**kwargs`, which go to `torch.save()`: the call fails with a `TypeError` at save time.',
    example: 'mlflow.pytorch.log_model(net, "model", requirements_file="requirements.txt")',
    useInstead: 'mlflow.pytorch.log_model(net, "model", extra_files=["requirements.txt"])\n# or, if the file describes the environment:\nmlflow.pytorch.log_model(net, "model", extra_pip_requirements=["-r requirements.txt"])',
    fixSafety: 'Unsafe: the fix ships the file with `extra_files=[...]`, which keeps it in the model directory, but under the `extra_files` key of the flavor configuration rather than `requirements_file` (TorchServe handlers that read it must follow). No fix when `extra_files` is also passed, for a `**{...}` key, or for a positional value (MLF308 turns it into a keyword first).',
    references: [DOCS.breakingChanges, DOCS.pr(15369)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['call'], visit }],
});

function visit(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || !CALLEES.some((c) => ctx.canonical(c) === callee)) return;
  const params = sourceParams(ctx.api, callee);
  const message = MESSAGE.replace('{callee}', call.childForFieldName('function')!.text);
  for (const key of splatKeys(call)) if (key.name === 'requirements_file') ctx.report({ node: key.node, message, help: HELP });
  const arg = boundArgument(call, params, 'requirements_file');
  if (!arg) return;
  const name = arg.keyword?.childForFieldName('name');
  const canFix = name && !boundArgument(call, params, 'extra_files') && !splatKeys(call).some((k) => k.name === 'extra_files');
  ctx.report({
    node: name ?? arg.value,
    message,
    help: canFix ? 'Pass the file in `extra_files=[...]`' : HELP,
    fix: canFix
      ? {
          applicability: 'unsafe',
          edits: [
            { start: name.startIndex, end: name.endIndex, text: 'extra_files' },
            { start: arg.value.startIndex, end: arg.value.startIndex, text: '[' },
            { start: arg.value.endIndex, end: arg.value.endIndex, text: ']' },
          ],
        }
      : undefined,
  });
}
