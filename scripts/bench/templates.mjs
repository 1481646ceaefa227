// Python code templates for the synthetic monorepo: each block is a realistic function or class
// with names drawn at random, so files differ but parse like ordinary application code.

const ENTITIES = ['user', 'order', 'invoice', 'feature', 'metric', 'session', 'payment', 'event', 'record', 'batch',
  'report', 'customer', 'dataset', 'sample', 'shard', 'tenant', 'account', 'product', 'cart', 'review', 'shipment',
  'ticket', 'campaign', 'device', 'sensor', 'reading', 'forecast', 'embedding', 'document', 'label'];
const VERBS = ['load', 'parse', 'transform', 'validate', 'compute', 'build', 'fetch', 'merge', 'normalize',
  'aggregate', 'export', 'score', 'clean', 'filter', 'encode', 'split', 'enrich', 'resolve', 'collect', 'render'];
const FIELDS = ['id', 'name', 'created_at', 'updated_at', 'status', 'amount', 'currency', 'region', 'country',
  'score', 'weight', 'count', 'priority', 'owner', 'source', 'version', 'tags', 'category', 'price', 'quantity'];
const TYPES = ['int', 'str', 'float', 'bool', 'Optional[str]', 'List[str]', 'Dict[str, Any]', 'datetime'];
const COLUMNS = ['user_id', 'event_ts', 'amount', 'country', 'device', 'label', 'score', 'session_id', 'price', 'qty'];

export function names(rng) {
  const entity = rng.pick(ENTITIES);
  const other = rng.pick(ENTITIES);
  const verb = rng.pick(VERBS);
  const cap = (s) => s.replace(/(^|_)(\w)/g, (_, __, c) => c.toUpperCase());
  return { entity, other, verb, Entity: cap(entity), Other: cap(other), fn: `${verb}_${entity}s`, n: rng.int(2, 99) };
}

// ---- generic blocks ---------------------------------------------------------------------------

function dataclassBlock(rng) {
  const { Entity, entity } = names(rng);
  const fields = rng.sample(FIELDS, rng.int(4, 8));
  return [
    '@dataclass',
    `class ${Entity}${rng.int(1, 9)}:`,
    `    """A ${entity} as stored in the warehouse."""`,
    '',
    ...fields.map((f) => `    ${f}: ${rng.pick(TYPES)} = ${rng.pick(['None', '0', '""', 'field(default_factory=list)', 'False'])}`),
    '',
    '    def to_dict(self) -> Dict[str, Any]:',
    `        return {${fields.map((f) => `"${f}": self.${f}`).join(', ')}}`,
    '',
    '    @classmethod',
    `    def from_row(cls, row: Dict[str, Any]) -> "${Entity}${rng.int(1, 9)}":`,
    `        return cls(${fields.map((f) => `${f}=row.get("${f}")`).join(', ')})`,
    '',
  ];
}

function functionBlock(rng) {
  const { fn, entity, other, n } = names(rng);
  const field = rng.pick(FIELDS);
  return [
    `def ${fn}_${n}(items: List[Dict[str, Any]], *, limit: int = ${rng.int(10, 500)}, strict: bool = False) -> List[Dict[str, Any]]:`,
    `    """${fn.replace(/_/g, ' ')}: keep valid ${entity}s and attach their ${other}."""`,
    '    result = []',
    '    seen = set()',
    '    for index, item in enumerate(items):',
    `        key = item.get("${field}")`,
    '        if key is None:',
    '            if strict:',
    `                raise ValueError(f"item {index} has no ${field}")`,
    '            continue',
    '        if key in seen:',
    `            logger.debug("duplicate ${entity} %s", key)`,
    '            continue',
    '        seen.add(key)',
    `        enriched = {**item, "${other}": lookup_${other}(key), "rank": len(result) + 1}`,
    `        if enriched.get("score", 0) > ${rng.int(1, 9) / 10}:`,
    '            result.append(enriched)',
    '        elif len(result) < limit // 2:',
    '            result.append({k: v for k, v in enriched.items() if not k.startswith("_")})',
    '        if len(result) >= limit:',
    '            break',
    `    return sorted(result, key=lambda r: (r.get("${field}") or "", r["rank"]))`,
    '',
  ];
}

