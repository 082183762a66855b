//! The game window: screens as Bevy States, the table as a 2D scene, panels in egui, and the
//! negotiation core running inside the same app at a pace a person can follow.

mod autoplay;
mod panels;
mod record;
mod scene;
mod screens;
mod viewer;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{RequestRedraw, WindowResolution};
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet, egui};

use crate::sim::SimSet;
use crate::sim::command::{Command, CommandMsg, Seat};
use crate::sim::delegation::{Controller, Presence};
use crate::sim::rules::{By, CommandLog};
use crate::sim::scenario::Scenario;
use crate::sim::table::{Controllers, Table, TableState, spawn_table};
use crate::sim::turn::{Phase, awaits};

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub scenario: Option<PathBuf>,
    pub seat: Option<String>,
    pub seed: u64,
    pub autoplay: bool,
    pub screenshot_dir: Option<PathBuf>,
    /// Where to write the replay (default: the data folder's replays/).
    pub record: Option<PathBuf>,
}

/// A fork being prepared: the parent's recorded moves are fed to the table until `until` starts.
#[derive(Debug, Clone)]
pub struct Feed {
    pub replay: crate::replay::Replay,
    pub file: String,
    pub until: u32,
    pub seat: Seat,
    /// Whether the recording's own handover (if it is itself a fork) has been applied.
    pub handed: bool,
    /// The index of the recorded move last fed, to notice a refusal.
    pub fed: Option<usize>,
}

/// The screens of the game.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    Scenario,
    Seat,
    Table,
    Outcome,
    Replay,
}

/// The game being set up or played in the window.
#[derive(Resource)]
pub struct Session {
    pub options: Options,
    pub scenario: Arc<Scenario>,
    /// Where the scenario came from ("built in" or a path), for the picker.
    pub source: Option<PathBuf>,
    pub seed: u64,
    /// The person's seat; `None` while watching the AI play every seat.
    pub seat: Option<Seat>,
    pub table: Option<Entity>,
    /// Commands the person made, sent on the next step of the table.
    pub pending: Vec<Command>,
    /// The last refusal the rules gave the person, shown until the next move.
    pub refusal: Option<String>,
    pub paused: bool,
    pub help: bool,
    /// The exit code once the window should close.
    pub exit: Option<u8>,
    /// Who sat where when the table was seated (for the recording).
    pub initial: Controllers,
    pub handover: Option<crate::replay::Handover>,
    pub parent: Option<crate::replay::Parent>,
    /// A fork replaying its parent's rounds before the player takes over.
    pub feed: Option<Feed>,
}

/// When the table next takes a step: AI turns are shown at a readable pace.
#[derive(Resource)]
pub struct Pace {
    pub interval: Duration,
    pub since: Duration,
    pub due: bool,
}

