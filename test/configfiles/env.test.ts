import { describe, expect, it } from 'vitest';
import { kindOf } from '../../src/runner/fileKinds.js';
import { analyze, codes, fixAll, slice } from '../manifests/helpers.js';

describe('environment variables', () => {
  it('reads .env files: renames, removals and no-ops', async () => {
    const text = [
      '# MLFLOW_GCS_DEFAULT_TIMEOUT=60 (comment: not a setting)',
      'MLFLOW_TRACKING_URI=http://tracking:5000',
      'MLFLOW_GCS_DEFAULT_TIMEOUT=120',
      'MLFLOW_OPENAI_RETRIES_ENABLED=false',
      'export MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE=true',
      'MLFLOW_OPENAI_SECRET_SCOPE=openai',
      'MLFLOW_RECIPES_PROFILE=local',
      'MLFLOW_WORKERS=4',
      '',
    ].join('\n');
    const { findings } = await analyze('.env', text);
    expect(findings.map((f) => [f.code, slice(text, f), f.fix?.applicability])).toEqual([
      ['MLF602', 'MLFLOW_GCS_DEFAULT_TIMEOUT', 'unsafe'],
      ['MLF604', 'MLFLOW_OPENAI_RETRIES_ENABLED', 'safe'],
      ['MLF603', 'MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE', undefined],
      ['MLF615', 'MLFLOW_OPENAI_SECRET_SCOPE', undefined],
      ['MLF204', 'MLFLOW_RECIPES_PROFILE', undefined],
    ]);
    expect(await fixAll('.env', text)).toBe(text.replace('MLFLOW_OPENAI_RETRIES_ENABLED=false\n', ''));
    expect(await fixAll('.env', text, { unsafe: true })).toBe(text.replace('MLFLOW_OPENAI_RETRIES_ENABLED=false\n', '').replace('MLFLOW_GCS_DEFAULT_TIMEOUT=120', 'MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT=120'));
  });

  it('has a byte prefilter that sees upper-case variable names', () => {
    const bytes = Buffer.from('MLFLOW_GCS_DEFAULT_TIMEOUT=120\n');
    for (const path of ['.env', 'config/prod.env', 'deploy.sh', 'Dockerfile', 'k8s/deploy.yaml', 'Makefile']) {
      expect(kindOf(path).prefilter!(bytes), path).toBe(true);
    }
    expect(kindOf('.env').prefilter!(Buffer.from('DATABASE_URL=x\n'))).toBe(false);
  });

  it('renames MLFLOW_WORKERS only where `mlflow models serve` runs, and not beside `mlflow server`', async () => {
    const serve = 'export MLFLOW_WORKERS=4\nmlflow models serve -m models:/churn/1 --host 0.0.0.0\n';
    expect(await fixAll('serve.sh', serve)).toBe(serve.replace('MLFLOW_WORKERS', 'MLFLOW_MODELS_WORKERS'));
    const both = 'export MLFLOW_WORKERS=4\nmlflow server &\nmlflow models serve -m models:/churn/1\n';
    const { findings } = await analyze('serve.sh', both);
    expect(findings.map((f) => [f.code, f.fix])).toEqual([['MLF605', undefined]]);
    expect((await analyze('server.sh', 'MLFLOW_WORKERS=4 mlflow server\n')).findings).toEqual([]);
    expect((await analyze('.env', 'MLFLOW_WORKERS=4\n')).findings).toEqual([]);
  });

  it('reports GUNICORN_CMD_ARGS beside `mlflow server` (MLF609) and `mlflow models serve` (MLF610)', async () => {
    const text = 'ENV GUNICORN_CMD_ARGS="--timeout 120"\nCMD mlflow server --host 0.0.0.0\n';
    expect(codes(text, (await analyze('Dockerfile', text)).findings)).toEqual(['1:MLF609']);
    const serve = 'environment:\n  GUNICORN_CMD_ARGS: "--workers 4"\ncommand: mlflow models serve -m /model\n';
    expect(codes(serve, (await analyze('docker-compose.yml', serve)).findings)).toEqual(['2:MLF610']);
    const kept = 'GUNICORN_CMD_ARGS="--timeout 120" mlflow server --gunicorn-opts "--timeout 120"\n';
    expect((await analyze('run.sh', kept)).findings).toEqual([]);
    expect((await analyze('run.sh', 'export GUNICORN_CMD_ARGS=--timeout=60\ngunicorn app:app\n')).findings).toEqual([]);
  });

  it('reads Dockerfile ENV, Kubernetes env lists and CI env maps', async () => {
    const dockerfile = 'FROM python:3.11\nENV MLFLOW_OPENAI_RETRIES_ENABLED=false\nENV MLFLOW_GCS_DEFAULT_TIMEOUT=60 OTHER=1\n';
    const d = await analyze('Dockerfile', dockerfile);
    expect(codes(dockerfile, d.findings)).toEqual(['2:MLF604', '3:MLF602']);
    expect(await fixAll('Dockerfile', dockerfile)).toBe('FROM python:3.11\nENV MLFLOW_GCS_DEFAULT_TIMEOUT=60 OTHER=1\n');

    const k8s = 'env:\n  - name: MLFLOW_GCS_DEFAULT_TIMEOUT\n    value: "60"\n  - name: MLFLOW_TRACKING_URI\n    value: http://tracking\n';
    expect(codes(k8s, (await analyze('k8s/job.yaml', k8s)).findings)).toEqual(['2:MLF602']);

    const ci = 'jobs:\n  t:\n    env:\n      MLFLOW_TRACKING_URI: http://x\n      MLFLOW_OPENAI_RETRIES_ENABLED: "false"\n    steps:\n      - run: pytest\n';
    expect(await fixAll('.github/workflows/t.yml', ci)).toBe(ci.replace('      MLFLOW_OPENAI_RETRIES_ENABLED: "false"\n', ''));
    const only = 'env:\n  MLFLOW_OPENAI_RETRIES_ENABLED: "false"\n';
    expect((await analyze('ci.yaml', only)).findings.map((f) => f.fix)).toEqual([undefined]);
  });
});

