#!/usr/bin/env python3
"""A mutation corpus against the built `redline` binary: edited copies of the shipped files, each through the
commands a user would run on them, with a time limit per command. It prints a table of what became of them.

    python3 fuzz/mutants.py --binary target/release/redline --scenarios 100000 --replays 20000 --jobs 2

Scenario mutants go through `check` (10 s) and, when accepted, `simulate --runs 20` (20 s). Replay mutants go
through `replay`, `replay --verify` and `replay --fork-at 2 --seat ukraine` (20 s each); save mutants are put
in a save slot as its newest save, the untouched save as the previous one, and continued with
`play --continue` (20 s). Every run is the same for the same --seed. Inputs that panic, hang or are refused
without a place are kept in --keep for a test to reproduce.
"""

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

ODD = ["1e308", "-1e308", "NaN", "inf", "-inf", "-0", "18446744073709551616", "4294967296", "-1",
       "0.5e-320", "99999999999999999999999999", "1e-9", "0x10", "00"]

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def mutate(text: bytes, rng: random.Random) -> bytes:
    """One edit, as a mutation fuzzer makes them."""
    if not text:
        return text
    lines = text.split(b"\n")
    kind = rng.randrange(13)
    at = rng.randrange(len(text))
    line = rng.randrange(len(lines))
    if kind == 0:  # flip a bit of a byte
        b = bytearray(text)
        b[at] ^= 1 << rng.randrange(8)
        return bytes(b)
    if kind == 1:  # delete a line
        return b"\n".join(lines[:line] + lines[line + 1:])
    if kind == 2:  # duplicate a line (in a map: a key written twice)
        return b"\n".join(lines[:line + 1] + lines[line:])
    if kind == 3:  # a huge or odd number in place of a number
        nums = list(re.finditer(rb"-?\d+(\.\d+)?", text))
        if not nums:
            return text
        m = rng.choice(nums)
        return text[:m.start()] + rng.choice(ODD).encode() + text[m.end():]
    if kind == 4:  # remove a field
        keys = list(re.finditer(rb"\b[a-z_]+: ", text))
        if not keys:
            return text
        m = rng.choice(keys)
        end = text.find(b",", m.end())
        end = len(text) if end < 0 else end + 1
        return text[:m.start()] + text[end:]
    if kind == 5:  # rename an id where it is defined, leaving what refers to it
        ids = list(re.finditer(rb'id: "([a-z0-9_]+)"', text))
        if not ids:
            return text
        m = rng.choice(ids)
        new = rng.choice([b"renamed", m.group(1) + b"_x", b"", b"UPPER", m.group(1) * 3])
        return text[:m.start(1)] + new + text[m.end(1):]
    if kind == 6:  # a very long string inside a string
        quotes = [m.start() for m in re.finditer(rb'"', text)]
        if not quotes:
            return text
        q = rng.choice(quotes) + 1
        return text[:q] + b"a" * rng.choice([300, 2500, 70000, 300000]) + text[q:]
    if kind == 7:  # many items: a line repeated many times
        return b"\n".join(lines[:line] + [lines[line]] * rng.choice([20, 600, 5000]) + lines[line + 1:])
    if kind == 8:  # CRLF line ends
        return text.replace(b"\n", b"\r\n")
    if kind == 9:  # bytes that are not UTF-8
        return text[:at] + bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 4))) + text[at:]
    if kind == 10:  # cut the file short
        return text[:at]
    if kind == 11:  # swap two lines
        other = rng.randrange(len(lines))
        lines[line], lines[other] = lines[other], lines[line]
        return b"\n".join(lines)
    # a random byte put in
    return text[:at] + bytes([rng.randrange(256)]) + text[at:]


def mutant(text: bytes, seed: int, index: int) -> bytes:
    rng = random.Random(f"{seed}:{index}")
    for _ in range(rng.randrange(1, 4)):
        text = mutate(text, rng)
    return text


def run(binary, args, limit, stdin=b"", env=None):
    """(status, stderr) of one run: status is the exit code, or 'hang' past the limit."""
    try:
        p = subprocess.run([binary] + args, input=stdin, capture_output=True, timeout=limit, env=env)
    except subprocess.TimeoutExpired:
        return "hang", b""
    return p.returncode, p.stderr


def located(stderr: bytes, name: str) -> bool:
    """A refusal names its place: `file:line:col`, or the file and the field or round it is about."""
    text = stderr.decode("utf-8", "replace")
    if re.search(re.escape(name) + r":\d+:\d+", text):
        return True
    return bool(re.search(re.escape(name) + r"(: | at |, )(round \d+|[a-z_]+(\[\d+\])?[.: ]|line \d+|the file is)", text))


def verdict(status, stderr, name):
    if status == "hang":
        return "hang"
    if status == 101 or b"panicked at" in stderr:
        return "panic"
    if status == 0:
        return "accepted"
    return "refused, located" if located(stderr, name) else "refused, not located"


