import { describe, expect, it } from 'vitest';
import { renderDiff } from '../../src/fixer/diff.js';
import { summaryText } from '../../src/fixer/report.js';

describe('summaryText', () => {
  const base = { fixed: 3, files: 2, remaining: 5, manual: 2, unsafe: 3, blocked: 0 };

  it('says what was fixed and what remains, and how to get the held-back fixes', () => {
    expect(summaryText(base, true)).toBe('Fixed 3 findings in 2 files. 5 remain: 2 need manual changes, 3 have unsafe fixes (rerun with --unsafe-fixes).');
    expect(summaryText(base, false)).toBe('Would fix 3 findings in 2 files. 5 remain: 2 need manual changes, 3 have unsafe fixes (rerun with --unsafe-fixes).');
  });

  it('uses the singular where it applies and drops empty clauses', () => {
    expect(summaryText({ fixed: 1, files: 1, remaining: 1, manual: 1, unsafe: 0, blocked: 0 }, true)).toBe('Fixed 1 finding in 1 file. 1 remains: 1 needs manual changes.');
    expect(summaryText({ fixed: 0, files: 0, remaining: 0, manual: 0, unsafe: 0, blocked: 0 }, false)).toBe('Would fix 0 findings in 0 files. None remain.');
  });
});

describe('renderDiff', () => {
  it('is a plain unified diff with a/ b/ paths, keeping CRLF line endings', () => {
    const diff = renderDiff('dir\\x.py', 'a\r\nb\r\n', 'a\r\nB\r\n', false);
    expect(diff).toBe('--- a/dir/x.py\n+++ b/dir/x.py\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+B\r\n');
  });

  it('marks a missing final newline', () => {
    expect(renderDiff('x.py', 'a\nb', 'a\nB', false)).toContain('\\ No newline at end of file');
  });

  it('colours added and removed lines for a terminal', () => {
    const diff = renderDiff('x.py', 'a\r\nb\r\n', 'a\r\nB\r\n', true);
    expect(diff).toContain('\u001b[31m-b\u001b[39m');
    expect(diff).toContain('\u001b[32m+B\u001b[39m');
    expect(diff).not.toContain('\r');
  });
});
