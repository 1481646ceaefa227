"""Champion/challenger gate: run before every promotion of the churn classifier."""
import logging

import mlflow
import pandas as pd
from mlflow.models import MetricThreshold as Threshold
from mlflow.models import make_metric

from evaluation.metrics import business_cost

logger = logging.getLogger(__name__)


def _business_cost(eval_df, _builtin_metrics):
    return business_cost(eval_df["prediction"], eval_df["target"])


business_cost_metric = make_metric(eval_fn=_business_cost, greater_is_better=False, name="business_cost")

THRESHOLDS = {
    "f1_score": Threshold(threshold=0.70, min_absolute_change=0.01, higher_is_better=True),
    "business_cost": Threshold(threshold=5000.0, min_relative_change=0.05, higher_is_better=False),
}


class ChampionChallengerEvaluator:
    def __init__(self, eval_data: pd.DataFrame, target: str = "churned"):
        self.eval_data = eval_data
        self.target = target
        self.thresholds = THRESHOLDS

    def evaluate(self, candidate_uri: str, champion_uri: str):
        """Evaluate the candidate against the champion; raises if a threshold is not met."""
        with mlflow.start_run(run_name="champion-challenger", nested=True):
            result = mlflow.evaluate(
                candidate_uri,
                self.eval_data,
                targets=self.target,
                model_type="classifier",
                evaluators=["default"],
                custom_metrics=[business_cost_metric],
                validation_thresholds=self.thresholds,
                baseline_model=champion_uri,
                baseline_config={"decision_threshold": 0.5},
            )
        logger.info("candidate %s: %s", candidate_uri, result.metrics)
        logger.info("champion %s: %s", champion_uri, result.baseline_model_metrics)
        return result

    def describe_thresholds(self) -> dict:
        return {name: ("maximize" if t.higher_is_better else "minimize") for name, t in self.thresholds.items()}
