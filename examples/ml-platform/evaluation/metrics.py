"""Business metrics shared by the evaluation gate and the offline reports."""
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Optional

import numpy as np

FALSE_NEGATIVE_COST = 500.0
FALSE_POSITIVE_COST = 40.0


@dataclass(frozen=True)
class MetricDirection:
    """Which way a metric should move; `higher_is_better` mirrors scikit-learn scorers."""

    name: str
    higher_is_better: bool = True

    def improved(self, candidate: float, baseline: float) -> bool:
        return candidate > baseline if self.higher_is_better else candidate < baseline


def business_cost(predictions, targets) -> float:
    predictions = np.asarray(predictions)
    targets = np.asarray(targets)
    false_negatives = np.sum((predictions == 0) & (targets == 1))
    false_positives = np.sum((predictions == 1) & (targets == 0))
    return float(false_negatives * FALSE_NEGATIVE_COST + false_positives * FALSE_POSITIVE_COST)


def compare(
    candidate_scores: Dict[str, float],
    baseline_scores: Dict[str, float],
    custom_metrics: Optional[Iterable[Callable[[Dict[str, float]], float]]] = None,
    directions: Optional[Dict[str, MetricDirection]] = None,
) -> Dict[str, bool]:
    """Compare two score dicts metric by metric; `custom_metrics` derive extra scores first."""
    directions = directions or {}
    candidate, baseline = dict(candidate_scores), dict(baseline_scores)
    for metric in custom_metrics or ():
        candidate[metric.__name__] = metric(candidate)
        baseline[metric.__name__] = metric(baseline)
    return {
        name: directions.get(name, MetricDirection(name)).improved(candidate[name], baseline.get(name, np.nan))
        for name in candidate
    }


def evaluate(model, frame, target: str, baseline_model=None) -> Dict[str, float]:
    """Offline evaluation used by the weekly report (not MLflow's evaluate)."""
    predictions = model.predict(frame.drop(columns=[target]))
    scores = {"business_cost": business_cost(predictions, frame[target])}
    if baseline_model is not None:
        baseline_predictions = baseline_model.predict(frame.drop(columns=[target]))
        scores["baseline_business_cost"] = business_cost(baseline_predictions, frame[target])
    return scores


def weekly_report(candidate_model, frame, target: str, load_reference_model) -> Dict[str, bool]:
    baseline_model = load_reference_model()
    candidate_scores = evaluate(candidate_model, frame, target)
    baseline_scores = evaluate(baseline_model, frame, target)
    report = evaluate(candidate_model, frame, target, baseline_model=baseline_model)
    return compare(
        candidate_scores,
        baseline_scores,
        custom_metrics=[lambda s: s["business_cost"] / max(len(frame), 1)],
        directions={"business_cost": MetricDirection("business_cost", higher_is_better=False)},
    ) | {"report_ready": bool(report)}
