import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { callArguments, positionalArguments } from '../src/engine/syntax.js';
import { calleeIn } from '../src/engine/checks/callSite.js';
import { DOCS } from './shared.js';

const MODULES = ['mlflow', 'mlflow.tracing.assessment'];
const at = (names: string[]) => MODULES.flatMap((m) => names.map((n) => `${m}.${n}`));

/** 2.22 positional order of `log_expectation`; 3.x takes keywords only (`trace_id, name, value, source`). */
const LOG_EXPECTATION_2X = ['trace_id', 'name', 'source', 'value', 'metadata', 'span_id'];

export default defineRule({
  code: 'MLF410',
  name: 'assessment-fluent-renames',
  severity: 'error',
  fix: 'unsafe',
  item: 'T7',
  since: '3.0.0',
  triggers: ['_expectation', '_feedback'],
  docs: {
    summary: 'MLflow 3.0 replaced `mlflow.delete_expectation/delete_feedback/update_expectation/update_feedback` and made `log_expectation`/`log_feedback` keyword-only.',
    whatItDoes: 'Checks for uses of `mlflow.delete_expectation`, `mlflow.delete_feedback`, `mlflow.update_expectation`, `mlflow.update_feedback` (also from `mlflow.tracing.assessment`), and for positional arguments of `mlflow.log_expectation` / `mlflow.log_feedback`.',
    why: 'The assessment API was reworked in 3.0: deletion goes through `mlflow.delete_assessment(trace_id, assessment_id)` and updates through `mlflow.update_assessment(trace_id, assessment_id, assessment)` or `mlflow.override_feedback(...)`. `log_expectation` and `log_feedback` accept keywords only, and the 2.x order was `(trace_id, name, source, value)` while 3.x lists `value` before `source`.',
    example: 'mlflow.delete_feedback(trace_id, assessment_id)\nmlflow.log_expectation(trace_id, "expected", source, "Paris")',
    useInstead: 'mlflow.delete_assessment(trace_id, assessment_id)\nmlflow.log_expectation(trace_id=trace_id, name="expected", source=source, value="Paris")',
    fixSafety: 'Unsafe: `delete_assessment` takes the same arguments as the functions it replaces, and positional `log_expectation` arguments are turned into keywords by their 2.x position, but the new functions validate their inputs differently. The update functions need a rewrite by hand (their signatures changed).',
    references: [DOCS.breakingChanges],
  },
  checks: [
    {
      kind: 'moved-symbol',
      symbols: MODULES.flatMap((m) => ['delete_expectation', 'delete_feedback'].map((n) => ({ from: `${m}.${n}`, to: `${m}.delete_assessment` }))),
      message: '`{from}` was removed in MLflow 3.0',
      help: 'Use `{to}`',
      applicability: 'unsafe',
    },
    {
      kind: 'moved-symbol',
      symbols: at(['update_expectation', 'update_feedback']).map((from) => ({ from })),
      message: '`{from}` was removed in MLflow 3.0',
      help: 'Use `mlflow.update_assessment(trace_id, assessment_id, assessment)` (or `mlflow.override_feedback(...)` for feedback)',
    },
    { kind: 'custom', nodeTypes: ['call'], visit: positionalLogCalls },
  ],
});

/** Positional arguments of the now keyword-only `log_expectation` / `log_feedback`. */
function positionalLogCalls(call: SyntaxNode, ctx: CheckContext): void {
  const isExpectation = !!calleeIn(call, at(['log_expectation']), ctx);
  if (!isExpectation && !calleeIn(call, at(['log_feedback']), ctx)) return;
  const positional = positionalArguments(call);
  if (!positional.length) return;
  const name = isExpectation ? 'log_expectation' : 'log_feedback';
  const splat = callArguments(call).some((a) => a.type === 'list_splat');
  const edits = isExpectation && !splat && positional.length <= LOG_EXPECTATION_2X.length
    ? positional.map((arg, i) => ({ start: arg.startIndex, end: arg.startIndex, text: `${LOG_EXPECTATION_2X[i]}=` }))
    : undefined;
  ctx.report({
    node: positional[0]!,
    message: `\`mlflow.${name}\` takes keyword arguments only since MLflow 3.0`,
    help: isExpectation ? 'Pass the arguments by keyword (2.x order: trace_id, name, source, value)' : 'Pass the arguments by keyword',
    fix: edits ? { applicability: 'unsafe', edits } : undefined,
  });
}
