//! Names over the table scene: each seat's label under its disc, the outside actors, the proposal cards'
//! numbers. It also tells the scene the free area between the panels, where the table is drawn.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, TableView, colour};
use crate::gui::Session;
use crate::gui::scene::{Stage, current_outside_voices};
use crate::sim::command::Seat;
use crate::sim::scenario::Voice;

pub(super) fn draw(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    session: Res<Session>,
    free: Res<Free>,
    mut stage: ResMut<Stage>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(s), Some(summary), Some(sitting)) = (&view.scenario, &view.summary, &session.sitting) else {
        return Ok(());
    };
    let n = s.delegations.len();
    let window = ctx.viewport_rect();
    stage.window = Vec2::new(window.width(), window.height());
    stage.size = Vec2::new(free.0.width(), free.0.height()).max(Vec2::splat(50.0));
    stage.center = Vec2::new(free.0.center().x, free.0.center().y);
    let label = |voice: Voice, text: String, sub: String, colour: egui::Color32| {
        let p = stage.window_point(stage.seat(voice, n, s.actors.len()));
        egui::Area::new(egui::Id::new(("seat", format!("{voice:?}"))))
            .fixed_pos(egui::pos2(p.x - 80.0, p.y + 30.0))
            .interactable(false)
            .show(&ctx, |ui| {
                ui.set_width(160.0);
                ui.vertical_centered(|ui| {
                    ui.label(egui::RichText::new(text).strong().color(colour));
                    if !sub.is_empty() {
                        ui.label(egui::RichText::new(sub).small());
                    }
                });
            });
    };
    for line in &summary.seats {
        let you = if line.you { " (you)" } else { "" };
        match line.seat {
            Seat::Delegation(d) => {
                let del = &s.delegations[d];
                let native = del
                    .delegates
                    .first()
                    .map(|p| p.native.clone().unwrap_or_else(|| p.name.clone()))
                    .unwrap_or_default();
                let mood = match line.presence {
                    Some("has left the table") => "has left the table".to_string(),
                    Some(words) => format!("{native} · {words}"),
                    None => native,
                };
                label(
                    Voice::Delegation(d),
                    format!("{}{you}", line.name),
                    mood,
                    colour(s, line.seat),
                );
            }
            Seat::Mediator => {
                let chair = s.mediator.delegates.first().map(|p| p.name.clone()).unwrap_or_default();
                label(
                    Voice::Mediator,
                    format!("{}{you}", line.name),
                    chair,
                    colour(s, line.seat),
                );
            }
            Seat::Facilitator => {}
        }
    }
    let active = current_outside_voices(s, sitting.transcript(), summary.round);
    for (a, actor) in s.actors.iter().enumerate() {
        let p = stage.window_point(stage.seat(Voice::Outside(a), n, s.actors.len()));
        egui::Area::new(egui::Id::new(("actor", a)))
            .fixed_pos(egui::pos2(p.x - 50.0, p.y - 9.0))
            .interactable(false)
            .show(&ctx, |ui| {
                let text = egui::RichText::new(&actor.name).small();
                ui.label(if active.contains(&a) {
                    text.strong().color(egui::Color32::BLACK)
                } else {
                    text
                });
            });
    }
    let count = summary.proposals.len();
    for (slot, p) in summary.proposals.iter().enumerate() {
        let x = (slot as f32 - (count as f32 - 1.0) / 2.0) * 100.0;
        let w = stage.window_point(Vec2::new(x, 0.0));
        egui::Area::new(egui::Id::new(("card", p.id)))
            .fixed_pos(egui::pos2(w.x - 30.0, w.y - 10.0))
            .interactable(false)
            .show(&ctx, |ui| {
                ui.label(
                    egui::RichText::new(format!("#{}", p.id))
                        .strong()
                        .color(egui::Color32::BLACK),
                );
            });
    }
    Ok(())
}
