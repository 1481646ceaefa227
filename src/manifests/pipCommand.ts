import { argvOf, programName, type ShellCommand, type ShellWord } from '../configfiles/shell.js';
import { parseCondaSpec } from './conda.js';
import { mapRequirement, parsePep508, type Requirement } from './requirement.js';

/** pip options that take a value as the next word (the value is not a requirement). */
const PIP_VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--src',
  '--cache-dir', '--log', '--progress-bar', '--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--exists-action',
  '--only-binary', '--no-binary', '--config-settings', '-C', '--global-option', '--upgrade-strategy', '--root-user-action',
  '--report', '--python', '-p', '--group',
]);
const CONDA_VALUE_OPTIONS = new Set(['-n', '--name', '-p', '--prefix', '-c', '--channel', '--file', '--override-channels-file', '--solver', '--repodata-fn']);

/** Where the package arguments of an install command start, and in which dialect they are written. */
function installArgs(argv: ShellWord[]): { from: number; dialect: 'pep440' | 'conda' } | undefined {
  const v = (k: number) => argv[k]?.value;
  const prog = programName(argv[0]);
  if (/^pip(?:3(?:\.\d+)?)?$/.test(prog) && v(1) === 'install') return { from: 2, dialect: 'pep440' };
  // `!{sys.executable} -m pip install ...` (`$sys.executable` too): a notebook's own interpreter.
  const python = /^(?:python(?:3(?:\.\d+)?)?|py)$/.test(prog) || /^(?:\{sys\.executable\}|\$sys\.executable)$/.test(v(0) ?? '');
  if (python && v(1) === '-m' && v(2) === 'pip' && v(3) === 'install') return { from: 4, dialect: 'pep440' };
  if (prog === 'uv' && v(1) === 'pip' && v(2) === 'install') return { from: 3, dialect: 'pep440' };
  if (prog === 'uv' && v(1) === 'add') return { from: 2, dialect: 'pep440' };
  if (prog === 'pipenv' && v(1) === 'install') return { from: 2, dialect: 'pep440' };
  if (/^(?:conda|mamba|micromamba)$/.test(prog) && (v(1) === 'install' || v(1) === 'create')) return { from: 2, dialect: 'conda' };
  return undefined;
}

/**
 * The requirements named on `pip install` (and `python -m pip`, `uv pip`, `uv add`, `pipenv`,
 * `conda`/`mamba install`) command lines, in file coordinates. Words with shell expansions
 * (`mlflow==$VERSION`) are skipped: their value is unknown.
 */
export function installedRequirements(command: ShellCommand): Requirement[] {
  const { argv } = argvOf(command);
  const args = installArgs(argv);
  if (!args) return [];
  const valueOptions = args.dialect === 'conda' ? CONDA_VALUE_OPTIONS : PIP_VALUE_OPTIONS;
  const out: Requirement[] = [];
  for (let k = args.from; k < argv.length; k++) {
    const word = argv[k]!;
    if (word.value.startsWith('-')) {
      if (valueOptions.has(word.value)) k++;
      continue;
    }
    if (word.expansion) continue;
    const parsed = args.dialect === 'conda' ? parseCondaSpec(word.value) : parsePep508(word.value);
    if (!parsed || parsed.span.end < word.value.trimEnd().length && !parsed.marker) continue;
    out.push(mapRequirement(parsed, (i) => word.map[i] ?? word.end));
  }
  return out;
}
