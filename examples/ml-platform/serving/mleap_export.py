"""Export the Spark feature pipeline for the JVM scoring service."""
import mlflow
from mleap.pyspark.spark_support import SimpleSparkSerializer  # noqa: F401 (adds serializeToBundle)
from mlflow import mleap
from pyspark.ml import PipelineModel


def log_feature_pipeline(pipeline_model: PipelineModel, sample_df, artifact_path: str = "feature-pipeline") -> None:
    with mlflow.start_run(run_name="export-feature-pipeline"):
        mleap.log_model(spark_model=pipeline_model, sample_input=sample_df, artifact_path=artifact_path)


def save_feature_pipeline(pipeline_model: PipelineModel, sample_df, path: str) -> None:
    mlflow.mleap.save_model(pipeline_model, path, sample_input=sample_df)


def export_bundle(pipeline_model: PipelineModel, sample_df, path: str) -> None:
    """Plain MLeap bundle for the scoring service (no MLflow involved)."""
    pipeline_model.serializeToBundle(f"jar:file:{path}", pipeline_model.transform(sample_df))
