//! Helpers shared by the integration tests: a headless table where any ambiguous system order is an
//! error, with seats in human hands.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings};
use bevy::prelude::*;
use redline::sim::batch::sim_app;
use redline::sim::command::{Command as Move, Seat};
pub use redline::sim::game::Game;
use redline::sim::rules::{RuleError, exec};
use redline::sim::scenario::Scenario;
use redline::sim::table::{Controllers, TableState};
use redline::sim::transcript::Event;
use redline::sim::turn::{Streams, run};

/// A headless app with the core, where any ambiguous system order is an error.
pub fn strict_app() -> App {
    let mut app = sim_app();
    app.edit_schedule(Update, |schedule| {
        schedule.set_build_settings(ScheduleBuildSettings {
            ambiguity_detection: LogLevel::Error,
            ..default()
        });
    });
    app
}

/// A game in a strict app.
pub fn game(scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
    Game::in_app(strict_app(), scenario, seed, controllers)
}

/// Istanbul with Ukraine (seat 0) played by a person.
pub fn istanbul_as_ukraine(seed: u64) -> Game {
    game(
        Scenario::istanbul(),
        seed,
        Controllers {
            humans: vec![0],
            human_mediator: false,
        },
    )
}

/// Steps until the table waits for `seat` (or has ended).
pub fn until_awaiting(game: &mut Game, seat: Seat) {
    for _ in 0..200 {
        if game.state().is_over() || game.awaiting().contains(&seat) {
            return;
        }
        game.app.update();
    }
    panic!("the table never waited for {seat:?}");
}

/// Index of an issue and an option of the scenario by id.
pub fn option(scenario: &Scenario, issue: &str, option: &str) -> (usize, usize) {
    let i = scenario.issues.iter().position(|x| x.id == issue).expect("issue");
    let o = scenario.issues[i]
        .options
        .iter()
        .position(|x| x.id == option)
        .expect("option");
    (i, o)
}

/// Runs a command with `input` on its standard input and collects how it ended: success, stdout, stderr.
pub trait OutputWith {
    fn output_with(&mut self, input: impl AsRef<[u8]>) -> (bool, String, String);
}

impl OutputWith for Command {
    fn output_with(&mut self, input: impl AsRef<[u8]>) -> (bool, String, String) {
        let mut child = self
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_ref())
            .expect("input");
        let out = child.wait_with_output().expect("ends");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// The small two-delegation test table, seated with `seed` and opened (round 1, statements phase), with
/// no AI and no World: the rules alone, as a teacher would read them.
pub fn small_table(seed: u64) -> (Arc<Scenario>, TableState) {
    let scenario = Arc::new(
        Scenario::from_ron("two-issues.ron", include_str!("../scenarios/two-issues.ron")).expect("the test table"),
    );
    let (mut state, mut rng) = TableState::seated(&scenario, seed, &Controllers::default());
    let mut events = Vec::new();
    run(
        &scenario,
        seed,
        &mut state,
        &mut rng,
        &no_streams(&scenario),
        &mut events,
    );
    (scenario, state)
}

fn no_streams(s: &Scenario) -> Streams {
    Streams {
        seats: vec![0; s.delegations.len()],
        mediator: 0,
    }
}

/// Moves a hand-made table on as far as it goes without a move, and returns the Events that came of it.
pub fn move_on(s: &Scenario, state: &mut TableState) -> Vec<Event> {
    let mut events = Vec::new();
    let mut rng = redline::sim::rng::stream(1, 0);
    run(s, 1, state, &mut rng, &no_streams(s), &mut events);
    events
}

/// Sends `command` for `seat` through the rules and checks it produces exactly `expected`, in order.
#[track_caller]
pub fn exec_and_check(s: &Scenario, state: &mut TableState, seat: Seat, command: Move, expected: &[Event]) {
    match exec(s, state, seat, &command) {
        Ok(events) => assert_eq!(events, expected, "the Events of {command:?} by {seat:?}"),
        Err(e) => panic!("{command:?} by {seat:?} was refused: {e}"),
    }
}

/// Sends `command` for `seat` and returns the rules' refusal, checking that the table did not change.
#[track_caller]
pub fn refused(s: &Scenario, state: &mut TableState, seat: Seat, command: Move) -> RuleError {
    let before = state.clone();
    let err = exec(s, state, seat, &command).expect_err("the rules refuse it");
    assert_eq!(*state, before, "a refused move changes nothing");
    err
}

/// The program with its data folder at `home` and no display, so it plays in the terminal.
pub fn redline_at(home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_redline"));
    c.env("XDG_DATA_HOME", home)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    c
}

/// A folder of one test's own under the system's temporary folder, emptied first and removed when the test
/// ends (pass or fail), so test runs leave nothing behind.
pub struct Scratch(std::path::PathBuf);

impl Scratch {
    /// The folder `redline-NAME-PID`, made empty.
    pub fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("redline-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A game on `scenario` where a person holds delegation `seat` and, each time the move is theirs, passes, or in
/// the responses rejects every proposal left to answer; the AI plays every other seat. With its replay.
pub fn played_by_a_person_who_rejects(
    scenario: std::sync::Arc<Scenario>,
    seat: usize,
    seed: u64,
) -> (redline::sim::game::Game, redline::replay::Replay) {
    use redline::sim::command::{Command as Move, Reason, Seat};
    let people = Controllers {
        humans: vec![seat],
        human_mediator: false,
    };
    let mut game = redline::sim::game::Game::new(scenario, seed, people.clone());
    loop {
        game.run_until_people();
        if game.state().is_over() {
            break;
        }
        let state = game.state().clone();
        let mut moves: Vec<Move> = match state.phase {
            redline::sim::turn::Phase::Responses => state
                .unanswered(seat)
                .map(|p| Move::Reject {
                    proposal: p.id,
                    reason: Reason::Said("No.".into()),
                })
                .collect(),
            _ => vec![],
        };
        if moves.is_empty() {
            moves.push(Move::Pass);
        }
        for m in moves {
            game.send(Seat::Delegation(seat), m).expect("an allowed move");
        }
    }
    let replay = redline::replay::Replay::of(&game, &people, None, None);
    (game, replay)
}
