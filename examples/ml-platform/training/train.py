"""Train the churn classifier and log it to MLflow."""
import argparse
import logging

import mlflow
import mlflow.sklearn
import pandas as pd
from mlflow.models import infer_signature
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split

from utils.compat import enable_optional_autolog

logger = logging.getLogger(__name__)

EXPERIMENT_NAME = "churn-prediction"
REGISTERED_MODEL_NAME = "churn-classifier"
TARGET = "churned"


def load_dataset(path: str) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    return frame.dropna(subset=[TARGET])


def train(data_path: str, n_estimators: int = 200, learning_rate: float = 0.05) -> str:
    mlflow.set_experiment(EXPERIMENT_NAME)
    mlflow.sklearn.autolog(log_models=False, log_input_examples=True)
    enable_optional_autolog()

    frame = load_dataset(data_path)
    features = frame.drop(columns=[TARGET])
    target = frame[TARGET]
    x_train, x_test, y_train, y_test = train_test_split(
        features, target, test_size=0.2, random_state=42, stratify=target
    )

    with mlflow.start_run(run_name="gbc-train") as run:
        model = GradientBoostingClassifier(n_estimators=n_estimators, learning_rate=learning_rate)
        model.fit(x_train, y_train)

        predictions = model.predict(x_test)
        mlflow.log_metrics(
            {
                "test_accuracy": accuracy_score(y_test, predictions),
                "test_f1": f1_score(y_test, predictions),
                "test_roc_auc": roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]),
            }
        )
        signature = infer_signature(x_test, predictions)
        model_info = mlflow.sklearn.log_model(
            model,
            artifact_path="model",
            signature=signature,
            registered_model_name=REGISTERED_MODEL_NAME,
        )
        logger.info("logged %s in run %s", model_info.model_uri, run.info.run_id)
    return model_info.model_uri


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_path")
    parser.add_argument("--n-estimators", type=int, default=200)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    args = parser.parse_args()
    print(train(args.data_path, args.n_estimators, args.learning_rate))
