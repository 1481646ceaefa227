import { parserFor } from '../helpers/analyze.js';
import type { SyntaxNode } from '../../src/parser/types.js';
import { walkTree, type VisitedNode } from '../../src/semantic/builder.js';
import { loadMlflowApi } from '../../src/semantic/apiIndex.js';
import { SemanticModel } from '../../src/semantic/model.js';
import type { Binding, Scope } from '../../src/semantic/scope.js';

const EXPRESSION_TYPES = new Set(['identifier', 'attribute', 'call', 'subscript', 'string', 'parenthesized_expression']);

/**
 * One analysed snippet. Nodes are picked by their source text: `at("client.get_run(x)")` is the
 * first expression spelled exactly so, `at("run", 2)` the third occurrence.
 */
export class Snippet {
  constructor(readonly source: string, readonly model: SemanticModel, private readonly visited: VisitedNode[]) {}

  at(text: string, occurrence = 0): VisitedNode {
    // Whole words only: `ev` is not the start of `evaluate`, `run` not the end of `start_run`.
    const pattern = new RegExp(`(?<![\\w.])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`, 'g');
    const starts = [...this.source.matchAll(pattern)].map((m) => m.index!);
    const index = starts[occurrence];
    if (index === undefined) throw new Error(`\`${text}\` occurs ${starts.length} time(s) in the snippet, wanted #${occurrence}`);
    // The outermost expression that starts there and spells exactly the text.
    const found = this.visited.filter((v) => v.node.startIndex === index && v.node.text === text);
    if (!found.length) throw new Error(`no expression node spells \`${text}\` at offset ${index}`);
    return found.reduce((a, b) => (depth(a.node) <= depth(b.node) ? a : b));
  }

  /** `importedPath` of the expression. */
  path(text: string, occurrence = 0): string | null {
    const v = this.at(text, occurrence);
    return this.model.importedPath(v.node, v.scope);
  }

  /** `mlflowName` of the expression. */
  name(text: string, occurrence = 0): string | null {
    const v = this.at(text, occurrence);
    return this.model.mlflowName(v.node, v.scope);
  }

  /** `calleeName` of a call. */
  callee(text: string, occurrence = 0): string | null {
    const v = this.at(text, occurrence);
    return this.model.calleeName(v.node, v.scope);
  }

  /** `typeOf` of the expression. */
  type(text: string, occurrence = 0): string | null {
    const v = this.at(text, occurrence);
    return this.model.typeOf(v.node, v.scope);
  }

  /** The binding an identifier resolves to (undefined when unresolved). */
  binding(text: string, occurrence = 0): Binding | undefined {
    const v = this.at(text, occurrence);
    const r = this.model.resolveIdentifier(v.node, v.scope);
    return r.kind === 'binding' ? r.binding : undefined;
  }

  scopeOf(text: string, occurrence = 0): Scope {
    return this.at(text, occurrence).scope;
  }
}

function depth(node: SyntaxNode): number {
  let d = 0;
  for (let n = node.parent; n; n = n.parent) d++;
  return d;
}

/** Parses with the native backend and builds the semantic model of a Python snippet. */
export async function analyze(source: string): Promise<Snippet> {
  const parser = await parserFor('native');
  const tree = parser.parse(source);
  const walk = walkTree(tree, EXPRESSION_TYPES);
  const visited = [...walk.nodesByType.values()].flat();
  return new Snippet(source, new SemanticModel(walk.moduleScope, loadMlflowApi()), visited);
}

/** Canonical names the tests compare against. */
export const EVALUATE = 'mlflow.models.evaluation.base.evaluate';
export const METRIC_THRESHOLD = 'mlflow.models.evaluation.validation.MetricThreshold';
export const MLFLOW_CLIENT = 'mlflow.tracking.client.MlflowClient';
export const ACTIVE_RUN = 'mlflow.tracking.fluent.ActiveRun';
export const RUN = 'mlflow.entities.run.Run';
export const RUN_INFO = 'mlflow.entities.run_info.RunInfo';
export const MODEL_INFO = 'mlflow.models.model.ModelInfo';
export const EVALUATION_RESULT = 'mlflow.models.evaluation.base.EvaluationResult';
