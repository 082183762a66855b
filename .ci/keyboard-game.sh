#!/usr/bin/env bash
# A whole game in the window with the keyboard alone: Enter through the title and the scenario, 1 for Ukraine's
# seat, then at the table only keys (Down/Right/Left/Up to move through the package, Enter to propose, A to accept, R to reject
# with a reason typed after E, T to write a statement, K and S to speak, P to pass), until the talks end; Q quits from the debrief.
# Passes when the window closes after Q and its recording has an outcome, the person's moves of every kind pressed,
# and verifies with `redline replay --verify`.
# Usage: keyboard-game.sh BINARY [WIDTHxHEIGHT]
set -euo pipefail
bin=$1
size=${2:-1024x600}
home=$(mktemp -d)
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 "${size}x24" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; [ -n "${game:-}" ] && kill "$game" 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
HOME=$home XDG_DATA_HOME=$home XDG_RUNTIME_DIR=$home "$bin" play --seed 7 >"$home/log" 2>&1 &
game=$!
for _ in $(seq 1 60); do
  window=$(xdotool search --name '^Redline$' 2>/dev/null | head -1 || true)
  [ -n "$window" ] && break
  sleep 0.5
done
[ -n "$window" ] || { echo "the window did not open"; cat "$home/log"; exit 1; }
xdotool windowsize "$window" "${size%x*}" "${size#*x}" windowmove "$window" 0 0
sleep 1
recording() { ls "$home"/redline/replays/*.ron 2>/dev/null | head -1; }
# Whether the talks have ended: the recording carries the outcome.
ended() { local f; f=$(recording || true); [ -n "$f" ] && grep -q 'outcome: Some(' "$f"; }
# Presses keys one by one, and no more once the talks have ended (the debrief's keys are pressed apart).
press() {
  xdotool windowfocus "$window" 2>/dev/null || true
  for k in "$@"; do
    [ "${playing:-no}" = yes ] && ended && return 0
    xdotool key "$k"; sleep 0.35
  done
}
# Types words into the text box that has the keys, unless the talks have ended.
typed() { ended || xdotool type --delay 30 "$1"; }
xdotool mousemove 0 0
press Return Return 1
sleep 1
playing=yes
over=""
for cycle in $(seq 1 ${CYCLES:-400}); do
  case $((cycle % 4)) in
    0) press k t; sleep 0.6
       typed "We came for a ceasefire"; press Return s ;;
    1) press Down Right Left Up Return ;;
    2) press a ;;
    3) press e; sleep 0.6; typed "No ceasefire in it"; press Return r p ;;
  esac
  f=$(recording || true)
  if [ -n "$f" ] && grep -q 'outcome: Some(' "$f"; then over=$f; break; fi
  if ! kill -0 "$game" 2>/dev/null; then echo "the game closed before the talks ended"; cat "$home/log"; exit 1; fi
done
[ -n "$over" ] || {
  echo "the talks did not end after ${CYCLES:-400} rounds of keys; the screen is in $home/stuck.png"
  import -window root "$home/stuck.png" 2>/dev/null || true
  ls -R "$home" | head -20
  exit 1
}
playing=no
sleep 3
press q
for _ in $(seq 1 20); do kill -0 "$game" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$game" 2>/dev/null; then echo "Q on the debrief did not close the window"; exit 1; fi
wait "$game"
# Every kind of move made from the keys reached the table as the person's.
moves=$(grep -A1 'by: Person' "$over" | grep -o 'command: [A-Za-z]*' | sort | uniq -c)
for kind in Statement Propose Reject Pass; do
  echo "$moves" | grep -q "command: $kind" || { echo "no $kind by the person in the recording:"; echo "$moves"; exit 1; }
done
# The game played by keys replays to the same state, round by round.
"$bin" replay "$over" --verify >/dev/null || { echo "the keyboard game's recording does not verify"; exit 1; }
echo "keyboard-only game: $(grep -o 'outcome: Some("[a-z_]*")' "$over") in $(basename "$over"), verified; the person's moves:"
echo "$moves"
