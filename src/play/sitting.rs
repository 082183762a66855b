//! A sitting: one front end at one table. It holds the table, the seats the front end speaks for, the last
//! refusal, and how the game is kept (the recording and the autosave slot). Starting, continuing and
//! forking a game all end here, so the window and the terminal behave alike.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::replay::{Handover, Parent, Replay, ReplayError, Stop, autosave_to, play_back_or_as_recorded};
use crate::sim::command::{Command, Seat};
use bevy::platform::cell::SyncCell;

use crate::sim::game::Game;
use crate::sim::rules::{RuleError, apply};
use crate::sim::scenario::Scenario;
use crate::sim::table::{Controllers, TableState};
use crate::sim::transcript::{Event, Transcript};
use crate::sim::turn::awaiting;

use super::moves::{Composed, Moves, moves};
use super::saves::remove_slot;

/// How a game is kept on disk as it goes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keeping {
    /// The replay file, rewritten after every round and at the end.
    pub record: Option<PathBuf>,
    /// The autosave slot, rewritten after every round while the game goes on and removed when it ends.
    pub slot: Option<PathBuf>,
    /// Who sat where when the table was seated.
    pub initial: Controllers,
    /// Where a fork's player took over.
    pub handover: Option<Handover>,
    /// The recording a fork left.
    pub parent: Option<Parent>,
}

/// One front end at one table.
pub struct Sitting {
    /// The table, in its own headless app; reached only to send moves, step and save.
    game: SyncCell<Game>,
    scenario: Arc<Scenario>,
    /// The table as this front end knows it: built from the seated state by applying every Event, in
    /// order, exactly as the rules did. All the views are drawn from it.
    mirror: TableState,
    /// Every Event the table has recorded, as received.
    transcript: Transcript,
    /// The seats this front end speaks for, in seat order.
    pub seats: Vec<Seat>,
    /// The rules' last refusal of a move from here, until the next move.
    pub refusal: Option<String>,
    /// How the game is kept.
    pub keeping: Keeping,
    /// Rounds finished, and whether the game was over, at the last save.
    saved: (usize, bool),
    /// How many transcript events `new_events` has handed out.
    seen: usize,
    /// The seed the table was seated with.
    seed: u64,
}

impl Sitting {
    /// A new table of `scenario` with `seed`, the given seats in people's hands and the AI at the others.
    pub fn new(scenario: Arc<Scenario>, seed: u64, seats: Vec<Seat>, mut keeping: Keeping) -> Sitting {
        let controllers = people(&seats);
        keeping.initial = controllers.clone();
        Sitting::at(Game::new(scenario, seed, controllers), seats, keeping)
    }

    /// A sitting at a table already under way (a save continued, a fork).
    pub fn at(game: Game, mut seats: Vec<Seat>, keeping: Keeping) -> Sitting {
        seats.sort();
        seats.dedup();
        let (mut mirror, _) = TableState::seated(&game.scenario, game.seed, &keeping.initial);
        let transcript = game.transcript().clone();
        for event in &transcript.events {
            apply(&mut mirror, event);
        }
        let rounds = transcript.round_hashes().len();
        let seed = game.seed;
        Sitting {
            seed,
            scenario: game.scenario.clone(),
            game: SyncCell::new(game),
            mirror,
            transcript,
            seats,
            refusal: None,
            keeping,
            saved: (rounds, false),
            seen: 0,
        }
    }

    /// The seed the table was seated with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The scenario the table plays.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The table as this front end knows it, from the Events it has received.
    pub fn state(&self) -> &TableState {
        &self.mirror
    }

    /// Everything that has happened at the table.
    pub fn transcript(&self) -> &Transcript {
        &self.transcript
    }

    /// Receives the Events the table recorded since the last call and applies them to the mirror.
    fn receive(&mut self) {
        let game = self.game.get();
        let events = &game.transcript().events;
        for event in &events[self.transcript.events.len().min(events.len())..] {
            apply(&mut self.mirror, event);
            self.transcript.events.push(event.clone());
        }
    }

    /// The table's own state, for checking that the mirror agrees with it.
    pub fn table_state(&mut self) -> TableState {
        self.game.get().state().clone()
    }

    /// This front end's seats the table is waiting for, in seat order.
    pub fn awaited(&self) -> Vec<Seat> {
        awaiting(self.scenario(), self.state())
            .into_iter()
            .filter(|s| self.seats.contains(s))
            .collect()
    }

