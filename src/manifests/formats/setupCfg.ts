import type { ManifestScan, PythonFloor } from '../pinChecks.js';
import { offsetRequirement, parsePep508, type Requirement } from '../requirement.js';

/**
 * `setup.cfg`: `[options] install_requires`, `setup_requires`, `tests_require`, `python_requires`
 * and every key of `[options.extras_require]`. Values continue on indented lines.
 */
export function scanSetupCfg(text: string): ManifestScan {
  const requirements: Requirement[] = [];
  const pythonFloors: PythonFloor[] = [];
  let section = '';
  let key = '';
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(start, end);
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header) { section = header[1]!.trim(); key = ''; }
    else if (/^[#;]/.test(line) || !line.trim()) { /* comment or blank */ }
    else {
      let valueStart = start;
      let value = line;
      const assign = /^([A-Za-z0-9_.-]+)\s*[=:]\s*/.exec(line);
      if (assign && !/^\s/.test(line)) {
        key = assign[1]!;
        valueStart = start + assign[0].length;
        value = line.slice(assign[0].length);
      } else if (!/^\s/.test(line)) key = '';
      else {
        valueStart = start + (line.length - line.trimStart().length);
        value = line.trimStart();
      }
      // `;` is PEP 508's marker separator, so only `#` starts an inline comment.
      const comment = /(^|\s)#/.exec(value);
      if (comment) value = value.slice(0, comment.index);
      if (value.trim()) read(section, key, value, valueStart);
    }
    if (nl >= text.length) break;
    start = nl + 1;
  }
  function read(sec: string, k: string, value: string, at: number) {
    const lists = sec === 'options' && ['install_requires', 'setup_requires', 'tests_require'].includes(k);
    if (lists || (sec === 'options.extras_require' && k)) {
      const parsed = parsePep508(value.trimEnd());
      if (parsed) requirements.push(offsetRequirement(parsed, at));
    } else if (sec === 'options' && k === 'python_requires') {
      const text = value.trim();
      pythonFloors.push({ constraint: { start: at, end: at + text.length, text }, dialect: 'pep440', label: `\`python_requires = ${text}\``, exact: true });
    }
  }
  return { requirements, pythonFloors };
}
