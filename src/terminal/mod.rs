//! The game as text: the same screens as the window (title, scenario, seat, table, outcome) and the
//! same Commands as short typed words. It reads input line by line, so a script can play a whole game.
//! It drives the table only through the play layer.

pub mod class;
pub mod parse;
pub mod text;

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::play::lookup::{scenario_files, seat_name, unknown_seat};
use crate::play::saves::new_slot;
use crate::play::{Composed, Keeping, Sitting};
use crate::replay::ReplayError;
use crate::sim::command::{Command, Seat};
use crate::sim::issue::Package;
use crate::sim::scenario::{Scenario, ScenarioError};
use crate::sim::transcript::Reader;
use crate::sim::turn::Phase;
use parse::Input;

/// How the player starts: each choice left out is asked for on screen.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The scenario file to play; none: chosen from a list (the built-in Istanbul talks when a seat is named).
    pub scenario: Option<PathBuf>,
    /// The seats people play at this screen, taking turns: delegation ids, "mediator" or seat numbers,
    /// separated by commas.
    pub seat: Option<String>,
    /// The table's seed; the same seed and the same moves give the same game.
    pub seed: u64,
    /// Where to write the replay of this game (after every round and at the end).
    pub record: Option<PathBuf>,
    /// The folder of autosaves; the game gets a slot of its own there.
    pub saves: Option<PathBuf>,
}

/// Why the terminal game could not go on.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TerminalError {
    /// The scenario file named on the command line does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Scenario(#[from] ScenarioError),
    /// The seat named on the command line is not at this table; holds the seats there are.
    #[error("{0}")]
    #[diagnostic(help("`redline play --terminal` without --seat lists the seats to choose from"))]
    UnknownSeat(String),
    /// Reading from or writing to the terminal failed.
    #[error("cannot write to the terminal: {0}")]
    Io(#[from] std::io::Error),
    /// A save or recording could not be read, played back or written.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Replay(#[from] ReplayError),
}

pub(crate) struct Screen<'a> {
    pub(crate) input: &'a mut dyn BufRead,
    pub(crate) out: &'a mut dyn Write,
}

impl Screen<'_> {
    /// Prompts and reads one line; `None` when the input has ended. Bytes that are not UTF-8 are read as
    /// replacement characters rather than ending the game.
    pub(crate) fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.out, "{prompt}")?;
        self.out.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&bytes).trim().to_string()))
    }
}

/// How to pick a game up again, said whenever the player leaves one unfinished.
const RESUME: &str = "Resume it with `redline play --continue`.";

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
    let Some(seats) = choose_seat(options, &scenario, &mut screen)? else {
        return Ok(());
    };
    let seat = seats[0];
    let keeping = Keeping {
        record: options.record.clone(),
        slot: options
            .saves
            .as_deref()
            .map(|dir| new_slot(dir, &scenario.id, seat_name(&scenario, seat))),
        ..Keeping::default()
    };
    let sitting = Sitting::new(scenario.clone(), options.seed, seats.clone(), keeping);
    if seats.len() == 1 {
        writeln!(screen.out, "\n{}", text::brief(&scenario, &sitting, seat))?;
    } else {
        let names: Vec<&str> = seats.iter().map(|&s| seat_name(&scenario, s)).collect();
        writeln!(
            screen.out,
            "\n{} people share this screen: {}. When the move passes to another seat the screen clears and waits until only that seat's team can see it.",
            seats.len(),
            names.join(", ")
        )?;
    }
    writeln!(
        screen.out,
        "Seed {} (play it again with --seed {}).\n",
        options.seed, options.seed
    )?;
    play(sitting, &mut screen)
}

