#!/bin/sh
# Creates the IVR namespace and registers the call search attributes. Safe to run again: creating an
# attribute that exists succeeds.
# The attributes come from search-attributes.txt beside this script: the one list the worker also
# registers on the dev server. Search attributes carry no personal data: never a phone number.
set -eu
ns="${IVR_NAMESPACE:-ivr}"
addr="${TEMPORAL_ADDRESS:-temporal:7233}"
list="${IVR_SEARCH_ATTRIBUTES:-$(dirname "$0")/search-attributes.txt}"
temporal="${TEMPORAL_CLI:-temporal}"
tries="${IVR_SETUP_TRIES:-60}"

# Runs a command until it succeeds, at most $tries times 2 s apart; on failure shows its last output.
retry() {
  n=1
  until out="$("$@" 2>&1)"; do
    if [ "$n" -ge "$tries" ]; then
      echo "setup-namespace: failed $n times: $*" >&2
      echo "$out" >&2
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
  echo "$out"
}

retry "$temporal" operator cluster health --address "$addr"
"$temporal" operator namespace describe -n "$ns" --address "$addr" >/dev/null 2>&1 \
  || retry "$temporal" operator namespace create -n "$ns" --retention 30d --address "$addr"
# A new namespace reaches the frontend's namespace cache a few seconds after it is created; until then
# registering an attribute answers "Namespace ... is not found", so each one is retried.
sed -e 's/#.*//' "$list" | while read -r name type; do
  [ -n "$name" ] || continue
  retry "$temporal" operator search-attribute create --namespace "$ns" --name "$name" --type "$type" --address "$addr"
done
echo "namespace $ns: search attributes registered"
