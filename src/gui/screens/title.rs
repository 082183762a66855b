//! The title screen: a new game, quit, and the recent recorded games to watch.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};

pub(super) fn title_keys(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Scenario);
    }
}

/// Recorded games in the data folder, newest first, for the title screen.
#[derive(Resource, Default)]
pub struct RecentGames {
    pub files: Vec<PathBuf>,
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
            ui.add_space(150.0);
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
                .add_sized([220.0, 40.0], egui::Button::new("New game  (Enter)"))
                .clicked()
            {
                next.set(Screen::Scenario);
            }
            ui.add_space(8.0);
            if ui.add_sized([220.0, 40.0], egui::Button::new("Quit")).clicked() {
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
                    let name = f
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    if ui.small_button(format!("Watch {name}")).clicked() {
                        open = Some(f.clone());
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
