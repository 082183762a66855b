//! The replay viewer: step through a recorded game round by round, jump, play and pause, and take a
//! seat from any round to play on live (a fork).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::screens::root;
use super::{ForkRequest, Screen, Session};
use crate::replay::{Replay, Stop, play_back_or_as_recorded};
use crate::sim::command::Seat;
use crate::sim::transcript::{Event, Reader};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (autoplay_viewer, viewer_keys).run_if(in_state(Screen::Replay)))
        .add_systems(EguiPrimaryContextPass, viewer.run_if(in_state(Screen::Replay)));
}

/// A recorded game opened for viewing.
#[derive(Resource)]
pub struct Viewer {
    pub file: PathBuf,
    pub replay: Replay,
    /// Transcript lines: the opening, then each round's.
    pub rounds: Vec<Vec<String>>,
    /// How many rounds are shown.
    pub shown: usize,
    pub playing: bool,
    since: f32,
    /// Round to fork at (the round on screen), and the seat to take.
    pub fork_round: u32,
    pub fork_seat: usize,
    pub finished: bool,
    /// Said when the recording was made by a build whose AI plays differently.
    pub note: Option<String>,
}

impl Viewer {
    /// Reads and replays a recording, so it can be shown round by round.
    pub fn open(file: PathBuf) -> Result<Viewer, String> {
        let name = file.display().to_string();
        let replay = Replay::load(&file).map_err(|e| e.to_string())?;
        let (game, stop, note) = play_back_or_as_recorded(&replay, &name, None).map_err(|e| e.to_string())?;
        let mut rounds: Vec<Vec<String>> = vec![Vec::new()];
        let mut reader = Reader::new(&game.scenario);
        for e in &game.transcript().events {
            if let Event::RoundStarted { .. } = e {
                rounds.push(Vec::new());
            }
            if let Some(line) = reader.line(&game.scenario, e)
                && let Some(last) = rounds.last_mut()
            {
                last.push(line);
            }
        }
        let total = rounds.len() - 1;
        Ok(Viewer {
            file,
            replay,
            rounds,
            shown: 1.min(total),
            playing: false,
            since: 0.0,
            fork_round: 1,
            fork_seat: 0,
            finished: stop == Stop::Over,
            note,
        })
    }

    fn last(&self) -> usize {
        self.rounds.len() - 1
    }
}

fn autoplay_viewer(
    time: Res<Time<Real>>,
    viewer: Option<ResMut<Viewer>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(mut v) = viewer else { return };
    if !v.playing {
        return;
    }
    v.since += time.delta_secs();
    if v.since >= 1.2 {
        v.since = 0.0;
        if v.shown < v.last() {
            v.shown += 1;
        } else {
            v.playing = false;
        }
    }
    redraw.write(bevy::window::RequestRedraw);
}

fn viewer_keys(
    keys: Res<ButtonInput<KeyCode>>,
    viewer: Option<ResMut<Viewer>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
) {
    let Some(mut v) = viewer else { return };
    if wants.wants_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::ArrowRight) && v.shown < v.last() {
        v.shown += 1;
    }
    if keys.just_pressed(KeyCode::ArrowLeft) && v.shown > 0 {
        v.shown -= 1;
    }
    if keys.just_pressed(KeyCode::Space) {
        v.playing = !v.playing;
    }
}

