import { defineRule } from '../src/engine/rule.js';

export default defineRule({
  code: 'MLF001',
  name: 'parse-error',
  severity: 'info',
  fix: 'manual',
  item: 'tool',
  since: '',
  triggers: [],
  docs: {
    summary: 'A file could not be fully parsed; its broken regions were not checked.',
    whatItDoes: 'Reports a Python file that contains syntax errors. The rest of the file is still analysed; findings inside the broken regions are dropped and no fix is applied there. A top-level function, class, import or plain assignment that names nothing from MLflow and that nothing parsed reads is not parsed at all (nothing in it can be a finding), so a syntax error confined to one is not reported; `--no-prefilter` parses everything.',
    why: 'Silence must mean "nothing to change". A file the analyzer could not read completely may hide MLflow uses, so it is listed.',
    example: 'def train(:\n    mlflow.evaluate(model, data, baseline_model=base)',
    useInstead: 'Fix the syntax error (or exclude the file) and run again.',
    fixSafety: 'No automatic fix.',
    references: [],
  },
  checks: [],
});
