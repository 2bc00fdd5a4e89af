#!/bin/sh
# Generates src/sounds/alarm.oga, the alarm's fallback sound for systems
# without a sound theme: three rising two-tone beeps, about 1.5 s, mono
# Ogg Vorbis. Needs sox with its Ogg format (Debian: sox libsox-fmt-base).
# The result is committed; run again only to change the sound.
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/src/sounds/alarm.oga"
sox -n -r 44100 -c 1 -C 3 -t ogg "$out" \
  synth 0.18 sine 880 : synth 0.07 sine 0 : synth 0.18 sine 1175 : synth 0.15 sine 0 : \
  synth 0.18 sine 880 : synth 0.07 sine 0 : synth 0.18 sine 1175 : synth 0.15 sine 0 : \
  synth 0.18 sine 880 : synth 0.07 sine 0 : synth 0.18 sine 1175 \
  fade 0.005 -0 0.02 gain -6
echo "wrote $out"
