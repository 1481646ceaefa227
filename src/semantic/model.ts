import type { SyntaxNode } from '../parser/types.js';
import type { MlflowApi } from './apiIndex.js';
import type { Binding, Scope, StarImport } from './scope.js';
import { ATTRIBUTES, RETURNS, returnsModelInfo, CLASS } from './mlflowTypes.js';

/** What a name refers to at one point of the program. */
export type Resolution =
  | { kind: 'binding'; binding: Binding }
  | { kind: 'star'; star: StarImport; path: string }
  | { kind: 'unresolved' };

const COLLECTION = '[]';

/**
 * Answers the question every rule asks: "what is this node?" — the MLflow API a name or
 * attribute chain refers to (through imports, aliases and re-exports, respecting shadowing),
 * and the MLflow type of a receiver (a client, a run, a model info...).
 */
export class SemanticModel {
  private readonly typeCache = new Map<SyntaxNode, string | null>();
  private readonly inProgress = new Set<SyntaxNode>();
  private readonly canonicalTypeTables: { returns: Map<string, string>; attributes: Map<string, string> };

  constructor(readonly moduleScope: Scope, readonly api: MlflowApi) {
    this.canonicalTypeTables = canonicalTables(api);
  }

  /** The binding a name refers to when read at `index` in `scope` (Python's LEGB, flow-approximated). */
  lookup(name: string, scope: Scope, index: number): Resolution {
    let s: Scope | undefined = scope;
    let sameScope = true;
    while (s) {
      if (s.kind === 'class' && !sameScope) { s = s.parent; continue; }
      if (s.globals.has(name) && s !== this.moduleScope) { s = this.moduleScope; sameScope = false; continue; }
      const bindings = s.bindings.get(name);
      if (bindings?.length) {
        if (sameScope) {
          const before = bindings.filter((b) => b.effectiveFrom <= index);
          if (before.length) return { kind: 'binding', binding: before[before.length - 1]! };
          // A function-local name read before any assignment is not the outer one (UnboundLocalError).
          if (s.kind === 'function' || s.kind === 'lambda') return { kind: 'unresolved' };
        } else {
          return { kind: 'binding', binding: effectiveOuterBinding(bindings) };
        }
      }
      const star = this.starImportFor(name, s, sameScope ? index : Infinity);
      if (star) return star;
      sameScope = false;
      s = s.parent;
    }
    return { kind: 'unresolved' };
  }

  private starImportFor(name: string, scope: Scope, index: number): Resolution | undefined {
    for (let i = scope.starImports.length - 1; i >= 0; i--) {
      const star = scope.starImports[i]!;
      if (star.effectiveFrom > index || !star.module.startsWith('mlflow')) continue;
      const exported = this.api.source.starExports(this.api.canonical(star.module));
      if (exported.includes(name)) return { kind: 'star', star, path: `${star.module}.${name}` };
    }
    return undefined;
  }

  /** The binding behind an identifier node (for shadowing and shim checks). */
  resolveIdentifier(node: SyntaxNode, scope: Scope): Resolution {
    return this.lookup(node.text, scope, node.startIndex);
  }

  /**
   * The dotted path a name or attribute chain spells once its head is followed through imports:
   * `mf.models.MetricThreshold` with `import mlflow as mf` gives `mlflow.models.MetricThreshold`.
   * Null when the head is not an imported module or symbol.
   */
  importedPath(node: SyntaxNode, scope: Scope): string | null {
    if (node.type === 'identifier') {
      const r = this.resolveIdentifier(node, scope);
      if (r.kind === 'star') return r.path;
      if (r.kind === 'binding' && r.binding.kind === 'import' && r.binding.importPath) return r.binding.importPath;
      return null;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attr = node.childForFieldName('attribute');
      if (!object || !attr) return null;
      const head = this.importedPath(object, scope);
      return head ? `${head}.${attr.text}` : null;
    }
    return null;
  }

  /** The canonical MLflow name of a node (`mlflow.models.evaluation.base.evaluate` for `mlflow.evaluate`). */
  mlflowName(node: SyntaxNode, scope: Scope): string | null {
    const path = this.importedPath(node, scope);
    if (!path || !isMlflowPath(path)) return null;
    return this.api.canonical(path);
  }

  /** Canonical MLflow name of the callee of a `call` node. */
  calleeName(call: SyntaxNode, scope: Scope): string | null {
    const fn = call.childForFieldName('function');
    if (!fn) return null;
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

  /** `Type.member`, walking up base classes to the class that defines it. */
  private memberOwner(type: string, member: string): string {
    const seen = new Set<string>();
    const queue = [type];
    while (queue.length) {
      const t = queue.shift()!;
      if (seen.has(t)) continue;
      seen.add(t);
      if (this.api.source.hasMember(t, member) || this.api.target.hasMember(t, member)) return `${t}.${member}`;
      queue.push(...this.api.source.bases(t), ...this.api.target.bases(t));
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
      queue.push(...this.api.source.bases(t), ...this.api.target.bases(t));
    }
    return false;
  }

  /** The canonical MLflow class of an expression's value, or `Class[]` for collections; null if unknown. */
  typeOf(node: SyntaxNode, scope: Scope): string | null {
    const cached = this.typeCache.get(node);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(node)) return null;
    this.inProgress.add(node);
    const type = this.computeType(node, scope);
    this.inProgress.delete(node);
    this.typeCache.set(node, type);
    return type;
  }

