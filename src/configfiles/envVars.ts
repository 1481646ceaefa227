import type { Applicability } from '../engine/types.js';

/**
 * Environment variables MLflow 3 renamed, dropped or changed (catalogue #16, #45–#53, #64), with
 * what to do about each where it is set or read.
 */
export interface EnvVarSpec {
  name: string;
  code: string;
  message: string;
  help: string;
  /** The new name, for a rename fix. */
  renameTo?: string;
  /** The variable does nothing any more: its definition can go. */
  removable?: boolean;
  /**
   * When the finding applies (and how safe the fix is), from what the file runs:
   * `start-server` (safe with `mlflow deployments start-server` in the file, unsafe elsewhere),
   * `models-serve-only` (only files that run `mlflow models serve` and not `mlflow server`),
   * `server` (files that run `mlflow server` / `mlflow models serve`).
   */
  context?: 'start-server' | 'models-serve-only' | 'server';
  applicability?: Applicability;
}

export const ENV_VARS: EnvVarSpec[] = [
  {
    name: 'MLFLOW_GCS_DEFAULT_TIMEOUT', code: 'MLF602', renameTo: 'MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT', applicability: 'unsafe',
    message: '`MLFLOW_GCS_DEFAULT_TIMEOUT` was removed in MLflow 3.0 and is ignored',
    help: 'Use `MLFLOW_ARTIFACT_UPLOAD_DOWNLOAD_TIMEOUT` (same seconds, `-1` for no timeout; it applies to every artifact store)',
  },
  {
    name: 'MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE', code: 'MLF603',
    message: '`MLFLOW_ALLOW_FILE_URI_AS_MODEL_VERSION_SOURCE` does nothing since MLflow 2.10: the server rejects local model version sources',
    help: 'Register model versions from `runs:/`, `models:/` or artifact-store URIs',
  },
  {
    name: 'MLFLOW_OPENAI_RETRIES_ENABLED', code: 'MLF604', removable: true, applicability: 'safe',
    message: '`MLFLOW_OPENAI_RETRIES_ENABLED` does nothing since MLflow 2.11',
    help: 'Remove the setting',
  },
  {
    name: 'MLFLOW_WORKERS', code: 'MLF605', renameTo: 'MLFLOW_MODELS_WORKERS', context: 'models-serve-only', applicability: 'safe',
    message: '`MLFLOW_WORKERS` no longer sets the workers of `mlflow models serve` (MLflow 2.22); it only feeds `mlflow server`',
    help: 'Rename to `MLFLOW_MODELS_WORKERS`',
  },
  {
    name: 'MLFLOW_DEPLOYMENTS_CONFIG', code: 'MLF606', renameTo: 'MLFLOW_GATEWAY_CONFIG', context: 'start-server',
    message: '`MLFLOW_DEPLOYMENTS_CONFIG` configured `mlflow deployments start-server`, removed in MLflow 3.0; `mlflow gateway start` reads `MLFLOW_GATEWAY_CONFIG`',
    help: 'Rename to `MLFLOW_GATEWAY_CONFIG`',
  },
  {
    name: 'MLFLOW_OPENAI_SECRET_SCOPE', code: 'MLF615',
    message: '`MLFLOW_OPENAI_SECRET_SCOPE` is deprecated (still read in MLflow 3.4)',
    help: 'Pass the OpenAI credentials through Databricks secrets-based environment variables',
  },
  ...['MLFLOW_RECIPES_PROFILE', 'MLFLOW_RECIPES_EXECUTION_DIRECTORY', 'MLFLOW_RECIPES_EXECUTION_TARGET_STEP_NAME'].map((name) => ({
    name, code: 'MLF204',
    message: `\`${name}\` configured MLflow Recipes, removed in MLflow 3.0; it does nothing`,
    help: 'Replace the recipe with plain tracking and registry code, or pin `mlflow<3`',
  })),
];

/** GUNICORN_CMD_ARGS: judged by what the file runs (MLF609 for `mlflow server`, MLF610 for `mlflow models serve`). */
export const GUNICORN_CMD_ARGS = 'GUNICORN_CMD_ARGS';

/** MLF607: `mlflow.transformers.load_model` placed models with `device_map` by default until MLflow 2.16. */
export const DEVICE_MAP_VARIABLE = 'MLFLOW_HUGGINGFACE_USE_DEVICE_MAP';
/** MLF608: the variables that turn MLflow 3.2+ usage telemetry off (`mlflow/telemetry/utils.py`). */
export const TELEMETRY_OPT_OUTS: readonly string[] = ['MLFLOW_DISABLE_TELEMETRY', 'DO_NOT_TRACK'];
/**
 * Variables whose setting anywhere in the project decides a project-level check (MLF607, MLF608):
 * files name them in their facts (`envNames`), configuration files and Python modules alike.
 */
export const PROJECT_ENV_NAMES: readonly string[] = [DEVICE_MAP_VARIABLE, ...TELEMETRY_OPT_OUTS];

/**
 * A value MLflow reads as "not set": `DO_NOT_TRACK` disables telemetry only when it is `true` (any
 * case; `os.environ.get("DO_NOT_TRACK", "false").lower() == "true"` in 3.4), so the common
 * `DO_NOT_TRACK=1` leaves MLflow's telemetry on.
 */
export function ignoredValue(name: string, value: string): boolean {
  return name === 'DO_NOT_TRACK' && value.trim().toLowerCase() !== 'true';
}

export const WATCHED_NAMES = new Set([...ENV_VARS.map((v) => v.name), GUNICORN_CMD_ARGS, 'MLFLOW_FLASK_SERVER_SECRET_KEY', ...PROJECT_ENV_NAMES]);
