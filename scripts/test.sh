#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit, integration, end-to-end, in that order, stopping at the first
# failure, inside a throwaway keyring (scripts/with-keyring.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

exec bash scripts/with-keyring.sh bash -c '
  set -euo pipefail
  for step in typecheck lint test:unit test:integration test:e2e; do
    echo "== npm run $step"
    npm run --silent "$step"
  done'
