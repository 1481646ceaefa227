import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF613',
  name: 'docker-image-defaults',
  severity: 'info',
  fix: 'manual',
  item: '#56',
  since: '2.11.0',
  triggers: [],
  docs: {
    summary: 'Images from `mlflow models build-docker` / `generate-dockerfile` no longer include Java by default (MLflow 2.11).',
    whatItDoes: 'Reports `mlflow models build-docker` and `mlflow models generate-dockerfile` commands without `--install-java`.',
    why: 'Since 2.11 (PR #10954) the images start from a slim Python base without Java; models that need a JVM (Spark, H2O, MLeap) fail at load time.',
    example: 'mlflow models build-docker -m models:/churn/1 -n churn',
    useInstead: 'mlflow models build-docker -m models:/churn/1 -n churn --install-java',
    fixSafety: 'No automatic fix: most models do not need Java, and the image grows with it.',
    references: [{ title: 'mlflow/mlflow#10954', url: 'https://github.com/mlflow/mlflow/pull/10954' }],
  },
  checks: [],
});
