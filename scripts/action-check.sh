#!/usr/bin/env bash
# The GitHub Action's check step (action.yml), kept as a script so tests can run the same command line.
# Inputs arrive as INPUT_* environment variables; the tool is run from the action's own checkout.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

args=(check)
read -r -a paths <<< "${INPUT_PATH:-.}"
args+=("${paths[@]}")
# Inputs left empty leave the setting to the project's configuration ([tool.mlflow-migrate]), then the tool's default.
[ -n "${INPUT_TARGET_VERSION:-}" ] && args+=(--target-version "$INPUT_TARGET_VERSION")
[ -n "${INPUT_SOURCE_VERSION:-}" ] && args+=(--source-version "$INPUT_SOURCE_VERSION")
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
args+=(--format "${INPUT_FORMAT:-github}")
[ -n "${INPUT_SARIF_FILE:-}" ] && args+=(--output-sarif "$INPUT_SARIF_FILE")
if [ -n "${INPUT_ARGS:-}" ]; then
  read -r -a extra <<< "$INPUT_ARGS"
  args+=("${extra[@]}")
fi

exec node "$here/bin/mlflow-migrate.cjs" "${args[@]}"