function classBlock(rng) {
  const { Entity, entity, other, verb } = names(rng);
  return [
    `class ${Entity}Repository:`,
    `    """Reads and writes ${entity}s; caches recent lookups."""`,
    '',
    `    def __init__(self, connection, cache_size: int = ${rng.int(64, 4096)}):`,
    '        self.connection = connection',
    '        self.cache: Dict[str, Any] = {}',
    '        self.cache_size = cache_size',
    '        self.hits = 0',
    '        self.misses = 0',
    '',
    `    def get(self, ${entity}_id: str) -> Optional[Dict[str, Any]]:`,
    `        if ${entity}_id in self.cache:`,
    '            self.hits += 1',
    `            return self.cache[${entity}_id]`,
    '        self.misses += 1',
    `        row = self.connection.execute("SELECT * FROM ${entity}s WHERE id = %s", (${entity}_id,)).fetchone()`,
    '        if row is not None and len(self.cache) < self.cache_size:',
    `            self.cache[${entity}_id] = dict(row)`,
    '        return dict(row) if row else None',
    '',
    `    def ${verb}_many(self, ids: Iterable[str]) -> List[Dict[str, Any]]:`,
    '        found = [self.get(i) for i in ids]',
    '        return [f for f in found if f is not None]',
    '',
    `    def link_${other}(self, ${entity}_id: str, ${other}_id: str) -> None:`,
    '        with self.connection.begin():',
    '            self.connection.execute(',
    `                "INSERT INTO ${entity}_${other} (${entity}_id, ${other}_id) VALUES (%s, %s)",`,
    `                (${entity}_id, ${other}_id),`,
    '            )',
    `        self.cache.pop(${entity}_id, None)`,
    '',
    '    def stats(self) -> Dict[str, float]:',
    '        total = self.hits + self.misses',
    '        return {"hits": self.hits, "misses": self.misses, "ratio": self.hits / total if total else 0.0}',
    '',
  ];
}

function retryBlock(rng) {
  const attempts = rng.int(2, 6);
  return [
    `def retry(times: int = ${attempts}, delay: float = ${rng.int(1, 20) / 10}, exceptions=(IOError, TimeoutError)):`,
    '    """Retries the decorated function with exponential back-off."""',
    '    def decorator(func):',
    '        @functools.wraps(func)',
    '        def wrapper(*args, **kwargs):',
    '            wait = delay',
    '            for attempt in range(1, times + 1):',
    '                try:',
    '                    return func(*args, **kwargs)',
    '                except exceptions as exc:',
    '                    if attempt == times:',
    '                        raise',
    '                    logger.warning("attempt %d/%d failed: %s", attempt, times, exc)',
    '                    time.sleep(wait)',
    '                    wait *= 2',
    '        return wrapper',
    '    return decorator',
    '',
  ];
}

function constantsBlock(rng) {
  const { entity } = names(rng);
  const cols = rng.sample(COLUMNS, rng.int(3, 7));
  return [
    `${entity.toUpperCase()}_COLUMNS = [${cols.map((c) => `"${c}"`).join(', ')}]`,
    `${entity.toUpperCase()}_DEFAULTS = {`,
    ...cols.map((c) => `    "${c}": ${rng.pick(['0', 'None', '""', '0.0', '"unknown"', '[]'])},`),
    '}',
    `MAX_${entity.toUpperCase()}_BATCH = ${rng.int(100, 10000)}`,
    '',
  ];
}

// ---- domain blocks ----------------------------------------------------------------------------

