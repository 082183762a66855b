//! The command line: `play`, `simulate` (AI on every seat), `replay`, `debrief`, `check` (scenario files) and `bench`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

mod bench;
mod debrief;
mod summary;
mod tournament;

pub use summary::Summary;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::sim::batch::{TableResult, play, run_batch_counting};
use crate::sim::scenario::{Scenario, ScenarioError};

/// Redline: sit at the negotiating table.
#[derive(Debug, Parser)]
#[command(name = "redline", version, about, long_about = None)]
pub struct Cli {
    /// The subcommand; none opens the game as `redline play` would with no options.
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

/// What `redline` is asked to do: play, simulate, replay, check or bench.
#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Play a table yourself: in the window, or in the terminal (the default when there is no display).
    Play(PlayArgs),
    /// Play tables with AI on every seat and print the transcript, or the outcome distribution of many.
    Simulate(SimulateArgs),
    /// Print a recorded game round by round, verify it, or fork it and play on from a round.
    Replay(ReplayArgs),
    /// List the tables that ship with the game: id, title, date, seats, length and what each teaches.
    Scenarios {
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// After a game: each seat's result, the deal against the frontier and the fair points, concessions, the
    /// room over time, red lines tested, turning points, the AI alone and history, with questions to discuss.
    /// As text, JSON, or (with --out) one HTML report for a game or a whole class folder.
    Debrief(debrief::DebriefArgs),
    /// Validate scenario files and say exactly what is wrong and where.
    Check {
        /// Scenario files (.ron), or ids of built-in tables, to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Run a class: every group at its own table, from a class file (docs/class-format.md), with the
    /// facilitator's overview and moves (pause, inject news, move the clock, take a seat, end the talks).
    /// Every game is saved in the class's folder as GROUP-TABLE.ron.
    Class {
        /// The class file (.ron): the table, the groups, who plays which seat, and the seeds.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Run the class in the terminal, even where a display is found.
        #[arg(long)]
        terminal: bool,
    },
    /// Write the handouts of a table: one page per seat (public background and confidential instructions),
    /// all seats in one file to print, and the facilitator's guide, as HTML that prints on A4 and Letter.
    Briefs {
        /// The table: a built-in id (`redline scenarios` lists them) or a scenario file (.ron).
        #[arg(value_name = "SCENARIO")]
        scenario: PathBuf,
        /// The folder to write the handouts into (made if missing).
        #[arg(long, value_name = "DIR", default_value = "briefs")]
        out: PathBuf,
    },
    /// Play every strategy against every other at a table, seats swapped, and print the league table.
    Tournament(tournament::TournamentArgs),
    /// For scenario writers: write a commented starting file, NAME.ron, that passes `check`.
    New {
        /// The new table's id (lowercase letters, digits and _), also its file name.
        #[arg(value_name = "NAME")]
        name: String,
    },
    /// For scenario writers: zones of agreement, the signable space and its frontier, the fair points,
    /// each seat's prospects, the red lines that bind, and how the AI alone plays the table and how much
    /// that moves when every walk-away value moves by 0.1.
    Analyze {
        /// Scenario file (.ron) to analyse.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// AI-only games at each of the three walk-away levels.
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        games: u64,
        /// Seed of the first game; game i plays seed + i.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output: readable text, or one JSON object.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Measure speed: alternating offers and Pareto frontiers on the peer comparison's domains, batch games
    /// per second, AI turn time.
    Bench(bench::BenchArgs),
}

/// The options of `redline play` (all left at their defaults when `redline` runs with no subcommand).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct PlayArgs {
    /// Play in the terminal, even where a display is found.
    #[arg(long)]
    pub terminal: bool,
    /// Scenario to play: a built-in table's id (`redline scenarios` lists them) or a .ron file (default: choose
    /// on screen; with --seat in the terminal, the built-in Istanbul talks).
    #[arg(long, value_name = "ID|FILE")]
    pub scenario: Option<PathBuf>,
    /// Your seat: a delegation id (e.g. ukraine), `mediator`, or a seat number (default: choose on screen).
    #[arg(long, value_name = "SEAT")]
    pub seat: Option<String>,
    /// Several people at one screen, taking turns: their seats, separated by commas (e.g. ukraine,russia).
    /// When the move passes to another seat, a privacy screen waits until only that seat's team can see.
    #[arg(long, value_name = "SEAT,SEAT…", conflicts_with = "seat")]
    pub seats: Option<String>,
    /// Seed of the table (default: a new one each game, shown so it can be played again).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Watch the AI play every seat in the window, passing through every screen, and exit at the outcome.
    #[arg(long)]
    pub autoplay: bool,
    /// With --autoplay: save a PNG of each screen (title, seat choice, table, outcome) into DIR.
    #[arg(long, value_name = "DIR", requires = "autoplay")]
    pub screenshot_dir: Option<PathBuf>,
    /// Write a replay of the game to FILE (after every round, and at the end).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Resume a saved game (in the window where a display is found, else in the terminal): with no number, the only one saved, or a list to choose from;
    /// with N, the N-th game of that list (newest first).
    #[arg(long = "continue", value_name = "N", num_args = 0..=1, default_missing_value = "0",
          conflicts_with_all = ["scenario", "seat", "seed", "autoplay"])]
    pub resume: Option<usize>,
}

