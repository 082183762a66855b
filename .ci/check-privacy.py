"""Fails unless a hot-seat game under Xvfb showed the privacy screen at every handover and nothing else with it.

Reads the folder `redline play --seats A,B --autoplay --screenshot-dir DIR` wrote: `handover-NN-SEAT.png` at each
handover, `turn-NN-SEAT.png` for the first few turns. Each handover picture must be the privacy screen alone: at
least 97 % of its pixels the screen's own background (the rest is its centred words and button), so no brief,
builder, card or label of any seat is in view. Handovers must alternate between seats, and there must be at
least MIN of them (a game of several rounds hands over many times).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from importlib import import_module

pixels = import_module("check-screenshots").pixels

BACKGROUND = (24, 26, 32)


def main(folder, minimum):
    shots = sorted(f for f in os.listdir(folder) if re.match(r"handover-\d+-.+\.png$", f))
    if len(shots) < minimum:
        sys.exit(f"{len(shots)} handover screenshots in {folder}; expected at least {minimum}")
    seats = []
    for name in shots:
        width, height, channels, rows = pixels(os.path.join(folder, name))
        total = width * height
        plain = 0
        for row in rows:
            for x in range(0, width * channels, channels):
                r, g, b = row[x], row[x + 1], row[x + 2]
                if abs(r - BACKGROUND[0]) <= 6 and abs(g - BACKGROUND[1]) <= 6 and abs(b - BACKGROUND[2]) <= 6:
                    plain += 1
        share = plain / total
        if share < 0.97:
            sys.exit(f"{name}: only {share:.1%} of the picture is the privacy screen; something else is in view")
        seats.append(name.split("-", 2)[2])
    for a, b in zip(seats, seats[1:]):
        if a == b:
            sys.exit(f"two handovers in a row to {a}: the screen was handed to the team that already had it")
    print(f"privacy: {len(shots)} handovers, each showing only the privacy screen")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 4)
