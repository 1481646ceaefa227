import { visitDelegated } from '../src/engine/checks/delegate.js';
import { REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';
import { defineRule, type RemovedModuleCheck } from '../src/engine/rule.js';
import { DOCS } from './shared.js';

/**
 * Matched as written: in 2.9.2 `mlflow.gateway.app.GatewayAPI`, `create_app_from_config` and
 * `mlflow.gateway.cli`'s `run_app` were re-exports of these modules, and they still exist in 3.4
 * (now defined in `mlflow.gateway`). `mlflow.deployments.server.config` / `.constants` remain too.
 */
const REMOVED: RemovedModuleCheck = {
  kind: 'removed-module',
  modules: ['mlflow.deployments.server.app', 'mlflow.deployments.server.runner'],
  message: '`{name}` was removed in MLflow 3.0 with `mlflow deployments start-server`',
  help: 'Use `mlflow.gateway.app` (`create_app_from_config`, `create_app_from_path`, `GatewayAPI`) or `mlflow.gateway.runner` (`run_app`, `Runner`), or run `mlflow gateway start`',
};

export default defineRule({
  code: 'MLF208',
  name: 'deployment-server-removed',
  severity: 'error',
  fix: 'manual',
  item: '#42',
  since: '3.0.0',
  triggers: ['deployments'],
  docs: {
    summary: 'The deployments server (`mlflow deployments start-server`, `mlflow.deployments.server.app` / `.runner`, `mlflow.deployments.cli.start_server`) was removed in MLflow 3.0.',
    whatItDoes: 'Checks Python code for uses of `mlflow.deployments.server.app` (`create_app_from_config`, `create_app_from_path`, `create_app_from_env`, `GatewayAPI`), `mlflow.deployments.server.runner` (`run_app`, `Runner`) and `mlflow.deployments.cli.start_server`: imports, attribute chains and mock targets. (The `mlflow deployments start-server` command in scripts is a separate check.) The same names under `mlflow.gateway.app` / `mlflow.gateway.runner`, and `mlflow.deployments.server.config` / `.constants`, still exist and are not reported.',
    why: 'MLflow 3.0 (PR #15327) removed the `start-server` command of `mlflow deployments` together with its server modules; the imports fail. The AI gateway server lives on as `mlflow gateway start` and the `mlflow.gateway.app` / `mlflow.gateway.runner` modules (the migration guide\'s pointer to `mlflow models serve` is wrong: that serves models, not the gateway).',
    example: 'from mlflow.deployments.server.app import create_app_from_path\napp = create_app_from_path("gateway.yaml")',
    useInstead: 'from mlflow.gateway.app import create_app_from_path\napp = create_app_from_path("gateway.yaml")',
    fixSafety: 'No automatic fix for Python code: `GatewayAPI` takes a rate limiter in 3.x and the configuration keys changed (`routes:` → `endpoints:`, see MLF601), so the app setup needs a look.',
    references: [DOCS.breakingChanges, DOCS.pr(15327)],
  },
  checks: [
    {
      kind: 'custom',
      nodeTypes: REFERENCE_NODE_TYPES,
      onlyReferences: true,
      visit: (node, ctx) => visitDelegated(REMOVED, node, ctx, { asWritten: true }),
    },
    {
      kind: 'moved-symbol',
      symbols: [{ from: 'mlflow.deployments.cli.start_server' }],
      message: '`mlflow.deployments.cli.start_server` was removed in MLflow 3.0',
      help: 'Use `mlflow.gateway.cli.start` (the `mlflow gateway start` command)',
    },
  ],
});
