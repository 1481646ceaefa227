import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF608',
  name: 'telemetry-default-on',
  severity: 'info',
  fix: 'manual',
  item: '#51',
  since: '3.2.0',
  triggers: [],
  docs: {
    summary: 'MLflow 3.2 and later send anonymous usage telemetry by default.',
    whatItDoes: 'A project-level check, reported once per project: on the MLflow pin the upgrade moves past 3.2 (an `mlflow` / `mlflow-skinny` constraint in a requirements file, `pyproject.toml`, `setup.py` / `setup.cfg`, `Pipfile`, conda environment, Dockerfile, script or notebook install line that admits versions below 3.2; the pin the source version is read from when there is one), unless some file of the project sets `MLFLOW_DISABLE_TELEMETRY` or `DO_NOT_TRACK`: a `.env` file, shell script, Makefile, Dockerfile, compose / Kubernetes / CI YAML file (where passing the variable through, as compose\'s `environment: [DO_NOT_TRACK]`, counts too), or a Python module (`os.environ[...] = ...`, `os.environ.setdefault`, `os.environ.update({...})`, `mock.patch.dict(os.environ, {...})`, `monkeypatch.setenv`, `MLFLOW_DISABLE_TELEMETRY.set(...)`). A `DO_NOT_TRACK` that is only set to a value MLflow ignores (`DO_NOT_TRACK=1`) does not count, and the message says so. Not read: conda `variables:`, notebooks\' `%env` magics. A project without MLflow pins, or whose pins are all at 3.2 or later already, gets no finding.',
    why: 'Since 3.2 (PR #16439) open-source MLflow collects anonymized usage data (which features are used) and sends it to the MLflow project unless `MLFLOW_DISABLE_TELEMETRY=true` or `DO_NOT_TRACK=true` is set in the environment of the process. Whether that may leave the company network is a policy decision to make before the upgrade, not after. MLflow reads `DO_NOT_TRACK` only when it is `true`: the `DO_NOT_TRACK=1` of the Console Do Not Track convention leaves MLflow\'s telemetry on.',
    example: '# requirements.txt\nmlflow==2.9.2',
    useInstead: '# requirements.txt\nmlflow==3.4.0\n# .env (or the deployment\'s environment)\nMLFLOW_DISABLE_TELEMETRY=true',
    fixSafety: 'No automatic fix: sending telemetry or not is the project\'s decision.',
    references: [DOCS.pr(16439), { title: 'MLflow telemetry', url: 'https://mlflow.org/docs/latest/community/usage-tracking' }],
  },
  checks: [],
});