/// The options of `redline replay`: the recording, and whether to print, verify or fork it.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// The replay file (.ron) to read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Re-run the recorded Commands and check every round's state hash; exit 1 at the first difference.
    #[arg(long, conflicts_with = "fork_at")]
    pub verify: bool,
    /// Play on live from the start of round N of the recording (needs --seat).
    #[arg(long, value_name = "N", requires = "seat", value_parser = clap::value_parser!(u32).range(1..))]
    pub fork_at: Option<u32>,
    /// With --fork-at: the seat you take (a delegation id, `mediator`, or a seat number).
    #[arg(long, value_name = "SEAT", requires = "fork_at")]
    pub seat: Option<String>,
    /// With --fork-at: where to write the fork's replay (default: the data folder's replays/).
    #[arg(long, value_name = "FILE", requires = "fork_at")]
    pub record: Option<PathBuf>,
}

/// How `simulate` and `bench` print their results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text, for a person.
    Text,
    /// One JSON object, for scripts and spreadsheets.
    Json,
}

/// The options of `redline simulate`: which tables to play with the AI on every seat, and how to print them.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Scenario to play: a built-in table's id or a .ron file (default: the Istanbul talks of 16 May 2025).
    #[arg(long, value_name = "ID|FILE")]
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
    /// Write a replay of the game to FILE (one table only).
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Play a delegation with another strategy: SEAT=STRATEGY, e.g. russia=hardliner (repeatable).
    /// Strategies: delegation, boulware, linear, conceder, tit-for-tat, hardliner, or e=<exponent>.
    #[arg(long = "strategy", value_name = "SEAT=STRATEGY")]
    pub strategies: Vec<String>,
    /// The mediator's strategy: split, nash, kalai, adjusted-winner, single-text or confidence.
    #[arg(long, value_name = "STRATEGY")]
    pub mediator: Option<String>,
    /// Tables advanced together in one World before the next batch of them is seated.
    #[arg(long, default_value_t = 256, hide = true, value_parser = clap::value_parser!(u64).range(1..))]
    pub chunk: u64,
}

