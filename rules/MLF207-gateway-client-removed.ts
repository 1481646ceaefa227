import type { SyntaxNode } from '../src/parser/types.js';
import type { CheckContext, ReportDescriptor } from '../src/engine/context.js';
import { visitDelegated } from '../src/engine/checks/delegate.js';
import { REFERENCE_NODE_TYPES } from '../src/engine/checks/references.js';
import { defineRule, type RemovedModuleCheck } from '../src/engine/rule.js';
import { callArguments, keywordName, keywordValue, stringContent } from '../src/engine/syntax.js';
import type { Edit } from '../src/engine/types.js';
import { DOCS } from './shared.js';

const CLIENT = 'mlflow.gateway.client.MlflowGatewayClient';
const FLUENT = 'mlflow.gateway.fluent';

/** What replaces each gateway API in the deployments client (`mlflow.deployments.get_deploy_client(uri)`). */
const REPLACEMENTS: Record<string, string> = {
  MlflowGatewayClient: 'Use `mlflow.deployments.get_deploy_client(uri)`',
  query: 'Use `get_deploy_client(uri).predict(endpoint=route, inputs=data)`',
  get_route: 'Use `get_deploy_client(uri).get_endpoint(name)`',
  search_routes: 'Use `get_deploy_client(uri).list_endpoints()`',
  create_route: 'Use `get_deploy_client(uri).create_endpoint(...)` (Databricks targets)',
  delete_route: 'Use `get_deploy_client(uri).delete_endpoint(name)`',
  set_limits: 'No deployments-client equivalent: configure the limits in the gateway\'s configuration',
  get_limits: 'No deployments-client equivalent: read the limits from the gateway\'s configuration',
};

/**
 * `mlflow.gateway.client` and `mlflow.gateway.fluent` are gone; `mlflow.gateway.query` & co. were
 * re-exports of them, so the removed-module kind (which canonicalizes) finds every spelling while
 * `mlflow.gateway.get_gateway_uri` / `set_gateway_uri`, which remain, stay silent.
 */
const REMOVED: RemovedModuleCheck = {
  kind: 'removed-module',
  modules: ['mlflow.gateway.client', FLUENT],
  message: '`{name}` was removed in MLflow 3.0 (the MLflow AI Gateway client API)',
  help: 'Use the deployments client, `mlflow.deployments.get_deploy_client(uri)`',
};

function withReplacement(d: ReportDescriptor, ctx: CheckContext): ReportDescriptor {
  const node = d.node!;
  const spelled = node.type === 'string' ? stringContent(node)?.text : node.text;
  const path = spelled ? lastSegment(spelled) : undefined;
  const help = path && REPLACEMENTS[path] ? REPLACEMENTS[path] : d.help;
  const edits = node.type === 'attribute' ? fluentCallEdits(node, ctx) : undefined;
  return { ...d, help, fix: edits ? { applicability: 'unsafe', edits } : undefined };
}

function lastSegment(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1).trim();
}

/**
 * `mlflow.gateway.query(route, data)` → `mlflow.deployments.get_deploy_client(mlflow.gateway.get_gateway_uri()).predict(endpoint=route, inputs=data)`,
 * and `get_route(name)` / `search_routes()` likewise; only when the chain is spelled from the
 * `mlflow` module and `get_deploy_client` is reachable (imported, or `mlflow.deployments` imported).
 */
function fluentCallEdits(chain: SyntaxNode, ctx: CheckContext): Edit[] | undefined {
  const call = chain.parent;
  if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== chain.startIndex) return undefined;
  const canonical = ctx.canonical(ctx.importedPath(chain) ?? '');
  const name = canonical.startsWith(`${FLUENT}.`) ? canonical.slice(FLUENT.length + 1) : undefined;
  if (name !== 'query' && name !== 'get_route' && name !== 'search_routes') return undefined;
  let head = chain;
  while (head.type === 'attribute') head = head.childForFieldName('object')!;
  const r = head.type === 'identifier' ? ctx.model.resolveIdentifier(head, ctx.scope) : undefined;
  if (r?.kind !== 'binding' || r.binding.importPath !== 'mlflow') return undefined;
  const deployClient = deployClientExpression(head.text, call, ctx);
  const args = bindArguments(call, ctx.api.source.params(canonical)?.map((p) => p.name) ?? []);
  if (!deployClient || !args) return undefined;
  const client = `${deployClient}(${head.text}.gateway.get_gateway_uri())`;
  const text = name === 'query'
    ? `${client}.predict(endpoint=${args.route}, inputs=${args.data})`
    : name === 'get_route' ? `${client}.get_endpoint(${args.name})` : `${client}.list_endpoints()`;
  return [{ start: call.startIndex, end: call.endIndex, text }];
}