/// Opens the window and plays until the player quits.
pub fn run(options: Options) -> ExitCode {
    let started = std::time::Instant::now();
    let scenario = match &options.scenario {
        Some(path) => match Scenario::load(path) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                eprintln!("{:?}", miette::Report::new(e));
                return ExitCode::from(1);
            }
        },
        None => Scenario::istanbul(),
    };
    if let Some(dir) = &options.screenshot_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("cannot create the screenshot folder {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    let interval = Duration::from_millis(if options.autoplay { 60 } else { 350 });
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Redline".into(),
            resolution: WindowResolution::new(1280, 720),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    // Reactive: next to no CPU while the game waits for the player; watch mode runs continuously.
    .insert_resource(if options.autoplay {
        WinitSettings {
            focused_mode: UpdateMode::Continuous,
            unfocused_mode: UpdateMode::Continuous,
        }
    } else {
        WinitSettings::desktop_app()
    })
    .insert_resource(ClearColor(Color::srgb(0.11, 0.12, 0.14)))
    .insert_resource(Session {
        source: options.scenario.clone(),
        seed: options.seed,
        seat: None,
        table: None,
        pending: Vec::new(),
        refusal: None,
        paused: false,
        help: false,
        exit: None,
        initial: Controllers::default(),
        handover: None,
        parent: None,
        feed: None,
        scenario,
        options,
    })
    .insert_resource(Pace {
        interval,
        since: Duration::ZERO,
        due: false,
    })
    .init_state::<Screen>()
    .add_plugins(crate::sim::plugin)
    .configure_sets(
        Update,
        (SimSet::Decide, SimSet::Send, SimSet::Apply, SimSet::Advance).run_if(step_due),
    )
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(Last, move |mut first: Local<bool>| {
        if !*first {
            *first = true;
            info!(
                "first frame {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    })
    .add_systems(OnEnter(Screen::Table), seat_table)
    .add_systems(OnEnter(Screen::Seat), unseat_table)
    .add_systems(OnEnter(Screen::Title), unseat_table)
    .add_systems(OnEnter(Screen::Replay), unseat_table)
    .add_systems(
        PreUpdate,
        (
            pace,
            quiet_unchanged_modifiers
                .after(EguiPreUpdateSet::ProcessInput)
                .before(EguiPreUpdateSet::BeginPass),
        ),
    )
    .add_systems(
        Update,
        (
            (feed, send_pending).chain().run_if(step_due).before(SimSet::Decide),
            to_outcome.after(SimSet::Advance),
            exit_when_done,
            wake_on_screen_change,
        ),
    )
    .add_plugins((
        screens::plugin,
        panels::plugin,
        scene::plugin,
        autoplay::plugin,
        record::plugin,
        viewer::plugin,
    ));
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// bevy_egui reports the modifier keys to egui every frame, and egui repaints at once on any event,
/// so the window would never rest. Only real changes of the modifier keys are passed on.
fn quiet_unchanged_modifiers(mut inputs: Query<&mut EguiInput>, mut last: Local<Option<egui::Modifiers>>) {
    for mut input in &mut inputs {
        let events = std::mem::take(&mut input.0.events);
        for event in events {
            match event {
                egui::Event::ModifiersChanged(m) if *last == Some(m) => continue,
                egui::Event::ModifiersChanged(m) => *last = Some(m),
                egui::Event::WindowFocused(false) => *last = None,
                _ => {}
            }
            input.0.events.push(event);
        }
    }
}

/// A new screen needs a frame to switch and one to be drawn, even when no input arrives.
fn wake_on_screen_change(
    next: Res<NextState<Screen>>,
    screen: Res<State<Screen>>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    if matches!(*next, NextState::Pending(_)) || screen.is_changed() {
        redraw.write(RequestRedraw);
    }
}

fn step_due(pace: Res<Pace>) -> bool {
    pace.due
}

/// Decides whether the table steps this frame, and keeps frames coming while the AI is at work.
fn pace(
    time: Res<Time<Real>>,
    mut pace: ResMut<Pace>,
    session: Res<Session>,
    tables: Query<(&Table, &TableState)>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    pace.due = false;
    let Some((table, state)) = session.table.and_then(|t| tables.get(t).ok()) else {
        return;
    };
    if state.is_over() || session.paused {
        return;
    }
    let waiting_for_person = session.seat.is_some_and(|seat| awaits(table, state, seat, false));
    if !session.pending.is_empty() || session.feed.is_some() {
        pace.due = true;
        redraw.write(RequestRedraw);
    } else if !waiting_for_person {
        pace.since += time.delta();
        if pace.since >= pace.interval {
            pace.due = true;
        }
        redraw.write(RequestRedraw);
    }
    if pace.due {
        pace.since = Duration::ZERO;
    }
}

fn send_pending(mut session: ResMut<Session>, mut writer: MessageWriter<CommandMsg>) {
    let Some(table) = session.table else { return };
    let Some(seat) = session.seat else { return };
    for command in std::mem::take(&mut session.pending) {
        writer.write(CommandMsg { table, seat, command });
    }
}

fn seat_table(mut commands: Commands, mut session: ResMut<Session>) {
    let controllers = match &session.feed {
        Some(f) => f.replay.controllers(),
        None => Controllers::person(session.seat),
    };
    session.initial = controllers.clone();
    if session.feed.is_none() {
        session.handover = None;
        session.parent = None;
    }
    let table = spawn_table(&mut commands, &session.scenario, session.seed, 0, &controllers);
    session.table = Some(table);
    session.refusal = None;
    session.pending.clear();
}

/// Puts `seat` in the player's hands and every other seat in the AI's.
fn hand_over(table: &Table, seat: Seat, controllers: &mut Query<&mut Controller>) {
    let who = Controllers::person(Some(seat));
    for (s, e) in table.seat_entities() {
        if let Ok(mut c) = controllers.get_mut(e) {
            *c = who.of(s);
        }
    }
}

/// While a fork is being prepared, feeds the parent's recorded moves until the chosen round starts,
/// then hands the seat to the player.
fn feed(
    mut session: ResMut<Session>,
    tables: Query<(&Table, &TableState, &CommandLog)>,
    presence: Query<&Presence>,
    mut controllers: Query<&mut Controller>,
    mut writer: MessageWriter<CommandMsg>,
) {
    let Some(table_entity) = session.table else { return };
    let Ok((table, state, log)) = tables.get(table_entity) else {
        return;
    };
    let Some(mut f) = session.feed.clone() else { return };
    let at_start = state.phase == Phase::Statements && state.acted == 0;
    if let Some(h) = f.replay.handover.clone()
        && !f.handed
        && state.round >= h.round
        && at_start
    {
        hand_over(table, h.seat, &mut controllers);
        f.handed = true;
    }
    let next = log.0.len();
    // A move the recording does not have (a build whose AI plays differently) ends the following too.
    let diverged = next > 0 && f.replay.commands.get(next - 1) != log.0.last();
    let stuck = f.fed == Some(next) || diverged;
    if (state.round >= f.until && at_start) || state.is_over() || stuck {
        hand_over(table, f.seat, &mut controllers);
        if stuck {
            session.refusal = Some(format!(
                "The recording could not be followed past round {}; you play on from here.",
                state.round
            ));
        }
        let round = state.round;
        session.seat = Some(f.seat);
        session.handover = Some(crate::replay::Handover { round, seat: f.seat });
        session.parent = Some(crate::replay::Parent {
            file: f.file.clone(),
            round,
        });
        session.feed = None;
        return;
    }
    if let Some(rec) = f.replay.commands.get(next)
        && rec.by == By::Person
    {
        let left = match rec.seat {
            Seat::Delegation(d) => table
                .seats
                .get(d)
                .and_then(|&e| presence.get(e).ok())
                .is_some_and(|p| p.left),
            Seat::Mediator => false,
        };
        if awaits(table, state, rec.seat, left) {
            writer.write(CommandMsg {
                table: table_entity,
                seat: rec.seat,
                command: rec.command.clone(),
            });
            f.fed = Some(next);
        }
    }
    session.feed = Some(f);
}

/// Clears the last table away before seats are chosen again; the next game gets the next seed.
fn unseat_table(mut commands: Commands, mut session: ResMut<Session>) {
    if let Some(t) = session.table.take() {
        commands.entity(t).despawn();
        session.seed = session.seed.wrapping_add(1);
    }
}

fn to_outcome(
    session: Res<Session>,
    tables: Query<&TableState>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if *screen.get() == Screen::Table
        && session
            .table
            .and_then(|t| tables.get(t).ok())
            .is_some_and(|s| s.is_over())
    {
        next.set(Screen::Outcome);
    }
}

fn exit_when_done(session: Res<Session>, mut exit: MessageWriter<AppExit>) {
    if let Some(code) = session.exit {
        exit.write(AppExit::from_code(code));
    }
}