function pandasBlock(rng) {
  const { fn, entity, n } = names(rng);
  const [a, b, c] = rng.sample(COLUMNS, 3);
  return [
    `def ${fn}_frame_${n}(df: pd.DataFrame, lookup: pd.DataFrame, min_${a}: float = ${rng.int(0, 100)}) -> pd.DataFrame:`,
    `    """Cleans the raw ${entity} extract and joins the lookup table."""`,
    '    df = df.copy()',
    `    df = df[df["${a}"].notna() & (df["${a}"] >= min_${a})]`,
    `    df["${b}"] = df["${b}"].astype(str).str.strip().str.lower()`,
    `    df["${c}_bucket"] = pd.cut(df["${c}"], bins=[${rng.int(0, 5)}, ${rng.int(10, 50)}, ${rng.int(60, 200)}, float("inf")], labels=False)`,
    `    df = df.merge(lookup, on="${b}", how="${rng.pick(['left', 'inner'])}", validate="many_to_one")`,
    '    grouped = (',
    `        df.groupby(["${b}", "${c}_bucket"], dropna=False)`,
    `        .agg(total=("${a}", "sum"), mean=("${a}", "mean"), rows=("${a}", "size"))`,
    '        .reset_index()',
    '    )',
    `    grouped["share"] = grouped["total"] / grouped["total"].sum()`,
    '    grouped = grouped.sort_values("share", ascending=False)',
    `    logger.info("${fn}: %d rows -> %d groups", len(df), len(grouped))`,
    '    return grouped',
    '',
  ];
}

function pipelineStepBlock(rng) {
  const { Entity, entity, verb } = names(rng);
  return [
    `class ${Entity}${verb[0].toUpperCase()}${verb.slice(1)}Step(PipelineStep):`,
    `    name = "${verb}_${entity}"`,
    `    inputs = ["${entity}_raw"]`,
    `    outputs = ["${entity}_${verb}ed"]`,
    '',
    '    def run(self, context: Dict[str, Any]) -> Dict[str, Any]:',
    `        source = context["${entity}_raw"]`,
    '        partitions = self.partitions(source)',
    '        outputs = []',
    '        for partition in partitions:',
    '            frame = self.read(partition)',
    '            if frame.empty:',
    '                continue',
    `            frame = frame.drop_duplicates(subset=["${rng.pick(COLUMNS)}"])`,
    '            outputs.append(frame)',
    '        combined = pd.concat(outputs, ignore_index=True) if outputs else pd.DataFrame()',
    `        path = self.output_path(context["run_date"], "${entity}")`,
    '        combined.to_parquet(path, index=False)',
    `        return {"${entity}_${verb}ed": path, "rows": len(combined)}`,
    '',
  ];
}

function flaskBlock(rng) {
  const { entity, fn, n } = names(rng);
  return [
    `@app.route("/api/v${rng.int(1, 3)}/${entity}s/<${entity}_id>", methods=["GET", "PUT"])`,
    '@login_required',
    `def ${entity}_detail_${n}(${entity}_id):`,
    `    ${entity} = repository.get(${entity}_id)`,
    `    if ${entity} is None:`,
    `        abort(404, description=f"${entity} {${entity}_id} not found")`,
    '    if request.method == "PUT":',
    '        payload = request.get_json(force=True) or {}',
    '        errors = validate_payload(payload, required=["name", "status"])',
    '        if errors:',
    '            return jsonify({"errors": errors}), 400',
    `        ${entity}.update({k: v for k, v in payload.items() if k in ALLOWED_FIELDS})`,
    `        repository.save(${entity})`,
    `        audit.record("${fn}", user=current_user.id, target=${entity}_id)`,
    `    return jsonify(${entity})`,
    '',
  ];
}

function fastapiBlock(rng) {
  const { Entity, entity, n } = names(rng);
  const fields = rng.sample(FIELDS, rng.int(3, 6));
  return [
    `class ${Entity}In${n}(BaseModel):`,
    ...fields.map((f) => `    ${f}: ${rng.pick(['str', 'int', 'float', 'Optional[str] = None', 'List[str] = []'])}`),
    '',
    '',
    `@router.post("/${entity}s", response_model=${Entity}Out, status_code=201)`,
    `async def create_${entity}_${n}(body: ${Entity}In${n}, db: Session = Depends(get_db), user=Depends(current_user)):`,
    `    existing = await db.scalar(select(${Entity}Row).where(${Entity}Row.name == body.name))`,
    '    if existing is not None:',
    `        raise HTTPException(status_code=409, detail="${entity} already exists")`,
    `    row = ${Entity}Row(**body.dict(), owner_id=user.id)`,
    '    db.add(row)',
    '    await db.commit()',
    '    await db.refresh(row)',
    `    background.add_task(notify, "${entity}.created", row.id)`,
    `    return ${Entity}Out.from_orm(row)`,
    '',
  ];
}

