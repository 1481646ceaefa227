import type { SyntaxNode } from '../parser/types.js';
import type { MlflowApi } from './apiIndex.js';
import { nodeKey } from './builder.js';
import { reachingBindings } from './flow.js';
import type { Binding, Scope, StarImport } from './scope.js';
import { ATTRIBUTES, RETURNS, returnsModelInfo, CLASS } from './mlflowTypes.js';

/**
 * What a name refers to at one point of the program. `candidates` are the bindings that may reach
 * the read (several after `if/else` or `try/except` branches), with `name = None` fallbacks
 * dropped; `binding` is the last of them.
 */
export type Resolution =
  | { kind: 'binding'; binding: Binding; candidates: readonly Binding[] }
  | { kind: 'star'; star: StarImport; path: string }
  | { kind: 'unresolved' };

const COLLECTION = '[]';
const MAX_BASE_DEPTH = 8;

/**
 * Answers the question every rule asks: "what is this node?" — the MLflow API a name or
 * attribute chain refers to (through imports, aliases and re-exports, respecting shadowing),
 * and the MLflow type of a receiver (a client, a run, a model info...).
 *
 * Flow is approximated, never guessed toward a finding: when the bindings that may reach a read
 * disagree about what a name is, the name resolves to nothing.
 */
export class SemanticModel {
  private readonly typeCache = new Map<string | number, string | null>();
  private readonly derivedFacts = new Map<object, Map<SyntaxNode, { scope: Scope; value: unknown }>>();
  private readonly inProgress = new Set<string | number>();
  private readonly starBindings = new Map<string, Binding>();
  private readonly starOfBinding = new WeakMap<Binding, StarImport>();
  private readonly mergedBindings = new WeakMap<Scope, Map<string, Binding[]>>();
  private readonly canonicalTypeTables: { returns: Map<string, string>; attributes: Map<string, string> };

  constructor(readonly moduleScope: Scope, readonly api: MlflowApi) {
    this.canonicalTypeTables = canonicalTables(api);
  }

  /**
   * The binding a name refers to when read at `index` in `scope` (Python's LEGB, flow-approximated).
   * Within a scope, the bindings that reach `index` win. Class bodies and comprehensions run where
   * they stand, so their reads of enclosing names are positional too; a function body runs later,
   * so its reads of enclosing names see the enclosing scope's final bindings. Class scopes are
   * invisible from nested scopes, and a function-local name read before any binding is not the
   * outer one (UnboundLocalError).
   */
  lookup(name: string, scope: Scope, index: number): Resolution {
    let s: Scope | undefined = scope;
    let at = index;
    let first = true;
    while (s) {
      if (!first && s.kind === 'class') { s = s.parent; continue; }
      if (s !== this.moduleScope && s.globals.has(name)) { s = this.moduleScope; at = Infinity; first = false; continue; }
      if (s.nonlocals.has(name) && s.parent) { s = s.parent; at = Infinity; first = false; continue; }
      const all = this.bindingsOf(name, s);
      if (all.length) {
        const reaching = reachingBindings(all, at);
        if (reaching.length) return this.resolution(reaching);
        if (s.kind === 'function' || s.kind === 'lambda') {
          if (s.bindings.has(name)) return { kind: 'unresolved' };
        }
      }
      if (s.kind !== 'class' && s.kind !== 'comprehension') at = Infinity;
      first = false;
      s = s.parent;
    }
    return { kind: 'unresolved' };
  }

  /** The scope's bindings of a name, with MLflow star imports that export it, in order of effect. */
  private bindingsOf(name: string, scope: Scope): Binding[] {
    const own = scope.bindings.get(name) ?? [];
    if (!scope.starImports.length) return own;
    let merged = this.mergedBindings.get(scope);
    if (!merged) this.mergedBindings.set(scope, (merged = new Map()));
    let list = merged.get(name);
    if (!list) {
      const stars = this.starBindingsFor(name, scope);
      list = stars.length ? [...own, ...stars].sort((a, b) => a.effectiveFrom - b.effectiveFrom) : own;
      merged.set(name, list);
    }
    return list;
  }

