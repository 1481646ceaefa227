import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext } from '../src/engine/context.js';
import { defineRule } from '../src/engine/rule.js';
import { isImportShim } from '../src/semantic/builder.js';
import { DROPPED_DEPENDENCIES, droppedDependencyMessage } from '../src/manifests/droppedDependencies.js';
import { DOCS } from './shared.js';

const IMPORTS_MLFLOW = /^[ \t]*(?:from|import)[ \t]+mlflow\b/m;

/** `import pytz`, `import jinja2.sandbox as s`, `from databricks_cli.sdk import ApiClient`: the top-level module. */
function importedModules(node: SyntaxNode): SyntaxNode[] {
  if (node.type === 'import_from_statement') {
    const module = node.childForFieldName('module_name');
    return module && module.type !== 'relative_import' ? [module] : [];
  }
  return node.childrenForFieldName('name').map((n) => (n.type === 'aliased_import' ? n.childForFieldName('name')! : n)).filter(Boolean);
}

function visit(node: SyntaxNode, ctx: CheckContext): void {
  // Only code that runs with MLflow relies on what MLflow installed; a shim tolerates absence.
  if (!IMPORTS_MLFLOW.test(ctx.file.text) || isImportShim(node)) return;
  for (const name of importedModules(node)) {
    const top = name.text.split('.')[0]!.trim();
    const dep = DROPPED_DEPENDENCIES.find((d) => d.module === top);
    if (!dep) continue;
    ctx.report({
      node: name,
      message: droppedDependencyMessage(top, dep),
      help: `Declare \`${dep.package}\` in the project's own dependencies`,
    });
  }
}

export default defineRule({
  code: 'MLF906',
  name: 'transitive-deps-dropped',
  severity: 'info',
  fix: 'manual',
  item: '#60',
  since: '2.11.0',
  triggers: DROPPED_DEPENDENCIES.map((d) => d.module),
  // The imports it reports name no MLflow, and may sit in any function.
  parseDefinitionsMatching: new RegExp(DROPPED_DEPENDENCIES.map((d) => d.module).join('|')),
  docs: {
    summary: 'Code imports a package that MLflow 2.9.2 installed as its own dependency and MLflow 3 no longer does.',
    whatItDoes: 'Checks imports of `databricks_cli`, `entrypoints`, `querystring_parser`, `pytz`, `jinja2` and `markdown` in Python files and notebooks that use MLflow. At the project level, an import is not reported when one of the project\'s dependency files (requirements, `pyproject.toml`, `setup.py`, conda files, ...) declares the package itself. Imports inside a `try: ... except ImportError` shim are not reported.',
    why: 'MLflow 2.9.2 required `databricks-cli` (dropped in 2.11, PR #11010), `entrypoints`, `querystring_parser`, `pytz`, and `Jinja2` / `markdown` in its core requirements; MLflow 3 requires none of them, so an environment built from `mlflow` alone may lack them and the import fails.',
    example: '# requirements.txt: mlflow==2.9.2\nimport mlflow\nimport pytz',
    useInstead: '# requirements.txt: mlflow==3.4.0, pytz\nimport mlflow\nimport pytz',
    fixSafety: 'No automatic fix: which version of the package to declare is the project\'s choice. Other dependencies may still bring the package in (e.g. `pandas` requires `pytz`, Flask requires `Jinja2`); declaring it makes that explicit.',
    references: [DOCS.pr(11010)],
  },
  checks: [{ kind: 'custom', nodeTypes: ['import_statement', 'import_from_statement'], visit }],
});
