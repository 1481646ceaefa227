import type { Edit } from '../engine/types.js';
import { spellRequirement } from './facts.js';
import type { FindingSink } from './report.js';
import type { Dialect, Requirement, TextSpan } from './requirement.js';
import { admits, floorAbove, parseConstraint, pythonBelow, pythonFrom, requiredPython, retargetEdits, type Constraint } from './specifier.js';

/** The requirements and Python-version constraints found in one file (or one notebook). */
export interface ManifestScan {
  requirements: Requirement[];
  pythonFloors: PythonFloor[];
  /** The file installs MLflow some way the requirement list does not show (e.g. a Dockerfile). */
  installsMlflow?: boolean;
}

/** A constraint on the Python version: `requires-python`, `python_requires`, conda `python=3.9`, `FROM python:3.9`. */
export interface PythonFloor {
  constraint: TextSpan;
  dialect: Dialect;
  /** Where it is written, for the message: `requires-python`, `FROM python:3.9`, ... */
  label: string;
  exact: boolean;
}

export const MLFLOW = 'mlflow';
/** Packages whose pin MLF901 moves. */
const PINNED_PACKAGES = new Set(['mlflow', 'mlflow-skinny']);
/** Packages MLflow 3 requires at exactly its own version. */
const SPLIT_PACKAGES = new Set(['mlflow-skinny', 'mlflow-tracing']);

/**
 * MLF901–MLF905 over the requirements of one file. `text` is the file's decoded text (for the
 * separators around extras); every position is an index into it.
 */
export function checkRequirements(text: string, scan: ManifestScan, sink: FindingSink, target: string): void {
  const main = scan.requirements.find((r) => r.normalized === MLFLOW && r.specifier);
  const mainFixed = main && fixedSpecifier(main, target);
  // A Python this file pins (`FROM python:3.8`, conda `python=3.9`) on which the target cannot be
  // installed: moving the pin alone makes an environment that no longer builds.
  const stuckOn = scan.pythonFloors.find((f) => {
    const c = parseConstraint(f.constraint, f.dialect);
    return !!c && !pythonFrom(c, requiredPython(target));
  });
  for (const req of scan.requirements) {
    if (!req.specifier || req.url) {
      checkExtras(text, req, sink);
      continue;
    }
    // MLflow 3 installs `mlflow-skinny` / `mlflow-tracing` at exactly its own version: a pin of
    // them that excludes the target blocks the upgrade unless it is the very `mlflow` pin.
    const splitConstraint = SPLIT_PACKAGES.has(req.normalized) && main && main.dialect === req.dialect ? constraintOf(req) : undefined;
    const blocks = splitConstraint && !admits(splitConstraint, target);
    if (blocks && (compact(req.specifier.text) !== compact(main!.specifier!.text) || !PINNED_PACKAGES.has(req.normalized))) {
      reportSplit(req, main!, mainFixed, sink);
    } else if (PINNED_PACKAGES.has(req.normalized)) {
      // `mlflow-skinny` installs the same `mlflow` package: it moves only if `mlflow` moves too.
      const followsMain = req !== main && main !== undefined && mainFixed === undefined;
      reportPin(req, sink, target, !followsMain, stuckOn?.label);
    }
    checkExtras(text, req, sink);
  }
  if (scan.installsMlflow || scan.requirements.some((r) => PINNED_PACKAGES.has(r.normalized))) {
    for (const floor of scan.pythonFloors) reportPythonFloor(floor, sink, target);
  }
}

/** A pin with `--hash` options: its hashes belong to the old version's files. */
const REGENERATE_HASHES = 'Change the constraint where this file is generated from and regenerate it with new hashes (e.g. `pip-compile --generate-hashes`)';

function compact(spec: string): string {
  return spec.replace(/\s+/g, '');
}

export function constraintOf(req: Requirement): Constraint | undefined {
  return req.specifier ? parseConstraint(req.specifier, req.dialect) : undefined;
}

/**
 * The requirement's constraint after MLF901's fix (the constraint itself when it admits the
 * target); undefined when MLF901 has no fix for it.
 */
function fixedSpecifier(req: Requirement, target: string): string | undefined {
  const constraint = constraintOf(req);
  if (!constraint || !req.specifier) return undefined;
  if (admits(constraint, target)) return req.specifier.text;
  const edits = retargetable(req) ? retargetEdits(constraint, target, req.dialect) : undefined;
  if (!edits) return undefined;
  let out = req.specifier.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start - req.specifier.start) + e.text + out.slice(e.end - req.specifier.start);
  }
  return out;
}

/** MLF901 rewrites only an exact, unhashed pin that is not limited to old Pythons. */
function retargetable(req: Requirement): boolean {
  return req.exact && !req.hashed && !oldPythonOnly(req);
}

/** A marker that limits the requirement to old Pythons (`python_version < "3.10"`) cannot take MLflow 3. */
function oldPythonOnly(req: Requirement): boolean {
  return !!req.marker && /python_(?:full_)?version\s*(?:<|<=|==|~=)/.test(req.marker.text);
}

