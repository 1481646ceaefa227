import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF000',
  name: 'unused-suppression',
  severity: 'warning',
  fix: 'safe',
  item: 'tool',
  since: '',
  triggers: ['noqa', 'mlflow-migrate:'],
  docs: {
    summary: 'A suppression comment that suppressed nothing, or names an unknown rule.',
    whatItDoes: 'Reports `# noqa: MLFnnn`, `# mlflow-migrate: ignore[MLFnnn]` and `# mlflow-migrate: ignore-file[...]` comments whose codes silenced no finding, and codes in them that are not rules of mlflow-migrate. A bare `# noqa` (which other linters read too) is never reported.',
    why: 'A suppression outlives the code it was written for: once the MLflow use is migrated, it only hides the next real finding on that line. An unknown code is usually a typo that suppresses nothing.',
    example: 'result = mlflow.models.evaluate(model, data, extra_metrics=[rmse])  # noqa: MLF104',
    useInstead: 'result = mlflow.models.evaluate(model, data, extra_metrics=[rmse])',
    fixSafety: 'Safe: removing a comment (or one code of it) does not change what the program does. Other codes in the same comment (`E501`) are kept.',
    references: [{ title: 'ruff: unused-noqa (RUF100)', url: 'https://docs.astral.sh/ruff/rules/unused-noqa/' }],
  },
  checks: [],
});