def scenario_job(job):
    binary, seed, index, source, keep = job
    text = open(source, "rb").read()
    data = mutant(text, seed, index)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "mutant.ron")
        open(path, "wb").write(data)
        status, err = run(binary, ["check", path], 10)
        v = verdict(status, err, path)
        if v == "accepted":
            status, err = run(binary, ["simulate", "--scenario", path, "--runs", "20"], 20)
            v = verdict(status, err, path)
            v = "accepted and simulated" if v == "accepted" else "simulate: " + v
        if v not in ("accepted and simulated", "refused, located"):
            keep_input(keep, "scenario", v, data, err)
        return v


def replay_job(job):
    binary, seed, index, source, keep = job
    text = open(source, "rb").read()
    data = mutant(text, seed, index)
    verdicts = []
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, XDG_DATA_HOME=d, HOME=d)
        path = os.path.join(d, "mutant.ron")
        open(path, "wb").write(data)
        for args in (["replay", path], ["replay", path, "--verify"],
                     ["replay", path, "--fork-at", "2", "--seat", "ukraine", "--record", os.path.join(d, "fork.ron")]):
            status, err = run(binary, args, 20, env=env)
            v = verdict(status, err, path)
            verdicts.append(v)
            if v not in ("accepted", "refused, located"):
                keep_input(keep, "replay-" + args[-1].rsplit("/", 1)[-1], v, data, err)
    return verdicts


def save_job(job):
    binary, seed, index, source, keep = job
    text = open(source, "rb").read()
    data = mutant(text, seed, index)
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, XDG_DATA_HOME=d, HOME=d)
        saves = os.path.join(d, "redline", "saves")
        os.makedirs(saves)
        latest = os.path.join(saves, "istanbul-2025-ukraine-1.ron")
        open(latest, "wb").write(data)
        open(os.path.join(saves, "istanbul-2025-ukraine-1.prev.ron"), "wb").write(text)
        status, err = run(binary, ["play", "--continue", "1"], 20, env=env)
        v = verdict(status, err, latest)
        if v == "accepted":
            v = "continued from the previous save" if b"previous" in err or b"prev.ron" in err else "continued"
        # Nothing saved is lost: the slot still holds a save that loads.
        left = [f for f in os.listdir(saves) if f.endswith(".ron")]
        if not left and v.startswith("continued"):
            v = "lost the save"
        if v not in ("continued", "continued from the previous save", "refused, located"):
            keep_input(keep, "save", v, data, err)
        return v


def keep_input(keep, kind, verdict_, data, err):
    if not keep:
        return
    folder = os.path.join(keep, kind, verdict_.replace(" ", "-").replace(",", "").replace(":", ""))
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    open(os.path.join(folder, name + ".ron"), "wb").write(data)
    open(os.path.join(folder, name + ".stderr"), "wb").write(err[:20000])


def table(title, counts):
    total = sum(counts.values())
    print(f"\n| {title}: {total:,} | count |\n|---|---|")
    for k, n in counts.most_common():
        print(f"| {k} | {n:,} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "redline"))
    ap.add_argument("--scenarios", type=int, default=1000, help="scenario mutants (default 1000)")
    ap.add_argument("--replays", type=int, default=200, help="replay mutants, and as many save mutants (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--keep", default="", help="folder to keep inputs that panic, hang or are refused without a place")
    a = ap.parse_args()
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"{a.binary}: no binary there; build it with `cargo build --release` or name it with --binary")
    binary = os.path.abspath(a.binary)
    scenario = os.path.join(ROOT, "assets", "scenarios", "istanbul-2025.ron")
    recording = os.path.join(ROOT, "tests", "recordings", "all-ai-seed-9.ron")
    save = os.path.join(ROOT, "fuzz", "seeds", "save", "ukraine-round-3.ron")
    if a.keep:
        shutil.rmtree(a.keep, ignore_errors=True)
    with ProcessPoolExecutor(a.jobs) as pool:
        jobs = [(binary, a.seed, i, scenario, a.keep) for i in range(a.scenarios)]
        table("scenario mutants", Counter(pool.map(scenario_job, jobs, chunksize=16)))
        jobs = [(binary, a.seed, i, recording, a.keep) for i in range(a.replays)]
        counts = Counter()
        for vs in pool.map(replay_job, jobs, chunksize=8):
            for cmd, v in zip(("replay", "replay --verify", "replay --fork-at 2"), vs):
                counts[f"{cmd}: {v}"] += 1
        table("replay mutants × 3 commands", counts)
        jobs = [(binary, a.seed, i, save, a.keep) for i in range(a.replays)]
        table("save mutants (newest save; the untouched one before it)", Counter(pool.map(save_job, jobs, chunksize=8)))


if __name__ == "__main__":
    main()
