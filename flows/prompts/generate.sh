#!/usr/bin/env bash
# Renders every prompt of prompts.tsv (locale, key, text) with espeak-ng and converts it with sox to
# the only format Graph's service-hosted media plays: WAV, 16 kHz, mono, 16-bit PCM, into
# <locale>/<key>.wav. Reproducible: fixed voice, speed and pitch, no dither.
# Needs: apt-get install -y espeak-ng sox
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"

voice_of() {
  case "$1" in
    en-US) echo en-us ;;
    fr-FR) echo fr-fr ;;
    *) echo "no espeak-ng voice configured for locale $1" >&2; exit 1 ;;
  esac
}

while IFS=$'\t' read -r locale key text; do
  [[ -z "$locale" || "$locale" == \#* ]] && continue
  mkdir -p "$here/$locale"
  tmp="$(mktemp --suffix=.wav)"
  espeak-ng -v "$(voice_of "$locale")" -s 150 -p 50 -w "$tmp" "$text"
  # -D: no dither, so the same input always yields the same bytes.
  sox -D "$tmp" -r 16000 -c 1 -b 16 -e signed-integer "$here/$locale/$key.wav"
  rm -f "$tmp"
  echo "$locale/$key.wav: $(soxi -D "$here/$locale/$key.wav") s"
done < "$here/prompts.tsv"
