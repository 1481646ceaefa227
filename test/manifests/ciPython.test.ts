import { describe, expect, it } from 'vitest';
import { analyze, codes, slice } from './helpers.js';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  test:',
  '    runs-on: ubuntu-latest',
  '    strategy:',
  '      matrix:',
  '        python-version: ["3.9", "3.11"]',
  '    steps:',
  '      - uses: actions/setup-python@v5',
  '        with:',
  "          python-version: '3.9'",
  '      - uses: actions/setup-python@v5',
  '        with:',
  '          python-version: ${{ matrix.python-version }}',
  '      - run: pip install mlflow==2.9.2',
  '  lint:',
  '    runs-on: ubuntu-latest',
  '    container: python:3.8-slim',
  '    steps:',
  '      - run: ruff check .',
  '',
].join('\n');

describe('the Python versions of CI jobs', () => {
  it('reads setup-python versions and matrix entries of jobs that install MLflow (MLF903)', async () => {
    const { findings } = await analyze('.github/workflows/test.yml', WORKFLOW, { select: ['MLF901', 'MLF903'] });
    expect(codes(WORKFLOW, findings)).toEqual(['7:MLF903', '11:MLF903', '15:MLF901']);
    expect(findings.filter((f) => f.code === 'MLF903').map((f) => slice(WORKFLOW, f))).toEqual(['3.9', '3.9']);
    // The job's Python cannot install MLflow 3.4: the pin moves only with the Python.
    expect(findings.find((f) => f.code === 'MLF901')!.fix!.applicability).toBe('unsafe');
  });

  it('reads GitLab job images, and leaves newer Pythons and expressions alone', async () => {
    const gitlab = 'image: python:3.9-slim\ntest:\n  script:\n    - pip install mlflow==2.9.2\n';
    const { findings } = await analyze('.gitlab-ci.yml', gitlab, { select: ['MLF901', 'MLF903'] });
    expect(codes(gitlab, findings)).toEqual(['1:MLF903', '4:MLF901']);
    expect(findings[0]!.message).toBe('`image: python:3.9-slim` admits Python 3.9; MLflow 3.4.0 requires Python 3.10 or later');
    const newer = WORKFLOW.replace(`'3.9'`, `'3.11'`).replace('["3.9", "3.11"]', '["3.10", "3.12"]');
    const ok = await analyze('.github/workflows/test.yml', newer, { select: ['MLF901', 'MLF903'] });
    expect(codes(newer, ok.findings)).toEqual(['15:MLF901']);
    expect(ok.findings[0]!.fix!.applicability).toBe('safe');
  });
});
