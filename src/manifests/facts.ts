import type { ShellCommand } from '../configfiles/shell.js';
import type { FileAnalysis } from '../engine/analyze.js';
import type { Finding } from '../engine/types.js';
import { constraintOf, type ManifestScan } from './pinChecks.js';
import type { Dialect } from './requirement.js';
import { lowestAdmitted, pinnedMajor } from './specifier.js';

/**
 * What the project-level checks (MLF614, MLF906, MLF611, MLF607, MLF608, MLF904) and
 * source-version detection need to know about a file, carried on its analysis as plain JSON (the
 * runner, the worker pool and the cache can keep it as is): the MLflow pins, the names of every
 * package the file declares, the environment variables it names, and whether it runs MLServer.
 */
export interface ProjectFacts {
  mlflowPins: PinFact[];
  /** PEP 503 names of every package this file requires or installs. */
  declared: string[];
  /**
   * Watched environment variables this file mentions (configuration files), or sets (Python
   * modules: `os.environ[...] = ...` and the like, for the variables of the project-level checks).
   * A variable the file only sets to a value MLflow ignores (`DO_NOT_TRACK=1`) is not listed.
   */
  envNames?: string[];
  /** Those settings MLflow ignores, as written: `DO_NOT_TRACK=1`. */
  ignoredEnv?: string[];
  /** How the file runs MLServer (`--enable-mlserver`, `enable_mlserver=True`), when it does. */
  mlserverUse?: string;
  /** MLF904 findings held until some file of the project is known to run MLServer (project.ts). */
  heldMlserverExtras?: Finding[];
}

export interface PinFact {
  path: string;
  /** `mlflow` or `mlflow-skinny`. */
  package: string;
  /** The constraint as written, e.g. `==2.9.2`, and its dialect. */
  constraint: string;
  dialect: Dialect;
  /** The constraint names one release (`==2.9.2`, conda `=2.9.2`, Poetry `2.9.2`): what gets installed. */
  exact: boolean;
  /** Where the constraint is written (UTF-16 indices into the file's text). */
  start: number;
  end: number;
  /** For pins in notebooks (`%pip install`): the cell position, as findings carry it. */
  cell?: Finding['cell'];
  /** The lowest release it admits, when readable (`==2.9.2` → 2.9.2, `>=2.8.1` → 2.8.1). */
  lowest?: string;
  /** The one MLflow major it admits (`==2.9.2`, `<3`-capped ranges), if any. */
  major?: number;
}

/** A manifest's analysis: the usual result plus the facts for the project-level checks. */
export interface ManifestAnalysis extends FileAnalysis {
  facts: ProjectFacts;
}

export function factsOf(analysis: FileAnalysis): ProjectFacts | undefined {
  return (analysis as Partial<ManifestAnalysis>).facts;
}

const PINNED = new Set(['mlflow', 'mlflow-skinny']);

export function factsFromScan(path: string, scan: ManifestScan): ProjectFacts {
  const mlflowPins: PinFact[] = [];
  for (const req of scan.requirements) {
    if (!PINNED.has(req.normalized) || !req.specifier) continue;
    const constraint = constraintOf(req);
    if (!constraint) continue;
    mlflowPins.push({
      path,
      package: req.normalized,
      constraint: req.specifier.text,
      dialect: req.dialect,
      exact: constraint.alternatives.length === 1 && constraint.alternatives[0]!.length === 1 && /^={2,3}[^,]+$/.test(constraint.alternatives[0]![0]!.pep440),
      start: req.specifier.start,
      end: req.specifier.end,
      lowest: lowestAdmitted(constraint),
      major: pinnedMajor(constraint),
    });
  }
  return { mlflowPins, declared: [...new Set(scan.requirements.map((r) => r.normalized))] };
}

export function emptyFacts(): ProjectFacts {
  return { mlflowPins: [], declared: [] };
}