/// Runs the program and returns its exit code: 0 success, 1 a failed check or bad input, 2 bad usage.
pub fn main() -> ExitCode {
    quiet_on_closed_pipe();
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
        Some(Cmd::Replay(args)) => replay(&args),
        Some(Cmd::Debrief(args)) => debrief::run(&args),
        Some(Cmd::Check { files }) => check(&files),
        Some(Cmd::Scenarios { format }) => scenarios(format),
        Some(Cmd::Tournament(args)) => tournament::run_tournament(&args),
        Some(Cmd::Class { file, terminal }) => class(&file, terminal),
        Some(Cmd::Briefs { scenario, out }) => briefs(&scenario, &out),
        Some(Cmd::New { name }) => new_scenario(&name),
        Some(Cmd::Analyze {
            file,
            games,
            seed,
            format,
        }) => analyze(&file, games, seed, format),
        Some(Cmd::Bench(args)) => bench::run(&args),
        None => play_game(&PlayArgs::default()),
    }
}

/// Output piped into a reader that stops early (`redline simulate | head`) ends the program quietly, as
/// a closed pipe ends any command-line tool, instead of reporting a failed print as a crash.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            // 128 + SIGPIPE, the status a shell reports for a tool stopped by a closed pipe.
            std::process::exit(141);
        }
        report(info);
    }));
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

/// Prints an error with its help and source snippet, and gives exit code 1: the one error printer.
pub fn fail(e: impl miette::Diagnostic + Send + Sync + 'static) -> ExitCode {
    // A scenario with problems is reported once per problem, each with its lines; the error's own text,
    // the same problems as a list, is for places that show no source (the window, the terminal's picker).
    if let Some(ScenarioError::Invalid { file, problems, more }) = (&e as &dyn std::any::Any).downcast_ref() {
        let total = problems.len() + more;
        eprintln!(
            "{file}: {total} problem{}, each shown below in the order of the file.",
            if total == 1 { "" } else { "s" }
        );
        for p in problems {
            eprintln!("{:?}", miette::Report::new(p.clone()));
        }
        if *more > 0 {
            eprintln!("… and {more} more, not shown: mend these first.");
        }
        eprintln!("See docs/scenario-format.md for every field.");
        return ExitCode::from(1);
    }
    eprintln!("{:?}", miette::Report::new(e));
    ExitCode::from(1)
}

/// Plays a sitting in the terminal on standard input and output.
fn run_terminal(sitting: crate::play::Sitting) -> ExitCode {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    terminal_ended(crate::terminal::resume(sitting, &mut input, &mut out))
}

