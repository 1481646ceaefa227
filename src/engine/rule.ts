import type { SyntaxNode } from '../parser/types.js';
import type { Applicability, Severity } from './types.js';
import type { CheckContext } from './context.js';
import type { MlflowApi } from '../semantic/apiIndex.js';

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
  /**
   * For rules that can report inside, or read, a top-level function or class that names nothing
   * from MLflow (MLF906 reports `import pytz` anywhere in an MLflow file): definitions matching
   * this are always parsed. Other definitions that name nothing from MLflow may be left unparsed
   * (src/engine/pruning/select.ts). Absent: the rule works from MLflow names only.
   */
  parseDefinitionsMatching?: RegExp;
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

/**
 * String literals carrying a value MLflow gives meaning to (a run tag name, a `models:/` URI).
 * Each pattern is searched in the literal parts of every string (f-string interpolations excluded);
 * docstrings and bare string statements are skipped.
 */
export interface StringLiteralCheck {
  kind: 'string-literal';
  /** `replaceWith` rewrites exactly the matched characters. */
  patterns: Array<{ pattern: RegExp; replaceWith?: string }>;
  /** Match the whole literal instead (interpolations read as `{}`); reported on the string, no rewrite. */
  wholeLiteral?: boolean;
  /** Only in files that import MLflow (the same text elsewhere means something else). */
  onlyInMlflowFiles?: boolean;
  /** Placeholders: `{match}`, `{replacement}`. */
  message: Template;
  help: Template;
  applicability?: Applicability;
}

/**
 * An argument renamed or removed, bound by the SOURCE version's signature: the keyword, a key of a
 * `**{...}` literal, or the positional argument at that parameter's position
 * (`mlflow.sklearn.log_model(model, "model")` passes `artifact_path`).
 */
export interface ArgumentCheck {
  kind: 'argument';
  /** Callees by any public spelling (canonicalized). */
  callees?: string[];
  /** Or a test on the canonical callee name (for families such as every flavor's `log_model`). */
  calleeFilter?: (canonical: string, api: MlflowApi) => boolean;
  /** The parameter's name in the source version's signature. */
  parameter: string;
  renameTo?: string;
  remove?: boolean;
  inDictSplat?: boolean;
  /** When one of these keywords is also present, report without a fix. */
  noFixWith?: string[];
  /** Also fix positional uses (only where no later position shifted between the versions). */
  fixPositional?: boolean;
  /** Values left to another rule: no finding. */
  skipValue?: (value: SyntaxNode, ctx: CheckContext) => boolean;
  /** Placeholders: `{parameter}`, `{callee}` (as written), `{renameTo}`; positional ones also `{position}` (1-based). */
  message: Template;
  help: Template;
  positionalMessage?: Template;
  positionalHelp?: Template;
  applicability?: Applicability;
}

/** Rule-specific logic over nodes of the given types (the escape hatch, as an ESLint rule's create()). */
export interface CustomCheck {
  kind: 'custom';
  nodeTypes: string[];
  /**
   * The check reads only names a star import binds (`evaluate` after `from mlflow import *`): it
   * is skipped, and its node types are not collected, in a file whose text has no star import.
   * Worth it for identifiers, the most numerous nodes of a file.
   */
  onlyWithStarImport?: boolean;
  /**
   * The check acts only on the paths a node names (`referencesOf`: imports, attribute chains,
   * mock targets), as checks delegating to `removed-module` / `moved-symbol` do: the engine visits
   * only nodes that name one (most attributes and strings name none).
   */
  onlyReferences?: boolean;
  visit(node: SyntaxNode, context: CheckContext): void;
}

export type Check = RemovedModuleCheck | MovedSymbolCheck | KeywordCheck | AttributeCheck | StringLiteralCheck | ArgumentCheck | CustomCheck;

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
