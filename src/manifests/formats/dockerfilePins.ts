import type { Dockerfile } from '../../configfiles/dockerfile.js';
import type { PythonFloor } from '../pinChecks.js';

const PYTHON_IMAGE = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?python$/;

/** The Python of `FROM python:<major.minor...>` lines (the install commands are read as commands). */
export function dockerPythonFloors(text: string, df: Dockerfile): PythonFloor[] {
  const floors: PythonFloor[] = [];
  for (const ins of df.instructions) {
    if (ins.keyword !== 'FROM') continue;
    const args = text.slice(ins.argsStart, ins.end);
    const m = /^(\S+?):(\d+(?:\.\d+)*)(\S*)/.exec(args);
    // `python:3` follows the newest 3.x: only a `major.minor` tag names a Python that gets old.
    if (!m || !PYTHON_IMAGE.test(m[1]!) || !m[2]!.includes('.')) continue;
    const start = ins.argsStart + m[1]!.length + 1;
    floors.push({ constraint: { start, end: start + m[2]!.length, text: m[2]! }, dialect: 'poetry', label: `\`FROM ${m[0]}\``, exact: true });
  }
  return floors;
}
