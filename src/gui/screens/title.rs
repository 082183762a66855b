//! The title screen: a new game, continuing a saved one, quit, and the recent recorded games to watch, each
//! told by its date, table, seat, length and ending.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};

/// Enter starts a new game; C continues the newest saved game; Q quits.
pub(super) fn title_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut recent: ResMut<RecentGames>,
) {
    if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::NumpadEnter) {
        next.set(Screen::Scenario);
    } else if keys.just_pressed(KeyCode::KeyC)
        && let Some(path) = recent.saved.first().map(|g| g.path.clone())
    {
        continue_saved(&path, &mut session, &mut next, &mut recent);
    } else if keys.just_pressed(KeyCode::KeyQ) {
        session.exit = Some(0);
    }
}

/// Reads a saved game back and sits at it.
fn continue_saved(
    path: &std::path::Path,
    session: &mut Session,
    next: &mut NextState<Screen>,
    recent: &mut RecentGames,
) {
    match crate::play::sitting::continue_slot(path, session.options.record.clone()) {
        Ok(c) => {
            session.scenario = c.sitting.scenario().clone();
            session.seed = c.sitting.seed();
            session.note = (!c.notes.is_empty()).then(|| c.notes.join("; "));
            session.sitting = Some(c.sitting);
            session.continued = true;
            recent.error = None;
            next.set(Screen::Table);
        }
        Err(e) => recent.error = Some(format!("That game cannot be continued: {e}")),
    }
}

/// A recorded game as the title lists it.
pub struct Recording {
    /// Its file.
    pub path: PathBuf,
    /// "2026-12-03 17:40 · Istanbul, 16 May 2025 · as Ukraine · 8 rounds · agreement".
    pub line: String,
}

impl Recording {
    fn read(path: &std::path::Path) -> Recording {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let when = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .map(crate::play::saves::date)
            .unwrap_or_default();
        let line = match crate::replay::Replay::load(path) {
            Err(_) => format!("{when} · {name} (cannot be read)"),
            Ok(r) => {
                let (title, seats) = match r.scenario(&name) {
                    Ok(s) => {
                        let seats: Vec<String> = crate::play::saves::person_seats(&r)
                            .into_iter()
                            .map(|seat| crate::play::lookup::seat_name(&s, seat).to_string())
                            .collect();
                        (s.title.clone(), seats)
                    }
                    Err(_) => (r.scenario_name.clone(), Vec::new()),
                };
                let who = if seats.is_empty() {
                    "AI only".to_string()
                } else {
                    format!("as {}", seats.join(" and "))
                };
                let rounds = r.rounds();
                let end = r
                    .outcome
                    .as_deref()
                    .map_or("unfinished".to_string(), |o| o.replace('_', " "));
                format!(
                    "{when} · {title} · {who} · {rounds} round{} · {end}",
                    if rounds == 1 { "" } else { "s" }
                )
            }
        };
        Recording {
            path: path.to_path_buf(),
            line,
        }
    }
}

/// Recorded games in the data folder, newest first, for the title screen.
#[derive(Resource, Default)]
pub struct RecentGames {
    pub files: Vec<Recording>,
    /// Unfinished games in the saves folder, newest first.
    pub saved: Vec<crate::play::saves::SavedGame>,
    pub error: Option<String>,
    /// A recording being replayed on its own thread (the window's task pools stay free meanwhile).
    loading: Option<std::sync::Mutex<std::sync::mpsc::Receiver<Result<crate::gui::viewer::Viewer, String>>>>,
}

/// Opens the viewer once a recording has been replayed in the background.
pub(super) fn finish_loading(
    mut recent: ResMut<RecentGames>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(rx) = &recent.loading else { return };
    let got = rx.lock().ok().and_then(|rx| rx.try_recv().ok());
    match got {
        None => {
            redraw.write(bevy::window::RequestRedraw);
        }
        Some(Ok(viewer)) => {
            recent.loading = None;
            recent.error = None;
            commands.insert_resource(viewer);
            next.set(Screen::Replay);
        }
        Some(Err(e)) => {
            recent.loading = None;
            recent.error = Some(e);
        }
    }
}

pub(super) fn list_recent(mut recent: ResMut<RecentGames>) {
    recent.files = crate::replay::data_dir()
        .map(|d| crate::replay::recent(&d.join("replays"), 5))
        .unwrap_or_default()
        .iter()
        .map(|p| Recording::read(p))
        .collect();
    recent.saved = crate::play::saves::saves_dir()
        .map(|d| crate::play::saves::list(&d).0)
        .unwrap_or_default();
}

pub(super) fn title(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut recent: ResMut<RecentGames>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.12).min(150.0));
            ui.label(
                egui::RichText::new("REDLINE")
                    .size(64.0)
                    .strong()
                    .color(egui::Color32::from_rgb(214, 64, 58)),
            );
            ui.label(egui::RichText::new("a negotiation game").size(20.0));
            ui.add_space(30.0);
            ui.label(format!(
                "Today's table: {} — {}",
                session.scenario.title, session.scenario.place
            ));
            ui.add_space(30.0);
            if ui
                .add_sized([260.0, 40.0], egui::Button::new("New game  (Enter)"))
                .on_hover_text("Choose a table and a seat.")
                .clicked()
            {
                next.set(Screen::Scenario);
            }
            let mut resume: Option<PathBuf> = None;
            if let Some(g) = recent.saved.first() {
                ui.add_space(8.0);
                if ui
                    .add_sized([260.0, 40.0], egui::Button::new("Continue  (C)"))
                    .on_hover_text(format!(
                        "{} — as {}, round {}, saved {} UTC",
                        g.title,
                        g.seats.join(" and "),
                        g.round,
                        g.saved
                    ))
                    .clicked()
                {
                    resume = Some(g.path.clone());
                }
                for g in recent.saved.iter().take(3) {
                    let line = format!(
                        "{} · {} · as {} · round {}",
                        g.saved,
                        g.title,
                        g.seats.join(" and "),
                        g.round
                    );
                    if ui
                        .small_button(line)
                        .on_hover_text("Continue this game where it was saved.")
                        .clicked()
                    {
                        resume = Some(g.path.clone());
                    }
                }
            }
            if let Some(path) = resume {
                continue_saved(&path, &mut session, &mut next, &mut recent);
            }
            ui.add_space(8.0);
            if ui.add_sized([260.0, 40.0], egui::Button::new("Quit  (Q)")).clicked() {
                session.exit = Some(0);
            }
            ui.add_space(40.0);
            ui.label(
                egui::RichText::new(
                    "Sit at the table as a delegation against AI delegations that concede, stall and walk out.",
                )
                .weak(),
            );
            if !recent.files.is_empty() {
                ui.add_space(24.0);
                ui.label(egui::RichText::new("Recent games").strong());
                let mut open: Option<PathBuf> = None;
                for f in &recent.files {
                    if ui
                        .small_button(format!("Watch: {}", f.line))
                        .on_hover_text(f.path.display().to_string())
                        .clicked()
                    {
                        open = Some(f.path.clone());
                    }
                }
                if let Some(f) = open
                    && recent.loading.is_none()
                {
                    let (tx, rx) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let _ = tx.send(crate::gui::viewer::Viewer::open(f));
                    });
                    recent.loading = Some(std::sync::Mutex::new(rx));
                }
                if recent.loading.is_some() {
                    ui.label("Loading the recording…");
                }
                if let Some(e) = &recent.error {
                    ui.colored_label(egui::Color32::from_rgb(230, 90, 80), e);
                }
            }
        });
    });
    Ok(())
}
