//! The game as text: the same screens as the window (title, scenario, seat, table, outcome) and the
//! same Commands as short typed words. It reads input line by line, so a script can play a whole game.

pub mod parse;

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::replay::{Handover, Parent, Replay, ReplayError};
use crate::sim::analysis::Parties;
use crate::sim::command::Seat;
use crate::sim::game::Game;
use crate::sim::issue::Package;
use crate::sim::mediator::draft;
use crate::sim::scenario::{ISTANBUL_2025, Scenario, ScenarioError};
use crate::sim::table::Controllers;
use crate::sim::transcript::{pct, render_event};
use crate::sim::turn::Phase;
use parse::Input;

/// How the player starts: each choice left out is asked for on screen.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub scenario: Option<PathBuf>,
    /// Delegation id, "mediator", or a seat number.
    pub seat: Option<String>,
    pub seed: u64,
    /// Where to write the replay of this game (after every round and at the end).
    pub record: Option<PathBuf>,
    /// The folder to autosave into after every round.
    pub autosave: Option<PathBuf>,
}

/// Writes the game away as it goes: the replay file asked for, and the autosave.
pub struct Recorder {
    pub record: Option<PathBuf>,
    pub autosave: Option<PathBuf>,
    pub initial: Controllers,
    pub handover: Option<Handover>,
    pub parent: Option<Parent>,
}

impl Recorder {
    /// Saves the game as it stands; a failure is reported, never fatal to the game.
    fn save(&self, game: &Game, out: &mut dyn Write) -> std::io::Result<()> {
        let replay = Replay::of(game, &self.initial, self.handover.clone(), self.parent.clone());
        if let Some(dir) = &self.autosave
            && let Err(e) = crate::replay::autosave(dir, &replay)
        {
            writeln!(out, "(autosave failed: {e})")?;
        }
        if let Some(path) = &self.record
            && let Err(e) = replay.save(path)
        {
            writeln!(out, "(recording failed: {e})")?;
        }
        Ok(())
    }
}

/// Why the terminal game could not go on.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TerminalError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Scenario(#[from] ScenarioError),
    #[error("no seat called \"{0}\" at this table")]
    #[diagnostic(help("name a delegation id, `mediator`, or a seat number; `redline play --terminal` lists them"))]
    UnknownSeat(String),
    #[error("cannot write to the terminal: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Replay(#[from] ReplayError),
}

/// Scenario files next to the built-in one, for the picker.
pub fn scenario_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .filter(|p| std::fs::read_to_string(p).map(|t| t != ISTANBUL_2025).unwrap_or(false))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

struct Screen<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
}

impl Screen<'_> {
    /// Prompts and reads one line; `None` when the input has ended.
    fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        Ok(Some(line.trim().to_string()))
    }
}

