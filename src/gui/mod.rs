//! The game window: screens as Bevy States, the table as a scene and panels drawn with egui, and the
//! negotiation core running inside the same app at a pace a person can follow.

mod autoplay;
pub mod class;
mod screens;
mod table;
mod viewer;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{RequestRedraw, WindowResolution};
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiInput, EguiPlugin, EguiPreUpdateSet, egui};

use crate::play::lookup::seat_name;
use crate::play::saves::{new_recording, new_slot, replays_dir, saves_dir};
use crate::play::sitting::fork;
use crate::play::{Keeping, Sitting};
use crate::replay::Replay;
use crate::sim::command::{Command, Seat};
use crate::sim::scenario::Scenario;

/// How the window starts.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A scenario file to start with (default: the built-in Istanbul table).
    pub scenario: Option<PathBuf>,
    /// The seat named on the command line, taken when the seat choice first comes up.
    pub seat: Option<String>,
    /// The seed of the first table; each new game in the same window takes the next one.
    pub seed: u64,
    /// Watch the AI play every seat, passing through every screen, and close at the outcome.
    pub autoplay: bool,
    /// With `autoplay`: where to save a PNG of each screen.
    pub screenshot_dir: Option<PathBuf>,
    /// Where to write the replay (default: the data folder's replays/).
    pub record: Option<PathBuf>,
}

/// A fork asked for in the replay viewer: the recording, its file, the round to leave it at, the seat.
#[derive(Debug, Clone)]
pub struct ForkRequest {
    /// The recording to leave.
    pub replay: Replay,
    /// Its file, named in the fork as its parent.
    pub file: String,
    /// The round at whose start the player takes over.
    pub round: u32,
    /// The seat the player takes.
    pub seat: Seat,
}

/// The screens of the game.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    /// The title: a new game, quit, recent recordings.
    #[default]
    Title,
    /// The scenario picker.
    Scenario,
    /// The seat choice.
    Seat,
    /// The table being played.
    Table,
    /// How the talks ended.
    Outcome,
    /// The replay viewer.
    Replay,
    /// A class's overview: the facilitator's window.
    Class,
}

/// The game being set up or played in the window.
#[derive(Resource)]
pub struct Session {
    /// How the window was started.
    pub options: Options,
    /// The scenario chosen for the next table.
    pub scenario: Arc<Scenario>,
    /// Where the scenario came from ("built in" or a path), for the picker.
    pub source: Option<PathBuf>,
    /// The seed of the next table.
    pub seed: u64,
    /// The seat chosen for the next table, and at the table the seat whose team has the screen; `None` to
    /// watch the AI play every seat.
    pub seat: Option<Seat>,
    /// Several people at this screen (hot-seat): every seat they play, in seat order; empty for one person.
    pub seats: Vec<Seat>,
    /// While the move passes to another person's seat: that seat. The privacy screen covers everything
    /// until its team says only they can see.
    pub handover: Option<Seat>,
    /// The table being played, through the play layer.
    pub sitting: Option<Sitting>,
    /// Moves the person made, sent on the next frame.
    pub pending: Vec<Command>,
    /// Whether the pause menu is open (the table does not move meanwhile).
    pub paused: bool,
    /// Whether the help window is open.
    pub help: bool,
    /// The exit code once the window should close.
    pub exit: Option<u8>,
    /// A fork to seat instead of a new table.
    pub fork: Option<ForkRequest>,
    /// Something the player should read at the table (a fork shown as recorded, a save that failed).
    pub note: Option<String>,
    /// The table in `sitting` is a saved game read back to continue, not a class's table handed over.
    pub continued: bool,
}

/// When the table next takes a step: AI turns are shown at a readable pace.
#[derive(Resource)]
pub struct Pace {
    /// How long an AI step stays on screen before the next.
    pub interval: Duration,
    /// Time since the last step.
    pub since: Duration,
    /// Whether the table steps this frame.
    pub due: bool,
}

/// Opens the window and plays until the player quits.
pub fn run(options: Options) -> ExitCode {
    let scenario = match &options.scenario {
        Some(path) => match crate::sim::scenario::library::resolve(path) {
            Ok(s) => s,
            Err(e) => return crate::cli::fail(e),
        },
        None => Scenario::istanbul(),
    };
    run_with(options, scenario, None, "Redline".into(), None)
}

/// Opens the window at a saved game read back from its slot, at its person's seat.
pub fn run_continued(options: Options, continued: crate::play::sitting::Continued) -> ExitCode {
    let scenario = continued.sitting.scenario().clone();
    let mut options = options;
    options.seed = continued.sitting.seed();
    let note = (!continued.notes.is_empty()).then(|| continued.notes.join("; "));
    run_with(
        options,
        scenario,
        None,
        "Redline".into(),
        Some((continued.sitting, note)),
    )
}

