import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { moveImportItemEdits } from '../src/engine/checks/importEdits.js';
import { referencesOf, REFERENCE_NODE_TYPES, type PathReference } from '../src/engine/checks/references.js';
import { defineRule } from '../src/engine/rule.js';
import { keywordArgument, keywordValue, stringContent } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import { DOCS } from './shared.js';

const OLD = 'mlflow.evaluate';
const NEW = 'mlflow.models.evaluate';
/** Model types whose evaluation moved to the GenAI API (`mlflow.genai.evaluate`) in MLflow 3. */
const GENAI_MODEL_TYPES = new Set(['question-answering', 'text-summarization', 'text', 'retriever', 'databricks-agent']);

const MESSAGE = '`mlflow.evaluate` is deprecated since MLflow 3.0';

/**
 * Only the top-level `mlflow.evaluate` is deprecated; `mlflow.models.evaluate` is the same function.
 * Findings sit where the name is spelled: the `from mlflow import evaluate` import (the calls of
 * the imported name are then right as they are), each `mlflow.evaluate` chain, each mock target.
 */
function visit(node: SyntaxNode, ctx: CheckContext): void {
  for (const ref of referencesOf(node, ctx)) {
    if (ref.path !== OLD) continue;
    if (ref.form === 'import-name' && !ref.guarded) reportImport(ref, ctx);
    else if (ref.form === 'attribute') reportChain(ref, ctx);
    else if (ref.form === 'string') reportMockTarget(ref, ctx);
  }
}

function reportImport(ref: PathReference, ctx: CheckContext): void {
  const item = ref.node.parent?.type === 'aliased_import' ? ref.node.parent : ref.node;
  const edits = moveImportItemEdits(ref.statement!, item, 'mlflow.models', ctx.file.text);
  ctx.report({ node: ref.node, message: MESSAGE, help: 'Import `evaluate` from `mlflow.models`', fix: edits ? { applicability: 'safe', edits } : undefined });
}

function reportChain(ref: PathReference, ctx: CheckContext): void {
  const object = ref.node.childForFieldName('object')!;
  const attr = ref.node.childForFieldName('attribute')!;
  // `mlflow.evaluate` → `mlflow.models.evaluate`, on the module bound by `import mlflow [as x]`.
  const head = object.type === 'identifier' ? ctx.model.resolveIdentifier(object, ctx.scope) : undefined;
  const rewritable = head?.kind === 'binding' && head.binding.importPath === 'mlflow';
  const edits: Edit[] | undefined = rewritable ? [{ start: attr.startIndex, end: attr.endIndex, text: 'models.evaluate' }] : undefined;
  const genai = genaiModelType(ref.node);
  ctx.report({
    node: ref.node,
    message: genai ? `${MESSAGE}; for the GenAI model type \`${genai}\`, consider \`mlflow.genai.evaluate\` (a different API)` : MESSAGE,
    help: 'Use `mlflow.models.evaluate`',
    fix: edits ? { applicability: 'safe', edits } : undefined,
  });
}

/** `from mlflow import *` ... `evaluate(...)`: no import names it, so the use is reported (without a fix). */
function reportStarImported(name: SyntaxNode, ctx: CheckContext): void {
  if (name.text !== 'evaluate' || !isReadName(name)) return;
  const r = ctx.model.resolveIdentifier(name, ctx.scope);
  if (r.kind !== 'star' || r.path !== OLD) return;
  ctx.report({ node: name, message: `${MESSAGE} (here imported by \`from ${r.star.module} import *\`)`, help: 'Import `evaluate` from `mlflow.models` explicitly' });
}

/** An identifier read as a value (not a definition, keyword name, attribute name or import). */
function isReadName(name: SyntaxNode): boolean {
  const parent = name.parent;
  if (!parent) return false;
  if (parent.type === 'attribute') return parent.childForFieldName('object')?.startIndex === name.startIndex;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('value')?.startIndex === name.startIndex;
  return !['function_definition', 'class_definition', 'parameters', 'default_parameter', 'typed_parameter', 'dotted_name', 'aliased_import', 'import_from_statement', 'global_statement', 'nonlocal_statement'].includes(parent.type)
    && !(parent.type === 'assignment' && parent.childForFieldName('left')?.startIndex === name.startIndex);
}

/** `mock.patch("mlflow.evaluate")`: rewritten with the calls, but patching another name needs a look. */
function reportMockTarget(ref: PathReference, ctx: CheckContext): void {
  const content = stringContent(ref.node);
  const edits = content?.text === OLD ? [{ start: ref.contentStart!, end: ref.contentEnd!, text: NEW }] : undefined;
  ctx.report({ node: ref.node, message: MESSAGE, help: 'Patch `mlflow.models.evaluate`', fix: edits ? { applicability: 'unsafe', edits } : undefined });
}

/** The literal `model_type` of the call whose callee is `chain`, when it names a GenAI task. */
function genaiModelType(chain: SyntaxNode): string | undefined {
  const call = chain.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== chain.startIndex) return undefined;
  const kw = keywordArgument(call, 'model_type');
  const value = kw ? keywordValue(kw) : null;
  const text = value ? stringContent(value)?.text : undefined;
  return text && GENAI_MODEL_TYPES.has(text) ? text : undefined;
}

export default defineRule({
  code: 'MLF108',
  name: 'mlflow-evaluate-deprecated',
  severity: 'info',
  fix: 'safe',
  item: '#8',
  since: '3.0.0',
  triggers: ['evaluate'],
  docs: {
    summary: 'The top-level `mlflow.evaluate` is deprecated since MLflow 3.0; `mlflow.models.evaluate` is the same function.',
    whatItDoes: 'Checks for `mlflow.evaluate` (any alias of the `mlflow` module), `from mlflow import evaluate` and mock targets such as `mock.patch("mlflow.evaluate")`. `mlflow.models.evaluate` and other libraries\' `evaluate` functions are not reported. Calls with a GenAI model type (`question-answering`, `text-summarization`, `text`, `retriever`, `databricks-agent`) also get a pointer to `mlflow.genai.evaluate`.',
    why: 'In MLflow 3 `mlflow.evaluate` is a wrapper around `mlflow.models.evaluate` that emits a FutureWarning when the tracking URI is Databricks; GenAI evaluation moved to `mlflow.genai.evaluate`, which has a different API.',
    example: 'import mlflow\nresult = mlflow.evaluate(model, data, targets="y", model_type="regressor")',
    useInstead: 'import mlflow\nresult = mlflow.models.evaluate(model, data, targets="y", model_type="regressor")',
    fixSafety: 'Safe: both names call the same function with the same signature. The import `from mlflow import evaluate` is rewritten to `from mlflow.models import evaluate` (split off when the statement imports other names too); the calls stay as they are. Mock targets are rewritten only as an unsafe fix, since a patch must name the attribute the code under test looks up. Moving GenAI evaluations to `mlflow.genai.evaluate` is manual.',
    references: [DOCS.breakingChanges, DOCS.evaluate],
  },
  checks: [
    { kind: 'custom', nodeTypes: REFERENCE_NODE_TYPES, onlyReferences: true, visit },
    { kind: 'custom', nodeTypes: ['identifier'], onlyWithStarImport: true, visit: reportStarImported },
  ],
});
