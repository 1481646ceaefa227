import { defineRule } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

export default defineRule({
  code: 'MLF902',
  name: 'package-split-pins',
  severity: 'error',
  fix: 'safe',
  item: '#61',
  since: '',
  triggers: [],
  docs: {
    summary: '`mlflow-skinny` or `mlflow-tracing` is pinned differently from `mlflow`.',
    whatItDoes: 'In a file that constrains `mlflow`, reports a constraint on `mlflow-skinny` or `mlflow-tracing` that is written differently from the `mlflow` one and excludes the target version (`mlflow==2.9.2` with `mlflow-skinny==2.9.1`). A constraint that admits the target (`mlflow-tracing==3.4.0` beside `mlflow>=2.8.1`) and an unpinned `mlflow-skinny` follow `mlflow` and are not reported.',
    why: 'From 3.0 on, `mlflow==X` depends on `mlflow-skinny==X` and `mlflow-tracing==X`: any other pin of them makes the environment unresolvable.',
    example: 'mlflow==2.9.2\nmlflow-skinny==2.9.1',
    useInstead: 'mlflow==3.4.0\nmlflow-skinny==3.4.0',
    fixSafety: 'Safe: the constraint becomes the `mlflow` constraint after its own upgrade (MLF901), which is the only one the resolver can satisfy.',
    references: [DOCS.breakingChanges],
  },
  checks: [],
});
