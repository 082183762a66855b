//! Watch mode: the AI plays every seat, the window passes through every screen on its own, saves a
//! PNG of each into the screenshot folder, and closes at the outcome. CI runs it as a smoke test.

use std::time::Duration;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use super::screens::outcome::{DebriefView, Tab};
use super::{Screen, Session};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shots>()
        .init_resource::<FrameTimes>()
        .add_systems(
            Update,
            (
                advance,
                frame_times.run_if(in_state(Screen::Table)),
                hot_seat.run_if(in_state(Screen::Table)),
            )
                .run_if(autoplaying),
        )
        .add_systems(OnEnter(Screen::Outcome), report_frame_times.run_if(autoplaying));
}

/// How long the whole watch may take before it counts as stuck.
const GIVE_UP: Duration = Duration::from_secs(300);

/// Frame times while the AI plays the table, reported when watch mode ends.
#[derive(Resource, Default)]
struct FrameTimes(Vec<f32>);

#[derive(Resource, Default)]
struct Shots {
    screen: Option<Screen>,
    frames: u32,
    /// A screenshot was asked for on this screen.
    asked: bool,
    /// The screenshot of this screen has been written.
    saved: bool,
    elapsed: Duration,
    /// On the debrief: the tab being pictured, by its place in `Tab::ALL`.
    tab: usize,
}

/// The debrief's tabs watch mode pictures, with their files (the first is the outcome screen's own).
const DEBRIEF_SHOTS: [(Tab, &str); 6] = [
    (Tab::Results, "5-outcome.png"),
    (Tab::Fairness, "5-outcome-fairness.png"),
    (Tab::Concessions, "5-outcome-concessions.png"),
    (Tab::Room, "5-outcome-room.png"),
    (Tab::Moments, "5-outcome-moments.png"),
    (Tab::Versus, "5-outcome-versus.png"),
];

fn autoplaying(session: Res<Session>) -> bool {
    session.options.autoplay
}

fn file_name(screen: Screen, tab: usize) -> &'static str {
    match screen {
        Screen::Outcome => DEBRIEF_SHOTS[tab.min(DEBRIEF_SHOTS.len() - 1)].1,
        Screen::Title => "1-title.png",
        Screen::Scenario => "2-scenario.png",
        Screen::Seat => "3-seat.png",
        Screen::Table => "4-table.png",
        Screen::Replay => "6-replay.png",
        Screen::Class => "7-class.png",
    }
}

#[derive(Resource, Clone)]
struct Saved(std::sync::Arc<std::sync::atomic::AtomicBool>);

#[allow(clippy::too_many_arguments)]
fn advance(
    mut commands: Commands,
    time: Res<Time<Real>>,
    mut shots: ResMut<Shots>,
    mut session: ResMut<Session>,
    screen: Res<State<Screen>>,
    mut next: ResMut<NextState<Screen>>,
    saved: Option<Res<Saved>>,
    mut view: ResMut<DebriefView>,
) {
    let now = *screen.get();
    shots.elapsed += time.delta();
    if shots.elapsed > GIVE_UP {
        eprintln!(
            "autoplay: the game did not reach its outcome within {} seconds",
            GIVE_UP.as_secs()
        );
        session.exit = Some(1);
        return;
    }
    if shots.screen != Some(now) {
        *shots = Shots {
            screen: Some(now),
            elapsed: shots.elapsed,
            ..default()
        };
    }
    shots.frames += 1;
    let state = session.sitting.as_ref().map(|s| s.state());
    // Let each screen settle for a moment; show the table once a few rounds have been played.
    let ready = shots.frames > 30
        && match now {
            // The table is shown mid-round, with proposals on it and answers coming in.
            Screen::Table => {
                state.is_some_and(|s| (s.round >= 3 && s.phase == crate::sim::turn::Phase::Responses) || s.is_over())
            }
            // The debrief's comparison with the AI alone is pictured once its games have ended.
            Screen::Outcome => view.tab != Tab::Versus || view.versus().is_some(),
            _ => true,
        };
    if !ready {
        return;
    }
    if let Some(dir) = session.options.screenshot_dir.clone() {
        if !shots.asked {
            let flag = shoot(&mut commands, dir.join(file_name(now, shots.tab)));
            commands.insert_resource(flag);
            shots.asked = true;
            return;
        }
        if !shots.saved {
            shots.saved = saved.is_some_and(|s| s.0.load(std::sync::atomic::Ordering::SeqCst));
            if !shots.saved {
                return;
            }
        }
    }
    match now {
        Screen::Title => next.set(Screen::Scenario),
        Screen::Scenario => next.set(Screen::Seat),
        Screen::Seat => {
            if session.seats.len() < 2 {
                session.seat = None;
            }
            next.set(Screen::Table);
        }
        // Once the table has been pictured, watch mode goes on to the outcome when the talks end.
        Screen::Table => {
            if state.is_some_and(|s| s.is_over()) {
                next.set(Screen::Outcome);
            }
        }
        // With a screenshot folder, every tab of the debrief is pictured in turn before the window closes.
        Screen::Outcome => {
            if session.options.screenshot_dir.is_some() && shots.tab + 1 < DEBRIEF_SHOTS.len() {
                shots.tab += 1;
                view.tab = DEBRIEF_SHOTS[shots.tab].0;
                shots.frames = 0;
                shots.asked = false;
                shots.saved = false;
            } else {
                session.exit = Some(0);
            }
        }
        // Watch mode never opens the replay viewer or a class.
        Screen::Replay | Screen::Class => {}
    }
}