/// Continues a game already under way (a save, or a fork) from the sitting's seat.
pub fn resume(sitting: Sitting, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<(), TerminalError> {
    let mut screen = Screen { input, out };
    if let Some(&seat) = sitting.seats.first() {
        writeln!(screen.out, "{}", text::brief(sitting.scenario(), &sitting, seat))?;
    }
    writeln!(screen.out, "Earlier in these talks:")?;
    play(sitting, &mut screen)
}

/// What the terminal judges the open moves with: a statement with words and the seat's own demands (a
/// typed move names its own package; these stand in for it).
fn composed_for(s: &Scenario, seat: Seat) -> Composed {
    let package = match seat {
        Seat::Delegation(d) => {
            Package::from_choices(&s.delegations[d].demands.iter().map(|&o| Some(o)).collect::<Vec<_>>())
        }
        Seat::Mediator | Seat::Facilitator => Package::OPEN.with(0, Some(0)),
    };
    Composed {
        package,
        text: "…".into(),
        ..Composed::default()
    }
}

/// Offers the debrief at the end of a game and, if asked, prints it with the game placed among AI-only games.
fn debrief(sitting: &Sitting, screen: &mut Screen) -> Result<(), TerminalError> {
    let answer = screen.ask("\nPress Enter for the debrief (q to leave): ")?;
    // Only Enter (or the word) opens it: a script's leftover moves after the end pass it by.
    if !answer.is_some_and(|a| matches!(a.trim().to_lowercase().as_str(), "" | "d" | "debrief")) {
        return Ok(());
    }
    let s = sitting.scenario();
    let d = crate::debrief::debrief(s, sitting.seed(), sitting.transcript(), &sitting.seats);
    let games = crate::debrief::versus::GAMES;
    write!(
        screen.out,
        "Playing {games} games with the AI on every seat, to compare… "
    )?;
    screen.out.flush()?;
    let v = crate::debrief::versus::versus(s, d.ending, crate::debrief::versus::SEED, games, |_| {});
    writeln!(screen.out, "done.")?;
    write!(screen.out, "{}", crate::debrief::text::render(&d, Some(&v)))?;
    if let Some(record) = &sitting.keeping.record {
        writeln!(
            screen.out,
            "\nA printable report of this game: redline debrief {} --out debrief.html",
            record.display()
        )?;
    }
    Ok(())
}

fn play(mut sitting: Sitting, screen: &mut Screen) -> Result<(), TerminalError> {
    match sit(&mut sitting, screen, false)? {
        Left::Over => {
            let scenario = sitting.scenario().clone();
            for seat in people_seats(&sitting) {
                writeln!(screen.out, "{}", text::aftermath(&scenario, &sitting, seat))?;
            }
            debrief(&sitting, screen)
        }
        Left::InputEnded => Ok(leave(
            &mut sitting,
            screen,
            "Input ended; the talks are left unfinished.",
        )?),
        Left::Quit | Left::Back => Ok(leave(
            &mut sitting,
            screen,
            "You leave the game; the talks are left unfinished.",
        )?),
    }
}

/// How a sitting at the terminal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Left {
    /// The talks are over.
    Over,
    /// The input ended.
    InputEnded,
    /// Someone typed `quit`.
    Quit,
    /// In a class: `back` to the overview, or the table waits for nobody here (paused by the facilitator).
    Back,
}

/// The seats people play at this sitting (the facilitator's own seat is not one).
fn people_seats(sitting: &Sitting) -> Vec<Seat> {
    sitting
        .seats
        .iter()
        .copied()
        .filter(|&s| s != Seat::Facilitator)
        .collect()
}

/// Clears the screen and waits until only `seat`'s team can see it: nothing private of the seat before stays
/// in view. Returns false when the input ended.
fn hand_over(scenario: &Scenario, seat: Seat, screen: &mut Screen) -> std::io::Result<bool> {
    // Clear the screen and the scrollback, then a page of blank lines for terminals that keep it anyway.
    write!(screen.out, "\x1b[2J\x1b[3J\x1b[H{}", "\n".repeat(60))?;
    let name = seat_name(scenario, seat);
    let answer = screen.ask(&format!(
        "Hand over to {name} — press Enter when only {name}'s team can see the screen. "
    ))?;
    Ok(answer.is_some())
}