describe('gateway configuration (MLF601)', () => {
  const gateway = [
    'routes:',
    '  - name: chat',
    '    route_type: llm/v1/chat',
    '    model:',
    '      provider: openai',
    '      name: gpt-4o-mini',
    '      config:',
    '        openai_api_key: $OPENAI_API_KEY',
    '  - name: embeddings',
    '    route_type: llm/v1/embeddings  # keep this comment',
    '    model: {provider: openai, name: text-embedding-3-small}',
    '',
  ].join('\n');

  it('renames routes: and route_type:, found by content whatever the file name', async () => {
    for (const path of ['gateway/config.yaml', 'ai.yml']) {
      const { findings } = await analyze(path, gateway);
      expect(findings.map((f) => [f.code, slice(gateway, f)])).toEqual([['MLF601', 'routes'], ['MLF601', 'route_type'], ['MLF601', 'route_type']]);
      expect(await fixAll(path, gateway)).toBe(gateway.replace('routes:', 'endpoints:').replace(/route_type:/g, 'endpoint_type:'));
    }
  });

  it('stays silent on a web app\'s own routes: and on migrated files', async () => {
    const flask = 'routes:\n  - path: /predict\n    methods: [POST]\n    handler: app.predict\nmlflow_uri: http://tracking\n';
    expect((await analyze('app/config.yaml', flask)).findings).toEqual([]);
    const migrated = gateway.replace('routes:', 'endpoints:').replace(/route_type:/g, 'endpoint_type:');
    expect((await analyze('gateway.yaml', migrated)).findings).toEqual([]);
  });

  it('renames route_type under endpoints:, and has no fix when both keys exist', async () => {
    const half = 'endpoints:\n  - name: chat\n    route_type: llm/v1/chat\n    model:\n      provider: anthropic\n      name: claude\n';
    expect(await fixAll('gateway.yaml', half)).toBe(half.replace('route_type', 'endpoint_type'));
    const both = `${gateway}endpoints: []\n`;
    expect((await analyze('gateway.yaml', both)).findings[0]!.fix).toBeUndefined();
  });

  it('is skipped by the target version', async () => {
    expect((await analyze('gateway.yaml', gateway, { targetVersion: '2.22.0' })).findings).toEqual([]);
  });
});

describe('basic_auth.ini (MLF612)', () => {
  it('reports an admin password shorter than 12 characters', async () => {
    const text = '[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///basic_auth.db\nadmin_username = admin\nadmin_password = password\n';
    const { findings } = await analyze('basic_auth.ini', text);
    expect(findings.map((f) => [f.code, slice(text, f), f.fix])).toEqual([['MLF612', 'password', undefined]]);
    expect((await analyze('auth/basic_auth.ini', text.replace('= password', '= correct-horse-battery'))).findings).toEqual([]);
    expect((await analyze('setup.ini', '[other]\nadmin_password = x\n')).findings).toEqual([]);
  });
});