/// Hot-seat under watch mode: every person's seat passes each time its move comes (a scripted player), and
/// the privacy screen is pictured at every handover (`handover-NN-SEAT.png`) before the next team takes the
/// screen, then that team's table once (`turn-NN-SEAT.png`) for the first few handovers.
#[allow(clippy::too_many_arguments)]
fn hot_seat(
    mut commands: Commands,
    mut session: ResMut<Session>,
    view: Res<super::table::TableView>,
    mut builder: ResMut<super::table::Builder>,
    mut step: Local<(u32, u32, Option<Saved>, bool)>,
) {
    if session.seats.len() < 2 {
        return;
    }
    let (frames, count, saving, pictured_turn) = &mut *step;
    *frames += 1;
    let dir = session.options.screenshot_dir.clone();
    let name = |seat| crate::play::lookup::seat_name(&session.scenario, seat).replace(' ', "_");
    if let Some(next) = session.handover {
        if *frames < 8 {
            return;
        }
        if let Some(dir) = &dir {
            match saving {
                None => {
                    *saving = Some(shoot(
                        &mut commands,
                        dir.join(format!("handover-{:02}-{}.png", *count + 1, name(next))),
                    ));
                    return;
                }
                Some(flag) if !flag.0.load(std::sync::atomic::Ordering::SeqCst) => return,
                Some(_) => *saving = None,
            }
        }
        *count += 1;
        *frames = 0;
        *pictured_turn = false;
        session.seat = Some(next);
        session.handover = None;
        builder.seat = None;
        return;
    }
    if !view.my_turn || !session.pending.is_empty() || *frames < 6 {
        return;
    }
    if let (Some(dir), false, Some(me)) = (&dir, *pictured_turn, view.me)
        && *count <= 4
    {
        match saving {
            None => {
                *saving = Some(shoot(
                    &mut commands,
                    dir.join(format!("turn-{:02}-{}.png", *count, name(me))),
                ));
                return;
            }
            Some(flag) if !flag.0.load(std::sync::atomic::Ordering::SeqCst) => return,
            Some(_) => {
                *saving = None;
                *pictured_turn = true;
            }
        }
    }
    *frames = 0;
    session.pending.push(crate::sim::command::Command::Pass);
}

/// Asks for a screenshot of the window into `path`; the flag is set once it is written.
fn shoot(commands: &mut Commands, path: std::path::PathBuf) -> Saved {
    let flag = Saved(Default::default());
    let done = flag.clone();
    commands
        .spawn(Screenshot::primary_window())
        .observe(move |captured: On<ScreenshotCaptured>| {
            let written = captured
                .image
                .clone()
                .try_into_dynamic()
                .map_err(|e| e.to_string())
                .and_then(|img| img.to_rgb8().save(&path).map_err(|e| e.to_string()));
            match written {
                Ok(()) => println!("screenshot: {}", path.display()),
                Err(e) => eprintln!("autoplay: cannot save {}: {e}", path.display()),
            }
            done.0.store(true, std::sync::atomic::Ordering::SeqCst);
        });
    flag
}

fn frame_times(time: Res<Time<Real>>, mut times: ResMut<FrameTimes>) {
    times.0.push(time.delta_secs() * 1000.0);
}

fn report_frame_times(mut times: ResMut<FrameTimes>) {
    let mut t = std::mem::take(&mut times.0);
    if t.len() < 2 {
        return;
    }
    t.remove(0);
    t.sort_by(f32::total_cmp);
    let mean = t.iter().sum::<f32>() / t.len() as f32;
    let p95 = t[(t.len() * 95 / 100).min(t.len() - 1)];
    println!(
        "frame time while the AI played: mean {mean:.1} ms, 95th percentile {p95:.1} ms, worst {:.1} ms over {} frames",
        t[t.len() - 1],
        t.len()
    );
}
