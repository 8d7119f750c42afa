#!/bin/sh
# Creates the IVR namespace and registers the call search attributes. Safe to run again.
# The attributes come from search-attributes.txt beside this script: the one list the worker also
# registers on the dev server. Search attributes carry no personal data: never a phone number.
set -eu
ns="${IVR_NAMESPACE:-ivr}"
addr="${TEMPORAL_ADDRESS:-temporal:7233}"
list="${IVR_SEARCH_ATTRIBUTES:-$(dirname "$0")/search-attributes.txt}"
temporal="${TEMPORAL_CLI:-temporal}"
until "$temporal" operator cluster health --address "$addr"; do sleep 2; done
"$temporal" operator namespace describe -n "$ns" --address "$addr" >/dev/null 2>&1 \
  || "$temporal" operator namespace create -n "$ns" --retention 30d --address "$addr"
sed -e 's/#.*//' "$list" | while read -r name type; do
  [ -n "$name" ] || continue
  "$temporal" operator search-attribute create --namespace "$ns" --name "$name" --type "$type" --address "$addr" \
    || echo "search attribute $name already registered"
done
