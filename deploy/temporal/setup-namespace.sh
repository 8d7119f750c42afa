#!/bin/sh
# Creates the IVR namespace and registers the call search attributes. Safe to run again.
# Search attributes carry no personal data: never a phone number.
set -eu
ns="${IVR_NAMESPACE:-ivr}"
addr="${TEMPORAL_ADDRESS:-temporal:7233}"
until temporal operator cluster health --address "$addr"; do sleep 2; done
temporal operator namespace describe -n "$ns" --address "$addr" >/dev/null 2>&1 \
  || temporal operator namespace create -n "$ns" --retention 30d --address "$addr"
for attr in CallId:Keyword FlowId:Keyword FlowVersion:Keyword CallState:Keyword CurrentNode:Keyword Direction:Keyword Tenant:Keyword; do
  name="${attr%%:*}"
  type="${attr##*:}"
  temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type" --address "$addr" \
    || echo "search attribute $name already registered"
done
