import type { SyntaxNode, SyntaxTree } from '../parser/types.js';
import { Scope, type Binding, type BindingKind } from './scope.js';

/** A node a rule asked for, with the scope it was seen in. */
export interface VisitedNode {
  readonly node: SyntaxNode;
  readonly scope: Scope;
}

export interface WalkResult {
  readonly moduleScope: Scope;
  /** Nodes of the requested types, in source order. */
  readonly nodesByType: Map<string, VisitedNode[]>;
  /** ERROR and MISSING nodes: the parse-broken regions. */
  readonly errorNodes: SyntaxNode[];
  readonly comments: SyntaxNode[];
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'AttributeError', 'Exception', 'BaseException']);

/**
 * The one walk over a file's tree. It builds the scope tree and its bindings (imports,
 * assignments, parameters, definitions, loop / with / except targets) and collects the nodes
 * whose types the active rules handle, so rules never walk the tree again.
 */
export function walkTree(tree: SyntaxTree, wantedTypes: ReadonlySet<string>): WalkResult {
  const root = tree.rootNode;
  const moduleScope = new Scope('module', root, undefined);
  const nodesByType = new Map<string, VisitedNode[]>();
  const errorNodes: SyntaxNode[] = [];
  const comments: SyntaxNode[] = [];
  let scope = moduleScope;
  let guardDepth = 0;
  /**
   * Parts of a construct that Python evaluates in the enclosing scope, not in the scope the
   * construct creates: parameter defaults and annotations, a return annotation, class bases, the
   * first iterable of a comprehension. Keyed by position, as WASM nodes are fresh objects.
   */
  const outerScopeParts = new Map<number, Scope>();
  const evaluateOutside = (part: SyntaxNode | null, outer: Scope) => {
    if (part) outerScopeParts.set(nodeKey(part), outer);
  };

  const bind = (name: string, kind: BindingKind, node: SyntaxNode, effectiveFrom: number, extra: Partial<Binding> = {}, target: Scope = scope) => {
    const owner = target.globals.has(name) ? moduleScope : target.nonlocals.has(name) ? nonlocalOwner(target, name) : target;
    owner.add({
      name, kind, node, effectiveFrom, scope: owner, guarded: guardDepth > 0 && isImportShim(node), isNoneValue: extra.value?.type === 'none', ...extra,
      evaluationScope: extra.evaluationScope ?? scope,
    });
  };

  /** Binds every identifier in an assignment / loop target; `whole` when the target is a single name. */
  const bindTargets = (target: SyntaxNode, kind: BindingKind, statement: SyntaxNode, effectiveFrom: number, extra: Partial<Binding>) => {
    switch (target.type) {
      case 'identifier':
        bind(target.text, kind, statement, effectiveFrom, extra);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
        // `for i, run in enumerate(runs)`: each name remembers its position in the unpacked element.
        target.namedChildren.forEach((child, unpackIndex) => {
          const element = extra.iteratedValue && child.type === 'identifier' ? { iteratedValue: extra.iteratedValue, unpackIndex, evaluationScope: extra.evaluationScope } : {};
          bindTargets(child, kind, statement, effectiveFrom, element);
        });
        return;
      case 'parenthesized_expression':
        for (const child of target.namedChildren) bindTargets(child, kind, statement, effectiveFrom, extra);
        return;
      case 'list_splat_pattern':
      case 'list_splat':
        for (const child of target.namedChildren) bindTargets(child, kind, statement, effectiveFrom, {});
        return;
      case 'as_pattern_target':
        for (const child of target.namedChildren) bindTargets(child, kind, statement, effectiveFrom, extra);
        return;
      case 'attribute': {
        // `self.x = value` inside a method records an instance attribute of the class.
        const obj = target.childForFieldName('object');
        const attr = target.childForFieldName('attribute');
        if (obj?.type === 'identifier' && attr && scope.classScope && obj.text === scope.selfName) {
          const list = scope.classScope.instanceAttributes.get(attr.text) ?? [];
          list.push({ value: extra.value, annotation: extra.annotation, scope });
          scope.classScope.instanceAttributes.set(attr.text, list);
        }
        return;
      }
      default:
        return;
    }
  };

  const bindParameters = (params: SyntaxNode | null, fnScope: Scope, bodyStart: number, isStatic = false) => {
    if (!params) return;
    params.namedChildren.forEach((p, index) => {
      let nameNode: SyntaxNode | null = null;
      let annotation: SyntaxNode | undefined;
      switch (p.type) {
        case 'identifier': nameNode = p; break;
        case 'typed_parameter':
          nameNode = p.namedChildren.find((c) => c.type === 'identifier') ?? null;
          annotation = p.childForFieldName('type') ?? undefined;
          break;
        case 'default_parameter': nameNode = p.childForFieldName('name'); break;
        case 'typed_default_parameter':
          nameNode = p.childForFieldName('name');
          annotation = p.childForFieldName('type') ?? undefined;
          break;
        case 'list_splat_pattern':
        case 'dictionary_splat_pattern':
          nameNode = p.namedChildren.find((c) => c.type === 'identifier') ?? null;
          break;
        default: break;
      }
      if (!nameNode || nameNode.type !== 'identifier') return;
      if (index === 0 && fnScope.classScope && !isStatic) fnScope.selfName = nameNode.text;
      // Annotations are evaluated where the function is defined.
      bind(nameNode.text, 'parameter', p, bodyStart, { annotation, evaluationScope: fnScope.parent ?? fnScope }, fnScope);
    });
  };

  const bindImport = (node: SyntaxNode) => {
    const end = node.endIndex;
    if (node.type === 'import_statement') {
      for (const item of node.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const path = item.childForFieldName('name')?.text;
          const alias = item.childForFieldName('alias')?.text;
          if (path && alias) bind(alias, 'import', node, end, { importPath: dotted(path) });
        } else {
          // `import a.b.c` binds `a`, with `a.b.c` loaded as a submodule.
          const first = item.namedChildren[0]?.text;
          if (first) bind(first, 'import', node, end, { importPath: first, loadedModule: dotted(item.text) });
        }
      }
      return;
    }
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode || moduleNode.type === 'relative_import') {
      // Relative imports name the project's own modules; bind them so they shadow, without a path.
      for (const item of node.childrenForFieldName('name')) {
        const local = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : item.text;
        if (local) bind(local, 'import', node, end);
      }
      return;
    }
    const module = dotted(moduleNode.text);
    if (node.namedChildren.some((c) => c.type === 'wildcard_import')) {
      scope.starImports.push({ module, effectiveFrom: end, node, guarded: guardDepth > 0 && isImportShim(node) });
      return;
    }
    for (const item of node.childrenForFieldName('name')) {
      if (item.type === 'aliased_import') {
        const name = item.childForFieldName('name')?.text;
        const alias = item.childForFieldName('alias')?.text;
        if (name && alias) bind(alias, 'import', node, end, { importPath: `${module}.${dotted(name)}` });
      } else {
        bind(item.text, 'import', node, end, { importPath: `${module}.${dotted(item.text)}` });
      }
    }
  };

  /** Returns what to undo when the walk leaves the node. */
  const enter = (node: SyntaxNode): (() => void) | undefined => {
    const type = node.type;
    if (wantedTypes.has(type)) {
      let list = nodesByType.get(type);
      if (!list) nodesByType.set(type, (list = []));
      list.push({ node, scope });
    }
    switch (type) {
      case 'ERROR':
        errorNodes.push(node);
        return undefined;
      case 'comment':
        comments.push(node);
        return undefined;
      case 'import_statement':
      case 'import_from_statement':
        bindImport(node);
        return undefined;
      case 'function_definition': {
        const name = node.childForFieldName('name');
        const outer = scope;
        const fnScope = new Scope('function', node, outer);
        if (name) bind(name.text, 'function', node, node.endIndex, { definedScope: fnScope });
        if (outer.kind === 'class') fnScope.classScope = outer;
        const body = node.childForFieldName('body');
        const params = node.childForFieldName('parameters');
        bindParameters(params, fnScope, body?.startIndex ?? node.endIndex, hasDecorator(node, 'staticmethod'));
        evaluateOutside(params, outer);
        evaluateOutside(node.childForFieldName('return_type'), outer);
        scope = fnScope;
        return () => { scope = outer; };
      }
      case 'lambda': {
        const outer = scope;
        const lambdaScope = new Scope('lambda', node, outer);
        const params = node.childForFieldName('parameters');
        bindParameters(params, lambdaScope, node.startIndex);
        evaluateOutside(params, outer);
        scope = lambdaScope;
        return () => { scope = outer; };
      }
      case 'class_definition': {
        const name = node.childForFieldName('name');
        const outer = scope;
        const classScope = new Scope('class', node, outer);
        if (name) bind(name.text, 'class', node, node.endIndex, { definedScope: classScope });
        classScope.className = name?.text;
        const superclasses = node.childForFieldName('superclasses');
        classScope.baseClasses = superclasses?.namedChildren.filter((c) => c.type !== 'keyword_argument') ?? [];
        evaluateOutside(superclasses, outer);
        scope = classScope;
        return () => { scope = outer; };
      }
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right') ?? undefined;
        const annotation = node.childForFieldName('type') ?? undefined;
        // A chained assignment `a = b = value` nests: the inner assignment is the right side.
        let value = right;
        while (value?.type === 'assignment') value = value.childForFieldName('right') ?? undefined;
        if (left) bindTargets(left, 'assignment', node, node.endIndex, { value, annotation });
        return undefined;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) bindTargets(left, 'other', node, node.endIndex, {});
        return undefined;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        // The walrus binds in the enclosing function, not in a comprehension.
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        if (name) bind(name.text, 'assignment', node, node.endIndex, { value: node.childForFieldName('value') ?? undefined }, target);
        return undefined;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right') ?? undefined;
        const body = node.childForFieldName('body');
        if (left) bindTargets(left, 'loop', node, body?.startIndex ?? node.endIndex, { iteratedValue: right });
        return undefined;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias');
          const expr = value.namedChildren[0];
          const withStmt = ancestorOfType(node, 'with_statement');
          const from = withStmt?.childForFieldName('body')?.startIndex ?? node.endIndex;
          if (target) bindTargets(target, 'with', node, from, { contextValue: expr });
        }
        return undefined;
      }
      case 'except_clause': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias');
          if (target) bindTargets(target, 'except', node, node.startIndex, {});
        }
        return undefined;
      }
      case 'delete_statement':
        for (const target of deletedNames(node)) bind(target.text, 'deleted', node, node.endIndex);
        return undefined;
      case 'global_statement':
        for (const id of node.namedChildren) if (id.type === 'identifier') scope.globals.add(id.text);
        return undefined;
      case 'nonlocal_statement':
        for (const id of node.namedChildren) if (id.type === 'identifier') scope.nonlocals.add(id.text);
        return undefined;
      case 'try_statement':
        if (catchesImportError(node)) {
          guardDepth++;
          return () => { guardDepth--; };
        }
        return undefined;
      default:
        if (COMPREHENSIONS.has(type)) {
          const outer = scope;
          const compScope = new Scope('comprehension', node, outer);
          scope = compScope;
          let first = true;
          for (const clause of node.namedChildren) {
            if (clause.type !== 'for_in_clause') continue;
            const right = clause.childForFieldName('right');
            // The first iterable is evaluated in the enclosing scope; later ones inside.
            if (first) evaluateOutside(right, outer);
            const left = clause.childForFieldName('left');
            if (left) bindTargets(left, 'loop', clause, node.startIndex, { iteratedValue: right ?? undefined, evaluationScope: first ? outer : compScope });
            first = false;
          }
          return () => { scope = outer; };
        }
        return undefined;
    }
  };

  /** Enters a node, first switching to the enclosing scope for parts evaluated outside. */
  const visit = (node: SyntaxNode): (() => void) | undefined => {
    if (node.isMissing) errorNodes.push(node);
    if (!node.isNamed) return undefined;
    const outer = outerScopeParts.size ? outerScopeParts.get(nodeKey(node)) : undefined;
    if (!outer) return enter(node);
    const inner = scope;
    scope = outer;
    const undo = enter(node);
    return () => { undo?.(); scope = inner; };
  };

  // Iterative pre-order walk with a cursor: no recursion limit on deeply nested expressions.
  const cursor = (root as unknown as { walk(): Cursor }).walk();
  const exits: Array<(() => void) | undefined> = [];
  exits.push(enter(root));
  for (;;) {
    if (cursor.gotoFirstChild()) {
      exits.push(visit(cursor.currentNode));
      continue;
    }
    for (;;) {
      exits.pop()?.();
      if (cursor.gotoNextSibling()) {
        exits.push(visit(cursor.currentNode));
        break;
      }
      if (!cursor.gotoParent()) return { moduleScope, nodesByType, errorNodes, comments };
    }
  }
}

