"""Authentication settings of the tracking server (MLflow basic-auth app) and its service users."""
import configparser
import os
from pathlib import Path

from mlflow.server import get_app_client

ADMIN_USERNAME = "admin"
SERVICE_USERS = ("training-bot", "deploy-bot")


def write_basic_auth_ini(path: Path, database_uri: str) -> Path:
    config = configparser.ConfigParser()
    config["mlflow"] = {
        "default_permission": "READ",
        "database_uri": database_uri,
        "admin_username": ADMIN_USERNAME,
        "admin_password": os.environ["MLFLOW_ADMIN_PASSWORD"],
        "authorization_function": "mlflow.server.auth:authenticate_request_basic_auth",
    }
    with path.open("w") as handle:
        config.write(handle)
    return path


def tracking_environment(username: str) -> dict:
    return {
        "MLFLOW_TRACKING_URI": os.environ.get("MLFLOW_TRACKING_URI", "http://localhost:5000"),
        "MLFLOW_TRACKING_USERNAME": username,
        "MLFLOW_TRACKING_PASSWORD": os.environ[f"{username.upper().replace('-', '_')}_PASSWORD"],
    }


def create_service_users(tracking_uri: str, experiment_id: str) -> None:
    auth_client = get_app_client("basic-auth", tracking_uri=tracking_uri)
    for username in SERVICE_USERS:
        auth_client.create_user(username=username, password=os.environ[f"{username.upper().replace('-', '_')}_PASSWORD"])
        auth_client.create_experiment_permission(experiment_id, username, "EDIT")
