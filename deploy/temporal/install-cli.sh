#!/usr/bin/env bash
# Installs the pinned Temporal CLI (its `server start-dev` is the project's default Temporal: SQLite and
# the Web UI) and prints the path of a usable `temporal` on stdout's last line. Progress goes to stderr.
#
#   deploy/temporal/install-cli.sh            # use, or build, the pinned CLI
#   deploy/temporal/install-cli.sh --check    # only report: exit 0 and the path if usable, 3 if not
#
# Order: a `temporal` on PATH at the pinned minor version is used as it is; else the one built earlier
# into .tools/ (git-ignored); else it is built from source with the Go toolchain
# (go install github.com/temporalio/cli/cmd/temporal@<pin>, as the release does: CGO off, version stamped).
# Nothing prebuilt is downloaded. Go's module and build caches stay at their user-level defaults, so a
# second build (another clone, CI) takes seconds.
#
# Exit status: 0 usable (path printed), 3 cannot be installed here (no Go, an old Go, a module that
# cannot be fetched, a failed build): the message names the cause. Safe to run again and concurrently.
set -euo pipefail

PIN=1.5.1              # brings Temporal server 1.29.1 and Web UI 2.42.1
PIN_MINOR=1.5
MODULE=github.com/temporalio/cli/cmd/temporal
GO_MIN=1.25            # the CLI's go.mod

root="$(cd "$(dirname "$0")/../.." && pwd)"
dest="$root/.tools/temporal-cli-$PIN"
bin="$dest/temporal"
check_only=no
[ "${1:-}" = "--check" ] && check_only=yes

say() { echo "install-cli: $*" >&2; }

# "temporal version 1.5.1 (Server 1.29.1, UI 2.42.1)" -> 1.5.1
version_of() { "$1" --version 2>/dev/null | sed -n 's/^temporal version \([0-9][0-9.]*\).*/\1/p' | head -1; }

usable_on_path() {
  local found v
  found="$(command -v temporal 2>/dev/null)" || return 1
  v="$(version_of "$found")"
  case "$v" in "$PIN_MINOR" | "$PIN_MINOR".*) echo "$found" ;; *) return 1 ;; esac
}

if p="$(usable_on_path)"; then
  say "using $p ($("$p" --version))"
  echo "$p"
  exit 0
fi
if [ -x "$bin" ] && [ "$(version_of "$bin")" = "$PIN" ]; then
  echo "$bin"
  exit 0
fi
if [ "$check_only" = yes ]; then
  say "the Temporal CLI $PIN is not installed (run deploy/temporal/install-cli.sh)"
  exit 3
fi

if ! command -v go >/dev/null 2>&1; then
  say "cannot build the Temporal CLI: Go is not installed (Go $GO_MIN or newer is needed), and no temporal $PIN_MINOR.x is on PATH"
  exit 3
fi
go_version="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
if [ "$(printf '%s\n%s\n' "$GO_MIN" "$go_version" | sort -V | head -1)" != "$GO_MIN" ]; then
  say "cannot build the Temporal CLI: Go $go_version is too old (the CLI $PIN needs Go $GO_MIN or newer)"
  exit 3
fi

mkdir -p "$root/.tools"
exec 9>"$root/.tools/temporal-cli.lock"
if ! flock -n 9; then
  say "another install is building the CLI; waiting for it"
  flock 9
fi
# the other install may have finished it
if [ -x "$bin" ] && [ "$(version_of "$bin")" = "$PIN" ]; then
  echo "$bin"
  exit 0
fi

build="$(mktemp -d "$root/.tools/temporal-cli-build.XXXXXX")"
log="$build/build.log"
trap 'rm -rf "$build"' EXIT
say "building the Temporal CLI $PIN from source with $(go version | cut -d' ' -f3) (a few minutes on a fresh machine, seconds with a warm Go cache)"
started=$(date +%s)
progress() {
  local line downloads=0 packages=0
  while IFS= read -r line; do
    case "$line" in
      "go: downloading"*) downloads=$((downloads + 1))
        [ $((downloads % 50)) -eq 1 ] && say "downloading modules ($downloads so far)" ;;
      "go: "*) say "$line" ;;
      *) packages=$((packages + 1))
        [ $((packages % 100)) -eq 0 ] && say "compiled $packages packages, $(( $(date +%s) - started )) s" ;;
    esac
  done
  return 0
}
set +e
GOBIN="$build/bin" CGO_ENABLED=0 \
  go install -v -ldflags "-s -w -X github.com/temporalio/cli/temporalcli.Version=$PIN" "$MODULE@v$PIN" 2>&1 \
  | tee "$log" | progress
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ] || [ ! -x "$build/bin/temporal" ]; then
  say "building the Temporal CLI $PIN failed (go install exit $status). The end of its output:"
  grep -v '^go: downloading' "$log" | tail -n 15 >&2 || true
  if grep -qiE 'dial tcp|no such host|proxy|connection refused|i/o timeout|410 Gone|404 Not Found' "$log"; then
    say "cause: a Go module could not be fetched (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
  fi
  exit 3
fi
built_version="$(version_of "$build/bin/temporal")"
if [ "$built_version" != "$PIN" ]; then
  say "the built CLI reports version '$built_version', not $PIN"
  exit 3
fi
rm -rf "$dest"
mkdir -p "$dest"
mv "$build/bin/temporal" "$bin"
say "installed $("$bin" --version) into ${bin#"$root"/} in $(( $(date +%s) - started )) s"
echo "$bin"
