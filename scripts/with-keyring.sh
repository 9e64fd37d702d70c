#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring, so
# keychain code meets a real Secret Service and never the machine's own keyring:
#   bash scripts/with-keyring.sh npx vitest run --project integration test/integration/secrets
set -euo pipefail

if [ -z "${COUNTER_TEST_KEYRING:-}" ]; then
  keyring_home="$(mktemp -d)"
  trap 'rm -rf "$keyring_home"' EXIT
  COUNTER_TEST_KEYRING="$keyring_home" XDG_DATA_HOME="$keyring_home" dbus-run-session -- bash "$0" "$@"
  exit
fi

eval "$(printf counter-test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