/** `oldPython`: how the file pins a Python the target does not support; the fix is then unsafe. */
function reportPin(req: Requirement, sink: FindingSink, target: string, fixable = true, oldPython?: string): void {
  const constraint = constraintOf(req);
  const spec = req.specifier!;
  if (!constraint || admits(constraint, target)) return;
  // A floor above the target: the project is already past the version we migrate to.
  if (floorAbove(constraint, target)) return;
  const edits = fixable && retargetable(req) ? retargetEdits(constraint, target, req.dialect) : undefined;
  const fixed = edits && applyTo(spec, edits);
  sink.report('MLF901', {
    start: spec.start,
    end: spec.end,
    message: `\`${spellRequirement(req.name.text, spec.text, req.dialect)}\` excludes MLflow ${target}, the target version`,
    help: fixed
      ? `Change the constraint to \`${fixed}\`${oldPython ? `, and raise ${oldPython} to Python ${requiredPython(target)} or later: MLflow ${target} does not install on it` : ''}`
      : req.hashed ? REGENERATE_HASHES : `Change the version constraint of \`${req.name.text}\` to admit ${target}`,
    fix: edits ? { applicability: oldPython ? 'unsafe' : 'safe', edits } : undefined,
  });
}

function applyTo(spec: TextSpan, edits: Edit[]): string {
  let out = spec.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start - spec.start) + e.text + out.slice(e.end - spec.start);
  return out;
}

function reportSplit(req: Requirement, main: Requirement, mainFixed: string | undefined, sink: FindingSink): void {
  const spec = req.specifier!;
  const changed = mainFixed !== undefined && compact(mainFixed) !== compact(main.specifier!.text);
  sink.report('MLF902', {
    start: spec.start,
    end: spec.end,
    message: `\`${req.name.text}\` is pinned \`${spec.text}\` but \`${main.name.text}\` \`${main.specifier!.text}\`; MLflow 3 requires \`mlflow-skinny\` and \`mlflow-tracing\` of exactly the \`mlflow\` version`,
    help: req.hashed ? REGENERATE_HASHES : mainFixed === undefined ? `Pin \`${req.name.text}\` like \`${main.name.text}\` once it admits the target version` : `Pin \`${req.name.text}\` like \`${main.name.text}\`${changed ? ' after its upgrade' : ''}: \`${mainFixed}\``,
    fix: mainFixed !== undefined && req.exact && main.exact && !req.hashed ? { applicability: 'safe', edits: [{ start: spec.start, end: spec.end, text: mainFixed }] } : undefined,
  });
}

function checkExtras(text: string, req: Requirement, sink: FindingSink): void {
  if (req.normalized !== MLFLOW || !req.extras) return;
  const { items } = req.extras;
  const names = items.map((i) => i.text.toLowerCase());
  const extras = items.findIndex((i) => i.text.toLowerCase() === 'extras');
  if (extras >= 0 && !names.includes('mlserver')) {
    const item = items[extras]!;
    sink.report('MLF904', {
      start: item.start,
      end: item.end,
      message: '`mlflow[extras]` no longer installs MLServer (`mlserver`, `mlserver-mlflow`): it moved to the `mlserver` extra in MLflow 2.17',
      help: 'Add the `mlserver` extra',
      fix: req.exact ? { applicability: 'safe', edits: [addExtraEdit(text, req, 'mlserver')] } : undefined,
    });
  }
  const xethub = items.findIndex((i) => i.text.toLowerCase() === 'xethub');
  if (xethub >= 0) {
    const item = items[xethub]!;
    const edit = req.exact ? removeExtraEdit(req, xethub) : undefined;
    sink.report('MLF905', {
      start: item.start,
      end: item.end,
      message: 'The `xethub` extra was removed in MLflow 3.3; `mlflow[xethub]` installs nothing more than `mlflow`',
      help: 'Remove the `xethub` extra (install `mlflow-xethub` directly if you still use it)',
      fix: edit ? { applicability: 'unsafe', edits: [edit] } : undefined,
    });
  }
}

function addExtraEdit(text: string, req: Requirement, extra: string): Edit {
  const { items, style } = req.extras!;
  const last = items[items.length - 1]!;
  const between = items.length > 1 ? text.slice(items[0]!.end, items[1]!.start) : '';
  if (style === 'toml') {
    const quote = text[last.start - 1] ?? '"';
    const sep = items.length > 1 ? text.slice(items[0]!.end + 1, items[1]!.start - 1) : ', ';
    return { start: last.end + 1, end: last.end + 1, text: `${sep}${quote}${extra}${quote}` };
  }
  return { start: last.end, end: last.end, text: `${between || ','}${extra}` };
}

function removeExtraEdit(req: Requirement, k: number): Edit | undefined {
  const { items, style, span } = req.extras!;
  // For TOML arrays the literal includes its quotes.
  const q = style === 'toml' ? 1 : 0;
  const lit = (n: number) => ({ start: items[n]!.start - q, end: items[n]!.end + q });
  if (items.length === 1) return style === 'toml' ? undefined : { start: span.start, end: span.end, text: '' };
  if (k > 0) return { start: lit(k - 1).end, end: lit(k).end, text: '' };
  return { start: lit(0).start, end: lit(1).start, text: '' };
}

function reportPythonFloor(floor: PythonFloor, sink: FindingSink, target: string): void {
  const constraint = parseConstraint(floor.constraint, floor.dialect);
  if (!constraint) return;
  const required = requiredPython(target);
  const below = pythonBelow(constraint, required);
  if (!below) return;
  sink.report('MLF903', {
    start: floor.constraint.start,
    end: floor.constraint.end,
    message: `${floor.label} admits Python ${below}; MLflow ${target} requires Python ${required} or later`,
    help: `Raise the Python version to ${required} or later`,
  });
}

