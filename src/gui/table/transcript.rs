//! The bottom panel: the rules' last refusal or a note for the player, and the transcript so far.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, RED, TableView, free_ui};

pub(super) fn panel(mut contexts: EguiContexts, view: Res<TableView>, mut free: ResMut<Free>) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if view.scenario.is_none() {
        return Ok(());
    }
    let mut ui = free_ui(&ctx, "table-transcript", &free);
    let shown = egui::Panel::bottom("transcript").exact_size(170.0).show(&mut ui, |ui| {
        if let Some(r) = &view.refusal {
            ui.colored_label(RED, r);
        }
        if let Some(n) = &view.note {
            ui.label(egui::RichText::new(n).italics());
        }
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for line in &view.lines {
                    ui.label(egui::RichText::new(line).size(13.0));
                }
            });
    });
    free.0.max.y = shown.response.rect.min.y;
    Ok(())
}