function sklearnBlock(rng) {
  const { entity, n } = names(rng);
  const model = rng.pick(['RandomForestClassifier', 'GradientBoostingClassifier', 'LogisticRegression']);
  return [
    `def train_${entity}_model_${n}(frame: pd.DataFrame, target: str = "label", seed: int = ${rng.int(0, 9999)}):`,
    '    features = [c for c in frame.columns if c != target]',
    '    x_train, x_test, y_train, y_test = train_test_split(',
    `        frame[features], frame[target], test_size=${rng.int(1, 3) / 10}, random_state=seed, stratify=frame[target]`,
    '    )',
    '    pipeline = Pipeline([',
    '        ("scale", StandardScaler()),',
    `        ("model", ${model}(random_state=seed)),`,
    '    ])',
    '    search = GridSearchCV(',
    '        pipeline,',
    `        param_grid={"model__${rng.pick(['n_estimators', 'max_depth', 'C'])}": [${rng.int(1, 10)}, ${rng.int(11, 50)}, ${rng.int(51, 200)}]},`,
    `        cv=${rng.int(3, 5)},`,
    '        scoring="roc_auc",',
    '        n_jobs=-1,',
    '    )',
    '    search.fit(x_train, y_train)',
    '    predictions = search.predict_proba(x_test)[:, 1]',
    '    scores = {',
    '        "auc": roc_auc_score(y_test, predictions),',
    '        "f1": f1_score(y_test, predictions > 0.5),',
    '        "accuracy": accuracy_score(y_test, predictions > 0.5),',
    '    }',
    `    logger.info("${entity} model: %s", scores)`,
    '    return search.best_estimator_, scores',
    '',
  ];
}

function torchBlock(rng) {
  const { Entity, n } = names(rng);
  const hidden = rng.pick([64, 128, 256, 512]);
  return [
    `class ${Entity}Net${n}(nn.Module):`,
    `    def __init__(self, in_features: int, hidden: int = ${hidden}, classes: int = ${rng.int(2, 20)}, dropout: float = 0.${rng.int(1, 5)}):`,
    '        super().__init__()',
    '        self.encoder = nn.Sequential(',
    '            nn.Linear(in_features, hidden),',
    '            nn.ReLU(),',
    '            nn.Dropout(dropout),',
    '            nn.Linear(hidden, hidden // 2),',
    '            nn.ReLU(),',
    '        )',
    '        self.head = nn.Linear(hidden // 2, classes)',
    '',
    '    def forward(self, x: torch.Tensor) -> torch.Tensor:',
    '        return self.head(self.encoder(x))',
    '',
    '',
    `def fit_${Entity.toLowerCase()}_${n}(model, loader, epochs: int = ${rng.int(3, 30)}, lr: float = ${rng.pick(['1e-3', '3e-4', '1e-4'])}, device: str = "cpu"):`,
    '    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)',
    '    loss_fn = nn.CrossEntropyLoss()',
    '    model.to(device)',
    '    history = []',
    '    for epoch in range(epochs):',
    '        model.train()',
    '        running = 0.0',
    '        for batch_x, batch_y in loader:',
    '            batch_x, batch_y = batch_x.to(device), batch_y.to(device)',
    '            optimizer.zero_grad()',
    '            loss = loss_fn(model(batch_x), batch_y)',
    '            loss.backward()',
    '            optimizer.step()',
    '            running += loss.item() * batch_x.size(0)',
    '        history.append(running / len(loader.dataset))',
    '        logger.info("epoch %d loss %.4f", epoch, history[-1])',
    '    return history',
    '',
  ];
}