fn terminal_ended(result: Result<(), crate::terminal::TerminalError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::terminal::TerminalError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn continue_game(args: &PlayArgs, pick: usize) -> ExitCode {
    use crate::play::saves::{list, saves_dir};
    let Some(dir) = saves_dir() else {
        eprintln!("There is no data folder to find saves in: set HOME or XDG_DATA_HOME.");
        return ExitCode::from(1);
    };
    let (games, problems) = list(&dir);
    for p in &problems {
        eprintln!("(passed over: {p})");
    }
    if games.is_empty() {
        eprintln!(
            "There is no unfinished game saved in {}. Start one with `redline play`.",
            dir.display()
        );
        return ExitCode::from(1);
    }
    let show = |games: &[crate::play::saves::SavedGame]| {
        for (i, g) in games.iter().enumerate() {
            println!(
                "  {}) {} — as {}, round {}, saved {} UTC",
                i + 1,
                g.title,
                g.seats.join(" and "),
                g.round,
                g.saved
            );
        }
    };
    let chosen = match pick {
        0 if games.len() == 1 => 0,
        0 => {
            println!("Saved games, newest first:");
            show(&games);
            print!("Which game [1]: ");
            let _ = std::io::Write::flush(&mut std::io::stdout());
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            match line.trim() {
                "" => 0,
                word => match word.parse::<usize>() {
                    Ok(n) if (1..=games.len()).contains(&n) => n - 1,
                    _ => {
                        eprintln!(
                            "\"{word}\" is not on the list; `redline play --continue N` continues the N-th game."
                        );
                        return ExitCode::from(2);
                    }
                },
            }
        }
        n if n <= games.len() => n - 1,
        n => {
            eprintln!("There are {} saved games; there is no game {n}. They are:", games.len());
            show(&games);
            return ExitCode::from(2);
        }
    };
    let continued = match crate::play::sitting::continue_slot(&games[chosen].path, args.record.clone()) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    for note in &continued.notes {
        eprintln!("{note}");
    }
    #[cfg(feature = "gui")]
    if !args.terminal && display_found() {
        println!(
            "Continuing the game saved in {} (round {}) in the window.",
            continued.file.display(),
            continued.sitting.state().round
        );
        return crate::gui::run_continued(
            crate::gui::Options {
                record: args.record.clone(),
                ..crate::gui::Options::default()
            },
            continued,
        );
    }
    println!(
        "Continuing the game saved in {} (round {}).",
        continued.file.display(),
        continued.sitting.state().round
    );
    run_terminal(continued.sitting)
}

/// A `--record FILE` that names something other than a regular file is a usage error, said before playing.
fn record_ok(record: Option<&Path>) -> Result<(), ExitCode> {
    match record.map(crate::replay::writable) {
        Some(Err(e)) => {
            eprintln!("--record: {e}");
            Err(ExitCode::from(2))
        }
        _ => Ok(()),
    }
}

fn play_game(args: &PlayArgs) -> ExitCode {
    if let Err(code) = record_ok(args.record.as_deref()) {
        return code;
    }
    if let Some(pick) = args.resume {
        return continue_game(args, pick);
    }
    let seed = args.seed.unwrap_or_else(fresh_seed);
    let seat_words = args.seats.clone().or_else(|| args.seat.clone());
    if let Some(words) = &seat_words {
        // A seat the table does not have is a usage error, said before anything starts.
        let scenario = match load_scenario(args.scenario.as_deref()) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let flag = if args.seats.is_some() { "--seats" } else { "--seat" };
        match crate::play::lookup::seats_by_name(&scenario, words) {
            Ok(seats) if !seats.is_empty() => {}
            Ok(_) => {
                eprintln!(
                    "{flag} {words}: {}",
                    crate::play::lookup::unknown_seat(&scenario, words)
                );
                return ExitCode::from(2);
            }
            Err(why) => {
                eprintln!("{flag} {words}: {why}");
                return ExitCode::from(2);
            }
        }
    }
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
            seat: seat_words.clone(),
            seed,
            autoplay: args.autoplay,
            screenshot_dir: args.screenshot_dir.clone(),
            record: args.record.clone(),
        });
    }
    if !args.terminal {
        eprintln!("No display found: playing in the terminal. (`redline play --terminal` skips this check.)");
    }
    let saves = crate::play::saves::saves_dir();
    if saves.is_none() {
        eprintln!("No data folder (HOME or XDG_DATA_HOME is not set): this game will not be autosaved.");
    }
    let options = crate::terminal::Options {
        scenario: args.scenario.clone(),
        seat: seat_words,
        seed,
        record: args.record.clone(),
        saves,
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    terminal_ended(crate::terminal::run(&options, &mut input, &mut out))
}

