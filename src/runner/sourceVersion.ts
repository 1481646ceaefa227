import type { DiscoveryResult } from '../discovery/discover.js';
import { compareVersions } from '../engine/versions.js';
import { detectSourceVersion, pinsInFile, type DetectedSourceVersion } from '../manifests/project.js';
import type { PinFact } from '../manifests/facts.js';
import { createParser, type PythonParser } from '../parser/index.js';
import { SETUP_PY_KIND } from '../manifests/kinds.js';
import { loadMlflowApi } from '../semantic/apiIndex.js';
import { SourceFile } from '../source/sourceFile.js';
import { kindOf, mayHoldFindings, onlyPythonByName, PYTHON } from './fileKinds.js';
import { discoverForCheck, readSourceBytes, type CheckOptions } from './run.js';

/** What the other kinds get for a parser: with no rule selected they read text only. */
export const TEXT_ONLY: PythonParser = {
  backend: 'wasm',
  parse: () => { throw new Error('internal error: the source-version pass parsed a file it reads as text'); },
};

/**
 * The MLflow version the project pins (its requirement files, pyproject, conda and Docker files,
 * notebooks' `%pip`), for `--source-version` when neither the command line nor the configuration
 * gives one. A pin at or past the target is ignored: after `fix` has moved the pins, the code
 * still has to be checked against the version it was written for. The discovery is returned too:
 * the check that follows walks the same tree (`CheckOptions.discovered`).
 */
export async function detectProjectSourceVersion(options: CheckOptions, targetVersion: string): Promise<{ detected?: DetectedSourceVersion; discovery: DiscoveryResult }> {
  const discovery = await discoverForCheck(options);
  const pins: PinFact[] = [];
  let parser: PythonParser | undefined;
  for (const file of discovery.files) {
    // Most paths only Python can take: no kind to look up, nor one more path remembered (~2 ms of a
    // warm monorepo run for 4,000 paths).
    if (onlyPythonByName(file.display)) continue;
    const kind = kindOf(file.display);
    if (kind === PYTHON) continue;
    const read = readSourceBytes(file.absolute, file.display);
    if ('problem' in read || !mayHoldFindings(file.display, read.bytes)) continue;
    const source = SourceFile.fromBytes(file.display, read.bytes);
    if ('error' in source) continue;
    // This pass runs before every check, warm ones included: the parser is made only for the one
    // kind that reads its pins through it (setup.py's `setup()` call), not for a requirements file.
    if (kind === SETUP_PY_KIND) parser ??= await createParser(options.parser ?? 'auto');
    pins.push(...pinsInFile(source, { api: loadMlflowApi(), parser: parser ?? TEXT_ONLY, targetVersion }));
  }
  const detected = detectSourceVersion(pins);
  return { detected: detected && compareVersions(detected.version, targetVersion) < 0 ? detected : undefined, discovery };
}
