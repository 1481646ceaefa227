import { describe, expect, it } from 'vitest';
import { ACTIVE_RUN, analyze, EVALUATION_RESULT, METRIC_THRESHOLD, MLFLOW_CLIENT, MODEL_INFO, RUN, RUN_INFO } from './helpers.js';

/** Receiver typing: what MLflow class an expression holds, so methods and attributes resolve. */
describe('types', () => {
  it('test_client_constructor', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = MlflowClient()\nclient\nclient.get_run(run_id)\n');
    expect(s.type('client', 1)).toBe(MLFLOW_CLIENT);
    expect(s.callee('client.get_run(run_id)')).toBe(`${MLFLOW_CLIENT}.get_run`);
  });

  it('test_client_from_every_path', async () => {
    const s = await analyze('import mlflow\nfrom mlflow.tracking import MlflowClient\nfrom mlflow.client import MlflowClient as C\nmlflow.MlflowClient()\nmlflow.tracking.MlflowClient()\nMlflowClient()\nC()\n');
    for (const call of ['mlflow.MlflowClient()', 'mlflow.tracking.MlflowClient()', 'MlflowClient()', 'C()']) expect(s.type(call)).toBe(MLFLOW_CLIENT);
  });

  it('test_self_client_seen_from_another_method', async () => {
    const s = await analyze([
      'import mlflow',
      'class Registry:',
      '    def __init__(self, uri):',
      '        self.client = mlflow.tracking.MlflowClient(uri)',
      '    def latest(self, name):',
      '        return self.client.get_latest_versions(name)',
    ].join('\n'));
    expect(s.type('self.client', 1)).toBe(MLFLOW_CLIENT);
    expect(s.callee('self.client.get_latest_versions(name)')).toBe(`${MLFLOW_CLIENT}.get_latest_versions`);
  });

  it('test_self_client_injected_with_a_default', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclass R:\n    def __init__(self, client=None):\n        self.client = client or MlflowClient()\n    def f(self):\n        return self.client\n');
    expect(s.type('self.client', 1)).toBe(MLFLOW_CLIENT);
  });

  it('test_self_attribute_from_a_base_class_in_the_file', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclass Base:\n    def __init__(self):\n        self.client = MlflowClient()\nclass Child(Base):\n    def f(self):\n        return self.client\n');
    expect(s.type('self.client', 1)).toBe(MLFLOW_CLIENT);
  });

  it('test_self_attribute_with_disagreeing_assignments_is_unknown', async () => {
    const s = await analyze('from mlflow import MlflowClient\nfrom mlflow.models import MetricThreshold\nclass C:\n    def a(self):\n        self.x = MlflowClient()\n    def b(self):\n        self.x = MetricThreshold()\n    def c(self):\n        return self.x\n');
    expect(s.type('self.x', 2)).toBeNull();
  });

  it('test_start_run_context_is_an_active_run', async () => {
    const s = await analyze('import mlflow\nwith mlflow.start_run() as run:\n    run\n');
    expect(s.type('run', 1)).toBe(ACTIVE_RUN);
    expect(s.model.isInstanceOf(s.type('run', 1), 'mlflow.entities.Run')).toBe(true);
  });

  it('test_active_run_info_is_a_run_info', async () => {
    const s = await analyze('import mlflow\nwith mlflow.start_run() as run:\n    run.info\n');
    expect(s.type('run.info')).toBe(RUN_INFO);
  });

  it('test_log_model_returns_model_info', async () => {
    const s = await analyze('import mlflow\ninfo = mlflow.sklearn.log_model(model, "model")\ninfo\n');
    expect(s.type('info', 1)).toBe(MODEL_INFO);
  });

  it('test_get_run_info', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = MlflowClient()\nclient.get_run(run_id).info\n');
    expect(s.type('client.get_run(run_id)')).toBe(RUN);
    expect(s.type('client.get_run(run_id).info')).toBe(RUN_INFO);
  });

  it('test_annotated_parameter', async () => {
    const s = await analyze('from mlflow import MlflowClient\ndef f(client: MlflowClient):\n    return client\n');
    expect(s.type('client', 1)).toBe(MLFLOW_CLIENT);
  });

  it('test_string_and_optional_annotations', async () => {
    const s = await analyze('from typing import Optional\nimport mlflow\nfrom mlflow import MlflowClient\ndef f(a: "MlflowClient", b: Optional[MlflowClient], c: MlflowClient | None, d: "mlflow.MlflowClient"):\n    return a, b, c, d\n');
    for (const name of ['a', 'b', 'c', 'd']) expect(s.type(name, 1)).toBe(MLFLOW_CLIENT);
  });

  it('test_annotation_of_another_library_is_unknown', async () => {
    const s = await analyze('from myproject import MlflowClient\ndef f(client: MlflowClient):\n    return client\n');
    expect(s.type('client', 1)).toBeNull();
  });

  it('test_search_runs_loop_variable_is_a_run', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = MlflowClient()\nfor r in client.search_runs(["1"]):\n    r\n');
    expect(s.type('r', 1)).toBe(RUN);
  });

  it('test_enumerate_and_comprehension_elements', async () => {
    const s = await analyze('import mlflow\nruns = mlflow.MlflowClient().search_runs(["1"])\nfor i, r in enumerate(runs):\n    r\ninfos = [x.info for x in runs]\ninfos\n');
    expect(s.type('r', 1)).toBe(RUN);
    expect(s.type('x.info')).toBe(RUN_INFO);
    expect(s.type('infos', 1)).toBe(`${RUN_INFO}[]`);
  });

  it('test_thresholds_dict', async () => {
    const s = await analyze('from mlflow.models import MetricThreshold\nth = {"acc": MetricThreshold(threshold=0.8)}\nth["acc"]\nth.get("acc")\nfor k, v in th.items():\n    v\n');
    expect(s.type('th', 1)).toBe(`${METRIC_THRESHOLD}[]`);
    expect(s.type('th["acc"]')).toBe(METRIC_THRESHOLD);
    expect(s.type('th.get("acc")')).toBe(METRIC_THRESHOLD);
    expect(s.type('v', 1)).toBe(METRIC_THRESHOLD);
  });

  it('test_mixed_collection_is_unknown', async () => {
    const s = await analyze('from mlflow.models import MetricThreshold\nth = {"acc": MetricThreshold(threshold=0.8), "f1": 0.5}\nth\n');
    expect(s.type('th', 1)).toBeNull();
  });

  it('test_evaluate_returns_evaluation_result', async () => {
    const s = await analyze('import mlflow as mf\nresult = mf.evaluate(model, data)\nresult\n');
    expect(s.type('result', 1)).toBe(EVALUATION_RESULT);
  });

  it('test_rebound_receiver_loses_its_type', async () => {
    const s = await analyze('from mlflow import MlflowClient\nclient = MlflowClient()\nclient = make_client()\nclient\n');
    expect(s.type('client', 2)).toBeNull();
  });

  it('test_fluent_search_runs_is_a_dataframe', async () => {
    const s = await analyze('import mlflow\nfor r in mlflow.search_runs():\n    r\n');
    expect(s.type('r', 1)).toBeNull();
  });

  it('test_unknown_object_is_untyped', async () => {
    const s = await analyze('config = load()\nconfig\n');
    expect(s.type('config', 1)).toBeNull();
  });

  it('test_shadowed_builtin_is_not_followed', async () => {
    const s = await analyze('import mlflow\ndef sorted(x):\n    return x\nruns = mlflow.MlflowClient().search_runs(["1"])\nsorted(runs)\nlist(runs)\n');
    expect(s.type('list(runs)')).toBe(`${RUN}[]`);
    expect(s.type('sorted(runs)')).toBeNull();
  });
});
