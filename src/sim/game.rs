//! One table driven from outside: a front end (terminal, replay, test) sends Commands for its seats,
//! steps the table until a person must move, and reads the Events that came of it.

use std::sync::Arc;

use bevy::app::SubApp;
use bevy::ecs::message::Messages;
use bevy::ecs::schedule::SingleThreadedExecutor;
use bevy::prelude::*;

use super::batch::sim_app;
use super::command::{Command, CommandMsg, RefusedMsg, Seat};
use super::delegation::Controller;
use super::rules::{CommandLog, Recorded, RuleError, View, check};
use super::scenario::Scenario;
use super::table::{Controllers, TableState, spawn_table};
use super::transcript::{Event, Transcript};
use super::turn::awaiting;

/// How many steps a table may take without needing a person before something is wrong.
const STEP_LIMIT: usize = 1000;

/// A single table in its own headless app (the app's main world and schedules, which can be sent to
/// another thread, as a window's resource is).
pub struct Game {
    /// The table's own headless app: its world and schedules.
    pub app: SubApp,
    /// The table entity in that app.
    pub table: Entity,
    /// The scenario being played.
    pub scenario: Arc<Scenario>,
    /// The seed the table was seated with.
    pub seed: u64,
}

impl Game {
    /// Seats a table with AI everywhere except the seats `controllers` gives to people.
    pub fn new(scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
        Game::in_app(sim_app(), scenario, seed, controllers)
    }

    /// Seats the table in a given app (one with the core plugin).
    pub fn in_app(mut whole: App, scenario: Arc<Scenario>, seed: u64, controllers: Controllers) -> Game {
        let mut app = std::mem::replace(whole.main_mut(), SubApp::new());
        // One table's few systems run in order on the calling thread: a game stepped from inside another
        // app's system (the window's) must not start a second multi-threaded executor on the same task pool.
        if let Some(mut schedules) = app.world_mut().get_resource_mut::<Schedules>() {
            for (_, schedule) in schedules.iter_mut() {
                schedule.set_executor(SingleThreadedExecutor::new());
            }
        }
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
        }
    }

    /// The table's state as it stands now: round, phase, tension, proposals and every delegation's seat.
    pub fn state(&self) -> &TableState {
        self.app
            .world()
            .get::<TableState>(self.table)
            .expect("a seated table has a state")
    }

    /// Every Event of the table so far.
    pub fn transcript(&self) -> &Transcript {
        self.app
            .world()
            .get::<Transcript>(self.table)
            .expect("a seated table has a transcript")
    }

    /// Whether the rules would let `seat` make `command` now: the dry run that enables a button.
    pub fn check(&self, seat: Seat, command: &Command) -> Result<(), RuleError> {
        check(
            &View {
                scenario: &self.scenario,
                state: self.state(),
            },
            seat,
            command,
        )
    }

    /// The seats the table waits for.
    pub fn awaiting(&self) -> Vec<Seat> {
        awaiting(&self.scenario, self.state())
    }

    /// The people's seats the table waits for.
    pub fn awaiting_people(&self) -> Vec<Seat> {
        self.awaiting().into_iter().filter(|s| self.is_human(*s)).collect()
    }

    /// Whether a person, not the AI, plays `seat`.
    pub fn is_human(&self, seat: Seat) -> bool {
        self.state().controllers.of(seat) == Controller::Human
    }

    /// Steps the table until a person must move or the talks end.
    pub fn run_until_people(&mut self) {
        for _ in 0..STEP_LIMIT {
            if self.state().is_over() || self.state().paused || !self.awaiting_people().is_empty() {
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
                decided_by_ai: false,
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

    /// Puts `seat` in a person's hands and every other seat in the AI's, from now on: one `Controlled`
    /// Event for each seat that changes hands, recorded in the transcript.
    pub fn hand_over(&mut self, seat: Seat) {
        let world = self.app.world_mut();
        let Some(mut state) = world.get_mut::<TableState>(self.table) else {
            return;
        };
        let events = hand_over(&mut state, &Controllers::person(Some(seat)));
        if let Some(mut transcript) = world.get_mut::<Transcript>(self.table) {
            transcript.events.extend(events);
        }
    }

    /// Steps the table until `stop` holds, a person must move, the table is paused, or the talks end.
    pub fn run_until(&mut self, stop: impl Fn(&TableState) -> bool) {
        self.run_until_logged(|state, _| stop(state));
    }

    /// Steps the table until `stop` holds of the state and the number of Commands accepted so far, a person
    /// must move, the table is paused, or the talks end. Stops only between steps.
    pub fn run_until_logged(&mut self, stop: impl Fn(&TableState, usize) -> bool) {
        for _ in 0..STEP_LIMIT {
            let state = self.state();
            if stop(state, self.log().len()) || state.is_over() || state.paused || !self.awaiting_people().is_empty() {
                return;
            }
            self.app.update();
        }
    }
}

/// Gives every seat to whoever `wanted` says, as `Controlled` Events applied to `state`; returns them.
pub fn hand_over(state: &mut TableState, wanted: &Controllers) -> Vec<Event> {
    let seats = (0..state.seats.len())
        .map(Seat::Delegation)
        .chain(std::iter::once(Seat::Mediator));
    let mut events = Vec::new();
    for seat in seats.collect::<Vec<_>>() {
        let by = wanted.of(seat);
        if state.controllers.of(seat) != by {
            let event = Event::Controlled { seat, by };
            super::rules::apply(state, &event);
            events.push(event);
        }
    }
    events
}