/// `redline class FILE`: reads the class file, seats every group and runs the class.
fn class(file: &Path, terminal: bool) -> ExitCode {
    let plan = match crate::class::Plan::load(file) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut class = match crate::class::Class::start(&plan) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let window = cfg!(feature = "gui") && !terminal && display_found();
    #[cfg(feature = "gui")]
    if window {
        return crate::gui::class::run(class);
    }
    if !terminal && !window {
        eprintln!(
            "No display found: running the class in the terminal. (`redline class --terminal` skips this check.)"
        );
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut out = std::io::stdout();
    terminal_ended(crate::terminal::class::run(&mut class, &mut input, &mut out))
}

/// `redline briefs SCENARIO --out DIR`: writes the handouts.
fn briefs(scenario: &Path, out: &Path) -> ExitCode {
    let scenario = match crate::sim::scenario::library::resolve(scenario) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: cannot make the folder: {e}", out.display());
        return ExitCode::from(1);
    }
    let handouts = crate::class::briefs::handouts(&scenario);
    for h in &handouts {
        let path = out.join(&h.file);
        if let Err(e) = std::fs::write(&path, &h.html) {
            eprintln!("{}: cannot write it: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    println!(
        "Wrote {} handouts for {} to {}:",
        handouts.len(),
        scenario.title,
        out.display()
    );
    for h in &handouts {
        println!("  {:<22} {}", h.file, h.title);
    }
    println!(
        "Open {} in a browser; print each seat's page (or all-seats.html) on A4 or Letter, one page per seat.",
        out.join("index.html").display()
    );
    ExitCode::SUCCESS
}

/// Loads the chosen scenario, or the built-in Istanbul table.
pub fn load_scenario(path: Option<&Path>) -> Result<Arc<Scenario>, ScenarioError> {
    match path {
        Some(p) => crate::sim::scenario::library::resolve(p),
        None => Ok(Scenario::istanbul()),
    }
}

/// The scenario with the strategies named on the command line, or a message saying what is wrong.
pub fn with_strategies(
    scenario: Arc<Scenario>,
    seats: &[String],
    mediator: Option<&str>,
) -> Result<Arc<Scenario>, String> {
    use crate::sim::scenario::MediatorStrategy;
    if seats.is_empty() && mediator.is_none() {
        return Ok(scenario);
    }
    let words = |list: Vec<String>| list.join(", ");
    let mut changes = Vec::new();
    for item in seats {
        let Some((seat, word)) = item.split_once('=') else {
            return Err(format!("--strategy {item}: write SEAT=STRATEGY, e.g. russia=hardliner"));
        };
        let Some(d) = crate::play::lookup::seat_by_name(&scenario, seat).and_then(|s| match s {
            crate::sim::command::Seat::Delegation(d) => Some(d),
            crate::sim::command::Seat::Mediator | crate::sim::command::Seat::Facilitator => None,
        }) else {
            let ids = scenario.delegations.iter().map(|d| d.id.clone()).collect();
            return Err(format!(
                "--strategy {item}: no delegation \"{seat}\"; this table has {}",
                words(ids)
            ));
        };
        let strategy = crate::play::lookup::strategy(word).map_err(|why| format!("--strategy {item}: {why}"))?;
        changes.push((d, strategy));
    }
    let mediator = match mediator {
        None => None,
        Some(word) => match MediatorStrategy::parse(word) {
            Some(m) => Some(m),
            None => {
                let ids = MediatorStrategy::CHOICES.iter().map(|m| m.id().to_string()).collect();
                return Err(format!(
                    "--mediator {word}: unknown strategy; use one of {}",
                    words(ids)
                ));
            }
        },
    };
    scenario
        .with_strategies(&changes, mediator)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

fn simulate(args: &SimulateArgs) -> ExitCode {
    let scenario = match load_scenario(args.scenario.as_deref()) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let scenario = match with_strategies(scenario, &args.strategies, args.mediator.as_deref()) {
        Ok(s) => s,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    if let Err(code) = record_ok(args.record.as_deref()) {
        return code;
    }
    if args.record.is_some() && args.runs > 1 {
        eprintln!("--record writes the replay of one game; use it without --runs.");
        return ExitCode::from(2);
    }
    if let Some(path) = &args.record {
        let mut game = crate::sim::game::Game::new(scenario.clone(), args.seed, Default::default());
        game.run_until_people();
        let replay = crate::replay::Replay::of(&game, &Default::default(), None, None);
        if let Err(e) = replay.save(path) {
            return fail(e);
        }
    }
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
    run_batch_counting(&scenario, args.seed, args.runs, args.chunk, progress, |r| {
        summary.add(&scenario, &r)
    });
    summary.seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    match args.format {
        Format::Text => print!("{}", summary.text(&scenario, args.seed)),
        Format::Json => println!("{}", summary.json(&scenario, args.seed)),
    }
    ExitCode::SUCCESS
}

/// The commented starting file `redline new` writes.
const NEW_SCENARIO: &str = include_str!("../../assets/templates/new-scenario.ron");

fn new_scenario(name: &str) -> ExitCode {
    let id = name.trim_end_matches(".ron");
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        eprintln!(
            "redline new: \"{name}\" is not an id; use lowercase letters, digits and _, e.g. `redline new harbour_talks`"
        );
        return ExitCode::from(2);
    }
    let path = PathBuf::from(format!("{id}.ron"));
    if path.exists() {
        eprintln!(
            "redline new: {} already exists; it is left as it is. Choose another name, or edit that file.",
            path.display()
        );
        return ExitCode::FAILURE;
    }
    let title: String = id
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect::<Vec<_>>()
        .join(" ");
    let text = NEW_SCENARIO.replace("NEW_ID", id).replace("NEW_TITLE", &title);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()));
    if let Err(e) = written {
        eprintln!("redline new: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!(
        "Wrote {0}: two delegations, two issues and a mediator, every field commented.\nNext: edit it, then `redline check {0}`, `redline analyze {0}` and `redline play --scenario {0}`.",
        path.display()
    );
    ExitCode::SUCCESS
}

fn analyze(file: &Path, games: u64, seed: u64, format: Format) -> ExitCode {
    let scenario = match load_scenario(Some(file)) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let bar = ProgressBar::new(3 * games);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} games ({eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let analysis = crate::analyze::analyze(&scenario, seed, games, |n| bar.set_position(n));
    bar.finish_and_clear();
    match format {
        Format::Text => print!("{}", analysis.text()),
        Format::Json => println!("{}", serde_json::to_string(&analysis).unwrap_or_default()),
    }
    ExitCode::SUCCESS
}

fn single_json(scenario: &Scenario, r: &TableResult) -> serde_json::Value {
    let ratified: Option<Vec<usize>> = r.transcript.events.iter().find_map(|e| match e {
        crate::sim::transcript::Event::Ratified { seats } => Some(seats.clone()),
        _ => None,
    });
    serde_json::json!({
        "scenario": scenario.id,
        "seed": r.seed,
        "outcome": r.outcome.kind(),
        "agreed": r.outcome.package().map(|p| scenario.package_ids(p)).unwrap_or_default(),
        "rounds": r.rounds,
        "hash": format!("{:016x}", r.hash),
        "summary": r.outcome.describe(scenario, r.rounds),
        "walked_out": r.transcript.events.iter().filter_map(|e| match e {
            crate::sim::transcript::Event::WalkedOut { seat, .. } => Some(scenario.delegations[*seat].id.clone()),
            _ => None,
        }).collect::<Vec<_>>(),
        "ratified_by": ratified.as_ref().map(|seats| seats.iter().map(|&d| scenario.delegations[d].id.clone()).collect::<Vec<_>>()),
        "instruments": r.outcome.package().map(|p| scenario.instruments(p).into_iter().map(|(who, issues)| serde_json::json!({
            // Under a ratification rule only those who accepted signed.
            "signatories": who.iter().filter(|&&v| match (v, &ratified) {
                (crate::sim::scenario::Voice::Delegation(d), Some(seats)) => seats.contains(&d),
                _ => true,
            }).map(|&v| match v {
                crate::sim::scenario::Voice::Delegation(d) => scenario.delegations[d].id.clone(),
                crate::sim::scenario::Voice::Mediator => scenario.mediator.id.clone(),
                crate::sim::scenario::Voice::Outside(a) => scenario.actors[a].id.clone(),
            }).collect::<Vec<_>>(),
            "issues": issues.iter().map(|&i| scenario.issues[i].id.clone()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>()).unwrap_or_default(),
    })
}

fn replay(args: &ReplayArgs) -> ExitCode {
    use crate::replay::{Replay, play_back_or_as_recorded, verify};
    if let Err(code) = record_ok(args.record.as_deref()) {
        return code;
    }
    let file = args.file.display().to_string();
    let recording = match Replay::load(&args.file) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    if args.verify {
        return match verify(&recording, &file) {
            Ok(summary) => {
                println!("{file}: {summary}");
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    let Some(round) = args.fork_at else {
        return match play_back_or_as_recorded(&recording, &file, None) {
            Ok((game, _, note)) => {
                if let Some(note) = note {
                    eprintln!("{note}");
                }
                if let Some(p) = &recording.parent {
                    println!("(A fork of {}, from round {}.)", p.file, p.round);
                }
                print!("{}", crate::replay::transcript(&game));
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    };
    let scenario = match recording.scenario(&file) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let word = args.seat.clone().unwrap_or_default();
    let Some(seat) = crate::play::lookup::seat_by_name(&scenario, &word) else {
        eprintln!("--seat {word}: {}", crate::play::lookup::unknown_seat(&scenario, &word));
        return ExitCode::from(2);
    };
    let record = args.record.clone().or_else(|| {
        let stem = args
            .file
            .file_stem()
            .map_or("game".into(), |s| s.to_string_lossy().into_owned());
        crate::play::saves::replays_dir().map(|d| d.join(format!("{stem}-fork-round{round}.ron")))
    });
    let keeping = crate::play::Keeping {
        record: record.clone(),
        slot: crate::play::saves::saves_dir().map(|dir| {
            crate::play::saves::new_slot(&dir, &scenario.id, crate::play::lookup::seat_name(&scenario, seat))
        }),
        ..Default::default()
    };
    let sitting = match crate::play::sitting::fork(&recording, &file, round, seat, keeping) {
        Ok((sitting, note)) => {
            if let Some(note) = note {
                eprintln!("{note}");
            }
            sitting
        }
        Err(e) => return fail(e),
    };
    if let Some(r) = &record {
        println!(
            "Forking {file} at round {round}; the fork is recorded in {}.",
            r.display()
        );
    }
    run_terminal(sitting)
}

fn scenarios(format: Format) -> ExitCode {
    use crate::sim::scenario::library::{Listing, all};
    let listings: Vec<Listing> = all().iter().map(|s| Listing::of(s)).collect();
    match format {
        Format::Json => {
            let tables: Vec<serde_json::Value> = listings
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "id": l.id, "title": l.title, "date": l.date, "seats": l.seats, "chair": l.chair,
                        "length": l.length, "teaches": l.teaches,
                    })
                })
                .collect();
            println!("{}", serde_json::json!({ "scenarios": tables }));
        }
        Format::Text => {
            println!("Built-in tables (play one with `redline play --scenario ID`):\n");
            for l in &listings {
                println!("{}  {} ({})", l.id, l.title, l.date);
                println!("    seats: {}", l.seats_line());
                println!("    length: {}", l.length);
                if !l.teaches.is_empty() {
                    println!("    teaches: {}", l.teaches);
                }
                println!();
            }
        }
    }
    ExitCode::SUCCESS
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for f in files {
        match crate::sim::scenario::library::resolve(f) {
            Ok(s) => {
                println!(
                    "ok: {} — {} ({} issues, {} delegations, {} possible packages)",
                    f.display(),
                    s.title,
                    s.issues.len(),
                    s.delegations.len(),
                    s.space.packages.len()
                );
                for w in crate::sim::scenario::warnings(&s) {
                    match &w.help {
                        Some(help) => println!("  warning: {w} ({help})"),
                        None => println!("  warning: {w}"),
                    }
                }
            }
            Err(e) => {
                failed = true;
                let _ = fail(e);
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
