import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF904',
  name: 'extras-mlserver-split',
  severity: 'warning',
  fix: 'safe',
  item: '#58',
  since: '2.17.0',
  triggers: [],
  docs: {
    summary: '`mlflow[extras]` no longer installs MLServer; it has its own `mlserver` extra since MLflow 2.17.',
    whatItDoes: 'Reports the `extras` extra of `mlflow` (in any requirement file, `pyproject.toml`, Poetry / Pipfile `extras = [...]`, conda `pip:` lists, `pip install` lines and notebooks) when `mlserver` is not also requested and the project runs MLServer: some file passes `--enable-mlserver` on a command (scripts, Dockerfiles, Makefiles, CI and compose YAML, notebooks\' `!` lines) or `enable_mlserver=` with a value other than `False` in Python (`mlflow.models.build_docker`, the flavor backends\' `serve` / `build_image` / `generate_dockerfile`). Silent when the project declares `mlserver-mlflow` itself (a file that runs MLServer: when that file installs it). A project-level check: a file analysed alone reports it only when that file runs MLServer.',
    why: 'In 2.9.2, `mlflow[extras]` pulled in `mlserver` and `mlserver-mlflow`, which `mlflow models serve --enable-mlserver` and `build-docker --enable-mlserver` need. Since 2.17 (PR #13178) they come only with `mlflow[mlserver]`.',
    example: 'mlflow[extras]==2.9.2',
    useInstead: 'mlflow[extras,mlserver]==2.9.2',
    fixSafety: 'Safe: adding the `mlserver` extra installs on the target what `extras` installed on 2.9.2.',
    references: [DOCS.pr(13178)],
  },
  checks: [],
});
