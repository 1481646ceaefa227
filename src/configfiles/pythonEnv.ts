import { analyzeFile, sortFindings, type AnalyzerOptions, type FileAnalysis } from '../engine/analyze.js';
import type { CheckContext } from '../engine/context.js';
import type { CustomCheck } from '../engine/rule.js';
import { stringContent } from '../engine/syntax.js';
import type { Applicability } from '../engine/types.js';
import { emptyFacts, holdMlserverExtras, pythonMlserverUse, type ManifestAnalysis, type ProjectFacts } from '../manifests/facts.js';
import { databricksPins } from '../notebooks/databricksSource.js';
import type { SyntaxNode } from '../parser/types.js';
import type { SourceFile } from '../source/sourceFile.js';
import { envFacts } from './envScan.js';
import { ENV_VARS, PROJECT_ENV_NAMES } from './envVars.js';

/** Calls whose first argument names an environment variable. */
const ENV_CALLS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault', 'os.environ.pop', 'os.putenv', 'os.unsetenv', 'os.getenvb']);
/** Calls whose dict argument's keys name environment variables. */
const ENV_DICT_CALLS = new Set(['os.environ.update']);

/**
 * The string literal names an environment variable: `os.environ["X"]`, `os.getenv("X")`,
 * `os.environ.get/setdefault/pop("X")`, `"X" in os.environ`, `monkeypatch.setenv("X", ...)`,
 * keys of `os.environ.update({...})` and `mock.patch.dict(os.environ, {...})`.
 */
