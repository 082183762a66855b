//! The command line: `simulate` plays tables with AI on every seat, `check` validates scenario files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::sim::batch::{TableResult, play, run_batch_with};
use crate::sim::scenario::{Scenario, ScenarioError};

/// Redline: sit at the negotiating table.
#[derive(Debug, Parser)]
#[command(name = "redline", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Play a table yourself: in the window, or in the terminal (the default when there is no display).
    Play(PlayArgs),
    /// Play tables with AI on every seat and print the transcript, or the outcome distribution of many.
    Simulate(SimulateArgs),
    /// Validate scenario files and say exactly what is wrong and where.
    Check {
        /// Scenario files (.ron) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct PlayArgs {
    /// Play in the terminal, even where a display is found.
    #[arg(long)]
    pub terminal: bool,
    /// Scenario file to play (default: choose on screen; with --seat in the terminal, the built-in Istanbul talks).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Your seat: a delegation id (e.g. ukraine), `mediator`, or a seat number (default: choose on screen).
    #[arg(long, value_name = "SEAT")]
    pub seat: Option<String>,
    /// Seed of the table (default: a new one each game, shown so it can be played again).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Watch the AI play every seat in the window, passing through every screen, and exit at the outcome.
    #[arg(long)]
    pub autoplay: bool,
    /// With --autoplay: save a PNG of each screen (title, seat choice, table, outcome) into DIR.
    #[arg(long, value_name = "DIR", requires = "autoplay")]
    pub screenshot_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Scenario file to play (default: the Istanbul talks of 16 May 2025, built in).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// Seed of the first table; table i of a batch plays seed + i.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// How many tables to play; more than one prints the outcome distribution.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub runs: u64,
    /// Output: readable text, or one JSON object.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Tables advanced together in one World before the next batch of them is seated.
    #[arg(long, default_value_t = 256, hide = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk: u64,
}

/// Runs the program and returns its exit code: 0 success, 1 a failed check or bad input, 2 bad usage.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Some(Cmd::Play(args)) => play_game(&args),
        Some(Cmd::Simulate(args)) => simulate(&args),
        Some(Cmd::Check { files }) => check(&files),
        None => play_game(&PlayArgs::default()),
    }
}

/// Whether a window can be opened here.
fn display_found() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

/// A seed for a new game: the clock is fine here, the front end only picks it and shows it.
fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() % 1_000_000)
}

fn play_game(args: &PlayArgs) -> ExitCode {
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let window = cfg!(feature = "gui") && !args.terminal && display_found();
    if args.autoplay && !window {
        eprintln!(
            "--autoplay plays in the window, and no display was found{}. Run it under xvfb-run, or use `redline simulate` to watch the AI in text.",
            if cfg!(feature = "gui") {
                ""
            } else {
                " (this build has no window: it was built without the `gui` feature)"
            }
        );
        return ExitCode::from(2);
    }
    #[cfg(feature = "gui")]
    if window {
        return crate::gui::run(crate::gui::Options {
            scenario: args.scenario.clone(),
            seat: args.seat.clone(),
            seed,
            autoplay: args.autoplay,
            screenshot_dir: args.screenshot_dir.clone(),
        });
    }
    if !args.terminal {
        eprintln!("No display found: playing in the terminal. (`redline play --terminal` skips this check.)");
    }
    let options = crate::terminal::Options {
        scenario: args.scenario.clone(),
        seat: args.seat.clone(),
        seed,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    match crate::terminal::run(&options, &mut input, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::terminal::TerminalError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e));
            ExitCode::from(1)
        }
    }
}

fn report(e: ScenarioError) -> ExitCode {
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(1)
}

/// Loads the chosen scenario, or the built-in Istanbul table.
pub fn load_scenario(path: Option<&Path>) -> Result<Arc<Scenario>, ScenarioError> {
    match path {
        Some(p) => Scenario::load(p).map(Arc::new),
        None => Ok(Scenario::istanbul()),
    }
}

