# shellcheck shell=bash
# Sourced, not run: builds pinned Go commands from the Go module proxy with `go install` (nothing
# prebuilt is downloaded), as deploy/temporal/install-cli.sh does for the CLI. Go's module and build
# caches stay at their user-level defaults, so a second build (another clone, CI) is fast.
#
#   go_require MIN_VERSION WHAT       exits 3, naming WHAT, when Go is missing or older than MIN_VERSION
#   go_build LABEL GOBIN LOG PKG@VER [go install flags...]
#                                     builds into GOBIN, progress on stderr, full output in LOG;
#                                     on failure prints the end of LOG and the likely cause, returns 3

go_say() { echo "${GO_SAY_PREFIX:-go-install}: $*" >&2; }

go_require() {
  local min="$1" what="$2" have
  if ! command -v go >/dev/null 2>&1; then
    go_say "cannot build $what: Go is not installed (Go $min or newer is needed)"
    exit 3
  fi
  have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
  if [ "$(printf '%s\n%s\n' "$min" "$have" | sort -V | head -1)" != "$min" ]; then
    go_say "cannot build $what: Go $have is too old ($what needs Go $min or newer)"
    exit 3
  fi
}

# Reads `go install -v` output: reports module downloads and compiled packages now and then.
_go_progress() {
  local label="$1" started="$2" line downloads=0 packages=0
  while IFS= read -r line; do
    case "$line" in
      "go: downloading"*) downloads=$((downloads + 1))
        [ $((downloads % 50)) -eq 1 ] && go_say "$label: downloading modules ($downloads so far)" ;;
      "go: "*) go_say "$label: $line" ;;
      *) packages=$((packages + 1))
        [ $((packages % 200)) -eq 0 ] && go_say "$label: compiled $packages packages, $(( $(date +%s) - started )) s" ;;
    esac
  done
  return 0
}

go_build() {
  local label="$1" gobin="$2" log="$3" pkg="$4" status started
  shift 4
  started=$(date +%s)
  go_say "building $label ($pkg) with $(go version | cut -d' ' -f3): minutes on a fresh machine, seconds with a warm Go cache"
  set +e
  GOBIN="$gobin" CGO_ENABLED=0 go install -v "$@" "$pkg" 2>&1 | tee "$log" | _go_progress "$label" "$started"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -ne 0 ]; then
    go_say "building $label failed (go install exit $status). The end of its output:"
    grep -v '^go: downloading' "$log" | tail -n 15 >&2 || true
    if grep -qiE 'dial tcp|no such host|proxy|connection refused|i/o timeout|410 Gone|404 Not Found' "$log"; then
      go_say "cause: a Go module could not be fetched (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
    fi
    if grep -q 'replace directives' "$log"; then
      go_say "cause: the module's go.mod has replace directives, which go install PKG@VERSION refuses"
    fi
    return 3
  fi
  go_say "built $label in $(( $(date +%s) - started )) s"
}
