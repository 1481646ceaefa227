"""A thin service over the MLflow Model Registry, used by the deployment jobs."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Optional

import mlflow
from mlflow.entities.model_registry import ModelVersion
from mlflow.exceptions import MlflowException

logger = logging.getLogger(__name__)


@dataclass
class PromotionResult:
    name: str
    version: str
    previous_version: Optional[str]


class ModelRegistryService:
    def __init__(self, tracking_uri: Optional[str] = None, registry_uri: Optional[str] = None):
        self.client = mlflow.tracking.MlflowClient(tracking_uri=tracking_uri, registry_uri=registry_uri)

    def latest_version(self, name: str) -> Optional[ModelVersion]:
        versions = self.client.search_model_versions(f"name='{name}'")
        if not versions:
            return None
        return max(versions, key=lambda v: int(v.version))

    def training_metrics(self, version: ModelVersion) -> dict:
        run = self.client.get_run(version.run_id)
        return dict(run.data.metrics)

    def champion_uri(self, name: str, alias: str = "champion") -> Optional[str]:
        try:
            version = self.client.get_model_version_by_alias(name, alias)
        except MlflowException:
            logger.info("no %s alias on %s yet", alias, name)
            return None
        return f"models:/{name}@{alias}"

    def promote(self, name: str, version: str, alias: str = "champion") -> PromotionResult:
        previous = None
        try:
            previous = self.client.get_model_version_by_alias(name, alias).version
        except MlflowException:
            pass
        self.client.set_registered_model_alias(name, alias, version)
        self.client.transition_model_version_stage(name, version, stage="Production", archive_existing_versions=True)
        return PromotionResult(name, version, previous)
