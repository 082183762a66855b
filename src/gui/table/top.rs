//! The top bar: where the talks stand, how tense the room is, whose move it is and what can be done now.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, GREEN, Layout, TableView, free_ui};
use crate::gui::Session;
use crate::play::lookup::seat_name;
use crate::play::views::pct;

pub(super) fn panel(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    mut session: ResMut<Session>,
    mut layout: ResMut<Layout>,
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
            let tension_help = "How heated the room is, 0 to 100: threats raise it, conciliatory words and recesses ease it. High tension wears patience faster.";
            ui.label(format!("Tension {}", pct(summary.tension))).on_hover_text(tension_help);
            ui.add(
                egui::ProgressBar::new(summary.tension as f32)
                    .desired_width(80.0)
                    .fill(super::stage::tension_colour(summary.tension)),
            )
            .on_hover_text(tension_help);
            ui.separator();
            let you = view
                .me
                .map_or("watching the AI".to_string(), |seat| format!("You: {}", seat_name(s, seat)));
            ui.label(egui::RichText::new(you).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Menu (Esc)").on_hover_text("Pause: resume, help, leave the table or quit.").clicked() {
                    session.paused = true;
                }
                if ui.button("Help (F1)").on_hover_text("How to play, every key, and what the words mean.").clicked() {
                    session.help = true;
                }
                let width = free.0.width();
                let shown = layout.brief_shown(width);
                if ui
                    .selectable_label(shown, "Brief (B)")
                    .on_hover_text("Show or hide the brief panel on the left, to give the table more room.")
                    .clicked()
                {
                    layout.brief = Some(!shown);
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
