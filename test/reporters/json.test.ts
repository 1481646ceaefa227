import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatJson, type JsonReport } from '../../src/reporters/json.js';
import { checkProject } from './project.js';

// `t = "` (5 units) + 日本語 (3) + 😀 (2, a surrogate pair) + `"; ` (3) + `mlflow.evaluate(m, d, ` (22):
// custom_metrics starts at UTF-16 column 36 (byte column 44, code point column 35).
const WIDE_LINE = 't = "日本語😀"; mlflow.evaluate(m, d, custom_metrics=[r])';
const TRAIN = `import mlflow\n\n${WIDE_LINE}\nmlflow.evaluate(m, d, custom_metrics=[r], extra_metrics=[q])\n`;

async function report(files: Record<string, string | Uint8Array>): Promise<JsonReport> {
  const { result, context } = await checkProject(files, { select: ['MLF104'] });
  return JSON.parse(formatJson(result, context)) as JsonReport;
}

describe('--format json', () => {
  test('top level: schema version, tool, versions, parser, summary', async () => {
    const r = await report({ 'train.py': TRAIN, 'plain.py': 'print(1)\n' });
    expect(r.schemaVersion).toBe(1);
    expect(r.tool).toEqual({ name: 'mlflow-migrate', version: '0.1.0' });
    expect(r.sourceVersion).toBe('2.9.2');
    expect(r.targetVersion).toBe('3.4.0');
    expect(r.parser).toBe('native');
    expect(r.summary).toEqual({
      findings: 2,
      errors: 2,
      warnings: 0,
      info: 0,
      files: 2,
      filesWithFindings: 1,
      filesUsingMlflow: 1,
      // The second call also passes extra_metrics: reported, but no fix.
      fixable: { safe: 1, unsafe: 0 },
    });
    expect(Object.keys(r)).toEqual(['schemaVersion', 'tool', 'sourceVersion', 'targetVersion', 'parser', 'summary', 'findings', 'problems']);
  });

  test('a finding: 1-based line, UTF-16 columns past CJK and emoji, exclusive end column', async () => {
    const [first, second] = (await report({ 'train.py': TRAIN })).findings;
    expect(first).toEqual({
      code: 'MLF104',
      name: 'evaluate-custom-metrics',
      severity: 'error',
      message: '`custom_metrics` was removed from `mlflow.evaluate` in MLflow 3.0',
      help: 'Rename to `extra_metrics`',
      path: 'train.py',
      line: 3,
      column: 36,
      endLine: 3,
      endColumn: 36 + 'custom_metrics'.length,
      cell: null,
      fix: {
        applicability: 'safe',
        title: 'Rename to `extra_metrics`',
        edits: [
          {
            // Byte offsets count the UTF-8 bytes of the original file: 15 bytes for the first two lines.
            start: { line: 3, column: 36, byteOffset: 15 + 43 },
            end: { line: 3, column: 50, byteOffset: 15 + 43 + 14 },
            content: 'extra_metrics',
          },
        ],
      },
    });
    expect(second).toMatchObject({ line: 4, column: 23, endColumn: 37, fix: null });
  });

  test('byte offsets address the original bytes, BOM and CRLF included', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TRAIN.replace(/\n/g, '\r\n'), 'utf8')]);
    const [first] = (await report({ 'train.py': bytes })).findings;
    const start = first!.fix!.edits[0]!.start;
    expect(start.line).toBe(3);
    expect(start.column).toBe(36);
    expect(bytes.subarray(start.byteOffset, start.byteOffset + 14).toString('utf8')).toBe('custom_metrics');
  });

  test('files that could not be analysed are listed in problems', async () => {
    const r = await report({ 'blob.py': new Uint8Array([0x6d, 0x6c, 0x66, 0x6c, 0x6f, 0x77, 0, 1, 2]) });
    expect(r.problems).toEqual([{ path: 'blob.py', kind: 'decode', message: 'binary file (contains NUL bytes)' }]);
    expect(r.findings).toEqual([]);
  });

  test('order is deterministic: files by path, findings by position', async () => {
    const files = { 'b.py': TRAIN, 'a/z.py': TRAIN, 'a.py': TRAIN };
    const r = await report(files);
    expect(r.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['a.py:3', 'a.py:4', 'a/z.py:3', 'a/z.py:4', 'b.py:3', 'b.py:4']);
    expect(JSON.stringify((await report(files)).findings)).toBe(JSON.stringify(r.findings));
  });
});

/** Every key name in `value`, at any depth. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

test('docs/json-schema.md documents every field the report emits', async () => {
  const r = await report({ 'train.py': TRAIN, 'blob.py': new Uint8Array([0x6d, 0x6c, 0x66, 0x6c, 0x6f, 0x77, 0]) });
  const doc = readFileSync(new URL('../../docs/json-schema.md', import.meta.url), 'utf8');
  // Documented: the key is a segment of a backticked field path, e.g. `fixable.safe`, `edits[].start`.
  const documented = (key: string) => new RegExp(`\`([\\w[\\]]+\\.)*${key}(\\.[\\w[\\]]+)*\``).test(doc);
  expect([...keysOf(r)].filter((k) => !documented(k))).toEqual([]);
  expect(doc).toContain(`schema version ${r.schemaVersion}`);
});
