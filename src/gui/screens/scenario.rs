//! The scenario picker: the built-in tables with what each teaches, the scenario files beside them, or any
//! file by path.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};
use crate::sim::scenario::Scenario;
use crate::sim::scenario::library::{self, Listing};

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
    let mut shelved: Option<Arc<Scenario>> = None;
    // Keys: ↑ ↓ move through the built-in tables, Enter goes on to the seats, Esc back to the title.
    let key = |k: egui::Key| super::pressed(ctx, k);
    let all = library::all();
    let at = all.iter().position(|s| Arc::ptr_eq(&session.scenario, s));
    if key(egui::Key::ArrowDown) {
        shelved = Some(all[at.map_or(0, |a| (a + 1) % all.len())].clone());
    } else if key(egui::Key::ArrowUp) {
        shelved = Some(all[at.map_or(0, |a| (a + all.len() - 1) % all.len())].clone());
    }
    if key(egui::Key::Enter) {
        next.set(Screen::Seat);
    } else if key(egui::Key::Escape) {
        next.set(Screen::Title);
    }
    // The buttons stay in sight at the foot of the window, however long the chosen table's summary.
    egui::Panel::bottom("scenario-buttons").show(&mut ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Back  (Esc)").clicked() {
                next.set(Screen::Title);
            }
            if ui
                .add(egui::Button::new("Choose your seat  (Enter)").min_size(egui::vec2(200.0, 32.0)))
                .clicked()
            {
                next.set(Screen::Seat);
            }
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("Choose a scenario");
        ui.label(
            egui::RichText::new("Up and Down move through the tables, Enter to choose a seat.")
                .small()
                .weak(),
        );
        ui.add_space(6.0);
        // The list and the chosen table's summary each scroll, sharing the height between them.
        let list_height = (ui.available_height() * 0.55).max(140.0);
        egui::ScrollArea::vertical()
            .max_height(list_height)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for s in library::all() {
                    let l = Listing::of(s);
                    let chosen = Arc::ptr_eq(&session.scenario, s);
                    let title = egui::RichText::new(format!("{} — {}", l.title, l.date)).strong();
                    let row = ui.selectable_label(chosen, title);
                    let mut detail = format!("Seats: {}.  Length: {}.", l.seats_line(), l.length);
                    if !l.teaches.is_empty() {
                        detail += &format!("\nTeaches: {}", l.teaches);
                    }
                    ui.indent(&l.id, |ui| ui.label(egui::RichText::new(detail).weak()));
                    if row.clicked() {
                        shelved = Some(s.clone());
                    }
                    ui.add_space(4.0);
                }
                for f in picker.files.clone() {
                    let chosen = session.source.as_ref() == Some(&f);
                    if ui.selectable_label(chosen, f.display().to_string()).clicked() {
                        load = Some(f);
                    }
                }
            });
        ui.add_space(6.0);
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
        ui.label(format!("{}.", s.rule_text()));
        egui::ScrollArea::vertical()
            .id_salt("summary")
            .auto_shrink([false, true])
            .show(ui, |ui| ui.label(&s.summary));
    });
    if let Some(s) = shelved {
        session.scenario = s;
        session.source = None;
        picker.error = None;
    }
    if let Some(path) = load {
        match library::resolve(&path) {
            Ok(s) => {
                session.scenario = s;
                session.source = Some(path);
                picker.error = None;
            }
            Err(e) => picker.error = Some(e.to_string()),
        }
    }
    Ok(())
}
