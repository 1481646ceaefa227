import type { Edit } from '../engine/types.js';
import type { FindingSink } from '../manifests/report.js';
import { argvOf, programName, type ShellCommand, type ShellWord } from './shell.js';

/** An `mlflow` command line: its subcommand words and options (after `mlflow` / `python -m mlflow`). */
export interface MlflowInvocation {
  args: ShellWord[];
  assignments: ShellWord[];
}

export function mlflowInvocations(commands: readonly ShellCommand[]): MlflowInvocation[] {
  const out: MlflowInvocation[] = [];
  for (const command of commands) {
    const { argv, assignments } = argvOf(command);
    const prog = programName(argv[0]);
    if (prog === 'mlflow') out.push({ args: argv.slice(1), assignments });
    else if (/^python(?:3(?:\.\d+)?)?$/.test(prog) && argv[1]?.value === '-m' && argv[2]?.value === 'mlflow') out.push({ args: argv.slice(3), assignments });
  }
  return out;
}

/** The subcommand path (`deployments start-server`), skipping nothing: options come after it. */
function subcommand(inv: MlflowInvocation, n: number): string {
  return inv.args.slice(0, n).map((w) => w.value).join(' ');
}

export function hasOption(inv: MlflowInvocation, ...names: string[]): ShellWord | undefined {
  return inv.args.find((w) => names.some((n) => w.value === n || w.value.startsWith(`${n}=`)));
}

/** What a file's commands run: the context some environment-variable checks depend on. */
export interface CommandContext {
  startServer: MlflowInvocation[];
  modelsServe: MlflowInvocation[];
  trackingServer: MlflowInvocation[];
}

export function commandContext(invocations: readonly MlflowInvocation[]): CommandContext {
  return {
    startServer: invocations.filter((i) => subcommand(i, 2) === 'deployments start-server'),
    modelsServe: invocations.filter((i) => subcommand(i, 2) === 'models serve'),
    trackingServer: invocations.filter((i) => subcommand(i, 1) === 'server'),
  };
}

/** A word whose value is written as is (no quotes or escapes inside it): it can be replaced in place. */
function plain(word: ShellWord): boolean {
  return !word.expansion && word.map.length === word.value.length && word.map.every((k, i) => k === word.map[0]! + i);
}

function replaceWord(word: ShellWord, text: string): Edit {
  return { start: word.map[0]!, end: word.map[word.map.length - 1]! + 1, text };
}

export interface CliCheckInput {
  invocations: MlflowInvocation[];
  /** Raw commands (for programs other than mlflow: gunicorn, waitress-serve). */
  commands: readonly ShellCommand[];
  /** Environment variables this file sets, and those it sets or reads. */
  definedNames: ReadonlySet<string>;
  mentionedNames: ReadonlySet<string>;
}

/**
 * MLflow CLI uses that MLflow 3 removed or changed, wherever commands are written (scripts,
 * Dockerfiles, Makefiles, Procfiles, compose / Kubernetes / CI YAML, notebooks' `!` lines).
 */
export function checkCli(input: CliCheckInput, sink: FindingSink): void {
  for (const inv of input.invocations) {
    const [first, second] = inv.args;
    if (!first) continue;
    if (first.value === 'deployments' && second?.value === 'start-server') reportStartServer(inv, first, second, input.definedNames, sink);
    else if (first.value === 'recipes') {
      sink.report('MLF204', {
        start: first.start, end: second?.end ?? first.end,
        message: `\`mlflow recipes${second ? ` ${second.value}` : ''}\`: the \`mlflow recipes\` command was removed with MLflow Recipes in MLflow 3.0`,
        help: 'Run the recipe steps as plain scripts (or MLflow Projects), or pin `mlflow<3`',
      });
    } else if (first.value === 'server') {
      const app = hasOption(inv, '--app-name');
      const appName = app?.value.includes('=') ? app.value.split('=')[1] : inv.args[inv.args.indexOf(app!) + 1]?.value;
      if (app && appName === 'basic-auth' && !input.mentionedNames.has('MLFLOW_FLASK_SERVER_SECRET_KEY')) {
        sink.report('MLF611', {
          start: app.start, end: app.value.includes('=') ? app.end : inv.args[inv.args.indexOf(app) + 1]!.end,
          message: '`mlflow server --app-name basic-auth` needs `MLFLOW_FLASK_SERVER_SECRET_KEY` since MLflow 2.21 (the server refuses to start without it)',
          help: 'Set `MLFLOW_FLASK_SERVER_SECRET_KEY` (the same value on every server replica) and install `mlflow[auth]`',
        });
      }
    } else if (first.value === 'models' && (second?.value === 'build-docker' || second?.value === 'generate-dockerfile') && !hasOption(inv, '--install-java')) {
      reportImageDefaults(first, second, sink);
    }
  }
  for (const command of input.commands) {
    const { argv } = argvOf(command);
    const prog = programName(argv[0]);
    if (prog !== 'gunicorn' && prog !== 'waitress-serve') continue;
    const app = argv.find((w) => /mlflow\.pyfunc\.scoring_server\.wsgi/.test(w.value));
    if (!app) continue;
    sink.report('MLF610', {
      start: app.start, end: app.end,
      message: `\`${prog} ${app.value}\`: the scoring server became a FastAPI app in MLflow 2.21 and \`mlflow.pyfunc.scoring_server.wsgi\` is gone`,
      help: 'Serve with `mlflow models serve` (uvicorn; workers with `-w` / `MLFLOW_MODELS_WORKERS`) or `uvicorn mlflow.pyfunc.scoring_server.app:app`',
    });
  }
}

function reportStartServer(inv: MlflowInvocation, first: ShellWord, second: ShellWord, definedNames: ReadonlySet<string>, sink: FindingSink): void {
  // `gateway start` reads `MLFLOW_GATEWAY_CONFIG`, not `MLFLOW_DEPLOYMENTS_CONFIG`: without
  // `--config-path`, the rename is faithful only if this file also sets the variable (MLF606).
  const configured = !!hasOption(inv, '--config-path') || definedNames.has('MLFLOW_DEPLOYMENTS_CONFIG');
  const edits = plain(first) && plain(second) ? [replaceWord(first, 'gateway'), replaceWord(second, 'start')] : undefined;
  sink.report('MLF208', {
    start: first.start, end: second.end,
    message: '`mlflow deployments start-server` was removed in MLflow 3.0',
    help: 'Use `mlflow gateway start` (same options)',
    fix: edits ? { applicability: configured ? 'safe' : 'unsafe', edits } : undefined,
  });
}

function reportImageDefaults(first: ShellWord, second: ShellWord, sink: FindingSink): void {
  sink.report('MLF613', {
    start: first.start, end: second.end,
    message: `\`mlflow ${first.value} ${second.value}\` images no longer include Java (or an Ubuntu base with build tools) by default since MLflow 2.11`,
    help: 'Pass `--install-java` when the model needs Java (Spark, H2O, MLeap), and check the base image',
  });
}
