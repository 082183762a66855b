//! Helpers shared by the integration tests: a headless table where any ambiguous system order is an
//! error, with seats in human hands.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings};
use bevy::prelude::*;
use redline::sim::batch::sim_app;
use redline::sim::command::Seat;
pub use redline::sim::game::Game;
use redline::sim::scenario::Scenario;
use redline::sim::table::Controllers;

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
    fn output_with(&mut self, input: &str) -> (bool, String, String);
}

impl OutputWith for Command {
    fn output_with(&mut self, input: &str) -> (bool, String, String) {
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
            .write_all(input.as_bytes())
            .expect("input");
        let out = child.wait_with_output().expect("ends");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}
