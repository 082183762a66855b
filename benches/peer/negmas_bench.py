#!/usr/bin/env python3
"""Runs the workloads of benches/peer/README.md in NegMAS 0.16, for side-by-side comparison with `redline bench`."""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import queue
import sys
import time
import warnings

MASK64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15
FLOAT_SCALE = 2.0**-53

FRONTIER_SPACES = [(5, 4), (5, 6), (5, 8), (10, 6), (5, 10), (10, 8), (10, 12), (10, 20)]
FRONTIER_PARTIES = [2, 3]
TACTICS = ("boulware", "linear", "conceder")


class SplitMix64:
    """SplitMix64 with 64-bit wrapping arithmetic."""

    __slots__ = ("state",)

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next_u64(self) -> int:
        self.state = (self.state + GOLDEN) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def next_float(self) -> float:
        return (self.next_u64() >> 11) * FLOAT_SCALE


def draw_profile(rng: SplitMix64, k: int, v: int, rv_min: float, rv_max: float):
    """Draws one party's weights, per-issue value tables and reservation value."""
    r = [rng.next_float() for _ in range(k)]
    total = sum(r)
    weights = [x / total for x in r]
    tables = []
    for _ in range(k):
        raw = [rng.next_float() for _ in range(v)]
        best = max(raw)
        tables.append([x / best for x in raw])
    rv = rv_min + rng.next_float() * (rv_max - rv_min)
    return weights, tables, rv


def make_space(k: int, v: int):
    from negmas import make_issue, make_os

    return make_os([make_issue(v, name=f"i{i}") for i in range(k)])


def make_ufun(space, profile):
    from negmas.preferences import LinearAdditiveUtilityFunction

    weights, tables, rv = profile
    return LinearAdditiveUtilityFunction(
        values=[dict(enumerate(table)) for table in tables],
        weights=weights,
        outcome_space=space,
        reserved_value=rv,
    )


def negotiator_class(tactic: str):
    from negmas.sao import (
        BoulwareTBNegotiator,
        ConcederTBNegotiator,
        LinearTBNegotiator,
    )

    return {
        "boulware": BoulwareTBNegotiator,
        "linear": LinearTBNegotiator,
        "conceder": ConcederTBNegotiator,
    }[tactic]


def negotiate(space, rng, args, first_cls, second_cls):
    """Draws both parties' functions from `rng` and runs one SAO negotiation."""
    ufuns = [
        make_ufun(space, draw_profile(rng, args.k, args.v, args.rv_min, args.rv_max))
        for _ in range(2)
    ]
    from negmas.sao import SAOMechanism

    mechanism = SAOMechanism(outcome_space=space, n_steps=args.steps)
    mechanism.add(first_cls(name="p0", eps=args.tolerance), ufun=ufuns[0])
    mechanism.add(second_cls(name="p1", eps=args.tolerance), ufun=ufuns[1])
    mechanism.run()
    return mechanism, ufuns


def run_sao(args) -> dict:
    space = make_space(args.k, args.v)
    first_cls = negotiator_class(args.first)
    second_cls = negotiator_class(args.second)

    warmup = SplitMix64(args.seed ^ MASK64)
    for _ in range(args.warmup):
        negotiate(space, warmup, args, first_cls, second_cls)

    rng = SplitMix64(args.seed)
    elapsed = 0.0
    rounds = offers = agreements = 0
    utility_sums = [0.0, 0.0]
    for _ in range(args.negotiations):
        start = time.perf_counter()
        mechanism, ufuns = negotiate(space, rng, args, first_cls, second_cls)
        elapsed += time.perf_counter() - start

        state = mechanism.state
        rounds += state.step
        offers += len(mechanism.extended_trace)
        if state.agreement is not None:
            agreements += 1
            for p, u in enumerate(ufuns):
                utility_sums[p] += float(u(state.agreement))

    n = args.negotiations
    return {
        "negotiations": n,
        "seconds": elapsed,
        "per_second": n / elapsed if elapsed > 0 else float("inf"),
        "mean_rounds": rounds / n if n else 0.0,
        "mean_offers": offers / n if n else 0.0,
        "agreement_rate": agreements / n if n else 0.0,
        "mean_utility": [s / agreements if agreements else None for s in utility_sums],
    }