interface Cursor {
  readonly currentNode: SyntaxNode;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/** A node's identity that holds across backends (WASM hands out a fresh object per access). */
/** A key identifying a node of one tree (trees are copied into JS objects, so ids are stable). */
export function nodeKey(node: SyntaxNode): number {
  return node.id;
}

/** `nonlocal x` in a function: x lives in the nearest enclosing function that binds it. */
function nonlocalOwner(scope: Scope, name: string): Scope {
  let fallback: Scope | undefined;
  for (let s = scope.parent; s; s = s.parent) {
    if (s.kind !== 'function' && s.kind !== 'lambda') continue;
    fallback ??= s;
    if (s.bindings.has(name) && !s.nonlocals.has(name)) return s;
  }
  return fallback ?? scope;
}

/** The plain names a `del` statement unbinds (`del a, b`, `del (a)`); `del a.b` / `del a[0]` unbind nothing. */
function deletedNames(statement: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const stack = [...statement.namedChildren];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') out.push(n);
    else if (n.type === 'expression_list' || n.type === 'tuple' || n.type === 'list' || n.type === 'parenthesized_expression') stack.push(...n.namedChildren);
  }
  return out;
}

function hasDecorator(fn: SyntaxNode, name: string): boolean {
  const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : null;
  return !!decorated?.namedChildren.some((d) => d.type === 'decorator' && d.namedChildren[0]?.text === name);
}

