import type * as Sarif from 'sarif';
import type { FileProblem } from '../engine/types.js';
import { artifactLocation } from './location.js';
import { sentence } from './sarifRules.js';

// Files that could not be analysed go to `invocations[0].toolExecutionNotifications`, not only to
// stderr; one notification descriptor per problem kind lets consumers group them.
const PROBLEM_DESCRIPTIONS: Record<FileProblem['kind'], string> = {
  read: 'A file could not be read (permissions, size limit, broken link); it was not checked.',
  decode: 'A file could not be decoded as Python source (binary, unknown encoding); it was not checked.',
  parse: 'A file could not be parsed; it was not checked.',
  internal: 'mlflow-migrate failed on a file; it was not fully checked.',
};
const PROBLEM_HELP = 'The message names the file and the cause. Fix the cause (or exclude the file) and run again: until then the file may hide MLflow uses.';
const PROBLEM_KINDS = Object.keys(PROBLEM_DESCRIPTIONS) as Array<FileProblem['kind']>;
// GitHub requires fullDescription and help on every descriptor, notifications included (GH2012).
export const NOTIFICATION_DESCRIPTORS: Sarif.ReportingDescriptor[] = PROBLEM_KINDS.map((kind) => ({
  id: `problem/${kind}`,
  shortDescription: { text: PROBLEM_DESCRIPTIONS[kind] },
  fullDescription: { text: PROBLEM_DESCRIPTIONS[kind] },
  help: { text: PROBLEM_HELP, markdown: PROBLEM_HELP },
}));

/** A problem as a notification located at the file it is about. */
export function notification(p: FileProblem, cwd: string): Sarif.Notification {
  return {
    level: p.kind === 'internal' ? 'error' : 'warning',
    message: { text: sentence(`${p.path}: ${p.message}`) },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.path, cwd) } }],
    descriptor: { id: `problem/${p.kind}`, index: PROBLEM_KINDS.indexOf(p.kind) },
  };
}

