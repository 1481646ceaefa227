import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { boundArgument, passesKeyword, sourceParams } from '../src/engine/checks/binding.js';
import { callArguments } from '../src/engine/syntax.js';
import { DOCS, PYFUNC_LOG_SAVE } from './shared.js';

const MODEL_LOG = 'mlflow.models.Model.log';

export default defineRule({
  code: 'MLF303',
  name: 'log-model-code-path',
  severity: 'error',
  fix: 'safe',
  item: '#26',
  since: '3.0.0',
  // Positional uses spell `pyfunc` in the callee or its import; keyword uses spell `code_path`.
  triggers: ['code_path', 'pyfunc'],
  docs: {
    summary: '`code_path` of `mlflow.pyfunc.log_model` / `save_model` was removed in MLflow 3.0; use `code_paths`.',
    whatItDoes: 'Checks for the `code_path` argument of `mlflow.pyfunc.log_model` and `mlflow.pyfunc.save_model` (keyword, `**{...}` key, or the fourth positional argument), and for `code_path=` forwarded by `mlflow.models.Model.log(..., flavor=mlflow.pyfunc, ...)`.',
    why: 'Deprecated in 2.12.1 (PR #11688) and removed in 3.0 (PR #15368): the keyword raises `TypeError`. A fourth positional argument now binds to `code_paths`, and the ones after it shift (see MLF308).',
    example: 'mlflow.pyfunc.log_model("model", python_model=wrapper, code_path=["src/"])',
    useInstead: 'mlflow.pyfunc.log_model("model", python_model=wrapper, code_paths=["src/"])',
    fixSafety: 'Safe: `code_paths` takes the same list. A positional value is renamed only when it is the last positional argument; otherwise MLF308 turns the shifted positions into keywords first. Every other flavor already took `code_paths` in 2.9 and is not touched; nor is `mlflow.pyfunc.add_to_model(..., code=...)`.',
    references: [DOCS.breakingChanges, DOCS.pr(15368)],
  },
  checks: [
    {
      kind: 'argument',
      callees: PYFUNC_LOG_SAVE,
      parameter: 'code_path',
      renameTo: 'code_paths',
      inDictSplat: true,
      noFixWith: ['code_paths'],
      fixPositional: true,
      message: '`code_path` was removed from `{callee}` in MLflow 3.0',
      help: 'Rename to `code_paths`',
      positionalMessage: 'Argument {position} of `{callee}` is `code_path`, removed in MLflow 3.0',
      positionalHelp: 'Pass it as `code_paths=`',
    },
    { kind: 'custom', nodeTypes: ['call'], visit: visitModelLog },
  ],
});

/** `Model.log(path, mlflow.pyfunc, code_path=...)`: the keyword reaches `mlflow.pyfunc.save_model` through `**kwargs`. */
function visitModelLog(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  if (!callee || callee !== ctx.canonical(MODEL_LOG)) return;
  const flavor = boundArgument(call, sourceParams(ctx.api, callee), 'flavor');
  if (!flavor || ctx.mlflowName(flavor.value) !== 'mlflow.pyfunc') return;
  const blocked = passesKeyword(call, 'code_paths');
  for (const arg of callArguments(call)) {
    const name = arg.type === 'keyword_argument' ? arg.childForFieldName('name') : null;
    if (name?.text !== 'code_path') continue;
    ctx.report({
      node: name,
      message: '`code_path` is forwarded to `mlflow.pyfunc.save_model`, which removed it in MLflow 3.0',
      help: 'Rename to `code_paths`',
      fix: blocked ? undefined : { applicability: 'safe', edits: [{ start: name.startIndex, end: name.endIndex, text: 'code_paths' }] },
    });
  }
}