/**
 * Is this statement part of a compatibility shim that already handles both MLflow versions?
 * - a statement in an `except ImportError` (or broader) handler: the fallback, which never runs
 *   where the first import works;
 * - an import in the `try` body whose handler provides for its absence by binding a name: the
 *   same names again (another import, `X = None`, a stub `def X`) or a feature flag
 *   (`HAS_FASTAI = False`). A handler that only logs, returns, passes or re-raises is error
 *   handling, not a shim: the import breaks on MLflow 3 and the finding is reported.
 */
export function isImportShim(statement: SyntaxNode): boolean {
  for (let child: SyntaxNode = statement, n = statement.parent; n; child = n, n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'except_group_clause') {
      const tryNode = n.parent;
      if (tryNode?.type === 'try_statement' && catchesImportError(tryNode)) return true;
    }
    if (n.type === 'try_statement' && child.type === 'block' && catchesImportError(n)) {
      if (namesBoundBy(statement).length > 0 && handlerBindings(n).size > 0) return true;
    }
  }
  return false;
}

/** Names an import or assignment statement binds. */
function namesBoundBy(statement: SyntaxNode): string[] {
  const names: string[] = [];
  if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
    for (const item of statement.childrenForFieldName('name')) {
      if (item.type === 'aliased_import') names.push(item.childForFieldName('alias')?.text ?? '');
      else names.push(statement.type === 'import_statement' ? item.text.split('.')[0]! : item.text);
    }
  } else if (statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'assignment') {
    const left = statement.namedChildren[0].childForFieldName('left');
    if (left) names.push(...identifiersIn(left));
  } else if (statement.type === 'assignment') {
    const left = statement.childForFieldName('left');
    if (left) names.push(...identifiersIn(left));
  }
  return names.filter(Boolean);
}