/// Plays at the terminal for every person seat of the sitting, handing the screen over between seats, until
/// the talks end, the input ends, someone quits, or (in a class) they go back or the table waits for nobody here.
pub(crate) fn sit(sitting: &mut Sitting, screen: &mut Screen, in_class: bool) -> Result<Left, TerminalError> {
    let scenario = sitting.scenario().clone();
    let people = people_seats(sitting);
    let Some(&first) = people.first() else {
        return Ok(Left::Back);
    };
    let hot_seat = people.len() > 1 || in_class;
    // The seat whose team has the screen, and whether it has been handed over to them yet.
    let mut at_screen: Option<Seat> = if hot_seat { None } else { Some(first) };
    let mut reader = Reader::after(&scenario, sitting.seen_events());
    // The proposals last listed for each seat to answer, so the list shows once, not at every prompt.
    let mut listed: Vec<(Seat, Vec<u32>)> = Vec::new();
    loop {
        sitting.run_until_people();
        let events = sitting.new_events();
        // Save before showing what happened, so what the player has seen is already on disk.
        for problem in sitting.save() {
            writeln!(screen.out, "({problem})")?;
        }
        for event in events {
            if let Some(line) = reader.line(&scenario, &event) {
                writeln!(screen.out, "{line}")?;
            }
        }
        if sitting.state().is_over() {
            return Ok(Left::Over);
        }
        // The seats people play now, the facilitator's taken seats among them.
        let Some(seat) = sitting.to_move() else {
            if sitting.state().paused {
                writeln!(screen.out, "The facilitator has paused the talks.")?;
            }
            return Ok(Left::Back);
        };
        if at_screen != Some(seat) {
            if at_screen.is_some() || hot_seat {
                if !hand_over(&scenario, seat, screen)? {
                    return Ok(Left::InputEnded);
                }
                writeln!(screen.out, "{}", text::brief(&scenario, sitting, seat))?;
                listed.retain(|(s, _)| *s != seat);
            }
            at_screen = Some(seat);
        }
        let pending: Vec<u32> = match seat {
            Seat::Delegation(d) if sitting.state().phase == Phase::Responses => {
                sitting.state().unanswered(d).map(|p| p.id).collect()
            }
            _ => Vec::new(),
        };
        let shown = listed
            .iter()
            .find(|(s, _)| *s == seat)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        if !pending.is_empty() && !pending.iter().all(|id| shown.contains(id)) {
            write!(screen.out, "{}", text::to_answer(&scenario, sitting, seat))?;
            listed.retain(|(s, _)| *s != seat);
            listed.push((seat, pending));
        }
        let state = sitting.state();
        let prompt = format!(
            "[round {} of {} · {} · {}] {}> ",
            state.round,
            state.rounds,
            scenario.clock.time_at(state.round),
            state.phase.label(),
            seat_name(&scenario, seat)
        );
        let Some(typed) = screen.ask(&prompt)? else {
            return Ok(Left::InputEnded);
        };
        match parse::line(&scenario, &typed) {
            Ok(Input::Move(Command::WalkOut { reason })) => {
                let sure = screen.ask("Walk out for good? The talks end for your delegation. [y/N] ")?;
                if sure.is_some_and(|a| matches!(a.to_lowercase().as_str(), "y" | "yes")) {
                    if let Err(e) = sitting.send(seat, Command::WalkOut { reason }) {
                        writeln!(screen.out, "Refused: {e}")?;
                    }
                } else {
                    writeln!(screen.out, "You stay at the table.")?;
                }
            }
            Ok(Input::Move(command)) => {
                if let Err(e) = sitting.send(seat, command) {
                    writeln!(screen.out, "Refused: {e}")?;
                }
            }
            Ok(Input::Value(p)) => writeln!(screen.out, "{}", text::value(&scenario, sitting, seat, p))?,
            Ok(Input::Help) => {
                let moves = sitting.moves(seat, &composed_for(&scenario, seat));
                writeln!(screen.out, "{}", text::help(&scenario, &moves))?;
                if in_class {
                    writeln!(
                        screen.out,
                        "  back             leave this table for the facilitator's overview"
                    )?;
                }
            }
            Ok(Input::Brief) => writeln!(screen.out, "{}", text::brief(&scenario, sitting, seat))?,
            Ok(Input::Table) => writeln!(screen.out, "{}", text::table(&scenario, sitting, seat))?,
            Ok(Input::Transcript) => writeln!(screen.out, "{}", sitting.transcript().render(&scenario))?,
            Ok(Input::Why(id)) => writeln!(screen.out, "{}", text::why(&scenario, sitting, id))?,
            Ok(Input::Quit) => return Ok(Left::Quit),
            Ok(Input::Back) if in_class => {
                // Nothing private stays on screen for whoever looks next.
                write!(screen.out, "\x1b[2J\x1b[3J\x1b[H{}", "\n".repeat(60))?;
                return Ok(Left::Back);
            }
            Ok(Input::Back) => writeln!(screen.out, "There is no class to go back to; `quit` leaves the game.")?,
            Ok(Input::Nothing) => {}
            Err(e) => writeln!(screen.out, "{e}")?,
        }
    }
}

