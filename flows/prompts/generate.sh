#!/usr/bin/env bash
# Renders the demo prompts with espeak-ng and converts them with sox to the only format Graph's
# service-hosted media plays: WAV, 16 kHz, mono, 16-bit PCM.
# Needs: apt-get install -y espeak-ng sox. Reproducible: fixed voice, speed and pitch, no dither.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
locale="en-US"
voice="en-us"
out="$here/$locale"
mkdir -p "$out"

render() {
  local key="$1" text="$2"
  local tmp
  tmp="$(mktemp --suffix=.wav)"
  espeak-ng -v "$voice" -s 150 -p 50 -w "$tmp" "$text"
  # -D: no dither, so the same input always yields the same bytes.
  sox -D "$tmp" -r 16000 -c 1 -b 16 -e signed-integer "$out/$key.wav"
  rm -f "$tmp"
  echo "$out/$key.wav: $(soxi -D "$out/$key.wav") s"
}

render voicemail-greeting "Hello. You have reached the demo line. Please leave a message after the beep, then press pound or hang up."
render goodbye "Thank you. Goodbye."
