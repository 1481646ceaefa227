#!/usr/bin/env bash
# Starts the AI gateway for the platform's LLM endpoints.
set -euo pipefail

export MLFLOW_DEPLOYMENTS_CONFIG="$(dirname "$0")/../gateway/config.yaml"
exec mlflow deployments start-server --host 0.0.0.0 --port 7000 --workers 2
