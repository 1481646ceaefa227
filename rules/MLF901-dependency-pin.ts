import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF901',
  name: 'dependency-pin',
  severity: 'error',
  fix: 'safe',
  item: '#57–#61',
  // A pin that excludes the target is wrong for any source version.
  since: '',
  triggers: [],
  docs: {
    summary: 'A requirement on `mlflow` or `mlflow-skinny` excludes the target MLflow version.',
    whatItDoes: 'Reads the version constraints on `mlflow` / `mlflow-skinny` in requirement files (`requirements*.txt`, pip-tools `*.in`, constraints files), `pyproject.toml` (PEP 621, dependency groups, Poetry, PDM, uv, Hatch), `setup.py`, `setup.cfg`, `Pipfile`, conda environment files, `python_env.yaml`, `pip install` / `conda install` lines of Dockerfiles, shell scripts and CI workflows, and notebooks\' `%pip install` / `!pip install` cells. It reports a constraint that does not admit the target version (decided with PEP 440 semantics; Poetry `^`/`~` and conda match specs are translated first). A floor such as `mlflow>=2.8.1` admits the target and is not reported; neither is a constraint whose floor is already above the target.',
    why: 'Migrating the code is half the upgrade: an environment that still installs `mlflow==2.9.2` never runs it on MLflow 3.',
    example: 'mlflow[extras]==2.9.2 ; python_version >= "3.10"  # serving\nmlflow>=2.9,<3',
    useInstead: 'mlflow[extras]==3.4.0 ; python_version >= "3.10"  # serving\nmlflow>=2.9,<4',
    fixSafety: 'Safe: only the version of each clause that excludes the target moves, to the target spelled with as many parts (`==2.9.2` → `==3.4.0`, `~=2.9` → `~=3.4`, `^2.9` → `^3.4`, conda `=2.9.2` → `=3.4.0`); a major cap moves to the next major (`<3` → `<4`, `<3.0` → `<4.0`), a minor cap past the target\'s minor (`<2.10` → `<3.5`). Names, extras, markers, quotes and comments are kept byte for byte. No fix when the exclusion is deliberate (`!=3.4.0`), the version is a local one (`+cpu`), the constraint has alternatives (`||`), or a marker limits the requirement to Pythons older than 3.10. Unsafe when the same file pins a Python the target does not install on (`FROM python:3.8`, conda `python=3.9`, `python_version = "3.9"`): the pin moves only together with the Python (MLF903).',
    references: [DOCS.breakingChanges, DOCS.migrationGuide],
  },
  checks: [],
});
