//! `redline tournament`: every strategy against every other at one or more tables, as a league table in
//! text, JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};

use super::{fail, load_scenario};
use crate::play::lookup::{mediator_strategy, strategy};
use crate::sim::delegation::Strategy;
use crate::sim::scenario::MediatorStrategy;
use crate::tournament::{Config, League, games, run};

/// How the league tables are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    /// Readable tables, for a person.
    Text,
    /// One JSON object per table: standings and every pairing.
    Json,
    /// One CSV table: a row per standing and per pairing.
    Csv,
}

/// The options of `redline tournament`.
#[derive(Debug, clap::Args)]
pub struct TournamentArgs {
    /// Scenario file to play at (repeatable; default: the Istanbul talks of 16 May 2025, built in).
    #[arg(long = "scenario", value_name = "FILE")]
    pub scenarios: Vec<PathBuf>,
    /// The strategies that meet, comma-separated: delegation, boulware, linear, conceder, tit-for-tat,
    /// hardliner, or e=<exponent> (default: the first six).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub strategies: Vec<String>,
    /// Mediators to play every pairing under, comma-separated, or `all`: split, nash, kalai,
    /// adjusted-winner, single-text, confidence (default: the scenario's own).
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub mediators: Vec<String>,
    /// Games per pairing; pairing after pairing meets the same seeds. At a table of three or more delegations
    /// a pairing's games are shared among the seats its strategy takes in turn.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub games: u64,
    /// The first seed of every pairing.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Threads to play on (default: every core).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub threads: Option<u64>,
    /// Output: readable tables, JSON or CSV.
    #[arg(long, value_enum, default_value_t = Output::Text)]
    pub format: Output,
}

/// Runs `redline tournament`.
pub fn run_tournament(args: &TournamentArgs) -> ExitCode {
    let strategies: Result<Vec<Strategy>, String> = if args.strategies.is_empty() {
        Ok(Strategy::CHOICES.to_vec())
    } else {
        args.strategies.iter().map(|w| strategy(w)).collect()
    };
    let strategies = match strategies {
        Ok(s) => s,
        Err(message) => {
            eprintln!("--strategies: {message}");
            return ExitCode::from(2);
        }
    };
    let mediators: Result<Vec<MediatorStrategy>, String> = match args.mediators.as_slice() {
        [all] if all == "all" => Ok(MediatorStrategy::CHOICES.to_vec()),
        words => words.iter().map(|w| mediator_strategy(w)).collect(),
    };
    let mediators = match mediators {
        Ok(m) => m,
        Err(message) => {
            eprintln!("--mediators: {message}");
            return ExitCode::from(2);
        }
    };
    if let Some(n) = args.threads {
        crate::sim::batch::use_threads(n as usize);
    }
    let files: Vec<Option<PathBuf>> = if args.scenarios.is_empty() {
        vec![None]
    } else {
        args.scenarios.iter().cloned().map(Some).collect()
    };
    let mut tables = Vec::new();
    for file in &files {
        match load_scenario(file.as_deref()) {
            Ok(s) => tables.push(s),
            Err(e) => return fail(e),
        }
    }
    let config = Config {
        strategies,
        mediators,
        games: args.games,
        seed: args.seed,
    };
    let total: u64 = tables.iter().map(|s| games(&config, s.delegations.len())).sum();
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} games ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = std::time::Instant::now();
    let mut leagues: Vec<League> = Vec::new();
    let mut before = 0;
    for scenario in &tables {
        match run(scenario, &config, |n| bar.set_position(before + n)) {
            Ok(league) => leagues.push(league),
            Err(e) => {
                bar.finish_and_clear();
                return fail(e);
            }
        }
        before += games(&config, scenario.delegations.len());
    }
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    match args.format {
        Output::Text => {
            for league in &leagues {
                println!("{}", league.text());
            }
            println!(
                "{total} games in {seconds:.1} s ({:.0} games/s).",
                total as f64 / seconds.max(1e-9)
            );
        }
        Output::Json => {
            let json = serde_json::json!({ "leagues": leagues, "games": total, "seconds": seconds });
            println!("{json}");
        }
        Output::Csv => {
            for (i, league) in leagues.iter().enumerate() {
                let csv = league.csv();
                // One header for the whole file.
                let body = if i == 0 {
                    csv.as_str()
                } else {
                    csv.split_once('\n').map_or("", |(_, rest)| rest)
                };
                print!("{body}");
            }
        }
    }
    ExitCode::SUCCESS
}
