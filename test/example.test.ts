import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck, type RunResult } from '../src/runner/run.js';

/**
 * The whole tool on examples/ml-platform, a small realistic MLflow 2.9 project. The example files
 * carry no markers: the expected findings are listed here, one `path:line:CODE` per entry, grouped
 * by file and reviewed line by line. A rule that adds findings to the example adds its entries here
 * (keep each group sorted by line). TRAPS are lines that look like MLflow API uses but are not;
 * no rule may ever report them, whatever rules are added later.
 */
const EXAMPLE = join(import.meta.dirname, '..', 'examples', 'ml-platform');

const EXPECTED: Record<string, string[]> = {
  'evaluation/evaluator.py': [
    '21:MLF106', // Threshold(..., higher_is_better=True), MetricThreshold through an alias
    '22:MLF106', // Threshold(..., higher_is_better=False)
    '35:MLF107', // mlflow.evaluate(model_type="classifier") no longer logs the SHAP explainer
    '35:MLF108', // mlflow.evaluate is deprecated
    '41:MLF104', // custom_metrics=
    '42:MLF102', // validation_thresholds=
    '43:MLF101', // baseline_model=
    '44:MLF103', // baseline_config=
    '47:MLF105', // result.baseline_model_metrics
    '51:MLF106', // t.higher_is_better, t from self.thresholds.items()
  ],
  'legacy/fastai_model.py': [
    '3:MLF201', // import mlflow.fastai
    '8:MLF201', // mlflow.fastai.autolog()
    '13:MLF201', // mlflow.fastai.log_model(...)
    '18:MLF201', // mlflow.fastai.load_model(...)
  ],
  'registry/service.py': [
    '51:MLF501', // client.transition_model_version_stage(...)
  ],
  'requirements.txt': [
    '1:MLF901', // mlflow==2.9.2
    '1:MLF608', // mlflow==2.9.2 moves past 3.2, where usage telemetry is on by default; nothing opts out
  ],
  'serving/mleap_export.py': [
    '4:MLF202', // from mlflow import mleap (its use on line 10 is covered by the import)
    '14:MLF202', // mlflow.mleap.save_model(...)
  ],
  'tests/test_evaluator.py': [
    '16:MLF108', // mock.patch("mlflow.evaluate")
    '33:MLF201', // mock.patch("mlflow.fastai.log_model")
  ],
  'training/train.py': [
    '54:MLF301', // mlflow.sklearn.log_model(model, artifact_path="model", ...)
  ],
};

/** Look-alikes, found by a unique piece of their line (so they survive edits above them). */
const TRAPS: Record<string, string[]> = {
  'evaluation/metrics.py': [
    '    higher_is_better: bool = True', // the team's own dataclass field
    'return candidate > baseline if self.higher_is_better', // ... and its use
    '    custom_metrics: Optional[Iterable', // the team's own compare(custom_metrics=...)
    'def evaluate(model, frame, target: str, baseline_model=None)', // the team's own evaluate
    'baseline_model = load_reference_model()', // a local variable named baseline_model
    'report = evaluate(candidate_model, frame, target, baseline_model=baseline_model)',
    'custom_metrics=[lambda s:', // a call of the team's compare
    'MetricDirection("business_cost", higher_is_better=False)',
  ],
  'training/tune.py': [
    'OBJECTIVE = MetricDirection("roc_auc", higher_is_better=True)',
    'direction = "maximize" if OBJECTIVE.higher_is_better else "minimize"',
    'study = optuna.create_study(direction=direction)',
  ],
  'evaluation/evaluator.py': [
    'make_metric(eval_fn=_business_cost, greater_is_better=False', // make_metric never had higher_is_better
    'logger.info("candidate %s: %s", candidate_uri, result.metrics)',
  ],
  'legacy/fastai_model.py': [
    'from fastai.vision.all import', // the fastai library itself
    'learn.fine_tune(epochs)',
  ],
  'serving/mleap_export.py': [
    'from mleap.pyspark.spark_support import', // the mleap PyPI package
    'mleap.log_model(spark_model=pipeline_model', // reported once, at `from mlflow import mleap`
    'pipeline_model.serializeToBundle(',
  ],
  'utils/compat.py': [
    '    import mlflow.fastai', // try/except ImportError shim
    'from mlflow.mleap import MLeapSerializationException', // shim
    'mlflow.fastai.autolog(log_models=False)', // use guarded by the shim's own import
    'logger.debug("mlflow.fastai not available', // a string
  ],
  'tests/test_evaluator.py': [
    'assert kwargs["baseline_model"]', // dict keys, not keywords
    'assert kwargs["baseline_config"]',
    'assert kwargs["validation_thresholds"]["f1_score"].higher_is_better', // unknown receiver (a mock's kwargs)
    '@mock.patch("legacy.fastai_model.vision_learner")', // the project's own module
  ],
  'registry/service.py': [
    'self.client = mlflow.tracking.MlflowClient(', // still valid in MLflow 3
  ],
  'auth/config.py': [
    'auth_client = get_app_client("basic-auth", tracking_uri=tracking_uri)',
  ],
};

function lineOf(path: string, text: string): number {
  const lines = readFileSync(join(EXAMPLE, path), 'utf8').split('\n');
  const hits = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`trap \`${text}\` matches ${hits.length} lines of ${path}; make it unique`);
  return hits[0]!;
}

describe('examples/ml-platform', () => {
  let result: RunResult;
  let found: string[];

  beforeAll(async () => {
    result = await runCheck({ paths: ['.'], cwd: EXAMPLE, parser: 'native' });
    found = result.findings.map((f) => {
      const line = result.files.find((file) => file.path === f.path)!.source!.positionOf(f.start).line;
      return `${f.path}:${line}:${f.code}`;
    });
  });

  it('reports exactly the expected findings', () => {
    const expected = Object.entries(EXPECTED).flatMap(([path, entries]) => entries.map((e) => `${path}:${e}`));
    const byPosition = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });
    expect([...found].sort(byPosition)).toEqual([...expected].sort(byPosition));
  });

  it('reports nothing on the traps', () => {
    const onTraps = Object.entries(TRAPS).flatMap(([path, texts]) => texts.flatMap((text) => {
      const line = lineOf(path, text);
      return found.filter((f) => f.startsWith(`${path}:${line}:`)).map((f) => `${f}  (${text.trim()})`);
    }));
    expect(onTraps).toEqual([]);
  });

  it('reads every file without problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.filesChecked).toBeGreaterThanOrEqual(10);
  });
});