export function isEnvironmentName(node: SyntaxNode, ctx: CheckContext): boolean {
  const parent = node.parent;
  if (!parent) return false;
  const isEnviron = (n: SyntaxNode | null | undefined) => !!n && ctx.importedPath(n) === 'os.environ';
  if (parent.type === 'subscript') return parent.childForFieldName('subscript')?.id === node.id && isEnviron(parent.childForFieldName('value'));
  if (parent.type === 'comparison_operator') return parent.namedChildren[0]?.id === node.id && isEnviron(parent.namedChildren[1]) && /\bin\b/.test(parent.text);
  if (parent.type === 'argument_list' && parent.namedChildren[0]?.id === node.id) {
    const call = parent.parent;
    const fn = call?.childForFieldName('function');
    if (!fn) return false;
    const path = ctx.importedPath(fn);
    if (path && ENV_CALLS.has(path)) return true;
    return /(?:^|\.)monkeypatch\.(?:setenv|delenv)$/.test(fn.text) || (fn.type === 'attribute' && /^(?:setenv|delenv)$/.test(fn.childForFieldName('attribute')?.text ?? '') && /monkeypatch/.test(fn.text));
  }
  if (parent.type === 'pair' && parent.childForFieldName('key')?.id === node.id) {
    const dict = parent.parent;
    const args = dict?.parent;
    const call = args?.type === 'argument_list' ? args.parent : undefined;
    const fn = call?.childForFieldName('function');
    if (!fn || !args) return false;
    const path = ctx.importedPath(fn) ?? '';
    if (ENV_DICT_CALLS.has(path)) return true;
    // patch.dict(os.environ, {...}) / patch.dict("os.environ", {...})
    const target = args.namedChildren[0];
    return /(?:^|\.)patch\.dict$/.test(path || fn.text) && !!target && (isEnviron(target) || target.text.replace(/['"]/g, '') === 'os.environ');
  }
  return false;
}

/**
 * A Python check for environment variables of one rule: the names come from the shared table
 * (src/configfiles/envVars.ts), so scripts, YAML and Python report the same thing.
 */
export function environmentNameCheck(code: string, fix?: { applicability: Applicability }): CustomCheck {
  const specs = ENV_VARS.filter((v) => v.code === code);
  return {
    kind: 'custom',
    nodeTypes: ['string'],
    visit(node, ctx) {
      const content = stringContent(node);
      const spec = content && specs.find((s) => s.name === content.text);
      if (!spec || !isEnvironmentName(node, ctx)) return;
      const rename = fix && spec.renameTo ? [{ start: content.start, end: content.end, text: spec.renameTo }] : undefined;
      ctx.report({ start: content.start, end: content.end, message: spec.message, help: spec.help, fix: rename ? { applicability: fix!.applicability, edits: rename } : undefined });
    },
  };
}

/** A setting of one of the project-level variables in Python source, with its literal value if any. */
export interface PythonEnvSetting {
  name: string;
  value?: string;
}

/** Where Python code sets a variable, up to the value: each pattern ends where the value starts. */
function settingPatterns(name: string): RegExp[] {
  const quoted = String.raw`[rRuU]?["']${name}["']`;
  return [
    // os.environ["X"] = v
    new RegExp(String.raw`\benviron\s*\[\s*${quoted}\s*\]\s*=(?!=)`, 'g'),
    // os.environ.setdefault("X", v), os.putenv("X", v), monkeypatch.setenv("X", v)
    new RegExp(String.raw`\b(?:setdefault|putenv|setenv)\s*\(\s*${quoted}\s*,`, 'g'),
    // {"X": v}: os.environ.update({...}), mock.patch.dict(os.environ, {...}), subprocess env={...}
    new RegExp(String.raw`${quoted}\s*:(?!=)`, 'g'),
    // os.environ.update(X=v), dict(os.environ, X=v)
    new RegExp(String.raw`\b(?:update|dict)\s*\([^()]*?\b${name}\s*=(?!=)`, 'g'),
    // mlflow.environment_variables.X.set(v)
    new RegExp(String.raw`\b${name}\s*\.\s*set\s*\(`, 'g'),
  ];
}

const LITERAL_VALUE = /^\s*(?:[rRuU]?"([^"\\\n]*)"|[rRuU]?'([^'\\\n]*)'|(True|False|\d+))(?=[ \t]*(?:[,)}\]#\r\n;]|$))/;

/**
 * Settings of the project-level variables (MLF607, MLF608) in a Python module: an approximation
 * on the text (comment lines skipped) that looks for the name as a string literal, or a keyword,
 * in a position that sets it. Reads (`os.getenv("X")`) are not settings.
 */
export function pythonEnvSettings(text: string): PythonEnvSetting[] {
  const names = PROJECT_ENV_NAMES.filter((n) => text.includes(n));
  if (!names.length) return [];
  const code = text.replace(/^[ \t]*#.*$/gm, '');
  const out: PythonEnvSetting[] = [];
  for (const name of names) {
    for (const pattern of settingPatterns(name)) {
      for (const m of code.matchAll(pattern)) {
        const v = LITERAL_VALUE.exec(code.slice(m.index! + m[0].length));
        const value = v ? (v[1] ?? v[2] ?? v[3]) : undefined;
        out.push(value === undefined ? { name } : { name, value });
      }
    }
  }
  return out;
}

/**
 * The Python file kind's analyzer: the rules (for files that mention `mlflow`), plus the
 * project-level variables the module sets and whether it runs MLServer, as facts. A module that
 * sets one without naming `mlflow` (a `conftest.py` exporting `DO_NOT_TRACK`) is read for its
 * facts only: no rule can fire in it, as the byte prefilter has always assumed.
 */
export function analyzePython(file: SourceFile, options: AnalyzerOptions): FileAnalysis {
  const runRules = options.prefilter === false || file.text.includes('mlflow');
  const analysis: FileAnalysis = runRules ? analyzeFile(file, options) : { findings: [], problems: [], usesMlflow: false, parsed: false, syntaxErrors: 0 };
  // A Databricks notebook exported as source pins its dependencies in `# MAGIC %pip` lines.
  const pins = runRules ? databricksPins(file, options) : undefined;
  const settings = pythonEnvSettings(file.text);
  const mlserverUse = pythonMlserverUse(file.text);
  if (!settings.length && !pins && !mlserverUse) return analysis;
  const facts: ProjectFacts = pins?.facts ?? emptyFacts();
  if (settings.length) {
    const { envNames, ignoredEnv } = envFacts(settings.map((s) => ({ ...s, defines: true })));
    facts.envNames = envNames;
    if (ignoredEnv.length) facts.ignoredEnv = ignoredEnv;
  }
  if (mlserverUse) facts.mlserverUse = mlserverUse;
  const pinFindings = pins ? holdMlserverExtras(file.path, pins.findings, facts) : [];
  const withFacts: ManifestAnalysis = {
    ...analysis,
    findings: pinFindings.length ? sortFindings([...analysis.findings, ...pinFindings]) : analysis.findings,
    usesMlflow: analysis.usesMlflow || facts.declared.includes('mlflow'),
    facts,
  };
  return withFacts;
}

/** The byte prefilter of Python files: `mlflow`, or a project-level variable the module may set. */
export function pythonMayHoldFindings(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return PREFILTER_WORDS.some((word) => buffer.indexOf(word) >= 0);
}

/**
 * One search per word, and every byte of most files is searched by each: MLflow's own variables
 * all start with `MLFLOW_`, so that one word stands for all of them (a scan fewer of every file).
 */
const PREFILTER_WORDS = ['mlflow', 'MLFLOW_', ...PROJECT_ENV_NAMES.filter((name) => !name.startsWith('MLFLOW_'))];