    /// The seat whose move it is here: the first of ours the table waits for.
    pub fn to_move(&self) -> Option<Seat> {
        self.awaited().first().copied()
    }

    /// Every move `seat` could make with what it has composed, judged by the rules.
    pub fn moves(&self, seat: Seat, composed: &Composed) -> Moves {
        moves(self.scenario(), self.state(), seat, composed)
    }

    /// Sends a move for one of this front end's seats; the rules' refusal is returned and kept to show.
    pub fn send(&mut self, seat: Seat, command: Command) -> Result<(), RuleError> {
        let result = if self.seats.contains(&seat) {
            self.game.get().send(seat, command.clone())
        } else {
            Err(RuleError::NotYourSeat)
        };
        self.receive();
        // A seat the facilitator takes is played from here until it is handed back.
        match (&result, command) {
            (Ok(()), Command::TakeSeat { seat }) => {
                self.seats.push(seat);
                self.seats.sort();
                self.seats.dedup();
            }
            (Ok(()), Command::HandBack { seat }) => self.seats.retain(|&s| s != seat),
            _ => {}
        }
        self.refusal = result.as_ref().err().map(|e| format!("Refused: {e}"));
        result
    }

    /// Moves the table on by one step (AI seats decide, the table advances).
    pub fn step(&mut self) {
        self.game.get().app.update();
        self.receive();
    }

    /// Steps the table until a person must move or the talks end.
    pub fn run_until_people(&mut self) {
        self.game.get().run_until_people();
        self.receive();
    }

    /// Steps the table until `stop` holds of it, a person must move, or the talks end.
    pub fn run_until(&mut self, stop: impl Fn(&TableState) -> bool) {
        self.game.get().run_until(stop);
        self.receive();
    }

    /// The Events [`Sitting::new_events`] has handed out so far.
    pub fn seen_events(&self) -> &[Event] {
        let events = &self.transcript.events;
        &events[..self.seen.min(events.len())]
    }

    /// Events received since the last call.
    pub fn new_events(&mut self) -> Vec<Event> {
        let events = &self.transcript.events;
        let fresh = events[self.seen.min(events.len())..].to_vec();
        self.seen = events.len();
        fresh
    }

    /// The game so far as a replay.
    pub fn replay(&mut self) -> Replay {
        let (initial, handover, parent) = (
            self.keeping.initial.clone(),
            self.keeping.handover.clone(),
            self.keeping.parent.clone(),
        );
        let mut replay = Replay::of(self.game.get(), &initial, handover, parent);
        replay.recording = self.keeping.record.as_ref().map(|p| p.display().to_string());
        replay
    }

    /// Writes the game away if a round has ended (or the game has) since the last save: the recording, and
    /// the autosave slot while the game goes on (the slot is removed once it is over). Returns what failed,
    /// in words for the player; a failure never stops the game.
    pub fn save(&mut self) -> Vec<String> {
        let now = (self.transcript().round_hashes().len(), self.state().is_over());
        if now == self.saved {
            return Vec::new();
        }
        self.save_now()
    }

    /// Writes the game away now (on leaving, or when a round ends).
    pub fn save_now(&mut self) -> Vec<String> {
        self.saved = (self.transcript().round_hashes().len(), self.state().is_over());
        let replay = self.replay();
        let mut problems = Vec::new();
        if let Some(slot) = &self.keeping.slot {
            if self.state().is_over() {
                remove_slot(slot);
            } else if let Err(e) = autosave_to(slot, &replay) {
                problems.push(format!("autosave failed: {e}"));
            }
        }
        if let Some(path) = &self.keeping.record
            && let Err(e) = replay.save(path)
        {
            problems.push(format!("recording failed: {e}"));
        }
        problems
    }

    /// Puts `seat` in this front end's hands and every other seat in the AI's, from now on.
    pub fn hand_over(&mut self, seat: Seat) {
        self.game.get().hand_over(seat);
        self.receive();
        self.seats = vec![seat];
    }
}

/// Controllers with `seats` in people's hands.
pub fn people(seats: &[Seat]) -> Controllers {
    let mut c = Controllers::default();
    for &seat in seats {
        c.set(seat, crate::sim::delegation::Controller::Human);
    }
    c
}

