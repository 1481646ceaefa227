import type { FindingSink } from '../manifests/report.js';

/** The password length MLflow enforces since 2.22 (PR #15287; its title says 8, the code 12). */
export const MIN_PASSWORD_LENGTH = 12;

/** MLF612: `admin_password` of the `[mlflow]` section of a basic-auth configuration file. */
export function checkBasicAuthIni(text: string, sink: FindingSink): void {
  let section = '';
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const line = text.slice(start, nl).replace(/\r$/, '');
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) section = header[1]!.trim();
    const m = /^(\s*admin_password\s*[=:]\s*)(.*?)\s*$/.exec(line);
    if (m && section === 'mlflow' && [...m[2]!].length < MIN_PASSWORD_LENGTH) {
      const vs = start + m[1]!.length;
      sink.report('MLF612', {
        start: vs, end: vs + m[2]!.length,
        message: `\`admin_password\` has ${[...m[2]!].length} characters; since MLflow 2.22 passwords need at least ${MIN_PASSWORD_LENGTH}, and the server fails to create the admin user`,
        help: `Set an \`admin_password\` of at least ${MIN_PASSWORD_LENGTH} characters (and change the admin's password on existing databases)`,
      });
    }
    if (nl >= text.length) break;
    start = nl + 1;
  }
}

export function isBasicAuthIni(text: string): boolean {
  return /^\s*\[mlflow\]/m.test(text) && /^\s*admin_password\s*[=:]/m.test(text);
}
