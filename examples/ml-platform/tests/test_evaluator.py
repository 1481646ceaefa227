from unittest import mock

import pandas as pd
import pytest

from evaluation.evaluator import THRESHOLDS, ChampionChallengerEvaluator
from legacy.fastai_model import train_ticket_classifier


@pytest.fixture
def eval_data():
    return pd.DataFrame({"tenure": [1, 24, 3], "monthly_charges": [70.0, 20.5, 99.9], "churned": [1, 0, 1]})


@mock.patch("mlflow.start_run")
@mock.patch("mlflow.evaluate")
def test_gate_compares_with_the_champion(mock_evaluate, _start_run, eval_data):
    evaluator = ChampionChallengerEvaluator(eval_data)
    evaluator.evaluate("runs:/abc123/model", "models:/churn-classifier@champion")

    _, kwargs = mock_evaluate.call_args
    assert kwargs["baseline_model"] == "models:/churn-classifier@champion"
    assert kwargs["baseline_config"] == {"decision_threshold": 0.5}
    assert kwargs["validation_thresholds"] is THRESHOLDS
    assert kwargs["validation_thresholds"]["f1_score"].higher_is_better


def test_thresholds_point_the_right_way(eval_data):
    directions = ChampionChallengerEvaluator(eval_data).describe_thresholds()
    assert directions == {"f1_score": "maximize", "business_cost": "minimize"}


@mock.patch("mlflow.fastai.log_model")
@mock.patch("legacy.fastai_model.vision_learner")
@mock.patch("legacy.fastai_model.ImageDataLoaders")
def test_legacy_classifier_is_logged(_loaders, learner_factory, mock_log_model, tmp_path):
    train_ticket_classifier(str(tmp_path), epochs=1)
    mock_log_model.assert_called_once_with(learner_factory.return_value, "model", registered_model_name="ticket-classifier")
