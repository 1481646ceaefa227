import type { FindingSink } from '../manifests/report.js';
import { checkCli, commandContext, mlflowInvocations } from './cli.js';
import { checkEnvOccurrences } from './envChecks.js';
import type { EnvOccurrence } from './envScan.js';
import type { ShellCommand } from './shell.js';

/**
 * The CLI and environment checks of one file: what its commands run decides how the variables it
 * sets are judged (`MLFLOW_WORKERS` only matters beside `mlflow models serve`), and the variables
 * it sets decide whether a command rewrite is safe (`MLFLOW_DEPLOYMENTS_CONFIG`).
 *
 * `envFindings`: which variable occurrences get findings of their own (all by default; a notebook
 * reports only those in shell lines, its Python's being the Python rules'). Every occurrence still
 * counts for what the file sets.
 */
export function checkCommandsAndEnv(commands: readonly ShellCommand[], env: readonly EnvOccurrence[], sink: FindingSink, options: { envFindings?: (o: EnvOccurrence) => boolean } = {}): void {
  const invocations = mlflowInvocations(commands);
  // `VAR=value mlflow ...` prefixes count as set by the file too.
  const assigned = invocations.flatMap((i) => i.assignments.map((a) => a.value.split('=')[0]!));
  const definedNames = new Set([...env.filter((o) => o.defines).map((o) => o.name), ...assigned]);
  const mentionedNames = new Set([...env.map((o) => o.name), ...assigned]);
  checkCli({ invocations, commands, definedNames, mentionedNames }, sink);
  checkEnvOccurrences(options.envFindings ? env.filter(options.envFindings) : env, commandContext(invocations), sink);
}
