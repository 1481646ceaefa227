// ast-grep, the comparison point: a generated sgconfig.yml with four rules equivalent to
// MLF101, MLF104, MLF106 and MLF201 (syntax only: ast-grep has no import resolution).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const keywordRule = (keyword) => `rule:
  kind: keyword_argument
  has:
    field: name
    regex: ^${keyword}$
  inside:
    kind: argument_list
    stopBy: neighbor
`;

export const AST_GREP_RULES = {
  MLF101: { message: '`baseline_model` was removed from `mlflow.evaluate` in MLflow 3.0', rule: keywordRule('baseline_model') },
  MLF104: { message: '`custom_metrics` was removed from `mlflow.evaluate` in MLflow 3.0', rule: keywordRule('custom_metrics') },
  MLF106: {
    message: '`higher_is_better` was removed from `MetricThreshold` in MLflow 3.0',
    rule: `rule:
  any:
    - kind: keyword_argument
      has:
        field: name
        regex: ^higher_is_better$
      inside:
        kind: argument_list
        stopBy: neighbor
    - kind: attribute
      has:
        field: attribute
        regex: ^higher_is_better$
`,
  },
  MLF201: {
    message: 'the `mlflow.fastai` flavor was removed in MLflow 3.0',
    rule: `rule:
  any:
    - kind: dotted_name
      regex: ^mlflow\\.fastai(\\.|$)
      inside:
        any:
          - kind: import_statement
          - kind: import_from_statement
          - kind: aliased_import
    - kind: import_from_statement
      all:
        - has:
            field: module_name
            regex: ^mlflow$
        - has:
            field: name
            regex: ^fastai$
    - kind: attribute
      regex: ^mlflow\\.fastai$
`,
  },
};

/** Writes sgconfig.yml and one YAML per rule into `dir`; returns the config path. */
export function writeAstGrepConfig(dir) {
  mkdirSync(join(dir, 'rules'), { recursive: true });
  for (const [id, { message, rule }] of Object.entries(AST_GREP_RULES)) {
    writeFileSync(join(dir, 'rules', `${id}.yml`), `id: ${id}\nlanguage: python\nseverity: warning\nmessage: "${message}"\n${rule}`);
  }
  const config = join(dir, 'sgconfig.yml');
  writeFileSync(config, 'ruleDirs:\n  - rules\n');
  return config;
}

/** The ast-grep binary installed by the @ast-grep/cli devDependency. */
export function findAstGrep(root) {
  const candidates = [
    join(root, 'node_modules', '.bin', 'ast-grep'),
    join(root, 'node_modules', '.bin', 'sg'),
    join(root, 'node_modules', '@ast-grep', 'cli', 'ast-grep'),
    join(root, 'node_modules', '@ast-grep', `cli-${process.platform}-${process.arch}-gnu`, 'ast-grep'),
  ];
  return candidates.find((c) => existsSync(c));
}
