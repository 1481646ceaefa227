import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import type { Requirement } from '../requirement.js';
import { scanToml, type TomlString } from '../toml.js';
import { contentSpan, keyedRequirements, pep508FromToml } from './tomlRequirements.js';

/** `a.b.*.c` with `*` for any one key. */
function at(s: TomlString, pattern: string, extraDepth = 0): boolean {
  const parts = pattern.split('.');
  if (s.path.length !== parts.length + extraDepth) return false;
  return parts.every((p, k) => p === '*' || p === s.path[k]);
}

function under(s: TomlString, pattern: string): boolean {
  const parts = pattern.split('.');
  return s.path.length > parts.length && parts.every((p, k) => p === '*' || p === s.path[k]);
}

/** PEP 508 strings in lists: `[project] dependencies`, optional dependencies, dependency groups, PDM, uv, Hatch. */
const PEP508_LISTS = [
  'project.dependencies',
  'project.optional-dependencies.*',
  'dependency-groups.*',
  'tool.pdm.dev-dependencies.*',
  'tool.uv.dev-dependencies',
  'tool.uv.constraint-dependencies',
  'tool.uv.override-dependencies',
  'tool.hatch.envs.*.dependencies',
  'tool.hatch.envs.*.extra-dependencies',
];

/** Poetry dependency tables, keyed by package name. */
const POETRY_TABLES = ['tool.poetry.dependencies', 'tool.poetry.dev-dependencies', 'tool.poetry.group.*.dependencies'];

export function scanPyproject(text: string): ManifestScan | { error: string } {
  const scan = scanToml(text);
  if ('error' in scan) return scan;
  const requirements: Requirement[] = [];
  const pythonFloors: PythonFloor[] = [];
  for (const s of scan.strings) {
    if (PEP508_LISTS.some((p) => at(s, p, 1))) {
      const req = pep508FromToml(s);
      if (req) requirements.push(req);
    } else if (at(s, 'project.requires-python')) {
      pythonFloors.push({ constraint: contentSpan(s), dialect: 'pep440', label: `\`requires-python = "${s.value}"\``, exact: s.exact });
    } else if (at(s, 'tool.hatch.envs.*.python')) {
      pythonFloors.push({ constraint: contentSpan(s), dialect: 'poetry', label: `the Hatch environment's \`python = "${s.value}"\``, exact: s.exact });
    }
  }
  for (const table of POETRY_TABLES) {
    const depth = table.split('.').length;
    const strings = scan.strings.filter((s) => under(s, table));
    for (const req of keyedRequirements(strings, depth, 'poetry', (v) => v === '*' || v === '')) {
      if (req.normalized === 'python') {
        if (req.specifier) pythonFloors.push({ constraint: req.specifier, dialect: 'poetry', label: `Poetry's \`python = "${req.specifier.text}"\``, exact: req.exact });
      } else requirements.push(req);
    }
  }
  return { requirements, pythonFloors };
}
