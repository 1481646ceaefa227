import type { FindingSink } from '../manifests/report.js';
import { checkCli, commandContext, mlflowInvocations } from './cli.js';
import { checkEnvOccurrences } from './envChecks.js';
import type { EnvOccurrence } from './envScan.js';
import type { ShellCommand } from './shell.js';

/**
 * The CLI and environment checks of one file: what its commands run decides how the variables it
 * sets are judged (`MLFLOW_WORKERS` only matters beside `mlflow models serve`), and the variables
 * it sets decide whether a command rewrite is safe (`MLFLOW_DEPLOYMENTS_CONFIG`).
 */
export function checkCommandsAndEnv(commands: readonly ShellCommand[], env: readonly EnvOccurrence[], sink: FindingSink, options: { envFindings?: boolean } = {}): void {
  const invocations = mlflowInvocations(commands);
  // `VAR=value mlflow ...` prefixes count as set by the file too.
  const assigned = invocations.flatMap((i) => i.assignments.map((a) => a.value.split('=')[0]!));
  const definedNames = new Set([...env.filter((o) => o.defines).map((o) => o.name), ...assigned]);
  const mentionedNames = new Set([...env.map((o) => o.name), ...assigned]);
  checkCli({ invocations, commands, definedNames, mentionedNames }, sink);
  if (options.envFindings ?? true) checkEnvOccurrences(env, commandContext(invocations), sink);
}