/// Saves an unfinished game and says how to come back to it.
fn leave(sitting: &mut Sitting, screen: &mut Screen, why: &str) -> std::io::Result<()> {
    for problem in sitting.save_now() {
        writeln!(screen.out, "({problem})")?;
    }
    if sitting.keeping.slot.is_some() {
        writeln!(screen.out, "{why} {RESUME}")
    } else {
        writeln!(screen.out, "{why}")
    }
}

/// Whether a player typed a word for leaving, at a prompt before the table.
fn is_quit(answer: &str) -> bool {
    matches!(answer.to_lowercase().as_str(), "quit" | "exit" | "q")
}

const SCENARIO_HELP: &str = "\
Type the number of a scenario from the list (Enter takes the first), a built-in id, or the path of a
scenario file (.ron); `quit` leaves.
`redline check FILE` says what is wrong with a file that does not load.";

fn choose_scenario(options: &Options, screen: &mut Screen) -> Result<Option<Arc<Scenario>>, TerminalError> {
    if let Some(path) = &options.scenario {
        return Ok(Some(crate::sim::scenario::library::resolve(path)?));
    }
    if options.seat.is_some() {
        // A seat named on the command line means the built-in table unless a scenario is named too.
        return Ok(Some(Scenario::istanbul()));
    }
    let files = scenario_files(Path::new("assets/scenarios"));
    let shelf = crate::sim::scenario::library::all();
    let builtin = shelf[0].clone();
    writeln!(screen.out, "Scenarios:")?;
    for (i, s) in shelf.iter().enumerate() {
        let l = crate::sim::scenario::library::Listing::of(s);
        writeln!(screen.out, "  {}) {} ({})", i + 1, l.title, l.date)?;
        writeln!(screen.out, "     seats: {}; {}", l.seats_line(), l.length)?;
        if !l.teaches.is_empty() {
            writeln!(screen.out, "     teaches: {}", l.teaches)?;
        }
    }
    let first_file = shelf.len() + 1;
    for (i, f) in files.iter().enumerate() {
        writeln!(screen.out, "  {}) {}", i + first_file, f.display())?;
    }
    loop {
        let Some(answer) =
            screen.ask("Scenario [1], a built-in id, or a path to a .ron file (help: how to choose): ")?
        else {
            return Ok(None);
        };
        let chosen = match answer.parse::<usize>() {
            _ if answer.is_empty() => return Ok(Some(builtin)),
            _ if matches!(answer.to_lowercase().as_str(), "help" | "?" | "h") => {
                writeln!(screen.out, "{SCENARIO_HELP}")?;
                continue;
            }
            _ if is_quit(&answer) => return Ok(None),
            Ok(n) if (1..first_file).contains(&n) => return Ok(Some(shelf[n - 1].clone())),
            Ok(n) if (first_file..first_file + files.len()).contains(&n) => files[n - first_file].clone(),
            Ok(_) => {
                writeln!(
                    screen.out,
                    "Choose a number from the list, or type a built-in id or a path."
                )?;
                continue;
            }
            Err(_) => PathBuf::from(answer),
        };
        match crate::sim::scenario::library::resolve(&chosen) {
            Ok(s) => return Ok(Some(s)),
            Err(e) => writeln!(screen.out, "{e}\nChoose another scenario.")?,
        }
    }
}

fn choose_seat(options: &Options, s: &Scenario, screen: &mut Screen) -> Result<Option<Vec<Seat>>, TerminalError> {
    if let Some(words) = &options.seat {
        return match crate::play::lookup::seats_by_name(s, words) {
            Ok(seats) if !seats.is_empty() => Ok(Some(seats)),
            Ok(_) => Err(TerminalError::UnknownSeat(unknown_seat(s, words))),
            Err(why) => Err(TerminalError::UnknownSeat(why)),
        };
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
        let Some(answer) = screen.ask("Your seat [1] (several people at this screen: 1,2): ")? else {
            return Ok(None);
        };
        if answer.is_empty() {
            return Ok(Some(vec![Seat::Delegation(0)]));
        }
        if is_quit(&answer) {
            return Ok(None);
        }
        match crate::play::lookup::seats_by_name(s, &answer) {
            Ok(seats) if !seats.is_empty() => return Ok(Some(seats)),
            Ok(_) => writeln!(screen.out, "Choose a number from the list, or a delegation's id.")?,
            Err(why) => writeln!(
                screen.out,
                "{why}. Choose a number from the list, or a delegation's id."
            )?,
        }
    }
}