function identifiersIn(target: SyntaxNode): string[] {
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(target.type)) return target.namedChildren.flatMap(identifiersIn);
  return [];
}

/** Every name the handlers of a try statement bind (imports, assignments, defs, classes), at any depth. */
function handlerBindings(tryNode: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const clause of tryNode.namedChildren) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    for (const n of clause.descendantsOfType(['import_statement', 'import_from_statement', 'assignment', 'function_definition', 'class_definition'])) {
      if (n.type === 'function_definition' || n.type === 'class_definition') {
        const name = n.childForFieldName('name')?.text;
        if (name) names.add(name);
      } else {
        for (const name of namesBoundBy(n)) names.add(name);
      }
    }
  }
  return names;
}

/**
 * Is the node inside the body of a `try` whose handler names AttributeError? Only that guards an
 * attribute use of a removed module (`mlflow.fastai` raises AttributeError, not ImportError); a
 * broad `except Exception` around it is error handling, and hides a real breakage.
 */
export function isInAttributeErrorTry(node: SyntaxNode): boolean {
  for (let n: SyntaxNode | null = node; n.parent; n = n.parent) {
    const parent = n.parent;
    if (parent.type === 'try_statement' && parent.childForFieldName('body')?.startIndex === n.startIndex && handledNames(parent).has('AttributeError')) return true;
  }
  return false;
}

function dotted(text: string): string {
  return text.replace(/\s+/g, '');
}

function ancestorOfType(node: SyntaxNode, type: string): SyntaxNode | null {
  for (let n = node.parent; n; n = n.parent) if (n.type === type) return n;
  return null;
}

/** `try: ... except ImportError:` (or a tuple containing it, or a bare / broad except). */
function catchesImportError(tryNode: SyntaxNode): boolean {
  const names = handledNames(tryNode);
  return names.has('') || [...IMPORT_ERRORS].some((n) => names.has(n));
}

/** The exception class names a try statement's handlers catch (last dotted part); '' for a bare `except:`. */
function handledNames(tryNode: SyntaxNode): Set<string> {
  const out = new Set<string>();
  for (const clause of tryNode.namedChildren) {
    if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
    const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c.type !== 'block') ?? null;
    if (!value || value.type === 'block') { out.add(''); continue; }
    const caught = value.type === 'as_pattern' ? value.namedChildren[0] : value;
    const names = caught?.type === 'tuple' || caught?.type === 'parenthesized_expression' ? caught.namedChildren : caught ? [caught] : [];
    for (const n of names) out.add(n.text.split('.').pop() ?? '');
  }
  return out;
}
