import { describe, expect, it } from 'vitest';
import { analyze, codes, fixAll, slice } from '../manifests/helpers.js';

describe('mlflow CLI in scripts and configuration', () => {
  it('rewrites `mlflow deployments start-server` with its config variable (MLF208 + MLF606, safe together)', async () => {
    const text = [
      '#!/bin/sh',
      '# Starts the AI gateway (was: mlflow deployments start-server)',
      'export MLFLOW_DEPLOYMENTS_CONFIG="$PWD/gateway/config.yaml"',
      'exec mlflow deployments start-server --host 0.0.0.0 --port 7000 --workers 2',
      '',
    ].join('\n');
    const { findings } = await analyze('scripts/start-gateway.sh', text);
    expect(codes(text, findings)).toEqual(['3:MLF606', '4:MLF208']);
    expect(findings.map((f) => [f.code, slice(text, f), f.fix?.applicability])).toEqual([
      ['MLF606', 'MLFLOW_DEPLOYMENTS_CONFIG', 'safe'],
      ['MLF208', 'deployments start-server', 'safe'],
    ]);
    expect(findings[1]).toMatchObject({ name: 'deployment-server-removed', severity: 'error', message: '`mlflow deployments start-server` was removed in MLflow 3.0', help: 'Use `mlflow gateway start` (same options)' });
    expect(await fixAll('scripts/start-gateway.sh', text)).toBe(text
      .replace('export MLFLOW_DEPLOYMENTS_CONFIG', 'export MLFLOW_GATEWAY_CONFIG')
      .replace('exec mlflow deployments start-server', 'exec mlflow gateway start'));
  });

  it('makes the command rewrite unsafe when the configuration comes from elsewhere', async () => {
    const text = 'mlflow deployments start-server --port 7000\n';
    const [f] = (await analyze('run.sh', text)).findings;
    expect(f!.fix!.applicability).toBe('unsafe');
    const configured = 'mlflow deployments start-server --config-path gateway.yaml\n';
    expect((await analyze('run.sh', configured)).findings[0]!.fix!.applicability).toBe('safe');
  });

  it('reads Dockerfile exec forms, Makefiles, Procfiles, compose and Kubernetes commands', async () => {
    const dockerfile = 'FROM python:3.11\nRUN pip install mlflow==3.4.0\nCMD ["mlflow", "deployments", "start-server", "--config-path", "/etc/gateway.yaml"]\n';
    expect(await fixAll('Dockerfile.gateway', dockerfile)).toBe(dockerfile.replace('"deployments", "start-server"', '"gateway", "start"'));

    const makefile = 'GATEWAY ?= gateway.yaml\n\ngateway:\n\t@mlflow deployments start-server --config-path $(GATEWAY)\n\nrecipe:\n\t-mlflow recipes run --profile local\n';
    expect(codes(makefile, (await analyze('Makefile', makefile)).findings)).toEqual(['4:MLF208', '7:MLF204']);
    expect(await fixAll('Makefile', makefile)).toBe(makefile.replace('mlflow deployments start-server', 'mlflow gateway start'));

    const procfile = 'web: gunicorn app:app\ngateway: mlflow deployments start-server --config-path gw.yaml --port $PORT\n';
    expect(codes(procfile, (await analyze('Procfile', procfile)).findings)).toEqual(['2:MLF208']);

    const compose = [
      'services:',
      '  gateway:',
      '    image: ghcr.io/mlflow/mlflow:v2.9.2',
      '    command: mlflow deployments start-server --config-path /config.yaml --host 0.0.0.0',
      '  tracking:',
      '    image: ghcr.io/mlflow/mlflow:v2.9.2',
      '    command: ["mlflow", "server", "--app-name", "basic-auth"]',
      '',
    ].join('\n');
    expect(codes(compose, (await analyze('docker-compose.yml', compose)).findings)).toEqual(['4:MLF208', '7:MLF611']);

    const k8s = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: gateway',
      '          command: ["mlflow"]',
      '          args:',
      '            - deployments',
      '            - start-server',
      '            - --config-path=/etc/gateway/config.yaml',
      '---',
      'kind: Job',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - command: ["sh", "-c", "pip install mlflow==2.9.2 && mlflow recipes run"]',
      '',
    ].join('\n');
    const k = await analyze('deploy/gateway.yaml', k8s);
    expect(codes(k8s, k.findings)).toEqual(['10:MLF208', '19:MLF901', '19:MLF204']);
    expect(await fixAll('deploy/gateway.yaml', k8s)).toBe(k8s.replace('- deployments\n            - start-server', '- gateway\n            - start').replace('mlflow==2.9.2', 'mlflow==3.4.0'));
  });

  it('leaves the deployments plugin CLI, other programs and comments alone', async () => {
    const text = [
      'mlflow deployments create -t sagemaker --name churn -m models:/churn/1',
      'mlflow deployments predict --name churn --input-path in.json',
      'mlflow gateway start --config-path gateway.yaml',
      'echo "mlflow deployments start-server"',
      '# mlflow deployments start-server --port 7000',
      'my-mlflow deployments start-server',
      'mlflow server --app-name basic-auth  # secret key set below',
      'export MLFLOW_FLASK_SERVER_SECRET_KEY=$(cat /run/secrets/key)',
      'mlflow models build-docker -m models:/churn/1 --install-java',
      '',
    ].join('\n');
    expect((await analyze('deploy.sh', text)).findings).toEqual([]);
  });

  it('reports the other CLI changes: recipes, basic-auth without its key, images without Java, WSGI scoring', async () => {
    const text = [
      'mlflow recipes run --profile databricks',
      'python -m mlflow server --app-name=basic-auth',
      'mlflow models build-docker -m models:/churn/1 -n churn',
      'gunicorn -w 4 -b 0.0.0.0:5001 mlflow.pyfunc.scoring_server.wsgi:app',
      '',
    ].join('\n');
    const { findings } = await analyze('deploy.sh', text);
    expect(findings.map((f) => [f.code, slice(text, f), f.fix])).toEqual([
      ['MLF204', 'recipes run', undefined],
      ['MLF611', '--app-name=basic-auth', undefined],
      ['MLF613', 'models build-docker', undefined],
      ['MLF610', 'mlflow.pyfunc.scoring_server.wsgi:app', undefined],
    ]);
  });

  it('follows the rule selection', async () => {
    const text = 'export MLFLOW_DEPLOYMENTS_CONFIG=g.yaml\nmlflow deployments start-server\n';
    expect(codes(text, (await analyze('run.sh', text, { select: ['MLF606'] })).findings)).toEqual(['1:MLF606']);
    expect((await analyze('run.sh', text, { targetVersion: '2.22.0' })).findings).toEqual([]);
  });

  it('reads `!mlflow ...` lines of notebooks', async () => {
    const nb = JSON.stringify({ cells: [{ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import os\n', '!mlflow deployments start-server --config-path gw.yaml &\n'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
    const { findings } = await analyze('gateway.ipynb', nb);
    expect(findings.map((f) => [f.code, f.cell, nb.slice(f.start, f.end)])).toEqual([['MLF208', { index: 0, line: 2, column: 9 }, 'deployments start-server']]);
    expect(await fixAll('gateway.ipynb', nb)).toBe(nb.replace('!mlflow deployments start-server', '!mlflow gateway start'));
  });
});

describe('the config variable set elsewhere', () => {
  it('makes both rewrites unsafe when the file only reads MLFLOW_DEPLOYMENTS_CONFIG', async () => {
    const text = 'mlflow deployments start-server --port 7000 --config-path "$MLFLOW_DEPLOYMENTS_CONFIG"\nmlflow deployments start-server\n';
    const { findings } = await analyze('run.sh', text);
    expect(findings.map((f) => [f.code, f.fix?.applicability])).toEqual([['MLF208', 'safe'], ['MLF606', 'unsafe'], ['MLF208', 'unsafe']]);
  });

  it('counts compose and Kubernetes environment entries as set by the file', async () => {
    const compose = 'services:\n  gw:\n    environment:\n      - MLFLOW_DEPLOYMENTS_CONFIG=/etc/gw.yaml\n      - OTHER=1\n    command: mlflow deployments start-server --host 0.0.0.0\n';
    const c = await analyze('docker-compose.yaml', compose);
    expect(c.findings.map((f) => [f.code, f.fix?.applicability])).toEqual([['MLF606', 'safe'], ['MLF208', 'safe']]);
    const k8s = 'containers:\n  - command: ["mlflow", "deployments", "start-server"]\n    env:\n      - name: MLFLOW_DEPLOYMENTS_CONFIG\n        value: /etc/gw.yaml\n';
    expect((await analyze('k8s/gw.yaml', k8s)).findings.map((f) => [f.code, f.fix?.applicability])).toEqual([['MLF208', 'safe'], ['MLF606', 'safe']]);
  });
});

describe('MLproject', () => {
  it('reads the commands of entry points', async () => {
    const text = 'name: churn\npython_env: python_env.yaml\nentry_points:\n  main:\n    parameters:\n      profile: {type: string, default: local}\n    command: "mlflow recipes run --profile {profile}"\n';
    const { findings, usesMlflow } = await analyze('MLproject', text);
    expect(codes(text, findings)).toEqual(['7:MLF204']);
    expect(usesMlflow).toBe(true);
  });
  it('reads the mlflow command that runners start (poetry / uv / pipenv / conda run, timeout)', async () => {
    const lines = [
      'poetry run mlflow deployments start-server --config-path gw.yaml',
      'uv run --with mlflow==2.9.2 --python 3.11 mlflow deployments start-server --config-path gw.yaml',
      'pipenv run mlflow deployments start-server --config-path gw.yaml',
      'conda run -n serving --no-capture-output mlflow deployments start-server --config-path gw.yaml',
      'timeout -s KILL 600 mlflow deployments start-server --config-path gw.yaml',
      'uv run -- mlflow deployments start-server --config-path gw.yaml',
    ];
    const text = `${lines.join('\n')}\n`;
    const { findings } = await analyze('serve.sh', text, { select: ['MLF208'] });
    expect(codes(text, findings)).toEqual(['1:MLF208', '2:MLF208', '3:MLF208', '4:MLF208', '5:MLF208', '6:MLF208']);
    expect(await fixAll('serve.sh', text, { select: ['MLF208'] })).toBe(text.replaceAll('mlflow deployments start-server', 'mlflow gateway start'));
    // A runner's own words are not the command: `poetry install`, `uv pip list`, `conda run` alone.
    const others = 'poetry install\nuv pip list\nconda run -n serving\ntimeout 5\n';
    expect((await analyze('serve.sh', others, { select: ['MLF208'] })).findings).toEqual([]);
  });
  it('reads an exec-form ENTRYPOINT ["mlflow"] with the arguments of the CMD Docker appends to it', async () => {
    const text = 'FROM ghcr.io/mlflow/mlflow:v2.10.2\nENTRYPOINT ["/usr/local/bin/mlflow"]\nCMD ["deployments", "start-server", "--config-path", "/cfg.yaml"]\n';
    const { findings } = await analyze('Dockerfile', text, { select: ['MLF208'] });
    expect(codes(text, findings)).toEqual(['3:MLF208']);
    expect(await fixAll('Dockerfile', text, { select: ['MLF208'] })).toBe(text.replace('"deployments", "start-server"', '"gateway", "start"'));
    // A shell-form ENTRYPOINT ignores CMD; another program's entrypoint is not mlflow's.
    for (const other of [text.replace('ENTRYPOINT ["/usr/local/bin/mlflow"]', 'ENTRYPOINT /usr/local/bin/mlflow'), text.replace('/usr/local/bin/mlflow', 'tini')]) {
      expect((await analyze('Dockerfile', other, { select: ['MLF208'] })).findings, other).toEqual([]);
    }
  });
});