  /** `from mlflow.models import *` binds `evaluate`: a synthetic import binding for each name it exports. */
  private starBindingsFor(name: string, scope: Scope): Binding[] {
    const out: Binding[] = [];
    for (const star of scope.starImports) {
      if (!isMlflowPath(star.module)) continue; // other libraries' exports are unknown (see docs)
      if (!this.api.source.starExports(this.api.canonical(star.module)).includes(name)) continue;
      const key = `${nodeKey(star.node)}:${name}`;
      let binding = this.starBindings.get(key);
      if (!binding) {
        binding = {
          name, kind: 'import', scope, evaluationScope: scope, node: star.node, effectiveFrom: star.effectiveFrom,
          importPath: `${star.module}.${name}`, guarded: star.guarded, isNoneValue: false,
        };
        this.starBindings.set(key, binding);
        this.starOfBinding.set(binding, star);
      }
      out.push(binding);
    }
    return out;
  }

  private resolution(reaching: Binding[]): Resolution {
    // `x = None` is a fallback (an import shim's, or a default before a conditional assignment):
    // code that calls or dereferences x means one of the other values.
    const live = reaching.filter((b) => !b.isNoneValue);
    const candidates = live.length ? live : reaching;
    const binding = candidates[candidates.length - 1]!;
    const star = this.starOfBinding.get(binding);
    if (star && candidates.length === 1) return { kind: 'star', star, path: binding.importPath! };
    return { kind: 'binding', binding, candidates };
  }

  /** The binding behind an identifier node (for shadowing and shim checks). */
  resolveIdentifier(node: SyntaxNode, scope: Scope): Resolution {
    return this.lookup(node.text, scope, node.startIndex);
  }

  /** The bindings that may give an identifier its value (empty when unresolved). */
  candidatesOf(node: SyntaxNode, scope: Scope): readonly Binding[] {
    const r = this.resolveIdentifier(node, scope);
    if (r.kind === 'binding') return r.candidates;
    if (r.kind === 'star') return [this.starBindings.get(`${nodeKey(r.star.node)}:${node.text}`)!];
    return [];
  }

  /**
   * The dotted path a name or attribute chain spells once its head is followed through imports:
   * `mf.models.MetricThreshold` with `import mlflow as mf` gives `mlflow.models.MetricThreshold`.
   * A plain alias assignment (`ev = mlflow.evaluate`) is followed too. Null when the head is not
   * an imported module or symbol, or when the bindings that may reach it disagree.
   */
  importedPath(node: SyntaxNode, scope: Scope): string | null {
    const hit = this.derived<string | null>(this.importedPath, node, scope);
    return hit !== undefined ? hit : this.keepDerived(this.importedPath, node, scope, this.computeImportedPath(node, scope));
  }

