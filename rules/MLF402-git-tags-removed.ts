import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

/** Legacy tag → the tag MLflow Projects keep writing. */
const TAGS: Record<string, string> = {
  'mlflow.gitBranchName': 'mlflow.source.git.branch',
  'mlflow.gitRepoURL': 'mlflow.source.git.repoURL',
};

const TAGS_MODULE = 'mlflow.utils.mlflow_tags';
const CONSTANTS: Record<string, string> = {
  LEGACY_MLFLOW_GIT_BRANCH_NAME: 'MLFLOW_GIT_BRANCH',
  LEGACY_MLFLOW_GIT_REPO_URL: 'MLFLOW_GIT_REPO_URL',
};

/**
 * The tag as a whole string (`tags["mlflow.gitBranchName"]`), or after `tags.` in a filter string
 * or DataFrame column (`"tags.mlflow.gitBranchName = 'main'"`, ``tags.`mlflow.gitBranchName` ``).
 * Prose that merely mentions the tag is left alone.
 */
const tagPattern = (tag: string) => new RegExp(`^${escape(tag)}$|(?<=\\btags\\.[\`"]?)${escape(tag)}(?![\\w.])`);

export default defineRule({
  code: 'MLF402',
  name: 'git-tags-removed',
  severity: 'warning',
  fix: 'unsafe',
  item: '#37',
  since: '3.0.0',
  triggers: ['gitBranchName', 'gitRepoURL', 'LEGACY_MLFLOW_GIT'],
  docs: {
    summary: 'MLflow 3.0 no longer writes the run tags `mlflow.gitBranchName` and `mlflow.gitRepoURL`.',
    whatItDoes: 'In files that import MLflow, checks for the string literals `"mlflow.gitBranchName"` / `"mlflow.gitRepoURL"` (tag lookups, `set_tag` keys, `tags.mlflow.gitBranchName` in filter strings and DataFrame columns) and for the constants `LEGACY_MLFLOW_GIT_BRANCH_NAME` / `LEGACY_MLFLOW_GIT_REPO_URL` of `mlflow.utils.mlflow_tags`.',
    why: 'MLflow Projects stopped setting the legacy tags in 3.0 (PR #15366) and the constants were removed: lookups of the old tags find nothing on new runs, and importing the constants fails.',
    example: 'runs = mlflow.search_runs(filter_string="tags.mlflow.gitBranchName = \'main\'")\nbranch = run.data.tags["mlflow.gitBranchName"]',
    useInstead: 'runs = mlflow.search_runs(filter_string="tags.mlflow.source.git.branch = \'main\'")\nbranch = run.data.tags["mlflow.source.git.branch"]',
    fixSafety: 'Unsafe: MLflow 2.x Projects wrote both tag sets, so rewritten queries still match their runs, but runs whose legacy tag was set by your own code or another tool carry only the old name. Query both where that matters.',
    references: [DOCS.breakingChanges, DOCS.pr(15366)],
  },
  checks: [
    {
      kind: 'string-literal',
      onlyInMlflowFiles: true,
      patterns: Object.entries(TAGS).map(([tag, replaceWith]) => ({ pattern: tagPattern(tag), replaceWith })),
      message: 'MLflow 3.0 no longer sets the run tag `{match}`',
      help: 'Use `{replacement}`',
      applicability: 'unsafe',
    },
    { kind: 'custom', nodeTypes: ['import_from_statement', 'attribute'], visit: legacyConstant },
  ],
});

/**
 * `from mlflow.utils.mlflow_tags import LEGACY_MLFLOW_GIT_BRANCH_NAME` (rewritten to import the new
 * constant under the old name, so the uses keep working) and `mlflow_tags.LEGACY_...` chains.
 */
function legacyConstant(node: SyntaxNode, ctx: CheckContext): void {
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')!;
    const to = Object.hasOwn(CONSTANTS, attr.text) ? CONSTANTS[attr.text] : undefined;
    if (!to || ctx.importedPath(node) !== `${TAGS_MODULE}.${attr.text}`) return;
    report(ctx, attr, attr.text, to, [{ start: attr.startIndex, end: attr.endIndex, text: to }]);
    return;
  }
  if (node.childForFieldName('module_name')?.text.replace(/\s+/g, '') !== TAGS_MODULE) return;
  for (const item of node.childrenForFieldName('name')) {
    const name = item.type === 'aliased_import' ? item.childForFieldName('name')! : item;
    const to = Object.hasOwn(CONSTANTS, name.text) ? CONSTANTS[name.text] : undefined;
    if (!to || inImportShim(item, node, ctx)) continue;
    const text = item.type === 'aliased_import' ? to : `${to} as ${name.text}`;
    report(ctx, name, name.text, to, [{ start: name.startIndex, end: name.endIndex, text }]);
  }
}

/** `try: from ... import LEGACY_X except ImportError: ...` already copes with the removal. */
function inImportShim(item: SyntaxNode, statement: SyntaxNode, ctx: CheckContext): boolean {
  const local = item.type === 'aliased_import' ? item.childForFieldName('alias')!.text : item.text;
  const r = ctx.model.lookup(local, ctx.scope, statement.endIndex);
  return r.kind === 'binding' && r.binding.node.startIndex === statement.startIndex && r.binding.guarded;
}

function report(ctx: CheckContext, node: SyntaxNode, from: string, to: string, edits: Array<{ start: number; end: number; text: string }>): void {
  ctx.report({
    node,
    message: `\`${from}\` was removed in MLflow 3.0 (its tag is no longer written)`,
    help: `Use \`${to}\``,
    fix: { applicability: 'unsafe', edits },
  });
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