def reference_ranges(ufuns, utils):
    """Each party's reservation value and its best utility on the frontier."""
    return [(u.reserved_value, max(point[i] for point in utils)) for i, u in enumerate(ufuns)]


def frontier_job(k, v, m, seed, rv_min, rv_max, negmas_ranges, out) -> None:
    """Computes one frontier job, reporting each stage on `out` as it finishes."""
    warnings.simplefilter("ignore")
    from negmas.preferences import ks_points, nash_points, pareto_frontier

    rng = SplitMix64(seed * 1_000_000 + m * 10_000 + k * 100 + v)
    space = make_space(k, v)
    ufuns = [make_ufun(space, draw_profile(rng, k, v, rv_min, rv_max)) for _ in range(m)]
    issues = list(space.issues)

    start = time.perf_counter()
    utils, _indices = pareto_frontier(ufuns, issues=issues, sort_by_welfare=True)
    frontier_ms = (time.perf_counter() - start) * 1000.0
    out.put(("frontier", {"frontier_size": len(utils), "frontier_ms": frontier_ms}))

    for name, points in (("nash", nash_points), ("ks", ks_points)):
        start = time.perf_counter()
        if negmas_ranges:
            found = points(ufuns, utils, outcome_space=space)
        else:
            found = points(ufuns, utils, ranges=reference_ranges(ufuns, utils))
        elapsed_ms = (time.perf_counter() - start) * 1000.0
        out.put((name, {name: list(found[0][0]) if found else None, f"{name}_ms": elapsed_ms}))


def run_frontier(args, emit) -> dict:
    ctx = mp.get_context("fork")
    jobs = []
    for v, k in FRONTIER_SPACES:
        for m in FRONTIER_PARTIES:
            outcomes = v**k
            job = {"k": k, "v": v, "parties": m, "outcomes": outcomes}
            if outcomes > args.max_outcomes:
                job["skipped"] = "too large to enumerate"
                emit(job)
                jobs.append(job)
                continue
            out = ctx.Queue()
            proc = ctx.Process(
                target=frontier_job,
                args=(k, v, m, args.seed, args.rv_min, args.rv_max, args.negmas_ranges, out),
                daemon=True,
            )
            deadline = time.monotonic() + args.max_seconds
            proc.start()
            stages = set()
            while len(stages) < 3:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    stage, values = out.get(timeout=min(remaining, 0.5))
                except queue.Empty:
                    if not proc.is_alive() and out.empty():
                        break
                    continue
                stages.add(stage)
                job.update(values)
            if len(stages) < 3:
                if proc.is_alive():
                    proc.terminate()
                    job["skipped"] = f"exceeded budget of {args.max_seconds:g} s"
                else:
                    job["skipped"] = f"job failed (exit code {proc.exitcode})"
            proc.join()
            emit(job)
            jobs.append(job)
    return {"jobs": jobs}


def fmt_point(point) -> str:
    if point is None:
        return "-"
    return "(" + ", ".join(f"{x:.6f}" for x in point) + ")"


def print_frontier_job(job: dict) -> None:
    space = f"{job['v']}^{job['k']}"
    head = f"{space:>6} M={job['parties']}"
    if job.get("skipped") and "frontier_size" not in job:
        print(f"{head}  skipped ({job['skipped']})", flush=True)
        return
    parts = [
        head,
        f"frontier={job['frontier_size']}",
        f"nash={fmt_point(job.get('nash'))}",
        f"ks={fmt_point(job.get('ks'))}",
        f"frontier_ms={job['frontier_ms']:.3f}",
        f"nash_ms={job['nash_ms']:.3f}" if "nash_ms" in job else "nash_ms=-",
        f"ks_ms={job['ks_ms']:.3f}" if "ks_ms" in job else "ks_ms=-",
    ]
    if job.get("skipped"):
        parts.append(f"({job['skipped']})")
    print("  ".join(parts), flush=True)


