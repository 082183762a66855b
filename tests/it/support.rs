//! Helpers shared by the integration tests: a headless table with a human seat, driven by Commands.

use std::sync::Arc;

use bevy::ecs::message::Messages;
use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings};
use bevy::prelude::*;
use redline::sim::batch::sim_app;
use redline::sim::command::{Command, CommandMsg, RefusedMsg, Seat};
use redline::sim::delegation::Presence;
use redline::sim::rules::RuleError;
use redline::sim::scenario::Scenario;
use redline::sim::table::{Controllers, Table, TableState, spawn_table};
use redline::sim::transcript::Transcript;
use redline::sim::turn::awaiting;

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

/// One table in an app, with some seats in human hands.
pub struct Game {
    pub app: App,
    pub table: Entity,
    pub scenario: Arc<Scenario>,
}

impl Game {
    pub fn new(scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
        let mut app = strict_app();
        let table = {
            let world = app.world_mut();
            let mut commands = world.commands();
            let t = spawn_table(&mut commands, &scenario, seed, 0, &controllers);
            world.flush();
            t
        };
        Game { app, table, scenario }
    }

    /// Istanbul with Ukraine (seat 0) played by a person.
    pub fn istanbul_as_ukraine(seed: u64) -> Game {
        Game::new(
            Scenario::istanbul(),
            seed,
            Controllers {
                humans: vec![0],
                human_mediator: false,
            },
        )
    }

    pub fn state(&self) -> TableState {
        self.app
            .world()
            .get::<TableState>(self.table)
            .cloned()
            .expect("table state")
    }

    pub fn transcript(&self) -> Transcript {
        self.app
            .world()
            .get::<Transcript>(self.table)
            .cloned()
            .expect("transcript")
    }

    pub fn presence(&self, seat: usize) -> Presence {
        let e = self.app.world().get::<Table>(self.table).expect("table").seats[seat];
        *self.app.world().get::<Presence>(e).expect("presence")
    }

    /// The seats the table is waiting for.
    pub fn awaiting(&self) -> Vec<Seat> {
        let world = self.app.world();
        let table = world.get::<Table>(self.table).expect("table");
        let presence: Vec<Presence> = table
            .seats
            .iter()
            .map(|&e| *world.get::<Presence>(e).expect("presence"))
            .collect();
        awaiting(table, &self.state(), &presence)
    }

    /// Steps until the table waits for `seat` or has ended (at most `limit` steps).
    pub fn until_awaiting(&mut self, seat: Seat) {
        for _ in 0..200 {
            if self.state().is_over() || self.awaiting().contains(&seat) {
                return;
            }
            self.app.update();
        }
        panic!("the table never waited for {seat:?}");
    }

    /// Sends a Command, steps once, and returns the rules' refusal if there was one.
    pub fn send(&mut self, seat: Seat, command: Command) -> Result<(), RuleError> {
        self.send_together(seat, vec![command]).remove(0)
    }

    /// Sends several Commands in one step (as a fast player might), and returns each one's fate.
    pub fn send_together(&mut self, seat: Seat, commands: Vec<Command>) -> Vec<Result<(), RuleError>> {
        for command in &commands {
            self.app.world_mut().write_message(CommandMsg {
                table: self.table,
                seat,
                command: command.clone(),
            });
        }
        self.app.update();
        let mut refused: Vec<RefusedMsg> = self
            .app
            .world_mut()
            .resource_mut::<Messages<RefusedMsg>>()
            .drain()
            .filter(|r| r.seat == seat)
            .collect();
        commands
            .iter()
            .map(|c| match refused.iter().position(|r| &r.command == c) {
                Some(i) => Err(refused.remove(i).error),
                None => Ok(()),
            })
            .collect()
    }
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