/** How a requirement reads in messages: `mlflow==2.9.2`, `mlflow=2.9.2` (conda), `mlflow ^2.9` (Poetry). */
export function spellRequirement(name: string, constraint: string, dialect: Dialect): string {
  return `${name}${dialect === 'poetry' ? ' ' : ''}${constraint}`;
}

/** The MLServer flag of `mlflow models serve` / `build-docker` / `generate-dockerfile`, also inside a word (`FLAGS="--enable-mlserver"`). */
const ENABLE_MLSERVER_FLAG = /(?:^|[\s=])--enable-mlserver(?![\w-])/;

/** How a file's commands run MLServer: the flag on any of them (a wrapper script's own flag included). */
export function commandsMlserverUse(commands: readonly ShellCommand[]): string | undefined {
  return commands.some((c) => c.words.some((w) => ENABLE_MLSERVER_FLAG.test(w.value))) ? '--enable-mlserver' : undefined;
}

/** `enable_mlserver=V` (a keyword, a parameter default, `enable_mlserver: bool = V`) and `"enable_mlserver": V`, up to V. */
const ENABLE_MLSERVER_SETTING = /\benable_mlserver\s*(?::\s*[\w.]+\s*)?=(?!=)\s*|["']enable_mlserver["']\s*:\s*/g;
const SETTING_VALUE = /^(?:[\w.]+|"[^"\n]*"|'[^'\n]*')/;

/**
 * How a Python module runs MLServer: `enable_mlserver=` with any value but a literal `False`,
 * `None` or `0` (`mlflow.models.build_docker`, the flavor backends' `serve` / `build_image` /
 * `generate_dockerfile`; a wrapper passing its own flag on can run it too), or the CLI flag in a
 * string (`subprocess.run([..., "--enable-mlserver"])`). An approximation on the text, as for the
 * environment settings; comment lines are skipped, but not the `# MAGIC` lines of a Databricks
 * source (its `%sh` cells).
 */
export function pythonMlserverUse(text: string): string | undefined {
  if (!text.includes('mlserver')) return undefined;
  const code = text.replace(/^[ \t]*#(?! MAGIC).*$/gm, '');
  for (const m of code.matchAll(ENABLE_MLSERVER_SETTING)) {
    const value = SETTING_VALUE.exec(code.slice(m.index + m[0].length))?.[0];
    if (value === 'False' || value === 'None' || value === '0') continue;
    return value ? `enable_mlserver=${value}` : 'enable_mlserver';
  }
  return /--enable-mlserver(?![\w-])/.test(code) ? '--enable-mlserver' : undefined;
}

/** The package `--enable-mlserver` needs (it brings `mlserver`): an environment that installs it itself needs no extra. */
export const MLSERVER_RUNTIME = 'mlserver-mlflow';

/**
 * MLF904 only matters to a project that runs MLServer. A file that runs it itself (and does not
 * install `mlserver-mlflow`) keeps its findings, so a single-file analysis and the fixer's
 * re-analysis agree with the run; in any other file they wait in its facts, and
 * `projectFindings` releases them when some file of the run runs MLServer.
 */
export function holdMlserverExtras(path: string, findings: Finding[], facts: ProjectFacts): Finding[] {
  if (!findings.some((f) => f.code === 'MLF904')) return findings;
  if (facts.mlserverUse && !facts.declared.includes(MLSERVER_RUNTIME)) {
    return findings.map((f) => (f.code === 'MLF904' ? withMlserverUse(f, path, facts.mlserverUse!) : f));
  }
  facts.heldMlserverExtras = findings.filter((f) => f.code === 'MLF904');
  return findings.filter((f) => f.code !== 'MLF904');
}

/** An MLF904 finding, saying which file runs MLServer. */
export function withMlserverUse(finding: Finding, path: string, use: string): Finding {
  return { ...finding, message: `${finding.message}, and \`${path}\` runs MLServer (\`${use}\`)` };
}