def check_generator(args) -> None:
    rng = SplitMix64(args.seed)
    outputs = [rng.next_u64() for _ in range(3)]
    weights, _tables, rv = draw_profile(SplitMix64(args.seed), args.k, args.v, args.rv_min, args.rv_max)
    zero = SplitMix64(0).next_u64()
    if args.format == "json":
        print(json.dumps({
            "seed": args.seed,
            "first_u64": [f"0x{x:016X}" for x in outputs],
            "seed0_first_u64": f"0x{zero:016X}",
            "k": args.k,
            "v": args.v,
            "weights": weights,
            "rv": rv,
        }))
        return
    print(f"SplitMix64 seed {args.seed}: " + " ".join(f"0x{x:016X}" for x in outputs))
    print(f"SplitMix64 seed 0: 0x{zero:016X}")
    print(f"negotiation 0, party 0 (K={args.k}, V={args.v}):")
    print("  weights = [" + ", ".join(repr(w) for w in weights) + "]")
    print(f"  rv      = {rv!r}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check-generator", action="store_true",
                        help="print SplitMix64 outputs and party 0's weights/rv, then exit")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--v", type=int, default=5)
    parser.add_argument("--rv-min", type=float, default=0.0)
    parser.add_argument("--rv-max", type=float, default=0.5)
    sub = parser.add_subparsers(dest="command")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS)
    common.add_argument("--seed", type=int, default=argparse.SUPPRESS)
    common.add_argument("--rv-min", type=float, default=argparse.SUPPRESS)
    common.add_argument("--rv-max", type=float, default=argparse.SUPPRESS)

    sao = sub.add_parser("sao", parents=[common], help="bilateral alternating-offers workload")
    sao.add_argument("--negotiations", type=int, default=200)
    sao.add_argument("--steps", type=int, default=100)
    sao.add_argument("--k", type=int, default=argparse.SUPPRESS)
    sao.add_argument("--v", type=int, default=argparse.SUPPRESS)
    sao.add_argument("--first", choices=TACTICS, default="boulware")
    sao.add_argument("--second", choices=TACTICS, default="conceder")
    sao.add_argument("--warmup", type=int, default=1,
                     help="untimed negotiations on a separate stream before timing starts")
    sao.add_argument("--tolerance", type=float, default=0.0,
                     help="NegMAS inverter tolerance around the aspiration (library default 1e-4)")

    fr = sub.add_parser("frontier", parents=[common], help="Pareto frontier and bargaining points workload")
    fr.add_argument("--max-outcomes", type=int, default=10_000_000)
    fr.add_argument("--max-seconds", type=float, default=60.0)
    fr.add_argument("--negmas-ranges", action="store_true",
                    help="let NegMAS derive the bargaining ranges (max(rv, min u) to global max u) "
                         "instead of passing rv to the best frontier utility")

    args = parser.parse_args(argv)
    if args.seed is None:
        args.seed = 7 if args.command == "frontier" else 42
    if not args.check_generator and args.command is None:
        parser.error("a subcommand (sao or frontier) or --check-generator is required")
    return args


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.check_generator:
        check_generator(args)
        return 0

    import negmas

    warnings.simplefilter("ignore")
    if args.command == "sao":
        result = run_sao(args)
        if args.format == "json":
            result.pop("seconds")
            print(json.dumps(result))
        else:
            mu = ", ".join("-" if u is None else f"{u:.6f}" for u in result["mean_utility"])
            print(f"NegMAS {negmas.__version__} SAO: K={args.k} V={args.v} ({args.v ** args.k} outcomes), "
                  f"{args.first} vs {args.second}, n_steps={args.steps}, seed={args.seed}")
            print(f"negotiations    {result['negotiations']}")
            print(f"total time      {result['seconds']:.3f} s")
            print(f"per second      {result['per_second']:.2f}")
            print(f"mean rounds     {result['mean_rounds']:.3f}")
            print(f"mean offers     {result['mean_offers']:.3f}")
            print(f"agreement rate  {result['agreement_rate']:.3f}")
            print(f"mean utility    [{mu}]")
        return 0

    if args.format == "json":
        result = run_frontier(args, emit=lambda job: None)
        print(json.dumps(result))
    else:
        print(f"NegMAS {negmas.__version__} frontier: seed={args.seed}, "
              f"budget {args.max_seconds:g} s/job, max outcomes {args.max_outcomes}, "
              f"ranges {'negmas' if args.negmas_ranges else 'rv..frontier max'}")
        run_frontier(args, emit=print_frontier_job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
