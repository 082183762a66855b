//! `redline bench`: the peer comparison's workloads (alternating offers, Pareto frontier) and the
//! time an AI turn takes, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Subcommand, ValueEnum};

use super::{Format, fail, load_scenario};
use crate::bench::{batch, deals, frontier, sao, three_party, tournament, turn};
use crate::sim::scenario::Scenario;

/// The seed the generated three-party table is drawn with: one table for every run and machine.
const THREE_PARTY_SEED: u64 = 65_000;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub workload: Workload,
}

/// A time-dependent tactic of the alternating-offers workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Tactic {
    /// e = 4: concedes late.
    Boulware,
    /// e = 1: concedes evenly.
    Linear,
    /// e = 0.25: concedes early.
    Conceder,
}

impl Tactic {
    fn exponent(self) -> f64 {
        match self {
            Tactic::Boulware => 4.0,
            Tactic::Linear => 1.0,
            Tactic::Conceder => 0.25,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Workload {
    /// Bilateral alternating offers on random additive domains (benches/peer/README.md, workload 1).
    Sao {
        /// Seed of the one SplitMix64 stream all negotiations draw from.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// How many negotiations to run.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
        negotiations: u64,
        /// Rounds per negotiation.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        steps: u64,
        /// Issues per domain (K).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=12))]
        k: u64,
        /// Values per issue (V); the domain has V^K outcomes (at most 10^8).
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=100))]
        v: u64,
        /// Party 0's tactic.
        #[arg(long, value_enum, default_value_t = Tactic::Boulware)]
        first: Tactic,
        /// Party 1's tactic.
        #[arg(long, value_enum, default_value_t = Tactic::Conceder)]
        second: Tactic,
        /// Threads to share the negotiations across (the peer library runs on one).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=256))]
        threads: u64,
        /// Timed runs of the whole workload; the median is reported.
        #[arg(long, default_value_t = 25, value_parser = clap::value_parser!(u64).range(1..=1000))]
        repeat: u64,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Exact Pareto frontier, Nash and Kalai-Smorodinsky points, 5^4 to 10^20 outcomes (workload 2).
    Frontier {
        /// Base seed; each job's stream is seeded seed*1e6 + parties*1e4 + K*100 + V.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Party counts to run (comma-separated).
        #[arg(long, value_delimiter = ',', default_value = "2,3", value_parser = clap::value_parser!(u64).range(1..=8))]
        parties: Vec<u64>,
        /// Skip spaces with more outcomes than this.
        #[arg(long, default_value_t = 1e20)]
        max_outcomes: f64,
        /// Also enumerate every outcome of spaces up to this size (at most 1e8) and confirm the frontier is the same.
        #[arg(long, default_value_t = 0.0)]
        check_up_to: f64,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Games per second of a batch with the AI on every seat (as `simulate --runs`), and memory per table;
    /// with no --threads, on 1 thread and on 2.
    Batch {
        /// Scenario file (default: the Istanbul talks, built in).
        #[arg(long, value_name = "FILE", conflicts_with = "three_party")]
        scenario: Option<PathBuf>,
        /// Play the generated three-party table of 64,800 packages instead (`--write-table` writes it out).
        #[arg(long)]
        three_party: bool,
        /// Write the generated three-party table to this file and stop, to read it or play it.
        #[arg(long, value_name = "FILE")]
        write_table: Option<PathBuf>,
        /// Seed of the first game; game i plays seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Games per timed run.
        #[arg(long, default_value_t = 20_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
        games: u64,
        /// Tables seated and advanced together in one World (as `simulate`).
        #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        chunk: u64,
        /// Timed runs; the median is reported.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=1000))]
        repeat: u64,
        /// Threads for the AI turns (default: 1, then 2, each in a process of its own).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
        threads: Option<u64>,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// How long a tournament of the six delegation strategies (each against each, seats swapped) takes at
    /// every table that ships with the game, and its league tables.
    Tournament {
        /// Games per pairing.
        #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        games: u64,
        /// The first seed of every pairing.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Threads to play on (default: every core).
        #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
        threads: Option<u64>,
        /// Output: readable text (times, then the league tables), or one JSON object (times only).
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// How good the bids and deals are under every mediator: agreements, share on the Pareto frontier and
    /// as history did, distance to the Nash point, AI proposals and agreements another package beats.
    Deals {
        /// Scenario file (default: the Istanbul talks, built in).
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// Seed of the first game; game i plays seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Games per mediator.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        games: u64,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Time of one AI step at a table with the AI on every seat (decide, apply, advance).
    Turn {
        /// Scenario file (default: the Istanbul talks, built in).
        #[arg(long, value_name = "FILE", conflicts_with = "largest")]
        scenario: Option<PathBuf>,
        /// Time the largest table `check` accepts (every count at its limit) instead of a scenario file.
        #[arg(long)]
        largest: bool,
        /// Seed of the first game; game i plays seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Games to play; every step of each is timed.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        games: u64,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

fn utilities(u: &Option<Vec<f64>>) -> String {
    match u {
        Some(u) => u.iter().map(|x| format!("{x:.4}")).collect::<Vec<_>>().join(" / "),
        None => "none (no outcome every party can accept)".into(),
    }
}

pub fn run(args: &BenchArgs) -> ExitCode {
    match &args.workload {
        Workload::Sao {
            seed,
            negotiations,
            steps,
            k,
            v,
            first,
            second,
            threads,
            repeat,
            format,
        } => {
            if (*v as f64).powi(*k as i32) > 1e8 {
                eprintln!("V^K = {v}^{k} outcomes is more than the 10^8 this workload enumerates; lower --k or --v.");
                return ExitCode::from(2);
            }
            let config = sao::Sao {
                seed: *seed,
                negotiations: *negotiations as usize,
                steps: *steps as usize,
                issues: *k as usize,
                values: *v as usize,
                exponents: [first.exponent(), second.exponent()],
                threads: *threads as usize,
                repeat: *repeat as usize,
            };
            let r = sao::run(&config);
            match format {
                Format::Json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
                Format::Text => {
                    println!(
                        "alternating offers: {} negotiations, K={k} V={v} ({} outcomes), {steps} rounds, {first:?} vs {second:?}, seed {seed}, {} thread{}",
                        r.negotiations,
                        v.pow(*k as u32),
                        r.threads,
                        if r.threads == 1 { "" } else { "s" }
                    );
                    println!("  negotiations per second  {:.0}", r.per_second);
                    println!(
                        "  time                     {:.4} s (median of {} runs)",
                        r.seconds, r.repeat
                    );
                    println!("  mean rounds              {:.2}", r.mean_rounds);
                    println!("  mean offers              {:.2}", r.mean_offers);
                    println!("  agreement rate           {:.1} %", r.agreement_rate * 100.0);
                    println!(
                        "  mean utilities (agreed)  {:.4} / {:.4}",
                        r.mean_utility[0], r.mean_utility[1]
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Workload::Frontier {
            seed,
            parties,
            max_outcomes,
            check_up_to,
            format,
        } => {
            if !(0.0..=1e8).contains(check_up_to) {
                eprintln!(
                    "--check-up-to {check_up_to}: enumerating is only offered up to 1e8 outcomes; give a smaller number."
                );
                return ExitCode::from(2);
            }
            let mut jobs = Vec::new();
            for &m in parties {
                for &(k, v) in &frontier::SPACES {
                    if (v as f64).powi(k as i32) > *max_outcomes {
                        continue;
                    }
                    let job = frontier::run_job(*seed, m as usize, k, v, *check_up_to);
                    if *format == Format::Text {
                        println!(
                            "{v}^{k:<2} {m} parties: frontier {:>7} points in {:>9.3} ms; Nash {:.4} ms, KS {:.4} ms{}",
                            job.frontier_size,
                            job.frontier_ms,
                            job.nash_ms,
                            job.ks_ms,
                            match job.checked_by_enumeration {
                                Some(true) => "; equals enumeration",
                                Some(false) => "; DIFFERS FROM ENUMERATION",
                                None => "",
                            }
                        );
                        println!("        Nash point {}", utilities(&job.nash));
                        println!("        KS point   {}", utilities(&job.ks));
                    }
                    jobs.push(job);
                }
            }
            if *format == Format::Json {
                println!("{}", serde_json::json!({ "seed": seed, "jobs": jobs }));
            }
            if jobs.iter().any(|j| j.checked_by_enumeration == Some(false)) {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Workload::Batch {
            scenario,
            three_party,
            write_table,
            seed,
            games,
            chunk,
            repeat,
            threads,
            format,
        } => {
            if let Some(file) = write_table {
                return match std::fs::write(file, three_party::scenario_text(THREE_PARTY_SEED)) {
                    Ok(()) => {
                        println!(
                            "Wrote the three-party table ({} packages) to {}.",
                            three_party::packages(),
                            file.display()
                        );
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("Cannot write {}: {e}", file.display());
                        ExitCode::from(1)
                    }
                };
            }
            let reports = match threads {
                Some(n) => {
                    let loaded = if *three_party {
                        Scenario::from_bytes(
                            "three-party.ron",
                            three_party::scenario_text(THREE_PARTY_SEED).as_bytes(),
                        )
                        .map(Arc::new)
                    } else {
                        load_scenario(scenario.as_deref())
                    };
                    let scenario = match loaded {
                        Ok(s) => s,
                        Err(e) => return fail(e),
                    };
                    crate::sim::batch::use_threads(*n as usize);
                    vec![batch::run(
                        &scenario,
                        *seed,
                        *games,
                        *chunk,
                        *repeat as usize,
                        *n as usize,
                    )]
                }
                None => {
                    let mut reports = Vec::new();
                    for n in [1, 2] {
                        match batch_in_own_process(scenario.as_deref(), *three_party, *seed, *games, *chunk, *repeat, n)
                        {
                            Ok(r) => reports.push(r),
                            Err(message) => {
                                eprintln!("{message}");
                                return ExitCode::from(1);
                            }
                        }
                    }
                    reports
                }
            };
            match format {
                Format::Json => println!("{}", serde_json::to_string(&reports).unwrap_or_default()),
                Format::Text => {
                    for r in &reports {
                        println!(
                            "{} thread{}: {:.0} games/s ({} games in {:.3} s, median of {}), peak RSS {}, {} per table in flight; checksum {}",
                            r.threads,
                            if r.threads == 1 { "" } else { "s" },
                            r.games_per_second,
                            r.games,
                            r.seconds,
                            r.repeat,
                            r.peak_rss_mib.map_or("unknown".into(), |m| format!("{m:.0} MiB")),
                            r.per_table_kib.map_or("unknown".into(), |k| format!("{k:.1} KiB")),
                            r.checksum
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Workload::Deals {
            scenario,
            seed,
            games,
            format,
        } => {
            let scenario = match load_scenario(scenario.as_deref()) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let rows = match deals::run(
                &scenario,
                &crate::sim::scenario::MediatorStrategy::CHOICES,
                *seed,
                *games,
            ) {
                Ok(rows) => rows,
                Err(message) => {
                    eprintln!("redline bench deals: {message}");
                    return ExitCode::FAILURE;
                }
            };
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::json!({"scenario": scenario.id, "seed": seed, "mediators": rows})
                ),
                Format::Text => print!("{}", deals::text(&scenario, &rows)),
            }
            ExitCode::SUCCESS
        }
        Workload::Tournament {
            games,
            seed,
            threads,
            format,
        } => {
            if let Some(n) = threads {
                crate::sim::batch::use_threads(*n as usize);
            }
            let pool = bevy::tasks::ComputeTaskPool::get_or_init(bevy::tasks::TaskPool::default).thread_num();
            let report = match tournament::run_all(*games, *seed, pool) {
                Ok(r) => r,
                Err(message) => {
                    eprintln!("redline bench tournament: {message}");
                    return ExitCode::FAILURE;
                }
            };
            match format {
                Format::Json => println!("{}", serde_json::to_string(&report).unwrap_or_default()),
                Format::Text => {
                    println!(
                        "Six strategies, each against each with seats swapped, {} games per pairing, {} thread{}:",
                        report.games_per_pairing,
                        report.threads,
                        if report.threads == 1 { "" } else { "s" }
                    );
                    for t in &report.tables {
                        println!(
                            "  {:<18} {} seats {:>8} games {:>8.1} s {:>8.0} games/s",
                            t.scenario, t.seats, t.games, t.seconds, t.games_per_second
                        );
                    }
                    println!(
                        "  {:<18} {:>16} games {:>8.1} s {:>8.0} games/s; peak RSS {}",
                        "all",
                        report.games,
                        report.seconds,
                        report.games as f64 / report.seconds.max(1e-9),
                        report.peak_rss_mib.map_or("unknown".into(), |m| format!("{m:.0} MiB"))
                    );
                    for league in &report.leagues {
                        println!("\n{}", league.text());
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Workload::Turn {
            scenario,
            largest,
            seed,
            games,
            format,
        } => {
            let loaded = if *largest {
                let text = crate::bench::largest::scenario_text();
                let started = std::time::Instant::now();
                let checked = Scenario::from_ron("largest.ron", &text).map(Arc::new);
                if matches!(format, Format::Text) {
                    println!(
                        "The largest table `check` accepts: {} bytes, checked in {:.0} ms",
                        text.len(),
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                }
                checked
            } else {
                load_scenario(scenario.as_deref())
            };
            let scenario = match loaded {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let r = turn::run(&scenario, *seed, *games as usize);
            match format {
                Format::Json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
                Format::Text => {
                    println!(
                        "AI turns at {}: {} steps over {} games",
                        scenario.title, r.steps, r.games
                    );
                    println!(
                        "  mean {:.1} µs, median {:.1} µs, 95th percentile {:.1} µs, worst {:.1} µs",
                        r.mean_us, r.median_us, r.p95_us, r.max_us
                    );
                    println!(
                        "  a round: mean {:.3} ms, worst {:.3} ms, over {} rounds",
                        r.round_mean_ms, r.round_max_ms, r.rounds
                    );
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// Runs `redline bench batch --threads N` in a process of its own (a process's compute pool is made once)
/// and reads its report.
fn batch_in_own_process(
    scenario: Option<&std::path::Path>,
    three_party: bool,
    seed: u64,
    games: u64,
    chunk: u64,
    repeat: u64,
    threads: u64,
) -> Result<batch::BatchReport, String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find this program to run it again: {e}"))?;
    let mut command = std::process::Command::new(me);
    command.args(["bench", "batch", "--format", "json"]);
    for (flag, value) in [
        ("--seed", seed),
        ("--games", games),
        ("--chunk", chunk),
        ("--repeat", repeat),
        ("--threads", threads),
    ] {
        command.args([flag, &value.to_string()]);
    }
    if let Some(file) = scenario {
        command.arg("--scenario").arg(file);
    }
    if three_party {
        command.arg("--three-party");
    }
    let out = command
        .output()
        .map_err(|e| format!("cannot run the {threads}-thread batch: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let mut reports: Vec<batch::BatchReport> = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("the {threads}-thread batch printed no report ({e})"))?;
    reports
        .pop()
        .ok_or_else(|| format!("the {threads}-thread batch printed no report"))
}
