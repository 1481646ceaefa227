import pc from 'picocolors';

/**
 * Whether to colour what goes to standard output. picocolors alone also turns colour on whenever
 * `CI` is set, which puts escape codes into reports that CI pipes to files or greps; we colour only
 * a terminal, or when FORCE_COLOR asks for it (NO_COLOR and --no-color always win, via picocolors).
 */
export function stdoutWantsColor(): boolean {
  return pc.isColorSupported && (!!process.stdout.isTTY || 'FORCE_COLOR' in process.env);
}