/// Plays one game on `input`/`out`.
pub fn run(options: &Options, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<(), TerminalError> {
    let mut screen = Screen { input, out };
    writeln!(
        screen.out,
        "REDLINE — negotiation at the table\nType `help` at the table for every command.\n"
    )?;

    let Some(scenario) = choose_scenario(options, &mut screen)? else {
        return Ok(());
    };
    let Some(seat) = choose_seat(options, &scenario, &mut screen)? else {
        return Ok(());
    };
    let controllers = Controllers::person(Some(seat));
    let game = Game::new(scenario.clone(), options.seed, controllers.clone());
    writeln!(screen.out, "\n{}", brief(&game, seat))?;
    writeln!(
        screen.out,
        "Seed {} (play it again with --seed {}).\n",
        options.seed, options.seed
    )?;
    let recorder = Recorder {
        record: options.record.clone(),
        autosave: options.autosave.clone(),
        initial: controllers,
        handover: None,
        parent: None,
    };
    play_table(game, seat, &recorder, &mut screen)
}

/// Continues a game already under way (a save, or a fork) with `seat` in the player's hands.
pub fn resume(
    game: Game,
    seat: Seat,
    recorder: &Recorder,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<(), TerminalError> {
    let mut screen = Screen { input, out };
    writeln!(screen.out, "{}", brief(&game, seat))?;
    writeln!(screen.out, "Earlier in these talks:")?;
    play_table(game, seat, recorder, &mut screen)
}

fn play_table(mut game: Game, seat: Seat, recorder: &Recorder, screen: &mut Screen) -> Result<(), TerminalError> {
    let scenario = game.scenario.clone();
    let mut round = 0;
    // The proposals last listed for the player to answer, so the list shows once, not at every prompt.
    let mut listed: Vec<u32> = Vec::new();
    loop {
        game.run_until_people();
        let events = game.new_events();
        // Save before showing what happened, so what the player has seen is already on disk.
        if events
            .iter()
            .any(|e| matches!(e, crate::sim::transcript::Event::RoundEnded { .. }))
        {
            recorder.save(&game, screen.out)?;
        }
        for event in events {
            if let crate::sim::transcript::Event::RoundStarted { round: r } = event {
                round = r;
            }
            if let Some(line) = render_event(&scenario, &event, round) {
                writeln!(screen.out, "{line}")?;
            }
        }
        if game.state().is_over() {
            writeln!(screen.out, "{}", aftermath(&game, seat))?;
            return Ok(());
        }
        let pending: Vec<u32> = match seat {
            Seat::Delegation(d) if game.state().phase == Phase::Responses => {
                game.state().unanswered(d).map(|p| p.id).collect()
            }
            _ => Vec::new(),
        };
        if !pending.is_empty() && !pending.iter().all(|id| listed.contains(id)) {
            write!(screen.out, "{}", to_answer(&game, seat))?;
            listed = pending;
        }
        let state = game.state();
        let prompt = format!(
            "[round {} of {} · {} · {}] {}> ",
            state.round,
            scenario.clock.rounds,
            scenario.clock.time_at(state.round),
            state.phase.label(),
            seat_name(&scenario, seat)
        );
        let Some(text) = screen.ask(&prompt)? else {
            recorder.save(&game, screen.out)?;
            writeln!(screen.out, "Input ended; the talks are left unfinished.")?;
            return Ok(());
        };
        match parse::line(&scenario, &text) {
            Ok(Input::Move(command)) => {
                if let Err(e) = game.send(seat, command) {
                    writeln!(screen.out, "Refused: {e}")?;
                }
            }
            Ok(Input::Value(p)) => writeln!(screen.out, "{}", value(&game, seat, p))?,
            Ok(Input::Help) => writeln!(screen.out, "{}\n{}", parse::HELP, game.state().phase.hint())?,
            Ok(Input::Brief) => writeln!(screen.out, "{}", brief(&game, seat))?,
            Ok(Input::Table) => writeln!(screen.out, "{}", table(&game, seat))?,
            Ok(Input::Transcript) => writeln!(screen.out, "{}", game.transcript().render(&scenario))?,
            Ok(Input::Quit) => {
                recorder.save(&game, screen.out)?;
                writeln!(screen.out, "You leave the game; the talks are left unfinished.")?;
                return Ok(());
            }
            Ok(Input::Nothing) => {}
            Err(e) => writeln!(screen.out, "{e}")?,
        }
    }
}

fn choose_scenario(options: &Options, screen: &mut Screen) -> Result<Option<Arc<Scenario>>, TerminalError> {
    if let Some(path) = &options.scenario {
        return Ok(Some(Arc::new(Scenario::load(path)?)));
    }
    if options.seat.is_some() {
        // A seat named on the command line means the built-in table unless a scenario is named too.
        return Ok(Some(Scenario::istanbul()));
    }
    let files = scenario_files(Path::new("assets/scenarios"));
    let builtin = Scenario::istanbul();
    writeln!(
        screen.out,
        "Scenarios:\n  1) {} — {} (built in)",
        builtin.title, builtin.place
    )?;
    for (i, f) in files.iter().enumerate() {
        writeln!(screen.out, "  {}) {}", i + 2, f.display())?;
    }
    loop {
        let Some(answer) = screen.ask("Scenario [1], or a path to a .ron file: ")? else {
            return Ok(None);
        };
        let chosen = match answer.parse::<usize>() {
            _ if answer.is_empty() => return Ok(Some(builtin)),
            Ok(1) => return Ok(Some(builtin)),
            Ok(n) if (2..files.len() + 2).contains(&n) => files[n - 2].clone(),
            Ok(_) => {
                writeln!(screen.out, "Choose a number from the list, or type a path.")?;
                continue;
            }
            Err(_) => PathBuf::from(answer),
        };
        match Scenario::load(&chosen) {
            Ok(s) => return Ok(Some(Arc::new(s))),
            Err(e) => writeln!(screen.out, "{e}\nChoose another scenario.")?,
        }
    }
}

/// Reads a seat by delegation id, "mediator" / the mediator's id, or number.
pub fn seat_by_name(scenario: &Scenario, word: &str) -> Option<Seat> {
    let word = word.trim().to_lowercase();
    let n = scenario.delegations.len();
    if word == "mediator" || word == scenario.mediator.id {
        return Some(Seat::Mediator);
    }
    if let Some(d) = scenario.delegation_index(&word) {
        return Some(Seat::Delegation(d));
    }
    match word.parse::<usize>() {
        Ok(k) if (1..=n).contains(&k) => Some(Seat::Delegation(k - 1)),
        Ok(k) if k == n + 1 => Some(Seat::Mediator),
        _ => None,
    }
}

fn choose_seat(options: &Options, s: &Scenario, screen: &mut Screen) -> Result<Option<Seat>, TerminalError> {
    if let Some(word) = &options.seat {
        return seat_by_name(s, word)
            .map(Some)
            .ok_or_else(|| TerminalError::UnknownSeat(word.clone()));
    }
    writeln!(
        screen.out,
        "\n{}\n{}, {}\n\n{}\n\nChoose your seat:",
        s.title, s.place, s.date, s.summary
    )?;
    for (d, del) in s.delegations.iter().enumerate() {
        let head = del
            .delegates
            .first()
            .map(|p| format!(" — led by {} ({})", p.name, p.role))
            .unwrap_or_default();
        writeln!(screen.out, "  {}) {}{head}", d + 1, del.name)?;
    }
    let chair = s
        .mediator
        .delegates
        .first()
        .map(|p| format!(", {}", p.name))
        .unwrap_or_default();
    writeln!(
        screen.out,
        "  {}) the mediator's chair ({}{chair})",
        s.delegations.len() + 1,
        s.mediator.name
    )?;
    loop {
        let Some(answer) = screen.ask("Your seat [1]: ")? else {
            return Ok(None);
        };
        if answer.is_empty() {
            return Ok(Some(Seat::Delegation(0)));
        }
        match seat_by_name(s, &answer) {
            Some(seat) => return Ok(Some(seat)),
            None => writeln!(screen.out, "Choose a number from the list, or a delegation's id.")?,
        }
    }
}

fn seat_name(s: &Scenario, seat: Seat) -> &str {
    match seat {
        Seat::Delegation(d) => &s.delegations[d].name,
        Seat::Mediator => &s.mediator.name,
    }
}

/// The seat's private brief.
pub fn brief(game: &Game, seat: Seat) -> String {
    let s = &game.scenario;
    let mut out = String::new();
    match seat {
        Seat::Delegation(d) => {
            let del = &s.delegations[d];
            let native = del.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(out, "YOUR BRIEF — {}{native}. Private: only you see this.", del.name);
            for p in &del.delegates {
                let native = p.native.as_deref().map(|n| format!(" / {n}")).unwrap_or_default();
                let _ = writeln!(out, "  {}{native}, {}", p.name, p.role);
            }
            let _ = writeln!(
                out,
                "\nWhat you want (weight = how much the issue matters; value of each outcome to you):"
            );
            for (i, issue) in s.issues.iter().enumerate() {
                let demand = &issue.options[del.demands[i]];
                let _ = writeln!(
                    out,
                    "  {} [{}] — weight {}%; you ask: {}",
                    issue.name,
                    issue.id,
                    pct(del.weights[i]),
                    demand.text
                );
                let _ = writeln!(out, "      open ({}): {}", issue.open, pct(del.values[i][0]));
                for (o, opt) in issue.options.iter().enumerate() {
                    let _ = writeln!(out, "      {} [{}]: {}", opt.text, opt.id, pct(del.values[i][o + 1]));
                }
            }
            let _ = writeln!(out, "\nYour red lines (the rules will not let you sign across them):");
            if del.red_lines.is_empty() {
                let _ = writeln!(out, "  none");
            }
            for line in &del.red_lines {
                let _ = writeln!(out, "  - {} ({})", line.why, line.describe(&s.issues));
            }
            let walk_away = game.seat_view(d).map_or(del.walk_away, |v| v.walk_away);
            let _ = writeln!(
                out,
                "\nYour walk-away value: {} of 100. A deal worth less is worse than leaving with nothing.",
                pct(walk_away)
            );
        }
        Seat::Mediator => {
            let _ = writeln!(
                out,
                "YOUR BRIEF — the mediator's chair ({}). You hear every side in private.",
                s.mediator.name
            );
            for (d, del) in s.delegations.iter().enumerate() {
                let walk_away = game.seat_view(d).map_or(del.walk_away, |v| v.walk_away);
                let _ = writeln!(out, "\n{} (walk-away {}):", del.name, pct(walk_away));
                for (i, issue) in s.issues.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "  asks {} [{}]: {} [{}]",
                        issue.name, issue.id, issue.options[del.demands[i]].text, issue.options[del.demands[i]].id
                    );
                }
                for line in &del.red_lines {
                    let _ = writeln!(out, "  red line: {}", line.why);
                }
            }
            let _ = writeln!(out, "\nYour desk's analysis:");
            match draft(game.state().mediator_strategy, s, &parties(game), game.state()) {
                Ok((p, why)) => {
                    let _ = writeln!(out, "  suggested: {}", s.describe(p));
                    for w in why {
                        let _ = writeln!(out, "  - {w}");
                    }
                }
                Err(why) => {
                    let _ = writeln!(out, "  {why}");
                }
            }
        }
    }
    out
}

