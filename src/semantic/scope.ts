import type { SyntaxNode } from '../parser/types.js';

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';

export type BindingKind =
  | 'import'
  | 'assignment'
  | 'parameter'
  | 'function'
  | 'class'
  | 'loop'
  | 'with'
  | 'except'
  /** `del name`: the name is unbound from here on. */
  | 'deleted'
  | 'other';

/** One place where a name gets a value. A name may have several bindings in one scope. */
export interface Binding {
  readonly name: string;
  readonly kind: BindingKind;
  readonly scope: Scope;
  /** The statement (or parameter) that creates the binding. */
  readonly node: SyntaxNode;
  /** UTF-16 index from which the binding is visible to later code in the same scope. */
  readonly effectiveFrom: number;
  /**
   * Where the binding's value, annotation, context or iterable is evaluated. Usually `scope`, but
   * not for `global x` inside a function (bound in the module, evaluated in the function) or a
   * parameter's annotation (evaluated where the function is defined).
   */
  readonly evaluationScope: Scope;
  /** For imports: the dotted path the name stands for (`import mlflow.models as m` → `mlflow.models`). */
  readonly importPath?: string;
  /** `import a.b.c` binds `a` (importPath `a`) but loads `a.b.c`: that module. */
  readonly loadedModule?: string;
  /** The scope a `def` or `class` creates (for class attributes and same-file base classes). */
  readonly definedScope?: Scope;
  /** The expression whose value the name receives, when it is the whole value (not unpacked). */
  readonly value?: SyntaxNode;
  /** A `with X as name`: the name receives `X.__enter__()`, which for MLflow objects is X itself. */
  readonly contextValue?: SyntaxNode;
  /** A `for name in X`: the name receives an element of X. */
  readonly iteratedValue?: SyntaxNode;
  /** A `for a, name in X`: the name receives this position of the unpacked element. */
  readonly unpackIndex?: number;
  /** A parameter's or annotated assignment's type annotation. */
  readonly annotation?: SyntaxNode;
  /** Inside `try:` with an `except ImportError` handler, or inside that handler. */
  readonly guarded: boolean;
  /** `x = None` (common in compatibility shims' fallback branch). */
  readonly isNoneValue: boolean;
}

export interface StarImport {
  readonly module: string;
  readonly effectiveFrom: number;
  readonly node: SyntaxNode;
  readonly guarded: boolean;
}

/** `self.<attr> = value` assignments of a class, gathered from all its methods. */
export interface InstanceAttribute {
  readonly value?: SyntaxNode;
  readonly annotation?: SyntaxNode;
  readonly scope: Scope;
}

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly starImports: StarImport[] = [];
  /** Nested scopes, in source order. */
  readonly children: Scope[] = [];
  /** Class scopes only. */
  readonly instanceAttributes = new Map<string, InstanceAttribute[]>();
  /** Method scopes only: the first parameter's name and the class the method belongs to. */
  selfName?: string;
  classScope?: Scope;
  /** Class scopes only: the class name and its base class expressions. */
  className?: string;
  baseClasses: SyntaxNode[] = [];

  constructor(readonly kind: ScopeKind, readonly node: SyntaxNode, readonly parent: Scope | undefined) {
    parent?.children.push(this);
  }

  add(binding: Binding): void {
    const list = this.bindings.get(binding.name);
    if (list) list.push(binding);
    else this.bindings.set(binding.name, [binding]);
  }

  get moduleScope(): Scope {
    let s: Scope = this;
    while (s.parent) s = s.parent;
    return s;
  }
}
