import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/packageRoot.js';

/**
 * MLflow's public API as data (derived from the reference dumps by scripts/gen-api-index.mjs):
 * which dotted names are modules, functions, classes; where re-exports lead; each signature.
 * The semantic model uses it to make every spelling of an API canonical, and rules use the
 * source-version signatures to bind positional arguments.
 */
export type ParamKind = 'positional_only' | 'positional_or_keyword' | 'keyword_only' | 'var_positional' | 'var_keyword';

export interface Param {
  name: string;
  kind: ParamKind;
  hasDefault: boolean;
}

interface CompactClass {
  b?: string[];
  m?: Record<string, string[]>;
  p?: string[];
  fl?: string[];
}

interface CompactModule {
  f?: Record<string, string[]>;
  c?: Record<string, CompactClass>;
  i?: Record<string, string>;
  s?: string[];
  a?: Record<string, string>;
  l?: Record<string, string>;
  all?: string[];
}

/**
 * One version's modules, each parsed from its line of the index on first use: a run looks up a
 * few dozen of MLflow's ~1,260 modules, and parsing them all took 25-35 ms of every cold run.
 */
export class ModuleTable {
  private readonly parsed = new Map<string, CompactModule>();

  /** `lines`: module name to its index line, `["<version>","<module>",{...}]`. */
  constructor(private readonly lines: ReadonlyMap<string, string>) {}

  has(name: string): boolean {
    return this.lines.has(name);
  }

  get(name: string): CompactModule | undefined {
    let module = this.parsed.get(name);
    if (!module) {
      const line = this.lines.get(name);
      if (line === undefined) return undefined;
      module = (JSON.parse(line) as [string, string, CompactModule])[2];
      this.parsed.set(name, module);
    }
    return module;
  }
}

export type ApiSymbolKind = 'module' | 'function' | 'class' | 'method' | 'property' | 'unknown';

export interface ApiSymbol {
  kind: ApiSymbolKind;
  /** The defining location after following re-exports, e.g. `mlflow.models.evaluation.base.evaluate`. */
  canonical: string;
}

function parseParam(spec: string): Param {
  if (spec.startsWith('**')) return { name: spec.slice(2), kind: 'var_keyword', hasDefault: false };
  if (spec.startsWith('*')) return { name: spec.slice(1), kind: 'var_positional', hasDefault: false };
  let kind: ParamKind = 'positional_or_keyword';
  let rest = spec;
  if (spec.startsWith('k:')) { kind = 'keyword_only'; rest = spec.slice(2); }
  else if (spec.startsWith('p:')) { kind = 'positional_only'; rest = spec.slice(2); }
  const hasDefault = rest.endsWith('=');
  return { name: hasDefault ? rest.slice(0, -1) : rest, kind, hasDefault };
}

/** One MLflow version's API. */
export class ApiVersion {
  private readonly cache = new Map<string, ApiSymbol>();

  constructor(readonly version: string, private readonly modules: ModuleTable) {}

  isModule(name: string): boolean {
    return this.modules.has(name);
  }

  /** Follows imports, lazy attributes, aliases and star re-exports to the defining location. */
  resolve(dotted: string): ApiSymbol {
    const hit = this.cache.get(dotted);
    if (hit) return hit;
    const result = this.resolveUncached(dotted, 0);
    this.cache.set(dotted, result);
    return result;
  }

  private resolveUncached(dotted: string, depth: number): ApiSymbol {
    const dot = dotted.lastIndexOf('.');
    if (dot < 0 || depth > 30) return { kind: this.isModule(dotted) ? 'module' : 'unknown', canonical: dotted };
    const last = dotted.slice(dot + 1);
    const parent = this.resolveUncached(dotted.slice(0, dot), depth + 1);
    if (parent.kind === 'module') return this.resolveMember(parent.canonical, last, depth);
    // A name a package binds (`from .autolog import autolog`) shadows its submodule of the same name.
    if (this.isModule(dotted)) return { kind: 'module', canonical: dotted };
    const here = `${parent.canonical}.${last}`;
    if (parent.kind === 'class') {
      const cls = this.classInfo(parent.canonical);
      if (cls?.m && last in cls.m) return { kind: 'method', canonical: here };
      if (cls?.p?.includes(last) || cls?.fl?.includes(last)) return { kind: 'property', canonical: here };
    }
    return { kind: 'unknown', canonical: here };
  }

  /** `module.name`: a definition, an import / alias / lazy attribute to follow, a submodule, or a star re-export. */
  private resolveMember(module: string, last: string, depth: number): ApiSymbol {
    const here = `${module}.${last}`;
    const m = this.modules.get(module)!;
    if (m.f && last in m.f) return { kind: 'function', canonical: here };
    if (m.c && last in m.c) return { kind: 'class', canonical: here };
    if (m.i && last in m.i) return this.followTarget(m.i[last]!, depth);
    if (m.a && last in m.a) return this.followTarget(`${module}.${m.a[last]}`, depth);
    if (m.l && last in m.l) return this.followTarget(m.l[last]!, depth);
    if (this.isModule(here)) return { kind: 'module', canonical: here };
    for (const star of m.s ?? []) {
      if (!this.isModule(star)) continue;
      const viaStar = this.resolveMember(star, last, depth + 1);
      if (viaStar.kind !== 'unknown') return viaStar;
    }
    return { kind: 'unknown', canonical: here };
  }