fn parties(game: &Game) -> Parties {
    let n = game.scenario.delegations.len();
    let presence: Vec<_> = (0..n).map(|d| game.presence(d)).collect();
    let walk_away = (0..n).map(|d| game.seat_view(d).map_or(1.0, |v| v.walk_away)).collect();
    Parties::at_table(&presence, walk_away)
}

/// What a package is worth to the seat, and which red lines it crosses.
pub fn value(game: &Game, seat: Seat, package: Package) -> String {
    let s = &game.scenario;
    let mut out = format!("{}\n", s.describe(package));
    let worth = |d: usize| {
        let del = &s.delegations[d];
        let walk_away = game.seat_view(d).map_or(del.walk_away, |v| v.walk_away);
        let crossed = del
            .crossed(package)
            .map(|l| format!("; crosses the red line: {}", l.why))
            .unwrap_or_default();
        format!(
            "worth {} (walk-away {}){crossed}",
            pct(del.utility(package)),
            pct(walk_away)
        )
    };
    match seat {
        Seat::Delegation(d) => {
            let _ = write!(out, "  to you: {}", worth(d));
        }
        Seat::Mediator => {
            for d in 0..s.delegations.len() {
                let _ = writeln!(out, "  to {}: {}", s.delegations[d].name, worth(d));
            }
        }
    }
    out.trim_end().to_string()
}

