#!/usr/bin/env bash
# Builds what it needs, then starts the whole system on its embedded defaults (Temporal test server,
# Graph emulator, worker, api), places a demo call and prints its outcome. Ctrl-C stops it.
# Options: --no-demo, --exit-after-demo, --recordings-dir=DIR (default ./recordings)
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -Dmaven.test.skip=true -pl launcher -am package
exec java -jar launcher/target/ivr-launcher-exec.jar "$@"
