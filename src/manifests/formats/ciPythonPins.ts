import type { PythonFloor } from '../pinChecks.js';
import { entries, get, isMap, isScalar, isSeq, items, scalarText, type YamlParse } from '../yaml.js';

/** `python:3.9`, `python:3.9-slim`, `docker.io/library/python:3.11`: the image and its `major.minor` tag. */
const PYTHON_IMAGE = /^((?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?python):(\d+\.\d+(?:\.\d+)?)/;

/**
 * The Pythons a CI workflow runs its jobs on: GitHub's `actions/setup-python` `python-version`
 * (a value, or each value of a list or of the job's matrix entry it names), and the `python:<version>`
 * images of GitLab jobs (`image:`) and GitHub job containers (`container:`), in jobs that name
 * MLflow (and at the top). Expressions and versions without a minor (`3.x`, `3`) name no Python
 * that gets old.
 */
export function ciPythonFloors(parsed: YamlParse, text: string): PythonFloor[] {
  if ('error' in parsed) return [];
  const floors: PythonFloor[] = [];
  const version = (node: unknown, label: (v: string) => string) => {
    const s = scalarText(node, text);
    if (s?.exact && /^\d+\.\d+(?:\.\d+)?$/.test(s.text)) floors.push({ constraint: { start: s.start, end: s.end, text: s.text }, dialect: 'poetry', label: label(s.text), exact: true });
  };
  const image = (node: unknown, key: string) => {
    const s = scalarText(isMap(node) ? get(node, 'name') : node, text);
    const m = s?.exact ? PYTHON_IMAGE.exec(s.text) : null;
    if (!s || !m) return;
    const start = s.start + m[1]!.length + 1;
    floors.push({ constraint: { start, end: start + m[2]!.length, text: m[2]! }, dialect: 'poetry', label: `\`${key}: ${s.text}\``, exact: true });
  };
  const walk = (node: unknown): void => {
    if (isSeq(node)) { items(node).forEach(walk); return; }
    if (!isMap(node)) return;
    const uses = get(node, 'uses');
    if (isScalar(uses) && /^actions\/setup-python@/.test(String(uses.value))) {
      const pythons = get(get(node, 'with'), 'python-version');
      for (const v of isSeq(pythons) ? items(pythons) : [pythons]) version(v, (t) => `\`python-version: ${t}\``);
    }
    for (const { key, value } of entries(node)) {
      const name = String(key.value);
      // A job (GitHub `steps:`, GitLab `script:`) that never names MLflow: its Python is not MLflow's.
      if (isJob(value) && !mentionsMlflow(value, text)) continue;
      if (name === 'image' || name === 'container') image(value, name);
      // `strategy: matrix: python-version: [...]`: the Pythons the job runs on, each a version.
      else if (name === 'matrix' && isMap(value)) {
        for (const m of entries(value)) if (/^python(?:[-_]version)?$/.test(String(m.key.value)) && isSeq(m.value)) items(m.value).forEach((v) => version(v, (t) => `the matrix's \`${String(m.key.value)}: ${t}\``));
      } else walk(value);
    }
  };
  for (const doc of parsed.docs) walk(doc.contents);
  return floors;
}

function isJob(node: unknown): boolean {
  return isMap(node) && (get(node, 'steps') !== undefined || get(node, 'script') !== undefined);
}

function mentionsMlflow(node: unknown, text: string): boolean {
  const range = (node as { range?: [number, number, number] }).range;
  return !range || /mlflow/i.test(text.slice(range[0], range[2]));
}
