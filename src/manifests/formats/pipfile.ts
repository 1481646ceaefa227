import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import { scanToml } from '../toml.js';
import { contentSpan, keyedRequirements } from './tomlRequirements.js';

/** Sections of a Pipfile that are not package categories. */
const NOT_PACKAGES = new Set(['source', 'requires', 'scripts', 'pipenv']);

/** Pipfile: `[packages]`, `[dev-packages]` and custom categories; `[requires] python_version`. */
export function scanPipfile(text: string): ManifestScan | { error: string } {
  const scan = scanToml(text);
  if ('error' in scan) return scan;
  const categories = new Set(scan.strings.map((s) => s.path[0]!).filter((c) => !NOT_PACKAGES.has(c)));
  const requirements = [...categories].flatMap((c) => keyedRequirements(scan.strings.filter((s) => s.path[0] === c && s.path.length >= 2), 1, 'pep440', (v) => v === '*' || v === ''));
  const pythonFloors: PythonFloor[] = scan.strings
    .filter((s) => s.path.length === 2 && s.path[0] === 'requires' && (s.path[1] === 'python_version' || s.path[1] === 'python_full_version'))
    .map((s) => ({ constraint: contentSpan(s), dialect: 'poetry', label: `\`${s.path[1]} = "${s.value}"\``, exact: s.exact }));
  return { requirements, pythonFloors };
}
