import { compare } from '@renovatebot/pep440';
import type { RuleDefinition } from '../engine/rule.js';
import type { Finding } from '../engine/types.js';
import type { AnalyzerOptions } from '../engine/analyze.js';
import { analyzeByKind } from '../runner/fileKinds.js';
import type { SourceFile } from '../source/sourceFile.js';
import { DEVICE_MAP_VARIABLE, TELEMETRY_OPT_OUTS } from '../configfiles/envVars.js';
import { droppedDependencyOf } from './droppedDependencies.js';
import { factsOf, MLSERVER_RUNTIME, spellRequirement, withMlserverUse, type PinFact, type ProjectFacts } from './facts.js';

/**
 * Checks that need the whole repository, run once after every file has been analysed:
 *
 * - MLF614 client-server-version-skew: dependency files / install commands that pin different
 *   MLflow majors; each pin below the highest major is reported.
 * - MLF906 transitive-deps-dropped: the per-file rule reports every import of a package MLflow
 *   2.9.2 installed; here the imports of packages that some manifest of the project declares
 *   itself are withdrawn.
 * - MLF611 basic-auth-secret-key: reported per file where `--app-name basic-auth` runs without
 *   `MLFLOW_FLASK_SERVER_SECRET_KEY`; withdrawn when another file of the project (a `.env`, a
 *   compose or Kubernetes file) sets it.
 * - MLF607 env-default-changes: reported per Python module on `mlflow.transformers.load_model`
 *   calls that rely on the device-map default; withdrawn when another file of the project (a
 *   configuration file or a Python module) sets `MLFLOW_HUGGINGFACE_USE_DEVICE_MAP`.
 * - MLF608 telemetry-default-on: one finding per project, on the MLflow pin the upgrade moves
 *   past 3.2, unless some file sets `MLFLOW_DISABLE_TELEMETRY` or `DO_NOT_TRACK`.
 * - MLF904 extras-mlserver-split: `mlflow[extras]` only loses something for a project that runs
 *   MLServer. A file's findings are held in its facts unless the file runs MLServer itself; here
 *   they are added when some file runs it (`--enable-mlserver`, `enable_mlserver=True`) and no
 *   file declares `mlserver-mlflow`.
 *
 * Inputs are the per-file results: their findings and the `facts` their analysis carried
 * (`factsOf(analysis)`, from manifests, Dockerfiles, scripts, CI files and notebooks).
 */
export interface ProjectFileInput {
  path: string;
  findings: readonly Finding[];
  facts?: ProjectFacts;
}

export interface ProjectOutcome {
  /** New findings (MLF614, MLF608, held MLF904), each with the `path` of the file it belongs to. */
  added: Finding[];
  /** Findings of the inputs to drop (MLF906 for packages the project declares, MLF611 / MLF607 for a variable set elsewhere), by identity. */
  removed: Finding[];
}

export function projectFindings(all: readonly ProjectFileInput[], rules: readonly RuleDefinition[]): ProjectOutcome {
  // Only files with facts or findings take part (in a monorepo a few hundred of thousands), in order.
  const files = all.filter((f) => f.facts || f.findings.length);
  return {
    added: [...versionSkew(files, rules), ...telemetryDefault(files, rules), ...mlserverExtras(files, rules)],
    removed: [
      ...declaredDependencies(files),
      ...withdrawnWhenSet(files, 'MLF611', 'MLFLOW_FLASK_SERVER_SECRET_KEY'),
      ...withdrawnWhenSet(files, 'MLF607', DEVICE_MAP_VARIABLE),
    ],
  };
}

/** Applies an outcome to results shaped like the runner's (`{ path, findings }`), in place. */
export function applyProjectOutcome<T extends { path: string; findings: Finding[] }>(files: T[], outcome: ProjectOutcome): void {
  if (!outcome.added.length && !outcome.removed.length) return;
  const removed = new Set(outcome.removed);
  const addedByPath = new Map<string, Finding[]>();
  for (const f of outcome.added) addedByPath.set(f.path, [...(addedByPath.get(f.path) ?? []), f]);
  for (const file of files) {
    const added = addedByPath.get(file.path) ?? [];
    if (!added.length && !file.findings.some((f) => removed.has(f))) continue;
    file.findings = [...file.findings.filter((f) => !removed.has(f)), ...added].sort((a, b) => a.start - b.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
}

export function pinsOf(files: readonly ProjectFileInput[]): PinFact[] {
  return files.flatMap((f) => f.facts?.mlflowPins ?? []);
}

function versionSkew(files: readonly ProjectFileInput[], rules: readonly RuleDefinition[]): Finding[] {
  const rule = rules.find((r) => r.code === 'MLF614');
  if (!rule) return [];
  const pins = pinsOf(files).filter((p): p is PinFact & { major: number } => p.major !== undefined);
  if (!pins.length) return [];
  const highest = Math.max(...pins.map((p) => p.major));
  const reference = pins.filter((p) => p.major === highest).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start))[0]!;
  return pins
    .filter((p) => p.major < highest)
    .map((p) => ({
      code: rule.code,
      name: rule.name,
      severity: rule.severity,
      message: `\`${spellRequirement(p.package, p.constraint, p.dialect)}\` installs MLflow ${p.major}.x while \`${reference.path}\` installs ${highest}.x (\`${spellRequirement(reference.package, reference.constraint, reference.dialect)}\`); MLflow clients and tracking servers of different majors do not work together`,
      path: p.path,
      start: p.start,
      end: p.end,
      help: 'Upgrade the tracking server and its clients together (an MLflow 3 client\'s `log_model` fails against an MLflow 2 server)',
      ...(p.cell ? { cell: p.cell } : {}),
    }));
}