/// A game continued from a save: the table as the save left it, and where it came from.
pub struct Continued {
    /// The table as the save left it, with the save's person seats in this front end's hands.
    pub sitting: Sitting,
    /// What the player should be told (a damaged newest save passed over, an older AI shown as recorded).
    pub notes: Vec<String>,
    /// The file the game was read from.
    pub file: PathBuf,
}

/// Why a save cannot be continued.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ContinueError {
    /// The save (and the copy before it) cannot be read or played back.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Replay(#[from] ReplayError),
    /// The saved game has already ended; holds the file and how it ended.
    #[error("{0}: that game is over ({1}); start a new one with `redline play`")]
    Over(String, String),
    /// Every seat in the saved game was played by the AI; holds the file.
    #[error("{0}: no seat in it was played by a person, so there is no one to continue as")]
    NoPerson(String),
}

/// Continues the game saved in slot `latest`, keeping it in the same slot (and `record`, if given).
pub fn continue_slot(latest: &Path, record: Option<PathBuf>) -> Result<Continued, ContinueError> {
    let (mut save, mut file, mut note) = crate::replay::load_slot(latest)?;
    let mut notes_first: Vec<String> = Vec::new();
    let mut name = file.display().to_string();
    if let Some(outcome) = &save.outcome {
        return Err(ContinueError::Over(name, outcome.replace('_', " ")));
    }
    // Every slot is a game a person plays. A newest save that names no person, or whose moves no longer
    // play (edited, or half-written by a crash), gives way to the previous save, as a torn one does.
    let (_, previous) = crate::replay::slot_paths(latest);
    let previous_game = || {
        Replay::load(&previous)
            .ok()
            .filter(|r| r.outcome.is_none() && !super::saves::person_seats(r).is_empty())
    };
    if super::saves::person_seats(&save).is_empty() {
        let Some(older) = previous_game() else {
            return Err(ContinueError::NoPerson(name));
        };
        note = Some(format!(
            "{name}: no seat in it was played by a person; continuing from the previous autosave instead"
        ));
        (save, file) = (older, previous.clone());
        name = file.display().to_string();
    }
    let (game, _, shown) = match play_back_or_as_recorded(&save, &name, None) {
        Ok(played) => played,
        Err(e) => {
            let Some(older) = previous_game() else {
                return Err(e.into());
            };
            let played = play_back_or_as_recorded(&older, &previous.display().to_string(), None)?;
            notes_first.push(format!("{e}; continuing from the previous autosave instead"));
            (save, file) = (older, previous.clone());
            played
        }
    };
    let seats = super::saves::person_seats(&save);
    let keeping = Keeping {
        record: record.or_else(|| save.recording.as_ref().map(PathBuf::from)),
        slot: Some(latest.to_path_buf()),
        initial: save.controllers(),
        handover: save.handover.clone(),
        parent: save.parent.clone(),
    };
    Ok(Continued {
        sitting: Sitting::at(game, seats, keeping),
        notes: note.into_iter().chain(notes_first).chain(shown).collect(),
        file,
    })
}

/// Why a recording cannot be forked where asked.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ForkError {
    /// The recording cannot be read or played back.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Replay(#[from] ReplayError),
    /// The recording ends before the round asked to fork at.
    #[error("{file} ends in round {ends} before round {round} starts")]
    #[diagnostic(help("fork at round {ends} or earlier"))]
    TooLate {
        /// The recording, as it was named.
        file: String,
        /// The round the recording ends in.
        ends: u32,
        /// The round asked to fork at.
        round: u32,
    },
}

/// A fork: the recording played to the start of `round` (by this build's AI, or exactly as recorded
/// where this build would play differently, with a note saying so), then `seat` handed to the player.
pub fn fork(
    recording: &Replay,
    file: &str,
    round: u32,
    seat: Seat,
    mut keeping: Keeping,
) -> Result<(Sitting, Option<String>), ForkError> {
    let (game, stop, note) = play_back_or_as_recorded(recording, file, Some(round))?;
    if stop != Stop::AtRound(round) {
        return Err(ForkError::TooLate {
            file: file.into(),
            ends: game.state().round,
            round,
        });
    }
    keeping.initial = recording.controllers();
    keeping.handover = Some(Handover { round, seat });
    keeping.parent = Some(Parent {
        file: file.into(),
        round,
    });
    let mut sitting = Sitting::at(game, vec![seat], keeping);
    sitting.hand_over(seat);
    Ok((sitting, note))
}
