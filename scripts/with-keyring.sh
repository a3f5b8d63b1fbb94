#!/usr/bin/env bash
# Runs a command with a usable Secret Service (the OS keychain keytar talks to on Linux).
# The tests use the real keychain, so a missing one is an error here, never a silent skip.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-keyring.sh <command> [args...]" >&2
  exit 2
fi

if [ "$(uname -s)" != "Linux" ]; then
  exec "$@"   # macOS Keychain and Windows Credential Manager need no session bus
fi

if [ "${WVPHOST_KEYRING_READY:-}" = "1" ]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is missing; install it with: apt-get install -y dbus-x11 gnome-keyring libsecret-1-dev" >&2
    exit 1
  fi
done

# A private session bus and a throw-away login keyring (its own folder, a fixed password),
# so the run never touches the user's own keyrings; both are gone when the command ends.
keyring_home="$(mktemp -d -t wvphost-keyring.XXXXXX)"
trap 'rm -rf "$keyring_home"' EXIT
status=0
dbus-run-session -- bash -c '
  set -euo pipefail
  export WVPHOST_KEYRING_READY=1
  printf "wvphost-tests" | XDG_DATA_HOME="$0" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"
' "$keyring_home" "$@" 2> >(grep --line-buffered -v -e "Failed to set fd limit" -e "^dbus-daemon\[" >&2) || status=$?
exit "$status"
