import { instructionCommands, parseDockerfile } from '../../configfiles/dockerfile.js';
import { installedRequirements } from '../pipCommand.js';
import type { ManifestScan, PythonFloor } from '../pinChecks.js';

const PYTHON_IMAGE = /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?python$/;

/** A Dockerfile: `RUN pip install ...` requirements and the Python of `FROM python:<version>`. */
export function scanDockerfilePins(text: string): ManifestScan {
  const df = parseDockerfile(text);
  const requirements = df.instructions.filter((i) => i.keyword === 'RUN').flatMap((i) => instructionCommands(df, i).flatMap(installedRequirements));
  const pythonFloors: PythonFloor[] = [];
  for (const ins of df.instructions) {
    if (ins.keyword !== 'FROM') continue;
    const args = text.slice(ins.argsStart, ins.end);
    const m = /^(\S+?):(\d+(?:\.\d+)*)(\S*)/.exec(args);
    // `python:3` follows the newest 3.x: only a `major.minor` tag names a Python that gets old.
    if (!m || !PYTHON_IMAGE.test(m[1]!) || !m[2]!.includes('.')) continue;
    const start = ins.argsStart + m[1]!.length + 1;
    pythonFloors.push({ constraint: { start, end: start + m[2]!.length, text: m[2]! }, dialect: 'poetry', label: `\`FROM ${m[0]}\``, exact: true });
  }
  return { requirements, pythonFloors };
}
