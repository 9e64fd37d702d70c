#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit, integration, end-to-end, in that order, stopping at the first
# failure. It runs inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so the
# keychain tests use a real Secret Service and never touch the machine's own keyring.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${COUNTER_TEST_KEYRING:-}" ]; then
  keyring_home="$(mktemp -d)"
  trap 'rm -rf "$keyring_home"' EXIT
  COUNTER_TEST_KEYRING="$keyring_home" XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash "$0" "$@"
  exit
fi

eval "$(printf counter-test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
for step in typecheck lint test:unit test:integration test:e2e; do
  echo "== npm run $step"
  npm run --silent "$step"
done