function testBlock(rng) {
  const { fn, entity, n } = names(rng);
  const cases = Array.from({ length: rng.int(2, 5) }, () => `(${rng.int(0, 100)}, ${rng.int(0, 100)})`);
  return [
    `@pytest.mark.parametrize("value, expected", [${cases.join(', ')}])`,
    `def test_${fn}_${n}(value, expected, ${entity}_factory, tmp_path):`,
    `    ${entity} = ${entity}_factory(value=value)`,
    `    result = ${fn}([${entity}], limit=10)`,
    '    assert isinstance(result, list)',
    '    assert len(result) <= 10',
    '    if expected > value:',
    '        assert all(r["rank"] >= 1 for r in result)',
    '    (tmp_path / "out.json").write_text(json.dumps(result, default=str))',
    '',
    '',
    `def test_${entity}_repository_${n}_cache(monkeypatch):`,
    '    connection = mock.MagicMock()',
    `    connection.execute.return_value.fetchone.return_value = {"id": "${entity}-${n}"}`,
    `    repo = ${names(rng).Entity}Repository(connection, cache_size=2)`,
    `    assert repo.get("${entity}-${n}") == {"id": "${entity}-${n}"}`,
    `    assert repo.get("${entity}-${n}") == {"id": "${entity}-${n}"}`,
    '    assert repo.stats()["hits"] == 1',
    '',
  ];
}

/** Code in projects that never import MLflow but share words with its API (ast-grep still parses them). */
function lookalikeBlock(rng) {
  return rng.pick([
    () => ['from fastai.vision.all import *', '', 'def fine_tune(path, epochs=3):', '    dls = ImageDataLoaders.from_folder(path, valid_pct=0.2)', '    learn = vision_learner(dls, resnet34, metrics=error_rate)', '    learn.fine_tune(epochs)', '    return learn', ''],
    () => ['def report(scores, custom_metrics=None, higher_is_better=True):', '    custom_metrics = custom_metrics or {}', '    best = max(scores) if higher_is_better else min(scores)', '    return {"best": best, **custom_metrics}', ''],
    () => ['def compare(candidate, baseline_model=None):', '    if baseline_model is None:', '        return candidate.score', '    return candidate.score - baseline_model.score', ''],
  ])();
}

// ---- MLflow blocks ----------------------------------------------------------------------------

export const MLFLOW_BLOCKS = {
  tracking(rng) {
    const { entity, n } = names(rng);
    return [
      `def log_${entity}_training_${n}(model, params: Dict[str, Any], metrics: Dict[str, float], run_name: str = "${entity}-${n}"):`,
      `    mlflow.set_experiment("/teams/${entity}/training")`,
      '    with mlflow.start_run(run_name=run_name) as run:',
      '        mlflow.log_params(params)',
      '        for key, value in metrics.items():',
      '            mlflow.log_metric(key, value)',
      `        mlflow.set_tag("owner", "${entity}-team")`,
      `        mlflow.sklearn.log_model(model, artifact_path="model", registered_model_name="${entity}_model")`,
      '        return run.info.run_id',
      '',
    ];
  },
  customMetrics(rng) {
    const { entity, n } = names(rng);
    return [
      `def evaluate_${entity}_${n}(model_uri: str, eval_df: pd.DataFrame):`,
      '    rmse = make_metric(eval_fn=root_mean_squared_error, greater_is_better=False, name="rmse")',
      '    result = mlflow.evaluate(',
      '        model_uri,',
      '        eval_df,',
      '        targets="label",',
      `        model_type="${rng.pick(['regressor', 'classifier'])}",`,
      '        custom_metrics=[rmse],',
      '    )',
      '    return result.metrics',
      '',
    ];
  },
  baselineModel(rng) {
    const { entity, n } = names(rng);
    return [
      `def validate_${entity}_candidate_${n}(candidate_uri: str, baseline_uri: str, data: pd.DataFrame):`,
      '    thresholds = {',
      `        "accuracy_score": MetricThreshold(threshold=0.${rng.int(5, 9)}, min_absolute_change=0.0${rng.int(1, 5)}, higher_is_better=True),`,
      '    }',
      '    return mlflow.evaluate(',
      '        candidate_uri,',
      '        data,',
      '        targets="label",',
      '        model_type="classifier",',
      '        validation_thresholds=thresholds,',
      '        baseline_model=baseline_uri,',
      '    )',
      '',
    ];
  },
  thresholds(rng) {
    const { entity, n } = names(rng);
    return [
      `def ${entity}_gate_${n}(metric: str = "f1_score"):`,
      `    threshold = MetricThreshold(threshold=0.${rng.int(5, 9)}, higher_is_better=${rng.pick(['True', 'False'])})`,
      '    if threshold.higher_is_better:',
      '        logger.info("gate on %s: higher is better", metric)',
      '    return {metric: threshold}',
      '',
    ];
  },
  fastai(rng) {
    const { entity, n } = names(rng);
    return [
      `def log_${entity}_learner_${n}(learn, name: str = "${entity}"):`,
      '    mlflow.fastai.autolog()',
      '    with mlflow.start_run():',
      '        learn.fit_one_cycle(1)',
      '        mlflow.fastai.log_model(learn, "model", registered_model_name=name)',
      '',
    ];
  },
};

