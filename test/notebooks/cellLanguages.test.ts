import { describe, expect, it } from 'vitest';
import { analyze, fixAll } from '../manifests/helpers.js';
import { lines, notebook } from '../helpers/notebook.js';

/** A notebook of code cells only. */
const codeCells = (sources: string[]) => notebook(sources.map((source) => ({ cell_type: 'code' as const, source: lines(source) })));

describe('notebook cells in other languages and timed statements', () => {
  it('reads a Databricks %sql / %sh / %md cell as that language, not as Python', async () => {
    const text = codeCells([
      'import mlflow\n',
      "%sql\nSELECT * FROM runs WHERE status = 'FINISHED';\n",
      '%sh\npip install mlflow==2.9.2\n',
      '%md\n# Results: *bold* claims\n',
      'run = mlflow.active_run()\n',
    ]);
    const { findings } = await analyze('explore.ipynb', text, { select: ['MLF001', 'MLF901'] });
    expect(findings.map((f) => `${f.code}@${f.cell?.index}:${f.cell?.line}`)).toEqual(['MLF901@2:2']);
  });

  it('analyses the statement of %time / %timeit / %prun, and fixes it in place', async () => {
    const timed = '%time res = mlflow.models.evaluate(m, df, targets="y", custom_metrics=[cm])\n';
    const text = codeCells(['import mlflow\n', timed, '%timeit -n 10 score(df)\n']);
    const { findings } = await analyze('explore.ipynb', text, { select: ['MLF001', 'MLF104'] });
    expect(findings.map((f) => `${f.code}@${f.cell?.index}:${f.cell?.line}:${f.cell?.column}`)).toEqual([`MLF104@1:1:${timed.indexOf('custom_metrics') + 1}`]);
    expect(await fixAll('explore.ipynb', text, { select: ['MLF104'] })).toBe(text.replace('custom_metrics=[cm]', 'extra_metrics=[cm]'));
  });
});

describe('suppression comments on notebook magic lines', () => {
  it('honours # noqa and # mlflow-migrate: ignore[...] on a %pip line', async () => {
    const pinned = (comment: string) => codeCells([`%pip install mlflow==2.9.2${comment}\n`, 'import mlflow\n']);
    const codesOf = async (text: string) => (await analyze('nb.ipynb', text, { select: ['MLF901'] })).findings.map((f) => f.code);
    expect(await codesOf(pinned(''))).toEqual(['MLF901']);
    expect(await codesOf(pinned('  # noqa: MLF901'))).toEqual([]);
    expect(await codesOf(pinned('  # mlflow-migrate: ignore[MLF9]'))).toEqual([]);
    expect(await codesOf(pinned('  # noqa'))).toEqual([]);
    expect(await codesOf(pinned('  # noqa: MLF104'))).toEqual(['MLF901']);
  });
});

describe('the kernel interpreter in shell lines', () => {
  it('reads !{sys.executable} -m pip install and !$sys.executable -m pip install', async () => {
    for (const line of ['!{sys.executable} -m pip install mlflow==2.9.2\n', '!$sys.executable -m pip install mlflow==2.9.2\n']) {
      const text = codeCells(['import sys\n', line, 'import mlflow\n']);
      const { findings } = await analyze('nb.ipynb', text, { select: ['MLF901'] });
      expect(findings.map((f) => `${f.code}@${f.cell?.index}`), line).toEqual(['MLF901@1']);
    }
  });
});

describe('environment variables set in notebook shell lines', () => {
  it('reports them as the same variables in a script are, once', async () => {
    const text = codeCells([
      '%env MLFLOW_GCS_DEFAULT_TIMEOUT=30\n',
      '%%bash\nexport MLFLOW_OPENAI_RETRIES_ENABLED=true\npython train.py\n',
      'import os\nimport mlflow\nos.environ["MLFLOW_GCS_DEFAULT_TIMEOUT"] = "30"\n',
    ]);
    const { findings } = await analyze('nb.ipynb', text, { select: ['MLF602', 'MLF604'] });
    expect(findings.map((f) => `${f.code}@${f.cell?.index}:${f.cell?.line}`)).toEqual(['MLF602@0:1', 'MLF604@1:2', 'MLF602@2:3']);
  });
});
