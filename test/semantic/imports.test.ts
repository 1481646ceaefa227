import { describe, expect, it } from 'vitest';
import { analyze, EVALUATE, METRIC_THRESHOLD } from './helpers.js';

/** Every import form gives the dotted path it spells, and every spelling one canonical name. */
describe('imports', () => {
  it('test_import_module', async () => {
    const s = await analyze('import mlflow\nmlflow.evaluate\n');
    expect(s.path('mlflow.evaluate')).toBe('mlflow.evaluate');
    expect(s.name('mlflow.evaluate')).toBe(EVALUATE);
  });

  it('test_import_alias', async () => {
    const s = await analyze('import mlflow as mf\nmf.models.evaluate\n');
    expect(s.path('mf.models.evaluate')).toBe('mlflow.models.evaluate');
    expect(s.name('mf.models.evaluate')).toBe(EVALUATE);
  });

  it('test_from_import_alias', async () => {
    const s = await analyze('from mlflow.models import evaluate as ev\nev\n');
    expect(s.path('ev', 1)).toBe('mlflow.models.evaluate');
    expect(s.name('ev', 1)).toBe(EVALUATE);
  });

  it('test_from_import_module', async () => {
    const s = await analyze('from mlflow import models\nmodels.evaluate\n');
    expect(s.path('models.evaluate')).toBe('mlflow.models.evaluate');
  });

  it('test_import_dotted_as_alias', async () => {
    const s = await analyze('import mlflow.models.evaluation as E\nE.evaluate\n');
    expect(s.path('E.evaluate')).toBe('mlflow.models.evaluation.evaluate');
    expect(s.name('E.evaluate')).toBe(EVALUATE);
  });

  it('test_import_dotted_binds_the_top_package', async () => {
    const s = await analyze('import mlflow.models.evaluation\nmlflow.models.evaluation.evaluate\n');
    expect(s.binding('mlflow', 1)).toMatchObject({ kind: 'import', importPath: 'mlflow', loadedModule: 'mlflow.models.evaluation' });
    expect(s.name('mlflow.models.evaluation.evaluate')).toBe(EVALUATE);
  });

  it('test_every_evaluate_spelling_is_one_name', async () => {
    const s = await analyze([
      'import mlflow',
      'from mlflow import evaluate as a',
      'from mlflow.models import evaluate as b',
      'from mlflow.models.evaluation import evaluate as c',
      'from mlflow.models.evaluation.base import evaluate as d',
      'mlflow.evaluate; mlflow.models.evaluate; mlflow.models.evaluation.evaluate; mlflow.models.evaluation.base.evaluate',
      'a; b; c; d',
    ].join('\n'));
    for (const text of ['mlflow.evaluate', 'mlflow.models.evaluate', 'mlflow.models.evaluation.evaluate', 'mlflow.models.evaluation.base.evaluate']) {
      expect(s.name(text)).toBe(EVALUATE);
    }
    for (const alias of ['a', 'b', 'c', 'd']) expect(s.name(alias, 1)).toBe(EVALUATE);
  });

  it('test_every_metric_threshold_path_is_one_name', async () => {
    const s = await analyze([
      'from mlflow.models import MetricThreshold as A',
      'from mlflow.models.evaluation import MetricThreshold as B',
      'from mlflow.models.evaluation.validation import MetricThreshold as C',
      'from mlflow.models.evaluation.base import MetricThreshold as D',
      'A; B; C; D',
    ].join('\n'));
    for (const alias of ['A', 'B', 'C', 'D']) expect(s.name(alias, 1)).toBe(METRIC_THRESHOLD);
  });

  it('test_metric_threshold_alias_call', async () => {
    const s = await analyze('from mlflow.models import MetricThreshold as MT\nMT(threshold=0.8)\n');
    expect(s.callee('MT(threshold=0.8)')).toBe(METRIC_THRESHOLD);
  });

  it('test_star_import', async () => {
    const s = await analyze('from mlflow.models import *\nMetricThreshold\nevaluate\n');
    expect(s.name('MetricThreshold')).toBe(METRIC_THRESHOLD);
    expect(s.name('evaluate')).toBe(EVALUATE);
  });

  it('test_star_import_of_another_library_binds_nothing_known', async () => {
    const s = await analyze('from fastai.vision.all import *\nimport mlflow\nLearner\nmlflow.fastai\n');
    expect(s.path('Learner')).toBeNull();
    expect(s.path('mlflow.fastai')).toBe('mlflow.fastai');
  });

  it('test_star_import_after_a_definition_wins', async () => {
    const s = await analyze('def evaluate(): pass\nevaluate\nfrom mlflow.models import *\nevaluate\n');
    expect(s.name('evaluate', 1)).toBeNull();
    expect(s.name('evaluate', 2)).toBe(EVALUATE);
  });

  it('test_definition_after_star_import_wins', async () => {
    const s = await analyze('from mlflow.models import *\ndef evaluate(): pass\nevaluate\n');
    expect(s.name('evaluate', 1)).toBeNull();
  });

  it('test_import_inside_function', async () => {
    const s = await analyze('def f():\n    import mlflow as ml\n    ml.evaluate\nml.evaluate\n');
    expect(s.name('ml.evaluate')).toBe(EVALUATE);
    expect(s.name('ml.evaluate', 1)).toBeNull();
  });

  it('test_relative_import_is_the_project', async () => {
    const s = await analyze('import mlflow\nfrom . import mlflow\nmlflow.evaluate\n');
    expect(s.name('mlflow.evaluate')).toBeNull();
  });

  it('test_unrelated_modules_are_not_mlflow', async () => {
    const s = await analyze('import evaluate\nimport fastai\nfrom sklearn import metrics\nevaluate.load\nfastai.vision\nmetrics.f1_score\n');
    expect(s.path('fastai.vision')).toBe('fastai.vision');
    expect(s.name('fastai.vision')).toBeNull();
    expect(s.name('evaluate.load')).toBeNull();
    expect(s.name('metrics.f1_score')).toBeNull();
  });

  it('test_genai_evaluate_is_a_different_api', async () => {
    const s = await analyze('import mlflow\nmlflow.genai.evaluate\n');
    expect(s.name('mlflow.genai.evaluate')).not.toBe(EVALUATE);
  });

  it('test_alias_assignment_keeps_the_path', async () => {
    const s = await analyze('import mlflow\nrun_eval = mlflow.models.evaluate\nrun_eval\n');
    expect(s.name('run_eval', 1)).toBe(EVALUATE);
  });

  it('test_parenthesized_and_walrus_callee', async () => {
    const s = await analyze('import mlflow\n(mlflow.evaluate)(m)\n(ev := mlflow.evaluate)(m)\nev\n');
    expect(s.callee('(mlflow.evaluate)(m)')).toBe(EVALUATE);
    expect(s.callee('(ev := mlflow.evaluate)(m)')).toBe(EVALUATE);
    expect(s.name('ev', 1)).toBe(EVALUATE);
  });
});