export const MLFLOW_IMPORTS = {
  tracking: [],
  customMetrics: ['from mlflow.models import make_metric'],
  baselineModel: ['from mlflow.models import MetricThreshold'],
  thresholds: ['from mlflow.models import MetricThreshold'],
  fastai: ['import mlflow.fastai'],
};

// ---- file kinds ---------------------------------------------------------------------------------

const COMMON_IMPORTS = ['import functools', 'import json', 'import logging', 'import time', 'from dataclasses import dataclass, field', 'from datetime import datetime', 'from typing import Any, Dict, Iterable, List, Optional'];

export const KINDS = {
  pipeline: {
    dirs: ['pipelines', 'etl', 'jobs'],
    imports: ['import numpy as np', 'import pandas as pd', 'from .base import PipelineStep'],
    blocks: [pandasBlock, pandasBlock, pipelineStepBlock, functionBlock, constantsBlock, dataclassBlock],
  },
  flask: {
    dirs: ['services/web', 'services/admin'],
    imports: ['from flask import Flask, abort, jsonify, request', 'from flask_login import current_user, login_required', 'app = Flask(__name__)'],
    blocks: [flaskBlock, flaskBlock, functionBlock, classBlock, retryBlock],
  },
  fastapi: {
    dirs: ['services/api', 'services/gateway'],
    imports: ['from fastapi import APIRouter, Depends, HTTPException', 'from pydantic import BaseModel', 'from sqlalchemy import select', 'router = APIRouter()'],
    blocks: [fastapiBlock, fastapiBlock, classBlock, functionBlock],
  },
  sklearn: {
    dirs: ['ml/training', 'ml/models'],
    imports: ['import pandas as pd', 'from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier', 'from sklearn.linear_model import LogisticRegression', 'from sklearn.metrics import accuracy_score, f1_score, roc_auc_score', 'from sklearn.model_selection import GridSearchCV, train_test_split', 'from sklearn.pipeline import Pipeline', 'from sklearn.preprocessing import StandardScaler'],
    blocks: [sklearnBlock, sklearnBlock, pandasBlock, functionBlock, dataclassBlock],
  },
  torch: {
    dirs: ['ml/deep', 'research/nets'],
    imports: ['import torch', 'from torch import nn', 'from torch.utils.data import DataLoader'],
    blocks: [torchBlock, torchBlock, functionBlock, dataclassBlock],
  },
  utils: {
    dirs: ['libs/common', 'libs/storage', 'tools'],
    imports: ['import os', 'import re'],
    blocks: [functionBlock, retryBlock, classBlock, constantsBlock, dataclassBlock],
  },
  tests: {
    dirs: ['tests/unit', 'tests/integration'],
    imports: ['import pytest', 'from unittest import mock'],
    blocks: [testBlock, testBlock, functionBlock],
  },
};

export { COMMON_IMPORTS, lookalikeBlock };
