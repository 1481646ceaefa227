import type { ManifestScan } from '../pinChecks.js';
import { mapRequirement, parsePep508, type Requirement } from '../requirement.js';

/**
 * pip requirement files (`requirements*.txt`, pip-tools `*.in`, constraints files): one
 * requirement per logical line; `\` joins lines; `#` starts a comment at a line start or after
 * whitespace; option lines (`-r`, `-c`, `-e`, `--index-url`, ...) and per-requirement options
 * (`--hash=...`) are not requirements.
 */
export function scanRequirementsTxt(text: string): ManifestScan {
  const requirements: Requirement[] = [];
  for (const line of logicalLines(text)) {
    const content = stripComment(line.text);
    const trimmed = content.trimStart();
    if (!trimmed || trimmed.startsWith('-')) continue;
    // Per-requirement options start at ` --` (e.g. `--hash=sha256:...`, `--config-settings`).
    const opt = /\s--?[A-Za-z]/.exec(content);
    const reqText = opt ? content.slice(0, opt.index) : content;
    const parsed = parsePep508(reqText);
    if (!parsed) continue;
    const req = mapRequirement(parsed, (i) => line.map[i] ?? line.map[line.map.length - 1]! + 1);
    if (/\s--hash[=\s]/.test(content)) req.hashed = true;
    requirements.push(req);
  }
  return { requirements, pythonFloors: [] };
}

interface LogicalLine {
  text: string;
  /** For each character of `text`, its index in the file. */
  map: number[];
}

/** Physical lines joined where one ends with a backslash, with the position of every character. */
export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let current: LogicalLine = { text: '', map: [] };
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    let end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    const continued = end > start && text[end - 1] === '\\';
    if (continued) end--;
    for (let k = start; k < end; k++) { current.text += text[k]; current.map.push(k); }
    if (!continued) {
      out.push(current);
      current = { text: '', map: [] };
    }
    if (nl >= text.length) break;
    start = nl + 1;
  }
  if (current.text) out.push(current);
  return out;
}

function stripComment(line: string): string {
  const m = /(^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}