  /**
   * An import's source (`mlflow.langchain.autolog.autolog`) names a module then a member: resolve
   * the module part as a module, even where the package rebinds that name to something else.
   */
  private followTarget(target: string, depth: number): ApiSymbol {
    if (depth > 30) return { kind: 'unknown', canonical: target };
    if (this.isModule(target)) return { kind: 'module', canonical: target };
    const dot = target.lastIndexOf('.');
    const module = target.slice(0, dot);
    if (dot > 0 && this.isModule(module)) return this.resolveMember(module, target.slice(dot + 1), depth + 1);
    return this.resolveUncached(target, depth + 1);
  }

  private classInfo(canonical: string): CompactClass | undefined {
    const dot = canonical.lastIndexOf('.');
    return this.modules.get(canonical.slice(0, dot))?.c?.[canonical.slice(dot + 1)];
  }

  /** Names a `from <module> import *` binds: `__all__` when literal, else public definitions and imports. */
  starExports(module: string): string[] {
    const m = this.modules.get(module);
    if (!m) return [];
    if (m.all) return m.all;
    const names = [...Object.keys(m.f ?? {}), ...Object.keys(m.c ?? {}), ...Object.keys(m.i ?? {})];
    return names.filter((n) => !n.startsWith('_'));
  }

  /**
   * Parameters of a function or method (canonical name); `self` is dropped from methods. Read once
   * per name: checks ask for the same callee's signature at each of its calls.
   */
  params(canonical: string): readonly Param[] | undefined {
    if (this.paramsByName.has(canonical)) return this.paramsByName.get(canonical);
    const params = this.readParams(canonical);
    this.paramsByName.set(canonical, params);
    return params;
  }

  private readonly paramsByName = new Map<string, readonly Param[] | undefined>();

  private readParams(canonical: string): Param[] | undefined {
    const dot = canonical.lastIndexOf('.');
    const owner = canonical.slice(0, dot);
    const name = canonical.slice(dot + 1);
    const fn = this.modules.get(owner)?.f?.[name];
    if (fn) return fn.map(parseParam);
    const ctor = this.classInfo(canonical)?.m?.['__init__'];
    if (ctor) return ctor.map(parseParam).slice(1);
    const method = this.classInfo(owner)?.m?.[name];
    if (method) return method.map(parseParam).slice(1);
    return undefined;
  }

  /** Base classes (as written in the source, resolved against this version). */
  bases(canonicalClass: string): string[] {
    return (this.classInfo(canonicalClass)?.b ?? []).map((b) => this.resolve(b).canonical);
  }

  hasMember(canonicalClass: string, member: string): boolean {
    const c = this.classInfo(canonicalClass);
    return !!(c?.m?.[member] || c?.p?.includes(member) || c?.fl?.includes(member));
  }
}

export class MlflowApi {
  readonly versions: ReadonlyMap<string, ApiVersion>;

  constructor(versions: ReadonlyMap<string, ModuleTable>, readonly sourceVersion = '2.9.2', readonly targetVersion = '3.4.0') {
    this.versions = new Map([...versions].map(([v, modules]) => [v, new ApiVersion(v, modules)]));
  }

  get source(): ApiVersion {
    return this.versions.get(this.sourceVersion)!;
  }

  get target(): ApiVersion {
    return this.versions.get(this.targetVersion)!;
  }

  /**
   * The canonical name of a dotted MLflow path. The source version decides (user code was written
   * for it); names it does not know (APIs added later, e.g. tracing) are resolved with the target.
   */
  canonical(dotted: string): string {
    return this.symbol(dotted).canonical;
  }

  symbol(dotted: string): ApiSymbol {
    const fromSource = this.source.resolve(dotted);
    if (fromSource.kind !== 'unknown') return fromSource;
    const fromTarget = this.target.resolve(dotted);
    return fromTarget.kind !== 'unknown' ? fromTarget : fromSource;
  }
}

let loaded: MlflowApi | undefined;

export function loadMlflowApi(): MlflowApi {
  if (!loaded) loaded = new MlflowApi(readIndex(readFileSync(join(packageRoot(), 'data', 'mlflow-api.jsonl'), 'utf8')));
  return loaded;
}

/**
 * The index (scripts/gen-api-index.mjs): a header line, then one line per module,
 * `["<version>","<module>",{...}]`. Only each line's two leading strings are read here.
 */
export function readIndex(text: string): Map<string, ModuleTable> {
  const byVersion = new Map<string, Map<string, string>>();
  const lines = text.split('\n');
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!;
    if (!line) continue;
    // Names are plain (no escapes): each string ends at its closing quote.
    const versionEnd = line.indexOf('"', 2);
    const moduleEnd = line.indexOf('"', versionEnd + 3);
    const version = line.slice(2, versionEnd);
    let modules = byVersion.get(version);
    if (!modules) byVersion.set(version, (modules = new Map()));
    modules.set(line.slice(versionEnd + 3, moduleEnd), line);
  }
  return new Map([...byVersion].map(([version, modules]) => [version, new ModuleTable(modules)]));
}
