import type { SyntaxNode } from '../parser/types.js';
import type { SemanticModel } from '../semantic/model.js';
import type { Scope } from '../semantic/scope.js';
import type { MlflowApi } from '../semantic/apiIndex.js';
import type { SourceFile } from '../source/sourceFile.js';
import type { RuleDefinition } from './rule.js';
import type { Applicability, Edit, Finding } from './types.js';

export interface ReportDescriptor {
  /** The node to underline, or an explicit range. */
  node?: SyntaxNode;
  start?: number;
  end?: number;
  message: string;
  /** The fix title, or the manual action. */
  help?: string;
  fix?: { applicability: Applicability; edits: Edit[] };
}

/** What a check sees: the file, the semantic model, the current scope, and a way to report. */
export class CheckContext {
  /** The scope of the node being visited; set by the engine before each visit. */
  scope!: Scope;

  constructor(
    readonly rule: RuleDefinition,
    readonly file: SourceFile,
    readonly model: SemanticModel,
    private readonly sink: Finding[],
  ) {}

  get api(): MlflowApi {
    return this.model.api;
  }

  report(d: ReportDescriptor): void {
    const start = d.node ? d.node.startIndex : d.start!;
    const end = d.node ? d.node.endIndex : d.end!;
    this.sink.push({
      code: this.rule.code,
      name: this.rule.name,
      severity: this.rule.severity,
      message: d.message,
      path: this.file.path,
      start,
      end,
      help: d.help,
      fix: d.fix && d.fix.edits.length ? { applicability: d.fix.applicability, title: d.help ?? 'Apply fix', edits: d.fix.edits } : undefined,
    });
  }

  /** Canonical MLflow name of a call's callee (functions, classes, and methods on typed receivers). */
  calleeName(call: SyntaxNode): string | null {
    return this.model.calleeName(call, this.scope);
  }

  mlflowName(node: SyntaxNode): string | null {
    return this.model.mlflowName(node, this.scope);
  }

  importedPath(node: SyntaxNode): string | null {
    return this.model.importedPath(node, this.scope);
  }

  typeOf(node: SyntaxNode): string | null {
    return this.model.typeOf(node, this.scope);
  }

  isInstanceOf(node: SyntaxNode, className: string): boolean {
    return this.model.isInstanceOf(this.typeOf(node), className);
  }

  canonical(dotted: string): string {
    return this.api.canonical(dotted);
  }
}

/** Fills `{placeholders}` of a message template. */
export function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