/// Opens the window at the title screen, or at a class's overview when given one.
fn run_with(
    options: Options,
    scenario: Arc<Scenario>,
    class: Option<class::ClassRes>,
    title: String,
    continued: Option<(Sitting, Option<String>)>,
) -> ExitCode {
    let started = std::time::Instant::now();
    if let Some(dir) = &options.screenshot_dir
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("cannot create the screenshot folder {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    let resuming = continued.is_some();
    let interval = Duration::from_millis(if options.autoplay { 60 } else { 350 });
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title,
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
        seats: Vec::new(),
        handover: None,
        continued: continued.is_some(),
        note: continued.as_ref().and_then(|(_, note)| note.clone()),
        sitting: continued.map(|(sitting, _)| sitting),
        pending: Vec::new(),
        paused: false,
        help: false,
        exit: None,
        fork: None,
        scenario,
        options,
    })
    .insert_resource(Pace {
        interval,
        since: Duration::ZERO,
        due: false,
    })
    .insert_state(if class.is_some() {
        Screen::Class
    } else if resuming {
        Screen::Table
    } else {
        Screen::Title
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    })
    .add_systems(Last, keep_drawing_until_seen)
    .add_systems(bevy_egui::EguiPrimaryContextPass, redraw_after_zoom)
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
            (step_table, to_outcome).chain().in_set(TableStep),
            exit_when_done,
            wake_on_screen_change,
        ),
    )
    .add_plugins((
        screens::plugin,
        table::plugin,
        autoplay::plugin,
        viewer::plugin,
        class::plugin,
    ));
    if let Some(class) = class {
        app.insert_resource(class);
    }
    let presented = Presented {
        frames: Arc::new(AtomicU32::new(0)),
        first_ms: Arc::new(AtomicU64::new(0)),
        started,
    };
    app.insert_resource(presented.clone());
    if let Some(render) = app.get_sub_app_mut(bevy::render::RenderApp) {
        render.insert_resource(presented).add_systems(
            bevy::render::Render,
            note_presented.in_set(bevy::render::RenderSystems::Cleanup),
        );
    }
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Frames that reached the screen, shared by the main world and the render world: the first one's time
/// is the true first-picture figure (a frame built is not yet a frame shown).
#[derive(Resource, Clone)]
struct Presented {
    frames: Arc<AtomicU32>,
    first_ms: Arc<AtomicU64>,
    started: std::time::Instant,
}

/// Counts a frame once the window's picture has been handed to the screen.
fn note_presented(windows: Res<bevy::render::view::ExtractedWindows>, presented: Res<Presented>) {
    let shown = windows
        .values()
        .any(|w| w.swap_chain_texture_view.is_some() && w.swap_chain_texture.is_none());
    if shown && presented.frames.fetch_add(1, Ordering::Relaxed) == 0 {
        let ms = presented.started.elapsed().as_millis().max(1) as u64;
        presented.first_ms.store(ms, Ordering::Relaxed);
    }
}

/// Keeps frames coming until the first pictures have reached the screen (an unfocused window otherwise
/// waits for input), and says when the first one did.
fn keep_drawing_until_seen(presented: Res<Presented>, mut redraw: MessageWriter<RequestRedraw>, mut told: Local<bool>) {
    if presented.frames.load(Ordering::Relaxed) < 3 {
        redraw.write(RequestRedraw);
    }
    let ms = presented.first_ms.load(Ordering::Relaxed);
    if ms > 0 && !*told {
        *told = true;
        info!("first picture on screen {ms} ms after start");
    }
}