fn simulate(args: &SimulateArgs) -> ExitCode {
    let scenario = match load_scenario(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    if args.runs == 1 {
        let result = play(&scenario, args.seed);
        match args.format {
            Format::Text => print!("{}", result.transcript.render(&scenario)),
            Format::Json => println!("{}", single_json(&scenario, &result)),
        }
        return ExitCode::SUCCESS;
    }
    let bar = ProgressBar::new(args.runs);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} tables ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut summary = Summary::default();
    let progress = |done| bar.set_position(done);
    run_batch_with(&scenario, args.seed, args.runs, args.chunk, progress, |r| {
        summary.add(&r)
    });
    summary.seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    match args.format {
        Format::Text => print!("{}", summary.text(&scenario, args.seed)),
        Format::Json => println!("{}", summary.json(&scenario, args.seed)),
    }
    ExitCode::SUCCESS
}

fn single_json(scenario: &Scenario, r: &TableResult) -> serde_json::Value {
    serde_json::json!({
        "scenario": scenario.id,
        "seed": r.seed,
        "outcome": r.outcome.kind(),
        "agreed": r.outcome.package().map(|p| scenario.package_ids(p)).unwrap_or_default(),
        "rounds": r.rounds,
        "hash": format!("{:016x}", r.hash),
        "summary": r.outcome.describe(scenario, r.rounds),
    })
}

/// The outcome distribution of a batch.
pub struct Summary {
    pub runs: usize,
    pub outcomes: BTreeMap<&'static str, usize>,
    /// Each distinct agreed package and how often.
    pub packages: BTreeMap<crate::sim::issue::Package, usize>,
    pub seconds: f64,
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            runs: 0,
            outcomes: ["agreement", "partial_agreement", "deadlock", "walkout"]
                .into_iter()
                .map(|k| (k, 0))
                .collect(),
            packages: BTreeMap::new(),
            seconds: 0.0,
        }
    }
}

impl Summary {
    /// Counts one table's outcome.
    pub fn add(&mut self, r: &TableResult) {
        self.runs += 1;
        *self.outcomes.entry(r.outcome.kind()).or_default() += 1;
        if let Some(p) = r.outcome.package() {
            *self.packages.entry(p).or_default() += 1;
        }
    }

    /// Agreed packages, most frequent first.
    fn ranked(&self) -> Vec<(crate::sim::issue::Package, usize)> {
        let mut packages: Vec<_> = self.packages.iter().map(|(p, c)| (*p, *c)).collect();
        packages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        packages
    }

    fn per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.runs as f64 / self.seconds
        } else {
            0.0
        }
    }

    pub fn text(&self, scenario: &Scenario, seed: u64) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let last = seed.wrapping_add(self.runs as u64 - 1);
        let _ = writeln!(
            out,
            "{} — {} tables, seeds {seed}..={last}\n",
            scenario.title, self.runs
        );
        let _ = writeln!(out, "Outcomes:");
        for (kind, count) in &self.outcomes {
            let _ = writeln!(
                out,
                "  {:<18} {:>8}  {:>5.1}%",
                kind,
                count,
                100.0 * *count as f64 / self.runs as f64
            );
        }
        let ranked = self.ranked();
        if !ranked.is_empty() {
            let _ = writeln!(out, "\nAgreed packages:");
            for (p, count) in ranked.iter().take(10) {
                let _ = writeln!(
                    out,
                    "  {:>8}  {:>5.1}%  {}",
                    count,
                    100.0 * *count as f64 / self.runs as f64,
                    scenario.describe(*p)
                );
            }
            if ranked.len() > 10 {
                let _ = writeln!(out, "  … and {} more (see --format json)", ranked.len() - 10);
            }
        }
        let _ = writeln!(
            out,
            "\n{:.0} games per second ({:.2} s)",
            self.per_second(),
            self.seconds
        );
        out
    }

    pub fn json(&self, scenario: &Scenario, seed: u64) -> serde_json::Value {
        serde_json::json!({
            "scenario": scenario.id,
            "seed": seed,
            "runs": self.runs,
            "outcomes": self.outcomes,
            "packages": self.ranked().iter().map(|(p, count)| serde_json::json!({
                "agreed": scenario.package_ids(*p),
                "count": count,
            })).collect::<Vec<_>>(),
            "games_per_second": self.per_second(),
            "seconds": self.seconds,
        })
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for f in files {
        match Scenario::load(f) {
            Ok(s) => println!(
                "ok: {} — {} ({} issues, {} delegations, {} possible packages)",
                f.display(),
                s.title,
                s.issues.len(),
                s.delegations.len(),
                s.space.packages.len()
            ),
            Err(e) => {
                failed = true;
                let _ = report(e);
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
