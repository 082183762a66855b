//! The top bar: where the talks stand, how tense the room is, whose move it is and what can be done now.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, GREEN, TableView, free_ui};
use crate::gui::Session;
use crate::play::lookup::seat_name;
use crate::play::views::pct;

pub(super) fn panel(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    mut session: ResMut<Session>,
    mut free: ResMut<Free>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    free.0 = ctx.viewport_rect();
    let (Some(s), Some(summary)) = (&view.scenario, &view.summary) else {
        return Ok(());
    };
    let mut ui = free_ui(&ctx, "table-top", &free);
    let shown = egui::Panel::top("top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&s.title).strong());
            ui.separator();
            ui.label(format!(
                "Round {} of {} · {}",
                summary.round, summary.rounds, summary.time
            ));
            ui.separator();
            ui.label(format!("Tension {}", pct(summary.tension)))
                .on_hover_text("How heated the room is, 0 to 100: threats raise it, conciliatory words and recesses ease it. High tension wears patience faster.");
            ui.add(egui::ProgressBar::new(summary.tension as f32).desired_width(90.0));
            ui.separator();
            let you = view
                .me
                .map_or("watching the AI".to_string(), |seat| format!("You: {}", seat_name(s, seat)));
            ui.label(egui::RichText::new(you).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Menu (Esc)").clicked() {
                    session.paused = true;
                }
                if ui.button("Help (F1)").clicked() {
                    session.help = true;
                }
            });
        });
        let phase = summary.phase;
        let now = if view.me.is_none() {
            format!("{} phase — the AI plays every seat.", phase.label())
        } else if view.my_turn {
            format!("Your move — {}", phase.hint())
        } else {
            format!("{} phase — waiting for the other seats…", phase.label())
        };
        ui.label(egui::RichText::new(now).color(if view.my_turn { GREEN } else { egui::Color32::LIGHT_GRAY }));
    });
    free.0.min.y = shown.response.rect.max.y;
    Ok(())
}