/** How `mlflow.deployments.get_deploy_client` can be spelled at `call`, if at all. */
function deployClientExpression(mlflowHead: string, call: SyntaxNode, ctx: CheckContext): string | undefined {
  const target = ctx.canonical('mlflow.deployments.get_deploy_client');
  const direct = ctx.model.lookup('get_deploy_client', ctx.scope, call.startIndex);
  if (direct.kind === 'binding' && direct.binding.importPath && ctx.canonical(direct.binding.importPath) === target) return 'get_deploy_client';
  // `import mlflow.deployments` anywhere in the module loads the submodule onto the package.
  for (const bindings of ctx.model.moduleScope.bindings.values()) {
    for (const b of bindings) {
      if (b.kind !== 'import' || b.node.type !== 'import_statement') continue;
      const names = b.node.childrenForFieldName('name').map((n) => (n.type === 'aliased_import' ? n.childForFieldName('name')! : n).text.replace(/\s+/g, ''));
      if (names.some((n) => n === 'mlflow.deployments' || n.startsWith('mlflow.deployments.'))) return `${mlflowHead}.deployments.get_deploy_client`;
    }
  }
  return undefined;
}

/** Arguments by parameter name, when every argument is a plain positional or keyword one. */
function bindArguments(call: SyntaxNode, params: string[]): Record<string, string> | undefined {
  const bound: Record<string, string> = {};
  let position = 0;
  for (const arg of callArguments(call)) {
    if (arg.type === 'keyword_argument') {
      const name = keywordName(arg)?.text;
      if (!name || !params.includes(name) || name in bound) return undefined;
      bound[name] = keywordValue(arg)!.text;
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || position >= params.length) {
      return undefined;
    } else {
      bound[params[position++]!] = arg.text;
    }
  }
  return params.every((p) => p in bound) ? bound : undefined;
}

/** `client.query(...)` on an `MlflowGatewayClient`: each method needs its deployments-client counterpart. */
function visitClientMethod(call: SyntaxNode, ctx: CheckContext): void {
  const callee = ctx.calleeName(call);
  const fn = call.childForFieldName('function');
  if (!callee?.startsWith(`${CLIENT}.`) || fn?.type !== 'attribute') return;
  const method = callee.slice(CLIENT.length + 1);
  const help = REPLACEMENTS[method];
  if (!help) return;
  ctx.report({ node: fn.childForFieldName('attribute')!, message: `\`MlflowGatewayClient.${method}\` was removed in MLflow 3.0`, help });
}

export default defineRule({
  code: 'MLF207',
  name: 'gateway-client-removed',
  severity: 'error',
  fix: 'unsafe',
  item: '#44',
  since: '3.0.0',
  triggers: ['gateway'],
  docs: {
    summary: 'The MLflow AI Gateway client API (`MlflowGatewayClient`, `mlflow.gateway.query`, `get_route`, `search_routes`, `create_route`, `delete_route`, `set_limits`, `get_limits`) was removed in MLflow 3.0.',
    whatItDoes: 'Checks for every use of `mlflow.gateway.MlflowGatewayClient` and the gateway fluent functions, through `mlflow.gateway`, `mlflow.gateway.client` and `mlflow.gateway.fluent` (imports, attribute chains, mock targets), and for method calls on `MlflowGatewayClient` objects. `mlflow.gateway.set_gateway_uri` / `get_gateway_uri` still exist and are not reported.',
    why: 'Deprecated in 2.9 and removed in 3.0 (PR #15345, not listed on the breaking-changes page): the imports fail. The gateway is now queried through the deployments client, whose methods return different types.',
    example: 'import mlflow.gateway\nmlflow.gateway.set_gateway_uri("http://localhost:5000")\nresponse = mlflow.gateway.query("chat", {"messages": [{"role": "user", "content": "Hi"}]})',
    useInstead: 'import mlflow.deployments\nclient = mlflow.deployments.get_deploy_client("http://localhost:5000")\nresponse = client.predict(endpoint="chat", inputs={"messages": [{"role": "user", "content": "Hi"}]})',
    fixSafety: 'Unsafe, and only for `mlflow.gateway.query(route, data)`, `get_route(name)` and `search_routes()` spelled from the `mlflow` module in a file where `get_deploy_client` is reachable: they become `get_deploy_client(mlflow.gateway.get_gateway_uri()).predict(endpoint=route, inputs=data)` / `.get_endpoint(name)` / `.list_endpoints()`. Responses and endpoint objects differ from the old route objects, and the server must be a 3.x gateway. Everything else (the client class, `create_route`, `set_limits`, ...) is manual.',
    references: [DOCS.pr(15345), DOCS.pr(10420)],
  },
  checks: [
    { kind: 'custom', nodeTypes: ['call'], visit: visitClientMethod },
    { kind: 'custom', nodeTypes: REFERENCE_NODE_TYPES, onlyReferences: true, visit: (node, ctx) => visitDelegated(REMOVED, node, ctx, { amend: (d) => withReplacement(d, ctx) }) },
  ],
});
