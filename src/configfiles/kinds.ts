import type { FileKind } from '../runner/fileKinds.js';
import { ciPythonFloors } from '../manifests/formats/ciPythonPins.js';
import { dockerPythonFloors } from '../manifests/formats/dockerfilePins.js';
import { baseName, bytesMention } from '../manifests/paths.js';
import { parseYaml } from '../manifests/yaml.js';
import { analyzeConfig, type ConfigReader } from './analyzeConfig.js';
import { checkBasicAuthIni, isBasicAuthIni } from './basicAuthIni.js';
import { yamlCommands } from './commandSites.js';
import { instructionCommands, parseDockerfile } from './dockerfile.js';
import { checkGatewayConfig, mayBeGatewayConfig } from './gateway.js';
import { makefileCommands, procfileCommands } from './recipes.js';
import { programName, shellCommands, type ShellCommand } from './shell.js';

/**
 * Files whose findings need `mlflow` (commands, pins) or an `MLFLOW_` variable, and files that
 * set `DO_NOT_TRACK` (a telemetry opt-out the project-level check MLF608 looks for).
 */
const mentionsMlflow = (bytes: Uint8Array) => bytesMention(bytes, /mlflow|GUNICORN_CMD_ARGS|DO_NOT_TRACK/i);

function configKind(name: string, patterns: string[], nameHint: RegExp, matches: (path: string) => boolean, read: ConfigReader, prefilter = mentionsMlflow): FileKind {
  return { name, patterns, nameHint, matches, prefilter, analyze: (file, options) => analyzeConfig(file, options, read) };
}

export function isDockerfile(path: string): boolean {
  const base = baseName(path);
  if (/\.dockerignore$/i.test(base)) return false;
  return /^(?:Dockerfile|Containerfile)(?:\..+)?$/i.test(base) || /\.(?:dockerfile|containerfile)$/i.test(base);
}

export const DOCKERFILE_KIND = configKind(
  'dockerfile',
  ['**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile', '**/*.Dockerfile', '**/Containerfile', '**/Containerfile.*'],
  /dockerfile|containerfile/i,
  // `Dockerfile.dockerignore` comes with the patterns: claimed (never read as Python) and skipped.
  (p) => isDockerfile(p) || /^(?:Dockerfile|Containerfile)\./i.test(baseName(p)),
  (file) => {
    if (!isDockerfile(file.path)) return { skip: true };
    const df = parseDockerfile(file.text);
    const commands = df.instructions.filter((i) => ['RUN', 'CMD', 'ENTRYPOINT'].includes(i.keyword)).flatMap((i) => instructionCommands(df, i));
    const launched = entrypointWithCmd(df);
    if (launched) commands.push(launched);
    return { commands, envSyntax: 'dockerfile', scan: { requirements: [], pythonFloors: dockerPythonFloors(file.text, df) } };
  },
);

/**
 * What the container runs when an exec-form `ENTRYPOINT ["mlflow"]` gets its arguments from an
 * exec-form `CMD ["server", ...]` (Docker appends the last CMD to the ENTRYPOINT): one command,
 * each word at its own place in the file. Undefined unless the entrypoint is `mlflow` alone.
 */
function entrypointWithCmd(df: ReturnType<typeof parseDockerfile>): ShellCommand | undefined {
  const last = (keyword: string) => df.instructions.filter((i) => i.keyword === keyword).at(-1);
  const entrypoint = last('ENTRYPOINT');
  const cmd = last('CMD');
  if (!entrypoint || !cmd || !isExecForm(df, entrypoint) || !isExecForm(df, cmd)) return undefined;
  const [program, ...rest] = instructionCommands(df, entrypoint);
  const args = instructionCommands(df, cmd);
  if (!program || rest.length || program.words.length !== 1 || programName(program.words[0]) !== 'mlflow') return undefined;
  if (args.length !== 1) return undefined;
  return { words: [...program.words, ...args[0]!.words] };
}

function isExecForm(df: ReturnType<typeof parseDockerfile>, ins: { argsStart: number; end: number }): boolean {
  return df.masked.slice(ins.argsStart, ins.end).trimStart().startsWith('[');
}

