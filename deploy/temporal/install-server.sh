#!/usr/bin/env bash
# Installs the pinned Temporal server and its SQL schema tool, and prints the folder
# that holds them on stdout's last line. Progress goes to stderr.
#
#   deploy/temporal/install-server.sh            # use, or build, the pinned server
#   deploy/temporal/install-server.sh --check    # only report: exit 0 and the folder if installed, 3 if not
#
# The folder (.tools/temporal-server-<pin>/, git-ignored) holds:
#   temporal-server      go install go.temporal.io/server/cmd/server@<pin>
#   temporal-sql-tool    go install go.temporal.io/server/cmd/tools/sql@<pin> (the SQL schemas are
#                        embedded in it: setup-postgres-schema.sh uses --schema-name)
# These are the binaries of the temporalio/server and temporalio/admin-tools images docker-compose.yml runs.
# Nothing prebuilt is downloaded; Go's caches stay at their user-level defaults.
#
# Exit status: 0 installed (folder printed), 3 cannot be installed here (no Go, an old Go, a module
# that cannot be fetched, a failed build): the message names the cause. Safe to run again and
# concurrently.
set -euo pipefail

PIN=1.31.2
MODULE=go.temporal.io/server
GO_MIN=1.26.4          # the server's go.mod

root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/temporal-server-$PIN"
GO_SAY_PREFIX=install-server
# shellcheck source=../lib/go-install.sh
. "$root/deploy/lib/go-install.sh"

# "temporal version 1.31.2" -> 1.31.2
version_of() { "$1" --version 2>/dev/null | sed -n 's/^.* version \([0-9][0-9.]*\).*/\1/p' | head -1; }

installed() {
  [ -x "$dest/temporal-server" ] && [ -x "$dest/temporal-sql-tool" ] \
    && [ "$(version_of "$dest/temporal-server")" = "$PIN" ]
}

if installed; then
  echo "$dest"
  exit 0
fi
if [ "${1:-}" = "--check" ]; then
  go_say "the Temporal server $PIN is not installed (run deploy/temporal/install-server.sh)"
  exit 3
fi

go_require "$GO_MIN" "the Temporal server $PIN"
mkdir -p "$root/.tools"
exec 9>"$root/.tools/temporal-server.lock"
if ! flock -n 9; then
  go_say "another install is building the server; waiting for it"
  flock 9
fi
if installed; then
  echo "$dest"
  exit 0
fi

build="$(mktemp -d "$root/.tools/temporal-server-build.XXXXXX")"
trap 'rm -rf "$build"' EXIT
started=$(date +%s)
go_build "the Temporal server $PIN" "$build/bin" "$build/server.log" "$MODULE/cmd/server@v$PIN" -ldflags "-s -w" || exit 3
go_build "the Temporal SQL tool $PIN" "$build/bin" "$build/sql.log" "$MODULE/cmd/tools/sql@v$PIN" -ldflags "-s -w" || exit 3
built_version="$(version_of "$build/bin/server")"
if [ "$built_version" != "$PIN" ]; then
  go_say "the built server reports version '$built_version', not $PIN"
  exit 3
fi
mkdir -p "$build/out"
mv "$build/bin/server" "$build/out/temporal-server"
mv "$build/bin/sql" "$build/out/temporal-sql-tool"
rm -rf "$dest"
mv "$build/out" "$dest"
go_say "installed the Temporal server $PIN and its SQL tool into ${dest#"$root"/} in $(( $(date +%s) - started )) s"
echo "$dest"
