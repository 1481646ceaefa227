import { analyzeFile, sortFindings, type AnalyzerOptions } from '../engine/analyze.js';
import type { FileKind } from '../runner/fileKinds.js';
import type { SourceFile } from '../source/sourceFile.js';
import { analyzeManifest, type Scanner } from './analyzeManifest.js';
import type { ManifestAnalysis } from './facts.js';
import { isCondaEnv, scanCondaEnv } from './formats/condaEnv.js';
import { scanPipfile } from './formats/pipfile.js';
import { scanPyproject } from './formats/pyproject.js';
import { scanPythonEnv } from './formats/pythonEnv.js';
import { scanRequirementsTxt } from './formats/requirementsTxt.js';
import { scanSetupCfg } from './formats/setupCfg.js';
import { scanSetupPy } from './formats/setupPy.js';
import { baseName, bytesMention, dirSegments } from './paths.js';

/** Dependency files name MLflow (in any case: `MLflow==2.9.2` is a valid requirement). */
const MENTIONS_MLFLOW = /mlflow/i;
const mentionsMlflow = (bytes: Uint8Array) => bytesMention(bytes, MENTIONS_MLFLOW);

function manifestKind(name: string, patterns: string[], nameHint: RegExp, matches: (path: string) => boolean, scanner: Scanner): FileKind {
  return { name, patterns, nameHint, matches, prefilter: mentionsMlflow, analyze: (file, options) => analyzeManifest(file, options, scanner) };
}

/** `.in` files that are not pip-tools inputs: autoconf / automake / setuptools templates. */
const NOT_REQUIREMENTS_IN = /^(?:MANIFEST|Makefile|GNUmakefile|configure)\.in$/i;

export function isRequirementsFile(path: string): boolean {
  const base = baseName(path);
  if (/\.txt$/i.test(base)) return /requirements|constraints/i.test(base) || dirSegments(path).pop() === 'requirements';
  return /^[^.]+\.in$/i.test(base) && !NOT_REQUIREMENTS_IN.test(base);
}

/**
 * Discovery collects every `*.in`; the kind claims them all (so `MANIFEST.in` is never read as
 * Python) and reads only those that are requirement files.
 */
export const REQUIREMENTS_KIND = manifestKind(
  'requirements',
  ['**/*requirements*.txt', '**/*constraints*.txt', '**/requirements/*.txt', '**/*.in'],
  /\.(?:txt|in)$/i,
  (p) => isRequirementsFile(p) || /\.in$/i.test(p),
  (file) => (isRequirementsFile(file.path) ? scanRequirementsTxt(file.text) : { requirements: [], pythonFloors: [] }),
);

export const PYPROJECT_KIND = manifestKind('pyproject', ['**/pyproject.toml'], /^pyproject\.toml$/, (p) => baseName(p) === 'pyproject.toml', (file) => scanPyproject(file.text));

export const SETUP_CFG_KIND = manifestKind('setup-cfg', ['**/setup.cfg'], /^setup\.cfg$/, (p) => baseName(p) === 'setup.cfg', (file) => scanSetupCfg(file.text));

export const PIPFILE_KIND = manifestKind('pipfile', ['**/Pipfile'], /^Pipfile$/, (p) => baseName(p) === 'Pipfile', (file) => scanPipfile(file.text));

export const CONDA_KIND = manifestKind(
  'conda-environment',
  ['**/environment*.yml', '**/environment*.yaml', '**/conda*.yml', '**/conda*.yaml'],
  /\.ya?ml$/i,
  (p) => /^(?:environment|conda)[^/]*\.ya?ml$/i.test(baseName(p)) && !/(?:^|\/)\.github\/workflows\//.test(p.replace(/\\/g, '/')),
  // A file named like a conda environment that is something else is not ours to judge.
  (file) => (isCondaEnv(file.text) ? scanCondaEnv(file.text) : { requirements: [], pythonFloors: [] }),
);

export const PYTHON_ENV_KIND = manifestKind('python-env', ['**/python_env.yaml', '**/python_env.yml'], /^python_env\.ya?ml$/, (p) => /^python_env\.ya?ml$/.test(baseName(p)), (file) => scanPythonEnv(file.text));

/**
 * `setup.py` is Python too: the Python rules run on it as on any module, and its `setup()`
 * requirements go through the dependency checks.
 */
export const SETUP_PY_KIND: FileKind = {
  name: 'setup-py',
  patterns: ['**/setup.py'],
  nameHint: /^setup\.py$/,
  matches: (p) => baseName(p) === 'setup.py',
  prefilter: mentionsMlflow,
  analyze(file: SourceFile, options: AnalyzerOptions): ManifestAnalysis {
    const python = analyzeFile(file, options);
    const deps = analyzeManifest(file, options, (f, o) => scanSetupPy(f.text, o.parser));
    return {
      findings: sortFindings([...python.findings, ...deps.findings]),
      problems: [...python.problems, ...deps.problems],
      usesMlflow: python.usesMlflow || deps.usesMlflow,
      parsed: python.parsed || deps.parsed,
      syntaxErrors: python.syntaxErrors,
      facts: deps.facts,
    };
  },
};

export const MANIFEST_KINDS: FileKind[] = [REQUIREMENTS_KIND, PYPROJECT_KIND, SETUP_PY_KIND, SETUP_CFG_KIND, PIPFILE_KIND, CONDA_KIND, PYTHON_ENV_KIND];
