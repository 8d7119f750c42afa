#!/usr/bin/env bash
# Starts the whole system on its development defaults and places a demo call: the Temporal CLI's dev
# server (SQLite in .state/dev, with the Temporal Web UI), the Graph emulator, the worker and the api.
# It prints every address and the demo call's outcome, then serves until Ctrl-C. Run it again to
# resume the calls that were in flight.
# Options: --fresh (wipe .state/dev first), --temporal=dev-server|test-server|external=HOST:PORT[/NS],
#          --state-dir=DIR, --no-demo, --exit-after-demo, --recordings-dir=DIR (default ./recordings)
# Payloads are encrypted with the development key in .state/dev/payload-keys (made on first run, kept by
# --fresh), or with IVR_PAYLOAD_KEYS / IVR_PAYLOAD_KEYS_FILE when set. Recording URLs (playback, download
# links) are signed with a key made anew each run and given to worker and api (or IVR_MEDIA_SIGNING_KEY[_FILE]).
set -euo pipefail
cd "$(dirname "$0")"
temporal=dev-server
for arg in "$@"; do
  case "$arg" in --temporal=*) temporal="${arg#--temporal=}" ;; esac
done
extra=()
if [ "$temporal" = dev-server ]; then
  # the pinned Temporal CLI: on PATH, built earlier into .tools/, or built now from its Go module
  if cli="$(deploy/temporal/install-cli.sh)"; then
    export IVR_TEMPORAL_CLI="$cli"
  else
    echo "!!! The Temporal CLI could not be installed (the reason is above): falling back to the Java test server." >&2
    echo "!!! Calls will NOT be durable and there will be NO Temporal Web UI. Use --temporal=test-server to choose this on purpose." >&2
    extra+=(--temporal=test-server)
  fi
fi
mvn -q -B -Dmaven.test.skip=true -pl launcher -am package
exec java -jar launcher/target/ivr-launcher-exec.jar "$@" "${extra[@]}"
