import type { SyntaxNode } from '../../parser/types.js';
import { visitCheck } from '../checkKinds.js';
import type { CheckContext, ReportDescriptor } from '../context.js';
import type { Check } from '../rule.js';

export interface DelegateOptions {
  /** Rewrites each finding before it is reported (e.g. to attach a rule-specific fix). */
  amend?: (finding: ReportDescriptor) => ReportDescriptor;
  /**
   * Match paths as written, without canonicalization: for a module that was removed while names
   * it re-exported live on elsewhere (`mlflow.gateway.app.GatewayAPI` was defined in the removed
   * `mlflow.deployments.server.app` in 2.9.2 and still exists in 3.4).
   */
  asWritten?: boolean;
}

/**
 * Runs a declarative check through a view of the context: the rule keeps the check kind's
 * detection (imports, chains, mock strings, shims) and adds the one twist it needs.
 */
export function visitDelegated(check: Check, node: SyntaxNode, ctx: CheckContext, options: DelegateOptions): void {
  const view = Object.create(ctx) as CheckContext;
  if (options.amend) {
    const amend = options.amend;
    view.report = (d: ReportDescriptor) => ctx.report(amend(d));
  }
  if (options.asWritten) view.canonical = (dotted: string) => dotted;
  // `scope` is set by the engine on `ctx` before each visit; the view reads it through the prototype.
  visitCheck(check, node, view);
}
