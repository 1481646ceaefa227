import { parseCondaSpec } from '../conda.js';
import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import { mapRequirement, parsePep508, type Requirement } from '../requirement.js';
import { get, items, parseYaml, scalarText } from '../yaml.js';

/** A conda environment file: `dependencies:` match specs, `python=3.9`, and the `pip:` list. */
export function scanCondaEnv(text: string): ManifestScan | { error: string } {
  const parsed = parseYaml(text);
  if ('error' in parsed) return parsed;
  const requirements: Requirement[] = [];
  const pythonFloors: PythonFloor[] = [];
  for (const doc of parsed.docs) {
    for (const item of items(get(doc.contents, 'dependencies'))) {
      const pip = get(item, 'pip');
      if (pip) {
        for (const p of items(pip)) {
          const s = scalarText(p, text);
          const req = s && parsePep508(s.text);
          if (req) requirements.push(mapRequirement(req, (i) => (s.exact ? s.start + i : s.start), s.exact));
        }
        continue;
      }
      const s = scalarText(item, text);
      const req = s && parseCondaSpec(s.text);
      if (!req) continue;
      const mapped = mapRequirement(req, (i) => (s.exact ? s.start + i : s.start), s.exact);
      if (mapped.normalized === 'python') {
        if (mapped.specifier) pythonFloors.push({ constraint: mapped.specifier, dialect: 'conda', label: `\`${s.text.trim()}\``, exact: mapped.exact });
      } else requirements.push(mapped);
    }
  }
  return { requirements, pythonFloors };
}

/** True when a YAML document looks like a conda environment (a `dependencies:` list). */
export function isCondaEnv(text: string): boolean {
  return /^dependencies\s*:/m.test(text);
}