/// Ctrl + / Ctrl - / Ctrl 0 change egui's zoom, which shows only once the window draws again: a few frames
/// are drawn at once rather than at the next input.
fn redraw_after_zoom(
    mut contexts: bevy_egui::EguiContexts,
    mut last: Local<Option<f32>>,
    mut frames: Local<u8>,
    mut redraw: MessageWriter<RequestRedraw>,
) -> Result {
    let zoom = contexts.ctx_mut()?.zoom_factor();
    if last.is_some_and(|z| z != zoom) {
        *frames = 3;
    }
    *last = Some(zoom);
    if *frames > 0 {
        *frames -= 1;
        redraw.write(RequestRedraw);
    }
    Ok(())
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

/// The step in which the table moves on; whatever reads the table this frame runs after it.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableStep;

/// Decides whether the table steps this frame, and keeps frames coming while the AI is at work.
fn pace(
    time: Res<Time<Real>>,
    mut pace: ResMut<Pace>,
    session: Res<Session>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    pace.due = false;
    let Some(sitting) = &session.sitting else { return };
    if sitting.state().is_over() || session.paused {
        return;
    }
    let waiting_for_person = !sitting.awaited().is_empty();
    if !session.pending.is_empty() {
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

/// Sends the person's moves, or lets the AI take its next step, and keeps the game on disk.
fn step_table(pace: Res<Pace>, mut session: ResMut<Session>) {
    if !pace.due {
        return;
    }
    let pending = std::mem::take(&mut session.pending);
    let at_screen = session.seat;
    let Some(sitting) = session.sitting.as_mut() else {
        return;
    };
    if pending.is_empty() {
        sitting.step();
    } else if let Some(seat) = at_screen
        .filter(|s| sitting.seats.contains(s))
        .or(sitting.seats.first().copied())
    {
        for command in pending {
            if sitting.send(seat, command).is_err() {
                break;
            }
        }
    }
    let problems = sitting.save();
    if !problems.is_empty() {
        for p in &problems {
            warn!("{p}");
        }
        session.note = Some(problems.join("; "));
    }
}

/// How the window keeps a game: the recording asked for (or one in the data folder's replays, except when
/// only watching), and an autosave slot of its own when a person sits at the table.
fn keeping(options: &Options, scenario: &Scenario, seed: u64, seat: Option<Seat>) -> Keeping {
    let record = options.record.clone().or_else(|| {
        (seat.is_some() || !options.autoplay)
            .then(|| replays_dir().map(|d| new_recording(&d, &scenario.id, seed)))
            .flatten()
    });
    let slot = seat.and_then(|seat| saves_dir().map(|d| new_slot(&d, &scenario.id, seat_name(scenario, seat))));
    Keeping {
        record,
        slot,
        ..Keeping::default()
    }
}

fn seat_table(mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    session.pending.clear();
    // A saved game read back: its person's seat is at the screen at once (several people: the privacy screen).
    if std::mem::take(&mut session.continued)
        && let Some(sitting) = &session.sitting
    {
        let people = sitting.seats.clone();
        if let [one] = people[..] {
            session.seats.clear();
            session.seat = Some(one);
            session.handover = None;
        } else {
            session.handover = people.first().copied();
            session.seat = None;
            session.seats = people;
        }
        return;
    }
    session.note = None;
    if let Some(f) = session.fork.take() {
        let keep = keeping(&session.options, &session.scenario, session.seed, Some(f.seat));
        match fork(&f.replay, &f.file, f.round, f.seat, keep) {
            Ok((sitting, note)) => {
                session.note = note;
                session.seat = Some(f.seat);
                session.sitting = Some(sitting);
            }
            Err(e) => {
                warn!("{e}");
                next.set(Screen::Title);
            }
        }
        return;
    }
    // A class's table handed to its students arrives seated: keep it, and put the privacy screen up for the
    // first of its people to move, so nothing is in view before that team says so.
    if let Some(sitting) = &session.sitting {
        let people: Vec<Seat> = sitting
            .seats
            .iter()
            .copied()
            .filter(|&s| s != Seat::Facilitator)
            .collect();
        let first = sitting
            .to_move()
            .filter(|s| people.contains(s))
            .or(people.first().copied());
        session.seats = people;
        session.seat = None;
        session.handover = first;
        return;
    }
    session.handover = None;
    let seats: Vec<Seat> = if session.seats.len() > 1 {
        // Several teams at one screen: nothing private shows before the first of them says it alone can see.
        session.seat = None;
        session.handover = session.seats.first().copied();
        session.seats.clone()
    } else {
        session.seats.clear();
        session.seat.into_iter().collect()
    };
    let keep = keeping(&session.options, &session.scenario, session.seed, session.seat);
    session.sitting = Some(Sitting::new(session.scenario.clone(), session.seed, seats, keep));
}

/// Clears the last table away (saving it first, so an unfinished game can be continued); the next game
/// gets the next seed.
fn unseat_table(mut session: ResMut<Session>) {
    if let Some(mut sitting) = session.sitting.take() {
        for p in sitting.save_now() {
            warn!("{p}");
        }
        session.seed = session.seed.wrapping_add(1);
    }
}

/// Moves on to the outcome a moment after the talks end, so the last moves can be read at the table.
/// (Watch mode moves on by itself once it has its picture of the table.)
fn to_outcome(
    time: Res<Time<Real>>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    mut over_for: Local<Duration>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    let over = *screen.get() == Screen::Table && session.sitting.as_ref().is_some_and(|s| s.state().is_over());
    if !over || session.options.autoplay {
        *over_for = Duration::ZERO;
        return;
    }
    *over_for += time.delta();
    redraw.write(RequestRedraw);
    if *over_for >= Duration::from_millis(1500) {
        next.set(Screen::Outcome);
    }
}

fn exit_when_done(session: Res<Session>, mut exit: MessageWriter<AppExit>) {
    if let Some(code) = session.exit {
        exit.write(AppExit::from_code(code));
    }
}