export const SHELL_KIND = configKind('shell', ['**/*.sh', '**/*.bash'], /\.(?:sh|bash)$/i, (p) => /\.(?:sh|bash)$/i.test(p), (file) => ({ commands: shellCommands(file.text), envSyntax: 'shell' }));

export const MAKEFILE_KIND = configKind(
  'makefile',
  ['**/Makefile', '**/makefile', '**/GNUmakefile', '**/*.mk'],
  /makefile|\.mk$/i,
  (p) => /^(?:Makefile|makefile|GNUmakefile)$/.test(baseName(p)) || /\.mk$/.test(p),
  (file) => ({ commands: makefileCommands(file.text), envSyntax: 'make' }),
);

export const PROCFILE_KIND = configKind('procfile', ['**/Procfile', '**/Procfile.*'], /^Procfile/, (p) => /^Procfile(?:\..+)?$/.test(baseName(p)), (file) => ({ commands: procfileCommands(file.text), envSyntax: 'shell' }));

export const DOTENV_KIND = configKind(
  'dotenv',
  ['**/.env', '**/.env.*', '**/*.env'],
  /\.env/,
  (p) => /^\.env(?:\..+)?$/.test(baseName(p)) || /\.env$/.test(baseName(p)),
  () => ({ commands: [], envSyntax: 'dotenv' }),
);

export const BASIC_AUTH_INI_KIND = configKind(
  'basic-auth-ini',
  ['**/*.ini'],
  /\.ini$/i,
  (p) => /\.ini$/i.test(p),
  (file) => (isBasicAuthIni(file.text) ? { commands: [], extra: (sink) => checkBasicAuthIni(file.text, sink) } : { skip: true }),
  (bytes) => bytesMention(bytes, /admin_password/),
);

export function isCiWorkflow(path: string): boolean {
  const norm = path.replace(/\\/g, '/');
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(norm) || /(?:^|\/)\.gitlab-ci\.ya?ml$/i.test(norm);
}

/**
 * YAML holding commands, environment variables or a gateway configuration; with `pythons` (CI
 * workflows), also the Pythons its jobs run on (MLF903, and an unsafe pin fix where they are too old).
 */
const readYaml = (reportInvalid: boolean, { pythons = false } = {}): ConfigReader => (file) => {
  const parsed = parseYaml(file.text);
  // Templated YAML (Helm charts) is not YAML until rendered: only files that must be valid say so.
  if ('error' in parsed) return reportInvalid ? parsed : { skip: true };
  return {
    commands: yamlCommands(parsed, file.text),
    envSyntax: 'yaml',
    extra: mayBeGatewayConfig(file.text) ? (sink) => checkGatewayConfig(parsed, file.text, sink) : undefined,
    scan: pythons ? { requirements: [], pythonFloors: ciPythonFloors(parsed, file.text) } : undefined,
  };
};

export const CI_KIND = configKind(
  'ci-workflow',
  ['**/.github/workflows/*.yml', '**/.github/workflows/*.yaml', '**/.gitlab-ci.yml', '**/.gitlab-ci.yaml'],
  /\.ya?ml$/i,
  isCiWorkflow,
  readYaml(true, { pythons: true }),
);

export const MLPROJECT_KIND = configKind('mlproject', ['**/MLproject'], /^MLproject$/, (p) => baseName(p) === 'MLproject', readYaml(true));

/** Any other YAML: docker-compose, Kubernetes manifests, gateway configurations (found by content). */
export const YAML_KIND = configKind(
  'yaml',
  ['**/*.yml', '**/*.yaml'],
  /\.ya?ml$/i,
  (p) => /\.ya?ml$/i.test(p),
  readYaml(false),
  (bytes) => bytesMention(bytes, /mlflow|GUNICORN_CMD_ARGS|DO_NOT_TRACK|route_type|^routes\s*:/im),
);

/** Most specific first: CI files before the generic YAML kind (conda files are matched earlier, in MANIFEST_KINDS). */
export const CONFIG_KINDS: FileKind[] = [DOCKERFILE_KIND, CI_KIND, MLPROJECT_KIND, SHELL_KIND, MAKEFILE_KIND, PROCFILE_KIND, DOTENV_KIND, BASIC_AUTH_INI_KIND, YAML_KIND];