fn viewer(
    mut contexts: EguiContexts,
    viewer: Option<ResMut<Viewer>>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(mut v) = viewer else {
        next.set(Screen::Title);
        return Ok(());
    };
    let mut ui = root(ctx);
    let mut fork: Option<(u32, Seat)> = None;
    let mut debrief = false;
    egui::Panel::top("viewer-controls").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("Replay");
            ui.label(v.file.display().to_string());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Back to the title").clicked() {
                    next.set(Screen::Title);
                }
                if ui
                    .add_enabled(v.finished, egui::Button::new("Debrief"))
                    .on_hover_text("How good the deal was, for whom, and why: the debrief of this game")
                    .on_disabled_hover_text("The game was not finished, so there is no ending to debrief")
                    .clicked()
                {
                    debrief = true;
                }
            });
        });
        let r = &v.replay;
        let mut about = format!(
            "Seed {} · {} round{} recorded · {} Commands",
            r.seed,
            r.rounds(),
            if r.rounds() == 1 { "" } else { "s" },
            r.commands.len()
        );
        if let Some(p) = &r.parent {
            about.push_str(&format!(" · a fork of {} from round {}", p.file, p.round));
        }
        if v.note.is_some() {
            about.push_str(" · recorded with a different version of the AI, shown as recorded");
        }
        if !v.finished {
            about.push_str(" · the game was not finished");
        }
        ui.label(about);
        ui.horizontal(|ui| {
            let last = v.last();
            if ui.button("First").clicked() {
                v.shown = 0;
            }
            if ui.add_enabled(v.shown > 0, egui::Button::new("Back (Left)")).clicked() {
                v.shown -= 1;
            }
            let label = if v.playing { "Pause (Space)" } else { "Play (Space)" };
            if ui.button(label).clicked() {
                v.playing = !v.playing;
            }
            if ui
                .add_enabled(v.shown < last, egui::Button::new("Forward (Right)"))
                .clicked()
            {
                v.shown += 1;
            }
            if ui.button("Last").clicked() {
                v.shown = last;
            }
            ui.add(egui::Slider::new(&mut v.shown, 0..=last).text("rounds shown"));
        });
        ui.separator();
        ui.horizontal(|ui| {
            let scenario = v.replay.scenario(&v.file.display().to_string()).ok();
            let Some(s) = scenario else {
                ui.label("The embedded scenario cannot be read, so this game cannot be forked.");
                return;
            };
            let seats: Vec<(Seat, String)> = s
                .delegations
                .iter()
                .enumerate()
                .map(|(d, del)| (Seat::Delegation(d), del.name.clone()))
                .chain(std::iter::once((
                    Seat::Mediator,
                    format!("the mediator ({})", s.mediator.name),
                )))
                .collect();
            let top = v.replay.rounds().max(1);
            v.fork_round = v.shown.clamp(1, top) as u32;
            ui.label(format!("Play on from the start of round {} as", v.fork_round));
            let chosen = seats.get(v.fork_seat).map(|(_, n)| n.clone()).unwrap_or_default();
            egui::ComboBox::from_id_salt("fork-seat")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    for (i, (_, name)) in seats.iter().enumerate() {
                        ui.selectable_value(&mut v.fork_seat, i, name);
                    }
                });
            if ui
                .button("Fork and play")
                .on_hover_text("The recording plays up to that round, then the seat is yours")
                .clicked()
                && let Some((seat, _)) = seats.get(v.fork_seat)
            {
                fork = Some((v.fork_round, *seat));
            }
        });
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, lines) in v.rounds.iter().enumerate().take(v.shown + 1) {
                    for line in lines {
                        let text = egui::RichText::new(line.trim_start_matches('\n')).size(13.0);
                        ui.label(if i == v.shown { text.strong() } else { text });
                    }
                }
            });
    });
    if let Some((round, seat)) = fork {
        let file = v.file.display().to_string();
        match v.replay.scenario(&file) {
            Ok(s) => {
                session.scenario = s;
                session.seed = v.replay.seed;
                session.seat = Some(seat);
                session.fork = Some(ForkRequest {
                    replay: v.replay.clone(),
                    file,
                    round,
                    seat,
                });
                next.set(Screen::Table);
            }
            Err(e) => warn!("{e}"),
        }
    }
    if debrief {
        let file = v.file.display().to_string();
        match play_back_or_as_recorded(&v.replay, &file, None) {
            Ok((game, _, _)) => {
                session.scenario = game.scenario.clone();
                session.seed = v.replay.seed;
                let seats = crate::play::saves::person_seats(&v.replay);
                session.sitting = Some(crate::play::Sitting::at(game, seats, Default::default()));
                next.set(Screen::Outcome);
            }
            Err(e) => v.note = Some(e.to_string()),
        }
    }
    Ok(())
}
