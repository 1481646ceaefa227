"""Compatibility helpers: optional MLflow flavors are used only where they are installed."""
import logging

import mlflow

logger = logging.getLogger(__name__)

try:
    import mlflow.fastai

    HAS_FASTAI_FLAVOR = True
except ImportError:  # the flavor is optional
    HAS_FASTAI_FLAVOR = False

try:
    from mlflow.mleap import MLeapSerializationException
except ImportError:
    MLeapSerializationException = RuntimeError


def enable_optional_autolog() -> None:
    """Autolog every framework the environment has."""
    if HAS_FASTAI_FLAVOR:
        mlflow.fastai.autolog(log_models=False)
    else:
        logger.debug("mlflow.fastai not available; fastai runs are not autologged")