/// The round, the clock, the mood and the proposals on the table.
pub fn table(game: &Game, seat: Seat) -> String {
    let s = &game.scenario;
    let st = game.state();
    let mut out = format!(
        "Round {} of {} ({}), {} phase. Tension {} of 100.\n",
        st.round,
        s.clock.rounds,
        s.clock.time_at(st.round),
        st.phase.label(),
        pct(st.tension)
    );
    for (d, del) in s.delegations.iter().enumerate() {
        let Some(v) = game.seat_view(d) else { continue };
        let status = if v.presence.left {
            " — has left the table"
        } else if v.presence.warned {
            " — has warned it may leave"
        } else {
            ""
        };
        if seat == Seat::Delegation(d) {
            let trust: Vec<String> = (0..s.delegations.len())
                .filter(|&o| o != d)
                .map(|o| format!("{} {}", s.delegations[o].name, pct(v.trust[o])))
                .chain(std::iter::once(format!(
                    "{} {}",
                    s.mediator.name,
                    pct(v.trust[s.delegations.len()])
                )))
                .collect();
            let _ = writeln!(
                out,
                "  {} (you): patience {}; trust: {}{status}",
                del.name,
                pct(v.patience),
                trust.join(", ")
            );
        } else {
            let plays = st.strategies.get(d).map(|x| x.label()).unwrap_or_default();
            let _ = writeln!(out, "  {} — AI: {plays}{status}", del.name);
        }
    }
    if seat != Seat::Mediator {
        let _ = writeln!(out, "  {} — AI: {}", s.mediator.name, st.mediator_strategy.label());
    }
    if st.proposals.is_empty() {
        let _ = writeln!(out, "No proposals on the table.");
    }
    for p in &st.proposals {
        let _ = writeln!(
            out,
            "  #{} by {}: {}",
            p.id,
            seat_name(s, p.author),
            value(game, seat, p.package).replace('\n', "\n    ")
        );
    }
    out.trim_end().to_string()
}

fn to_answer(game: &Game, seat: Seat) -> String {
    let Seat::Delegation(d) = seat else {
        return String::new();
    };
    let pending: Vec<_> = game.state().unanswered(d).cloned().collect();
    if pending.is_empty() {
        return String::new();
    }
    let mut out = String::from("Proposals for you to answer (accept N / reject N / counter N ISSUE=OPTION…):\n");
    for p in pending {
        let _ = writeln!(
            out,
            "  #{} by {}: {}",
            p.id,
            seat_name(&game.scenario, p.author),
            value(game, seat, p.package).replace('\n', "\n    ")
        );
    }
    out
}

/// The outcome screen: how the talks ended and what it means for the player's seat.
fn aftermath(game: &Game, seat: Seat) -> String {
    let s = &game.scenario;
    let mut out = String::from("\nThe talks are over.");
    if let (Some(outcome), Seat::Delegation(d)) = (game.state().outcome, seat) {
        let del = &s.delegations[d];
        let walk_away = game.seat_view(d).map_or(del.walk_away, |v| v.walk_away);
        let got = outcome.package().map_or(walk_away, |p| del.utility(p));
        let verdict = if got > walk_away + 1e-9 {
            "better than walking away"
        } else if (got - walk_away).abs() <= 1e-9 {
            "no better than walking away"
        } else {
            "worse than walking away"
        };
        let _ = write!(
            out,
            " For {}: {} of 100 against a walk-away of {} — {verdict}.",
            del.name,
            pct(got),
            pct(walk_away)
        );
    }
    out
}