  private computeImportedPath(node: SyntaxNode, scope: Scope): string | null {
    if (node.type === 'identifier') return this.namePath(node.text, scope, node.startIndex);
    if (node.type === 'parenthesized_expression' && node.namedChildCount === 1) return this.importedPath(node.namedChildren[0]!, scope);
    if (node.type === 'named_expression') {
      const value = node.childForFieldName('value');
      return value ? this.importedPath(value, scope) : null;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!object || !attr) return null;
      const held = this.instanceAttributePath(object, attr.text, scope);
      if (held) return held;
      const head = this.importedPath(object, scope);
      return head ? `${head}.${attr.text}` : null;
    }
    return null;
  }

  /**
   * `self._ml_flow` where the class stored a module on the instance (`self._ml_flow = mlflow`, the
   * transformers MLflowCallback idiom): the module's path, when every assignment agrees.
   */
  private instanceAttributePath(object: SyntaxNode, attr: string, scope: Scope): string | null {
    if (object.type !== 'identifier') return null;
    const method = enclosingMethodScope(scope);
    if (!method?.classScope || object.text !== method.selfName) return null;
    const assignments = method.classScope.instanceAttributes.get(attr) ?? [];
    if (assignments.length === 0) return null;
    const key = `held:${nodeKey(object)}`;
    if (this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    try {
      const paths = assignments.map((a) => (a.value && (a.value.type === 'identifier' || a.value.type === 'attribute') ? this.importedPath(a.value, a.scope) : null));
      const [first] = paths;
      return first && paths.every((p) => p === first) ? first : null;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private namePath(name: string, scope: Scope, index: number): string | null {
    const r = this.lookup(name, scope, index);
    if (r.kind === 'star') return r.path;
    if (r.kind !== 'binding') return null;
    const paths = r.candidates.map((b) => this.bindingPath(b));
    const last = paths[paths.length - 1];
    if (!last || paths.some((p) => p === null)) return null;
    if (paths.every((p) => p === last)) return last;
    // Two spellings of one MLflow object (`from mlflow import evaluate` / `from mlflow.models import evaluate`).
    const canonical = isMlflowPath(last) ? this.api.canonical(last) : null;
    return canonical && paths.every((p) => isMlflowPath(p!) && this.api.canonical(p!) === canonical) ? last : null;
  }

  /** The dotted path a binding makes its name stand for: an import, or an alias of an imported path. */
  private bindingPath(binding: Binding): string | null {
    if (binding.kind === 'import') return binding.importPath ?? null;
    const value = binding.value;
    if (binding.kind !== 'assignment' || binding.annotation || !value) return null;
    if (value.type !== 'identifier' && value.type !== 'attribute') return null;
    const key = `path:${nodeKey(value)}`;
    if (this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    try {
      return this.importedPath(value, binding.evaluationScope);
    } finally {
      this.inProgress.delete(key);
    }
  }

  /** The canonical MLflow name of a node (`mlflow.models.evaluation.base.evaluate` for `mlflow.evaluate`). */
  mlflowName(node: SyntaxNode, scope: Scope): string | null {
    const path = this.importedPath(node, scope);
    if (!path || !isMlflowPath(path)) return null;
    return this.api.canonical(path);
  }

  /** Canonical MLflow name of the callee of a `call` node. */
  calleeName(call: SyntaxNode, scope: Scope): string | null {
    const hit = this.derived<string | null>(this.calleeName, call, scope);
    return hit !== undefined ? hit : this.keepDerived(this.calleeName, call, scope, this.computeCalleeName(call, scope));
  }

  /**
   * Facts about a node that several rules derive the same way, kept once per file: forty rules ask
   * what the same call or attribute is (`importedPath`, `calleeName`), twenty which paths a node
   * names (`referencesOf`). `derived` gives what was kept (undefined when nothing was), `keepDerived`
   * keeps it; `kind` identifies the derivation (the deriving function itself will do). Only answers
   * to top-level questions are kept: inside a resolution, a cycle guard (`inProgress`) may cut an
   * answer short, and that answer must not be served to a later question. The value is shared, so
   * callers must not mutate it. (No closures here: this runs for every call node and every rule.)
   */
  derived<T>(kind: object, node: SyntaxNode, scope: Scope): T | undefined {
    if (this.inProgress.size) return undefined;
    const hit = this.derivedMemo(kind).get(node);
    return hit && hit.scope === scope ? (hit.value as T) : undefined;
  }

  keepDerived<T>(kind: object, node: SyntaxNode, scope: Scope, value: T): T {
    if (!this.inProgress.size) this.derivedMemo(kind).set(node, { scope, value });
    return value;
  }

  private derivedMemo(kind: object): Map<SyntaxNode, { scope: Scope; value: unknown }> {
    let memo = this.derivedFacts.get(kind);
    if (!memo) this.derivedFacts.set(kind, (memo = new Map()));
    return memo;
  }

  private computeCalleeName(call: SyntaxNode, scope: Scope): string | null {
    const fn = call.childForFieldName('function');
    return fn ? this.functionName(fn, scope) : null;
  }

  /**
   * Canonical MLflow name of the function an expression names (what calling it calls), as for a
   * callee: `mlflow.evaluate`, `client.get_run` on a typed receiver. Also for a function handed on
   * uncalled (`functools.partial(mlflow.evaluate, ...)`).
   */
  functionName(fn: SyntaxNode, scope: Scope): string | null {
    const direct = this.mlflowName(fn, scope);
    if (direct) return direct;
    // A method call on a typed receiver: `client.get_run(...)` → `...MlflowClient.get_run`.
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute');
      const type = object ? this.typeOf(object, scope) : null;
      if (type && attr && !type.endsWith(COLLECTION)) return this.memberOwner(type, attr.text);
    }
    return null;
  }

  /**
   * Base classes of an MLflow class, canonical. The API index records bases as written in the
   * defining module (`class ActiveRun(Run)`), so a bare name is resolved in that module.
   */
  private basesOf(type: string): string[] {
    const module = type.slice(0, type.lastIndexOf('.'));
    const out = new Set<string>();
    for (const base of [...this.api.source.bases(type), ...this.api.target.bases(type)]) {
      if (this.api.symbol(base).kind === 'class') out.add(this.api.canonical(base));
      else if (module && this.api.symbol(`${module}.${base}`).kind === 'class') out.add(this.api.canonical(`${module}.${base}`));
    }
    return [...out];
  }

  /** `Type.member`, walking up base classes to the class that defines it. */
  private memberOwner(type: string, member: string): string {
    const seen = new Set<string>();
    const queue = [type];
    while (queue.length) {
      const t = queue.shift()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (this.api.source.hasMember(t, member) || this.api.target.hasMember(t, member)) return `${t}.${member}`;
      queue.push(...this.basesOf(t));
    }
    return `${type}.${member}`;
  }

  /** Is `type` the class `expected` or a subclass of it (per either version's API)? */
  isInstanceOf(type: string | null, expected: string): boolean {
    if (!type) return false;
    const want = this.api.canonical(expected);
    const seen = new Set<string>();
    const queue = [type];
    while (queue.length) {
      const t = queue.shift()!;
      if (t === want) return true;
      if (seen.has(t)) continue;
      seen.add(t);
      queue.push(...this.basesOf(t));
    }
    return false;
  }

  /** The canonical MLflow class of an expression's value, or `Class[]` for collections; null if unknown. */
  typeOf(node: SyntaxNode, scope: Scope): string | null {
    const key = nodeKey(node);
    const cached = this.typeCache.get(key);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(key)) return null;
    this.inProgress.add(key);
    const type = this.computeType(node, scope);
    this.inProgress.delete(key);
    this.typeCache.set(key, type);
    return type;
  }

  private computeType(node: SyntaxNode, scope: Scope): string | null {
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.typeOf(node.namedChildren[0], scope) : null;
      case 'call':
        return this.callType(node, scope);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!object || !attr) return null;
        // `self.client` inside a method: the type assigned to it in the class.
        if (object.type === 'identifier') {
          const method = enclosingMethodScope(scope);
          if (method?.classScope && object.text === method.selfName) {
            return this.instanceAttributeType(method.classScope, attr.text, 0);
          }
        }
        const ownerType = this.typeOf(object, scope);
        if (!ownerType || ownerType.endsWith(COLLECTION)) return null;
        return this.canonicalTypeTables.attributes.get(this.memberOwner(ownerType, attr.text)) ?? null;
      }
      case 'subscript': {
        const value = node.childForFieldName('value');
        return elementOf(value ? this.typeOf(value, scope) : null);
      }
      case 'dictionary':
      case 'list':
      case 'tuple':
      case 'set': {
        // A literal whose elements (dict values) all have one MLflow type is a collection of it.
        const items = node.namedChildren.filter((c) => c.type !== 'comment').map((c) => (c.type === 'pair' ? c.childForFieldName('value') : c));
        const types = new Set(items.map((c) => (c ? this.typeOf(c, scope) : null)));
        const [only] = types;
        return types.size === 1 && only && !only.endsWith(COLLECTION) ? `${only}${COLLECTION}` : null;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'dictionary_comprehension': {
        const inner = scope.children.find((c) => c.node.startIndex === node.startIndex && c.node.type === node.type);
        let body = node.childForFieldName('body');
        if (body?.type === 'pair') body = body.childForFieldName('value');
        const t = inner && body ? this.typeOf(body, inner) : null;
        return t && !t.endsWith(COLLECTION) ? `${t}${COLLECTION}` : null;
      }
      case 'boolean_operator': {
        // `client or MlflowClient()`: the value is one of the operands.
        if (node.children.find((c) => !c.isNamed)?.text !== 'or') return null;
        return agreeing([node.childForFieldName('left'), node.childForFieldName('right')].map((c) => (c ? this.typeOf(c, scope) : null)));
      }
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = node.namedChildren;
        return agreeing([whenTrue, whenFalse].map((c) => (c ? this.typeOf(c, scope) : null)));
      }
      case 'identifier': {
        const r = this.resolveIdentifier(node, scope);
        return r.kind === 'binding' ? agreeing(r.candidates.map((b) => this.bindingType(b))) : null;
      }
      default:
        return null;
    }
  }

  private callType(call: SyntaxNode, scope: Scope): string | null {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
    // Collection helpers keep the element type: `thresholds.values()`, `thresholds.get("acc")`, `sorted(runs)`.
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const method = fn.childForFieldName('attribute')?.text;
      const collection = object ? this.typeOf(object, scope) : null;
      if (collection?.endsWith(COLLECTION)) {
        if (method === 'values' || method === 'copy') return collection;
        if (method === 'get' || method === 'pop') return elementOf(collection);
        return null;
      }
    } else if (fn.type === 'identifier' && (fn.text === 'list' || fn.text === 'sorted' || fn.text === 'reversed' || fn.text === 'tuple')) {
      if (this.lookup(fn.text, scope, fn.startIndex).kind !== 'unresolved') return null; // shadowed builtin
      const arg = call.childForFieldName('arguments')?.namedChildren[0];
      const t = arg ? this.typeOf(arg, scope) : null;
      return t?.endsWith(COLLECTION) ? t : null;
    }
    const local = this.localFunctionOf(fn, scope);
    if (local) return this.localReturnType(local);
    const name = this.calleeName(call, scope);
    if (!name) return null;
    const symbol = this.api.symbol(name);
    if (symbol.kind === 'class') return symbol.canonical;
    return this.canonicalTypeTables.returns.get(name) ?? (returnsModelInfo(name) ? this.api.canonical(CLASS.ModelInfo) : null);
  }

  /** A function of this file a callee names: `get_client()`, or `self.get_client()` inside its class. */
  private localFunctionOf(fn: SyntaxNode, scope: Scope): Binding | undefined {
    if (fn.type === 'identifier') {
      const candidates = this.candidatesOf(fn, scope);
      return candidates.length === 1 && candidates[0]!.kind === 'function' ? candidates[0] : undefined;
    }
    if (fn.type === 'attribute') {
      const object = fn.childForFieldName('object');
      const attr = fn.childForFieldName('attribute');
      const method = enclosingMethodScope(scope);
      if (object?.type !== 'identifier' || !attr || !method?.classScope || object.text !== method.selfName) return undefined;
      const defs = method.classScope.bindings.get(attr.text) ?? [];
      return defs.length === 1 && defs[0]!.kind === 'function' ? defs[0] : undefined;
    }
    return undefined;
  }

  /**
   * What a function of this file returns: its return annotation, else the one type every `return`
   * expression has (`def get_client(): return MlflowClient()`). Unknown when they disagree.
   */
  private localReturnType(fn: Binding): string | null {
    const def = fn.node;
    const annotation = def.childForFieldName('return_type');
    if (annotation) return this.annotationType(annotation, fn.evaluationScope);
    const body = def.childForFieldName('body');
    const fnScope = fn.definedScope;
    if (!body || !fnScope) return null;
    const returns: SyntaxNode[] = [];
    const stack = [...body.namedChildren];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') continue;
      if (n.type === 'return_statement') { returns.push(n); continue; }
      stack.push(...n.namedChildren);
    }
    const types = new Set(returns.map((r) => (r.namedChildren[0] ? this.typeOf(r.namedChildren[0], fnScope) : null)));
    const [only] = types;
    return types.size === 1 && only ? only : null;
  }

  /** The type a binding gives its name (assignment value, `with ... as`, loop element, annotation). */
  bindingType(binding: Binding): string | null {
    const scope = binding.evaluationScope;
    if (binding.annotation) {
      const t = this.annotationType(binding.annotation, scope);
      if (t) return t;
    }
    if (binding.value) return this.typeOf(binding.value, scope);
    if (binding.contextValue) return this.typeOf(binding.contextValue, scope);
    if (binding.iteratedValue) return this.loopElementType(binding.iteratedValue, binding.unpackIndex, scope);
    return null;
  }

  /** The element a loop binds: `for r in runs`, `for name, t in thresholds.items()`, `for i, r in enumerate(runs)`. */
  private loopElementType(iterated: SyntaxNode, unpackIndex: number | undefined, scope: Scope): string | null {
    if (unpackIndex === undefined) return elementOf(this.typeOf(iterated, scope));
    if (unpackIndex !== 1 || iterated.type !== 'call') return null;
    const fn = iterated.childForFieldName('function');
    const arg = iterated.childForFieldName('arguments')?.namedChildren[0];
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'items') {
      const object = fn.childForFieldName('object');
      return elementOf(object ? this.typeOf(object, scope) : null);
    }
    if (fn?.type === 'identifier' && fn.text === 'enumerate' && arg && this.lookup('enumerate', scope, fn.startIndex).kind === 'unresolved') {
      return elementOf(this.typeOf(arg, scope));
    }
    return null;
  }

  /** `MlflowClient`, `"MlflowClient"`, `Optional[MlflowClient]`, `MlflowClient | None` → the class. */
  private annotationType(annotation: SyntaxNode, scope: Scope): string | null {
    let expr: SyntaxNode | undefined = annotation.type === 'type' ? annotation.namedChildren[0] : annotation;
    for (let depth = 0; expr && depth < 4; depth++) {
      if (expr.type === 'string') return this.stringAnnotationType(expr, scope);
      if (expr.type === 'binary_operator') {
        const sides: Array<SyntaxNode | null> = [expr.childForFieldName('left'), expr.childForFieldName('right')];
        const notNone = sides.filter((side): side is SyntaxNode => !!side && side.type !== 'none');
        if (notNone.length !== 1) return null;
        expr = notNone[0]!;
        continue;
      }
      if (expr.type === 'subscript' || expr.type === 'generic_type') {
        const head: SyntaxNode | null | undefined = expr.type === 'subscript' ? expr.childForFieldName('value') : expr.namedChildren[0];
        const args: SyntaxNode[] = expr.type === 'subscript' ? expr.childrenForFieldName('subscript') : expr.namedChildren[1]?.namedChildren ?? [];
        if (!head || !/(^|\.)Optional$/.test(head.text) || args.length !== 1) return null;
        expr = args[0]!.type === 'type' ? args[0]!.namedChildren[0] : args[0];
        continue;
      }
      break;
    }
    if (!expr) return null;
    const name = this.mlflowName(expr, scope);
    if (!name) return null;
    return this.api.symbol(name).kind === 'class' ? name : null;
  }

  private stringAnnotationType(node: SyntaxNode, scope: Scope): string | null {
    const content = node.namedChildren.find((c) => c.type === 'string_content')?.text?.trim() ?? '';
    const optional = /^(?:(?:typing\.)?Optional\[\s*([\w.]+)\s*\]|([\w.]+)\s*\|\s*None|None\s*\|\s*([\w.]+))$/.exec(content);
    const dottedName = optional ? optional[1] ?? optional[2] ?? optional[3]! : content;
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(dottedName)) return null;
    const [head, ...rest] = dottedName.split('.');
    // A string annotation is read by type checkers against the whole module.
    const base = this.namePath(head!, scope, Infinity);
    if (!base || !isMlflowPath(base)) return null;
    const path = [base, ...rest].join('.');
    return this.api.symbol(path).kind === 'class' ? this.api.canonical(path) : null;
  }

  /**
   * The type of `self.<attr>` in a class: from `self.<attr> = ...` in any method (and class-level
   * assignments or annotations), else from a base class defined in the same file. Assignments whose
   * type is unknown are ignored; known types must agree.
   */
  private instanceAttributeType(classScope: Scope, attr: string, depth: number): string | null {
    const types: Array<string | null> = [];
    for (const assignment of classScope.instanceAttributes.get(attr) ?? []) {
      const fromAnnotation = assignment.annotation ? this.annotationType(assignment.annotation, assignment.scope) : null;
      if (fromAnnotation) types.push(fromAnnotation);
      else if (assignment.value && assignment.value.type !== 'none') types.push(this.typeOf(assignment.value, assignment.scope));
    }
    for (const b of classScope.bindings.get(attr) ?? []) types.push(b.kind === 'assignment' ? this.bindingType(b) : null);
    const own = agreeing(types);
    if (types.length || depth >= MAX_BASE_DEPTH) return own;
    for (const base of classScope.baseClasses) {
      if (base.type !== 'identifier') continue;
      const r = this.lookup(base.text, classScope.parent ?? this.moduleScope, base.startIndex);
      const baseScope = r.kind === 'binding' && r.candidates.length === 1 && r.binding.kind === 'class' ? r.binding.definedScope : undefined;
      const t = baseScope ? this.instanceAttributeType(baseScope, attr, depth + 1) : null;
      if (t) return t;
    }
    return null;
  }
}