  private computeType(node: SyntaxNode, scope: Scope): string | null {
    switch (node.type) {
      case 'parenthesized_expression':
        return node.namedChildren[0] ? this.typeOf(node.namedChildren[0], scope) : null;
      case 'call': {
        const callee = node.childForFieldName('function');
        if (!callee) return null;
        const name = this.calleeName(node, scope);
        if (!name) return null;
        const symbol = this.api.symbol(name);
        if (symbol.kind === 'class') return symbol.canonical;
        return this.canonicalTypeTables.returns.get(name) ?? (returnsModelInfo(name) ? this.api.canonical(CLASS.ModelInfo) : null);
      }
      case 'attribute': {
        const object = node.childForFieldName('object');
        const attr = node.childForFieldName('attribute');
        if (!object || !attr) return null;
        // `self.client` inside a method: the type assigned to it anywhere in the class.
        if (object.type === 'identifier') {
          const method = enclosingMethodScope(scope);
          if (method?.classScope && object.text === method.selfName) {
            return this.instanceAttributeType(method.classScope, attr.text);
          }
        }
        const ownerType = this.typeOf(object, scope);
        if (!ownerType || ownerType.endsWith(COLLECTION)) return null;
        return this.canonicalTypeTables.attributes.get(this.memberOwner(ownerType, attr.text)) ?? null;
      }
      case 'subscript': {
        const value = node.childForFieldName('value');
        const t = value ? this.typeOf(value, scope) : null;
        return t?.endsWith(COLLECTION) ? t.slice(0, -COLLECTION.length) : null;
      }
      case 'dictionary':
      case 'list':
      case 'tuple': {
        // A literal whose elements (dict values) all have one MLflow type is a collection of it.
        const items = node.namedChildren.map((c) => (c.type === 'pair' ? c.childForFieldName('value') : c));
        const types = new Set(items.map((c) => (c ? this.typeOf(c, scope) : null)));
        const [only] = types;
        return types.size === 1 && only && !only.endsWith(COLLECTION) ? `${only}${COLLECTION}` : null;
      }
      case 'identifier': {
        const r = this.resolveIdentifier(node, scope);
        return r.kind === 'binding' ? this.bindingType(r.binding) : null;
      }
      default:
        return null;
    }
  }

  /** The type a binding gives its name (assignment value, `with ... as`, loop element, annotation). */
  bindingType(binding: Binding): string | null {
    if (binding.annotation) {
      const t = this.annotationType(binding.annotation, binding.scope);
      if (t) return t;
    }
    if (binding.value) return this.typeOf(binding.value, binding.scope);
    if (binding.contextValue) return this.typeOf(binding.contextValue, binding.scope);
    if (binding.iteratedValue) {
      const t = this.typeOf(binding.iteratedValue, binding.scope);
      return t?.endsWith(COLLECTION) ? t.slice(0, -COLLECTION.length) : null;
    }
    return null;
  }

  private annotationType(annotation: SyntaxNode, scope: Scope): string | null {
    const expr = annotation.type === 'type' ? annotation.namedChildren[0] : annotation;
    if (!expr) return null;
    const name = this.mlflowName(expr, scope);
    if (!name) return null;
    return this.api.symbol(name).kind === 'class' ? name : null;
  }

  private instanceAttributeType(classScope: Scope, attr: string): string | null {
    for (const assignment of classScope.instanceAttributes.get(attr) ?? []) {
      const fromAnnotation = assignment.annotation ? this.annotationType(assignment.annotation, assignment.scope) : null;
      if (fromAnnotation) return fromAnnotation;
      const t = assignment.value ? this.typeOf(assignment.value, assignment.scope) : null;
      if (t) return t;
    }
    return null;
  }
}

export function isMlflowPath(path: string): boolean {
  return path === 'mlflow' || path.startsWith('mlflow.');
}

function enclosingMethodScope(scope: Scope): Scope | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    if (s.kind === 'function') return s.classScope ? s : enclosingMethodScope(s.parent!) ;
    if (s.kind === 'class' || s.kind === 'module') return undefined;
  }
  return undefined;
}

/**
 * For a read from an inner scope, the binding the outer scope most plausibly holds: the last one,
 * skipping `name = None` fallbacks of import shims.
 */
function effectiveOuterBinding(bindings: Binding[]): Binding {
  for (let i = bindings.length - 1; i >= 0; i--) {
    const b = bindings[i]!;
    if (!(b.isNoneValue && b.guarded)) return b;
  }
  return bindings[bindings.length - 1]!;
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
