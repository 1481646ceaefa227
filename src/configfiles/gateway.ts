import { isMap, isScalar, isSeq, type Pair } from 'yaml';
import type { FindingSink } from '../manifests/report.js';
import { get, scalarText, type YamlParse } from '../manifests/yaml.js';

/**
 * MLF601: an AI gateway configuration (found by content: a top-level `routes:` or `endpoints:`
 * list whose items have `model.provider`) written with the pre-3.0 keys `routes:` and
 * `route_type:`. Any other YAML with a `routes:` key (a web app's own config) is not one.
 */
export function checkGatewayConfig(parsed: YamlParse, text: string, sink: FindingSink): void {
  if ('error' in parsed) return;
  for (const doc of parsed.docs) {
    const top = doc.contents;
    if (!isMap(top)) continue;
    const hasEndpoints = !!get(top, 'endpoints');
    for (const pair of top.items as Pair[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if ((key !== 'routes' && key !== 'endpoints') || !isGatewayList(pair.value)) continue;
      if (key === 'routes') {
        const k = scalarText(pair.key, text);
        if (k) {
          sink.report('MLF601', {
            start: k.start, end: k.end,
            message: 'The gateway configuration key `routes:` was renamed `endpoints:` in MLflow 3.0 (the old name is rejected)',
            help: 'Rename to `endpoints`',
            fix: k.exact && !hasEndpoints ? { applicability: 'safe', edits: [{ start: k.start, end: k.end, text: 'endpoints' }] } : undefined,
          });
        }
      }
      for (const item of (pair.value as { items: unknown[] }).items) {
        if (!isMap(item)) continue;
        const routeType = (item.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'route_type');
        const k = routeType && scalarText(routeType.key, text);
        if (!k) continue;
        sink.report('MLF601', {
          start: k.start, end: k.end,
          message: 'The gateway endpoint key `route_type:` was renamed `endpoint_type:` in MLflow 3.0 (the old name raises an error)',
          help: 'Rename to `endpoint_type`',
          fix: k.exact && !get(item, 'endpoint_type') ? { applicability: 'safe', edits: [{ start: k.start, end: k.end, text: 'endpoint_type' }] } : undefined,
        });
      }
    }
  }
}

function isGatewayList(node: unknown): boolean {
  return isSeq(node) && node.items.some((item) => isMap(get(item, 'model')) && get(get(item, 'model'), 'provider') !== undefined);
}

/** Cheap content test before parsing a YAML file as a gateway configuration. */
export function mayBeGatewayConfig(text: string): boolean {
  return /^(?:routes|endpoints)\s*:/m.test(text) && /\bprovider\s*:/.test(text);
}
