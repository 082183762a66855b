//! The scenario picker: the built-in table, the scenario files beside it, or any file by path.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};
use crate::sim::scenario::Scenario;

/// The scenario picker's choices.
#[derive(Resource, Default)]
pub struct Picker {
    pub files: Vec<PathBuf>,
    pub path: String,
    pub error: Option<String>,
}

pub(super) fn list_scenarios(mut picker: ResMut<Picker>) {
    picker.files = crate::play::lookup::scenario_files(std::path::Path::new("assets/scenarios"));
    picker.error = None;
}

pub(super) fn scenario(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut picker: ResMut<Picker>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let mut load: Option<PathBuf> = None;
    let mut builtin = false;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("Choose a scenario");
        ui.add_space(10.0);
        let istanbul = session.source.is_none();
        if ui
            .selectable_label(istanbul, "Istanbul, 16 May 2025 (built in)")
            .clicked()
        {
            builtin = true;
        }
        for f in picker.files.clone() {
            let chosen = session.source.as_ref() == Some(&f);
            if ui.selectable_label(chosen, f.display().to_string()).clicked() {
                load = Some(f);
            }
        }
        ui.horizontal(|ui| {
            ui.label("Or a file:");
            ui.add(
                egui::TextEdit::singleline(&mut picker.path)
                    .hint_text("path/to/scenario.ron")
                    .desired_width(380.0),
            );
            if ui.button("Load").clicked() && !picker.path.trim().is_empty() {
                load = Some(PathBuf::from(picker.path.trim()));
            }
        });
        if let Some(e) = &picker.error {
            ui.colored_label(egui::Color32::from_rgb(230, 90, 80), e);
        }
        ui.separator();
        let s = &session.scenario;
        ui.label(egui::RichText::new(&s.title).strong());
        ui.label(format!("{}, {}", s.place, s.date));
        ui.label(&s.summary);
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            if ui
                .add(egui::Button::new("Choose your seat").min_size(egui::vec2(180.0, 32.0)))
                .clicked()
            {
                next.set(Screen::Seat);
            }
        });
    });
    if builtin {
        session.scenario = Scenario::istanbul();
        session.source = None;
        picker.error = None;
    }
    if let Some(path) = load {
        match Scenario::load(&path) {
            Ok(s) => {
                session.scenario = Arc::new(s);
                session.source = Some(path);
                picker.error = None;
            }
            Err(e) => picker.error = Some(e.to_string()),
        }
    }
    Ok(())
}