export function isMlflowPath(path: string): boolean {
  return path === 'mlflow' || path.startsWith('mlflow.');
}

/** The one type the known values agree on; null when none is known or they differ. */
function agreeing(types: Array<string | null>): string | null {
  const known = new Set(types.filter((t): t is string => t !== null));
  return known.size === 1 ? [...known][0]! : null;
}

function elementOf(type: string | null): string | null {
  return type?.endsWith(COLLECTION) ? type.slice(0, -COLLECTION.length) : null;
}

function enclosingMethodScope(scope: Scope): Scope | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.kind === 'function') return s.classScope ? s : enclosingMethodScope(s.parent!);
    if (s.kind === 'class' || s.kind === 'module') return undefined;
  }
  return undefined;
}

const tableCache = new WeakMap<MlflowApi, { returns: Map<string, string>; attributes: Map<string, string> }>();

function canonicalTables(api: MlflowApi) {
  let tables = tableCache.get(api);
  if (!tables) {
    const canonType = (t: string) => (t.endsWith(COLLECTION) ? `${api.canonical(t.slice(0, -2))}${COLLECTION}` : api.canonical(t));
    tables = {
      returns: new Map(Object.entries(RETURNS).map(([k, v]) => [api.canonical(k), canonType(v)])),
      attributes: new Map(Object.entries(ATTRIBUTES).map(([k, v]) => [api.canonical(k), canonType(v)])),
    };
    tableCache.set(api, tables);
  }
  return tables;
}
