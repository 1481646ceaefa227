"""Hyper-parameter search with Optuna; every trial is a nested MLflow run."""
import mlflow
import optuna
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import cross_val_score

from evaluation.metrics import MetricDirection

OBJECTIVE = MetricDirection("roc_auc", higher_is_better=True)


def objective(trial: optuna.Trial, features, target) -> float:
    params = {
        "n_estimators": trial.suggest_int("n_estimators", 50, 400),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "max_depth": trial.suggest_int("max_depth", 2, 6),
    }
    with mlflow.start_run(nested=True, run_name=f"trial-{trial.number}"):
        mlflow.log_params(params)
        score = cross_val_score(GradientBoostingClassifier(**params), features, target, scoring=OBJECTIVE.name, cv=3).mean()
        mlflow.log_metric(OBJECTIVE.name, score)
    return score


def tune(features, target, n_trials: int = 30) -> dict:
    direction = "maximize" if OBJECTIVE.higher_is_better else "minimize"
    study = optuna.create_study(direction=direction)
    with mlflow.start_run(run_name="gbc-tuning"):
        study.optimize(lambda trial: objective(trial, features, target), n_trials=n_trials)
        mlflow.log_params({f"best_{k}": v for k, v in study.best_params.items()})
        mlflow.log_metric(f"best_{OBJECTIVE.name}", study.best_value)
    return study.best_params
