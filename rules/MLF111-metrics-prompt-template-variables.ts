import { defineRule } from '../src/engine/rule.js';
import { DOCS, PROMPT_TEMPLATE_PATHS } from './shared.js';

const MESSAGE = '`variables` was removed from `{callee}` in MLflow 2.10: the variables are read from the template';
const HELP = 'Remove the `variables` argument';

export default defineRule({
  code: 'MLF111',
  name: 'metrics-prompt-template-variables',
  severity: 'error',
  fix: 'safe',
  item: '#11',
  since: '2.10.0',
  triggers: ['PromptTemplate'],
  docs: {
    summary: '`mlflow.metrics.genai.prompt_template.PromptTemplate(template_str, variables=...)` lost its `variables` argument in MLflow 2.10.',
    whatItDoes: 'Checks for the `variables` argument (keyword, `**{...}` key, or second positional argument) of MLflow\'s GenAI-metrics `PromptTemplate`. LangChain\'s `PromptTemplate(input_variables=..., template=...)` and other classes of that name are not reported.',
    why: 'Since 2.10 (PR #10698) `PromptTemplate(template_str)` reads the variables from the `{placeholders}` of the template; passing `variables` raises `TypeError`.',
    example: 'from mlflow.metrics.genai.prompt_template import PromptTemplate\ntemplate = PromptTemplate("Grade {answer} against {reference}", variables=["answer", "reference"])',
    useInstead: 'from mlflow.metrics.genai.prompt_template import PromptTemplate\ntemplate = PromptTemplate("Grade {answer} against {reference}")',
    fixSafety: 'Safe: in 2.9.2 `variables` had to name every placeholder of the template (otherwise `MlflowException`) and names beyond them were never substituted, so the template formats the same without it. Keys of a `**{...}` dict are reported without a fix.',
    references: [DOCS.pr(10698)],
  },
  checks: [
    { kind: 'argument', callees: PROMPT_TEMPLATE_PATHS, parameter: 'variables', remove: true, fixPositional: true, inDictSplat: true, message: MESSAGE, help: HELP },
  ],
});
