#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose 1.29 (Python) and its
# libraries are downloaded as .deb files and unpacked with dpkg -x into .ci/tools/compose (nothing is
# installed system-wide), then `docker-compose config -q` checks the file, with .env.example's values.
set -euo pipefail
cd "$(dirname "$0")/.."
root=.ci/tools/compose
if [ ! -x "$root/usr/bin/docker-compose" ]; then
  mkdir -p "$root/debs"
  (cd "$root/debs" && apt-get download docker-compose python3-cached-property python3-distro python3-docker \
      python3-dockerpty python3-docopt python3-dotenv python3-jsonschema python3-requests python3-texttable \
      python3-websocket python3-yaml python3-urllib3 python3-idna python3-certifi python3-chardet \
      python3-charset-normalizer python3-attr python3-pyrsistent python3-six python3-packaging)
  for deb in "$root"/debs/*.deb; do dpkg -x "$deb" "$root"; done
fi
created=()
for secret in deploy/secrets/graph_client_secret deploy/secrets/entra_client_secret deploy/secrets/payload_keys; do
  if [ ! -f "$secret" ]; then echo "placeholder" > "$secret"; created+=("$secret"); fi
done
set +e
env $(grep -v '^#' .env.example | xargs) PYTHONPATH="$root/usr/lib/python3/dist-packages" \
  /usr/bin/python3 "$root/usr/bin/docker-compose" -f docker-compose.yml --profile emulator config -q
status=$?
set -e
[ ${#created[@]} -gt 0 ] && rm -f "${created[@]}"
if [ $status -ne 0 ]; then echo "docker-compose.yml is not valid" >&2; exit $status; fi
echo "docker-compose.yml is valid (docker-compose $(PYTHONPATH="$root/usr/lib/python3/dist-packages" /usr/bin/python3 "$root/usr/bin/docker-compose" version --short))"