function declaredDependencies(files: readonly ProjectFileInput[]): Finding[] {
  const declared = new Set(files.flatMap((f) => f.facts?.declared ?? []));
  return files.flatMap((f) => f.findings.filter((finding) => {
    if (finding.code !== 'MLF906') return false;
    const dep = droppedDependencyOf(finding.message);
    return !!dep && declared.has(dep.package);
  }));
}

/**
 * The MLflow pins of one file without running any rule (facts do not depend on the rules): the
 * pre-pass for `--source-version` defaulting, before the rules can be selected.
 */
export function pinsInFile(file: SourceFile, options: Omit<AnalyzerOptions, 'rules'>): PinFact[] {
  return factsOf(analyzeByKind(file, { ...options, rules: [] }))?.mlflowPins ?? [];
}

/** The findings of `code`, which ask for `variable` to be set, when some file of the project sets it. */
function withdrawnWhenSet(files: readonly ProjectFileInput[], code: string, variable: string): Finding[] {
  if (!files.some((f) => f.facts?.envNames?.includes(variable))) return [];
  return files.flatMap((f) => f.findings.filter((finding) => finding.code === code));
}

/**
 * MLF904: the held findings, naming the first file (in path order) that runs MLServer. A file that
 * runs it itself reported its own findings already: the image or script that runs MLServer is its
 * own environment, which a declaration elsewhere does not install into.
 */
function mlserverExtras(files: readonly ProjectFileInput[], rules: readonly RuleDefinition[]): Finding[] {
  if (!rules.some((r) => r.code === 'MLF904') || files.some((f) => f.facts?.declared.includes(MLSERVER_RUNTIME))) return [];
  const user = files.filter((f) => f.facts?.mlserverUse).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
  if (!user) return [];
  return files.flatMap((f) => (f.facts?.heldMlserverExtras ?? []).map((finding) => withMlserverUse(finding, user.path, user.facts!.mlserverUse!)));
}

/** The release that turned usage telemetry on by default. */
const TELEMETRY_SINCE = '3.2.0';

/**
 * MLF608: the project's MLflow moves past 3.2, where telemetry is on by default, and no file opts
 * out. The rule's `since` keeps it to targets at 3.2 or later; the finding goes on one pin that
 * still admits an older release (a pin already at 3.2+ is not what the upgrade changes): the pin
 * the source version is read from, else the first such pin in path order.
 */
function telemetryDefault(files: readonly ProjectFileInput[], rules: readonly RuleDefinition[]): Finding[] {
  const rule = rules.find((r) => r.code === 'MLF608');
  if (!rule) return [];
  if (files.some((f) => f.facts?.envNames?.some((n) => TELEMETRY_OPT_OUTS.includes(n)))) return [];
  // Prefer a pin the upgrade still has to move; once `fix` has moved them all, the decision is still
  // open (the rule's version range says the project comes from before 3.2): report on any pin.
  const pins = pinsOf(files);
  const moving = pins.filter((p) => !p.lowest || compare(p.lowest, TELEMETRY_SINCE) < 0);
  const candidates = moving.length ? moving : pins;
  const pin = detectSourceVersion(candidates)?.pin ?? [...candidates].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.start - b.start))[0];
  if (!pin) return [];
  const ignored = files.flatMap((f) => (f.facts?.ignoredEnv ?? []).map((setting) => `\`${setting}\` in \`${f.path}\``));
  const note = ignored.length ? ` (${ignored.join(', ')} ${ignored.length > 1 ? 'do' : 'does'} not count: MLflow reads \`DO_NOT_TRACK\` only when it is \`true\`)` : '';
  return [{
    code: rule.code,
    name: rule.name,
    severity: rule.severity,
    message: `\`${spellRequirement(pin.package, pin.constraint, pin.dialect)}\`: MLflow 3.2 and later send anonymous usage telemetry by default, and no file of the project sets \`MLFLOW_DISABLE_TELEMETRY\` or \`DO_NOT_TRACK\`${note}`,
    path: pin.path,
    start: pin.start,
    end: pin.end,
    help: 'Decide on telemetry before the upgrade: to opt out, set `MLFLOW_DISABLE_TELEMETRY=true` (or `DO_NOT_TRACK=true`) wherever MLflow runs',
    ...(pin.cell ? { cell: pin.cell } : {}),
  }];
}

export interface DetectedSourceVersion {
  version: string;
  /** The file the pin is written in, and the pin itself. */
  path: string;
  pin: PinFact;
}

/**
 * The MLflow version the project is on, read from its pins, for `--source-version` defaulting.
 * What gets installed speaks first: exact `mlflow` pins (`==2.9.2`, conda `=2.9.2`), then exact
 * `mlflow-skinny` pins, then constraints bounded to one major (`~=2.9`, `>=2.8,<3`), then open
 * floors (`>=2.8.1`). Within the first of these groups that has a pin, the lowest release wins:
 * every part of the project has to be migrated from where it is. Undefined when no constraint
 * names a floor (`<3`, `mlflow` alone).
 */
export function detectSourceVersion(pins: readonly PinFact[]): DetectedSourceVersion | undefined {
  const tier = (p: PinFact) => (p.exact ? (p.package === 'mlflow' ? 0 : 1) : p.major !== undefined ? 2 : 3);
  let best: (DetectedSourceVersion & { tier: number }) | undefined;
  for (const pin of pins) {
    if (!pin.lowest) continue;
    const t = tier(pin);
    const order = best ? t - best.tier || compare(pin.lowest, best.version) || (pin.path < best.path ? -1 : 0) : -1;
    if (order < 0) best = { version: pin.lowest, path: pin.path, pin, tier: t };
  }
  return best && { version: best.version, path: best.path, pin: best.pin };
}
