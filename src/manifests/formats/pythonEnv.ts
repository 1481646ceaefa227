import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import { mapRequirement, parsePep508, type Requirement } from '../requirement.js';
import { get, items, parseYaml, scalarText } from '../yaml.js';

/** MLflow's `python_env.yaml`: `python: "3.9"`, `build_dependencies` and `dependencies` (PEP 508). */
export function scanPythonEnv(text: string): ManifestScan | { error: string } {
  const parsed = parseYaml(text);
  if ('error' in parsed) return parsed;
  const requirements: Requirement[] = [];
  const pythonFloors: PythonFloor[] = [];
  for (const doc of parsed.docs) {
    for (const list of ['build_dependencies', 'dependencies']) {
      for (const item of items(get(doc.contents, list))) {
        const s = scalarText(item, text);
        const req = s && parsePep508(s.text);
        if (req) requirements.push(mapRequirement(req, (i) => (s.exact ? s.start + i : s.start), s.exact));
      }
    }
    // `python: 3.10` is a YAML float (3.1): read the version as written.
    const python = scalarText(get(doc.contents, 'python'), text);
    if (python) pythonFloors.push({ constraint: { start: python.start, end: python.end, text: python.text }, dialect: 'poetry', label: `\`python: ${python.text}\``, exact: python.exact });
  }
  return { requirements, pythonFloors };
}
