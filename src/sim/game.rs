//! One table driven from outside: a front end (terminal, replay, test) sends Commands for its seats,
//! steps the table until a person must move, and reads the Events that came of it.

use std::sync::Arc;

use bevy::ecs::message::Messages;
use bevy::prelude::*;

use super::batch::sim_app;
use super::command::{Command, CommandMsg, RefusedMsg, Seat};
use super::delegation::{Controller, Patience, Presence, Reservation, Trust};
use super::rules::{CommandLog, Recorded, RuleError};
use super::scenario::Scenario;
use super::table::{Controllers, Table, TableState, spawn_table};
use super::transcript::{Event, Transcript};
use super::turn::awaiting;

/// How many steps a table may take without needing a person before something is wrong.
const STEP_LIMIT: usize = 1000;

/// What a delegation's own brief shows of its changing state.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatView {
    pub walk_away: f64,
    pub patience: f64,
    pub trust: Vec<f64>,
    pub presence: Presence,
}

/// A single table in its own headless app.
pub struct Game {
    pub app: App,
    pub table: Entity,
    pub scenario: Arc<Scenario>,
    pub seed: u64,
    pub controllers: Controllers,
    /// How many transcript events `new_events` has handed out.
    seen: usize,
}

impl Game {
    /// Seats a table with AI everywhere except the seats `controllers` gives to people.
    pub fn new(scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
        Game::in_app(sim_app(), scenario, seed, controllers)
    }

    /// Seats the table in a given app (one with the core plugin).
    pub fn in_app(mut app: App, scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
        let table = {
            let world = app.world_mut();
            let mut commands = world.commands();
            let t = spawn_table(&mut commands, &scenario, seed, 0, &controllers);
            world.flush();
            t
        };
        Game {
            app,
            table,
            scenario,
            seed,
            controllers,
            seen: 0,
        }
    }

    pub fn state(&self) -> &TableState {
        self.app
            .world()
            .get::<TableState>(self.table)
            .expect("a seated table has a state")
    }

    pub fn transcript(&self) -> &Transcript {
        self.app
            .world()
            .get::<Transcript>(self.table)
            .expect("a seated table has a transcript")
    }

    fn seat_entity(&self, seat: usize) -> Option<Entity> {
        self.app.world().get::<Table>(self.table)?.seats.get(seat).copied()
    }

    pub fn presence(&self, seat: usize) -> Presence {
        self.seat_entity(seat)
            .and_then(|e| self.app.world().get::<Presence>(e).copied())
            .unwrap_or_default()
    }

    /// A delegation's walk-away value, patience and trust as they stand now.
    pub fn seat_view(&self, seat: usize) -> Option<SeatView> {
        let e = self.seat_entity(seat)?;
        let w = self.app.world();
        Some(SeatView {
            walk_away: w.get::<Reservation>(e)?.0,
            patience: w.get::<Patience>(e)?.0,
            trust: w.get::<Trust>(e)?.0.clone(),
            presence: *w.get::<Presence>(e)?,
        })
    }

    /// The seats the table waits for.
    pub fn awaiting(&self) -> Vec<Seat> {
        let presence: Vec<Presence> = (0..self.scenario.delegations.len()).map(|d| self.presence(d)).collect();
        let table = self.app.world().get::<Table>(self.table).expect("a seated table");
        awaiting(table, self.state(), &presence)
    }

    /// The people's seats the table waits for.
    pub fn awaiting_people(&self) -> Vec<Seat> {
        self.awaiting().into_iter().filter(|s| self.is_human(*s)).collect()
    }

    pub fn is_human(&self, seat: Seat) -> bool {
        self.controllers.of(seat) == Controller::Human
    }

    /// Steps the table until a person must move or the talks end.
    pub fn run_until_people(&mut self) {
        for _ in 0..STEP_LIMIT {
            if self.state().is_over() || !self.awaiting_people().is_empty() {
                return;
            }
            self.app.update();
        }
    }

    /// Sends one Command and steps once; the rules' refusal comes back as an error.
    pub fn send(&mut self, seat: Seat, command: Command) -> Result<(), RuleError> {
        self.send_together(seat, vec![command]).remove(0)
    }

    /// Sends several Commands in one step, and returns each one's fate.
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

    /// Every Command the table has accepted so far.
    pub fn log(&self) -> &[Recorded] {
        self.app
            .world()
            .get::<CommandLog>(self.table)
            .map_or(&[], |l| l.0.as_slice())
    }

    /// Puts `seat` in a person's hands and every other seat in the AI's, from now on.
    pub fn hand_over(&mut self, seat: Seat) {
        let controllers = Controllers::person(Some(seat));
        let seats: Vec<(Seat, Entity)> = self
            .app
            .world()
            .get::<Table>(self.table)
            .map(|t| t.seat_entities().collect())
            .unwrap_or_default();
        for (s, e) in seats {
            self.app.world_mut().entity_mut(e).insert(controllers.of(s));
        }
        self.controllers = controllers;
    }

    /// Steps the table until `stop` holds, a person must move, or the talks end.
    pub fn run_until(&mut self, stop: impl Fn(&TableState) -> bool) {
        for _ in 0..STEP_LIMIT {
            if stop(self.state()) || self.state().is_over() || !self.awaiting_people().is_empty() {
                return;
            }
            self.app.update();
        }
    }

    /// Events recorded since the last call.
    pub fn new_events(&mut self) -> Vec<Event> {
        let events = &self.transcript().events;
        let fresh = events[self.seen.min(events.len())..].to_vec();
        self.seen = events.len();
        fresh
    }
}
