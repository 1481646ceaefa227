import type { Edit } from '../engine/types.js';
import type { FindingSink } from '../manifests/report.js';
import { hasOption, type CommandContext } from './cli.js';
import type { EnvOccurrence } from './envScan.js';
import { ENV_VARS, GUNICORN_CMD_ARGS } from './envVars.js';

/** MLF602–MLF606, MLF609/MLF610 (`GUNICORN_CMD_ARGS`), MLF615 and `MLFLOW_RECIPES_*` where a file names them. */
export function checkEnvOccurrences(occurrences: readonly EnvOccurrence[], context: CommandContext, sink: FindingSink): void {
  for (const o of occurrences) {
    if (o.name === GUNICORN_CMD_ARGS) { checkGunicorn(o, context, sink); continue; }
    const spec = ENV_VARS.find((v) => v.name === o.name);
    if (!spec) continue;
    let applicability = spec.applicability ?? 'safe';
    let fixable = true;
    if (spec.context === 'models-serve-only') {
      if (!context.modelsServe.length) continue; // `MLFLOW_WORKERS` still configures `mlflow server`.
      fixable = !context.trackingServer.length;
    } else if (spec.context === 'start-server') {
      // Safe where this file both sets the variable and starts the server: every use moves together.
      const setHere = occurrences.some((x) => x.name === o.name && x.defines);
      applicability = context.startServer.length && setHere ? 'safe' : 'unsafe';
    }
    let edits: Edit[] | undefined;
    if (fixable && spec.renameTo) edits = [{ start: o.start, end: o.end, text: spec.renameTo }];
    else if (fixable && spec.removable && o.definitionLine) edits = [{ ...o.definitionLine, text: '' }];
    sink.report(spec.code, {
      start: o.start,
      end: o.end,
      message: spec.message,
      help: fixable || !spec.renameTo ? spec.help : `${spec.help} where it configures \`mlflow models serve\` (this file also runs \`mlflow server\`, which still reads it)`,
      fix: edits ? { applicability, edits } : undefined,
    });
  }
}

function checkGunicorn(o: EnvOccurrence, context: CommandContext, sink: FindingSink): void {
  const gunicornServer = context.trackingServer.some((i) => !hasOption(i, '--gunicorn-opts', '--waitress-opts'));
  if (gunicornServer) {
    sink.report('MLF609', {
      start: o.start, end: o.end,
      message: '`mlflow server` runs under uvicorn by default since MLflow 3.3; `GUNICORN_CMD_ARGS` no longer has an effect',
      help: 'Pass `--gunicorn-opts` to keep gunicorn, or move the settings to `--uvicorn-opts`',
    });
  }
  if (context.modelsServe.length) {
    sink.report('MLF610', {
      start: o.start, end: o.end,
      message: '`mlflow models serve` runs a FastAPI app under uvicorn since MLflow 2.21; `GUNICORN_CMD_ARGS` no longer has an effect',
      help: 'Set the workers with `-w` / `MLFLOW_MODELS_WORKERS`; other gunicorn settings have no equivalent',
    });
  }
}
