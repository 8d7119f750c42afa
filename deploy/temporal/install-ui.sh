#!/usr/bin/env bash
# Installs the Temporal Web UI server at the version docker-compose.yml runs (temporalio/ui), and
# prints its folder on stdout's last line. Progress goes to stderr.
#
#   deploy/temporal/install-ui.sh            # use, or build, the pinned UI server
#   deploy/temporal/install-ui.sh --check    # only report: exit 0 and the folder if installed, 3 if not
#
# go install github.com/temporalio/ui-server/v2/cmd/server@<pin>: the module has no replace directive
# and embeds the built web assets (ui/assets), so the binary serves the whole UI by itself. The folder
# (.tools/temporal-ui-<pin>/, git-ignored) holds `ui-server` and the module's config/ (base.yaml and the
# image's templated docker.yaml, which reads TEMPORAL_ADDRESS, TEMPORAL_UI_PORT,
# TEMPORAL_DEFAULT_NAMESPACE, ...). Nothing prebuilt is downloaded; Go's caches stay at their defaults.
#
# Exit status: 0 installed (folder printed), 3 cannot be installed here: the message names the cause.
set -euo pipefail

PIN=2.49.1             # docker-compose.yml's temporalio/ui
MODULE=github.com/temporalio/ui-server/v2
GO_MIN=1.26.2          # its go.mod

root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/temporal-ui-$PIN"
GO_SAY_PREFIX=install-ui
# shellcheck source=../lib/go-install.sh
. "$root/deploy/lib/go-install.sh"

# "Temporal UI version 2.49.1" -> 2.49.1
version_of() { "$1" --version 2>/dev/null | sed -n 's/^.* version \([0-9][0-9.]*\).*/\1/p' | head -1; }
installed() {
  [ -x "$dest/ui-server" ] && [ -f "$dest/config/docker.yaml" ] && [ "$(version_of "$dest/ui-server")" = "$PIN" ]
}

if installed; then
  echo "$dest"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  go_say "the Temporal UI server $PIN is not installed (run deploy/temporal/install-ui.sh)"
  exit 3
fi

go_require "$GO_MIN" "the Temporal UI server $PIN"
mkdir -p "$root/.tools"
exec 9>"$root/.tools/temporal-ui.lock"
if ! flock -n 9; then
  go_say "another install is building the UI server; waiting for it"
  flock 9
fi
if installed; then
  echo "$dest"
  exit 0
fi

build="$(mktemp -d "$root/.tools/temporal-ui-build.XXXXXX")"
trap 'rm -rf "$build"' EXIT
started=$(date +%s)
go_build "the Temporal UI server $PIN" "$build/bin" "$build/ui.log" "$MODULE/cmd/server@v$PIN" -ldflags "-s -w" || exit 3
built_version="$(version_of "$build/bin/server")"
if [ "$built_version" != "$PIN" ]; then
  go_say "the built UI server reports version '$built_version', not $PIN"
  exit 3
fi
module_dir="$(go mod download -json "$MODULE@v$PIN" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ ! -f "$module_dir/config/docker.yaml" ]; then
  go_say "the module $MODULE@v$PIN has no config/docker.yaml (module folder: '${module_dir:-not found}')"
  exit 3
fi
mkdir -p "$build/out/config"
mv "$build/bin/server" "$build/out/ui-server"
cp "$module_dir/config/base.yaml" "$module_dir/config/docker.yaml" "$build/out/config/"
chmod u+w "$build/out/config/"*
rm -rf "$dest"
mv "$build/out" "$dest"
go_say "installed the Temporal UI server $PIN into ${dest#"$root"/} in $(( $(date +%s) - started )) s"
echo "$dest"
