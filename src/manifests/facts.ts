import type { FileAnalysis } from '../engine/analyze.js';
import type { Finding } from '../engine/types.js';
import { constraintOf, type ManifestScan } from './pinChecks.js';
import type { Dialect } from './requirement.js';
import { lowestAdmitted, pinnedMajor } from './specifier.js';

/**
 * What the project-level checks (MLF614, MLF906, MLF611, MLF607, MLF608) and source-version
 * detection need to know about a file, carried on its analysis as plain JSON (the runner, the
 * worker pool and the cache can keep it as is): the MLflow pins, the names of every package the
 * file declares, and the environment variables it names.
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
