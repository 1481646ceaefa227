import type { SyntaxNode } from '../parser/types.js';
import type { Applicability, Severity } from './types.js';
import type { CheckContext } from './context.js';

/**
 * A rule is data: identity, documentation, the MLflow version that made the change, the tokens
 * that must appear in a file for it to fire, and the checks (change kinds) the engine runs.
 */
export interface RuleDocs {
  /** One sentence: what changed in MLflow. SARIF shortDescription, `rules` table. */
  summary: string;
  whatItDoes: string;
  why: string;
  example: string;
  useInstead: string;
  fixSafety: string;
  references: Array<{ title: string; url: string }>;
}

/** As in rules.md: how the finding is fixed. */
export type FixKind = 'safe' | 'safe*' | 'unsafe' | 'manual';

export interface RuleDefinition {
  code: string;
  name: string;
  severity: Severity;
  fix: FixKind;
  /** Catalogue item, e.g. `#6` or `T1`. */
  item: string;
  /** MLflow version in which the change takes effect (removal, rename or deprecation). */
  since: string;
  /** Words that must appear in a file for this rule to possibly fire (besides `mlflow`). Empty: always runs. */
  triggers: string[];
  docs: RuleDocs;
  checks: Check[];
}

/** A message template: `{name}` placeholders are filled by the check that reports. */
export type Template = string;

/** Any import or attribute use of these modules (`import mlflow.fastai`, `mlflow.fastai.autolog()`, `patch("mlflow.fastai.x")`). */
export interface RemovedModuleCheck {
  kind: 'removed-module';
  modules: string[];
  /** Placeholders: `{module}`, `{name}` (the full dotted name used). */
  message: Template;
  help: Template;
}

/** Symbols removed or moved (matched on the path as written, through imports). */
export interface MovedSymbolCheck {
  kind: 'moved-symbol';
  symbols: Array<{ from: string; to?: string }>;
  /** Placeholders: `{from}`, `{to}`. */
  message: Template;
  help: Template;
  /** Applicability of the rewrite to `to` (when `to` exists). */
  applicability?: Applicability;
}

/** A keyword argument removed or renamed on calls resolved to one of `callees`. */
export interface KeywordCheck {
  kind: 'keyword';
  callees: string[];
  keyword: string;
  /** Rename target; absent with `remove` or for manual findings. */
  renameTo?: string;
  /** Delete the argument. */
  remove?: boolean;
  /** Also match the key in `**{"keyword": ...}` / `**dict(keyword=...)` spread into the call. */
  inDictSplat?: boolean;
  /** When one of these keywords is also present, report without a fix. */
  noFixWith?: string[];
  /** Placeholders: `{keyword}`, `{callee}` (as written), `{renameTo}`. */
  message: Template;
  help: Template;
  applicability?: Applicability;
}

/** An attribute read on a receiver of a known MLflow type (`run.info.run_uuid`, `t.higher_is_better`). */
export interface AttributeCheck {
  kind: 'attribute';
  receiverTypes: string[];
  attribute: string;
  renameTo?: string;
  message: Template;
  help: Template;
  applicability?: Applicability;
}

/** Rule-specific logic over nodes of the given types (the escape hatch, as an ESLint rule's create()). */
export interface CustomCheck {
  kind: 'custom';
  nodeTypes: string[];
  visit(node: SyntaxNode, context: CheckContext): void;
}

export type Check = RemovedModuleCheck | MovedSymbolCheck | KeywordCheck | AttributeCheck | CustomCheck;

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
