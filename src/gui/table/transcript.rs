//! The bottom panel: the rules' last refusal or a note for the player, in one line each, and the transcript
//! so far, following the newest line unless the player has scrolled back (a button brings it back).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, RED, TableView, free_ui};

pub(super) fn panel(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    mut free: ResMut<Free>,
    mut to_latest: Local<bool>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    if view.scenario.is_none() {
        return Ok(());
    }
    let mut ui = free_ui(&ctx, "table-transcript", &free);
    let height = (free.0.height() * 0.27).clamp(110.0, 260.0);
    let shown = egui::Panel::bottom("transcript")
        .exact_size(height)
        .show(&mut ui, |ui| {
            let line = |ui: &mut egui::Ui, text: egui::RichText, full: &str| {
                ui.add(egui::Label::new(text).truncate()).on_hover_text(full);
            };
            if let Some(r) = &view.refusal {
                line(ui, egui::RichText::new(format!("Not allowed: {r}")).color(RED), r);
            }
            if let Some(n) = &view.note {
                line(ui, egui::RichText::new(n).italics(), n);
            }
            let mut area = egui::ScrollArea::vertical()
                .id_salt("transcript-scroll")
                .stick_to_bottom(true)
                .auto_shrink([false, false]);
            if std::mem::take(&mut *to_latest) {
                area = area.vertical_scroll_offset(f32::MAX);
            }
            let out = area.show(ui, |ui| {
                for line in &view.lines {
                    ui.label(egui::RichText::new(line).size(13.0));
                }
            });
            let bottom = out.state.offset.y + out.inner_rect.height();
            if bottom < out.content_size.y - 4.0 {
                let at = out.inner_rect.right_bottom() - egui::vec2(130.0, 26.0);
                let button = ui.put(
                    egui::Rect::from_min_size(at, egui::vec2(120.0, 22.0)),
                    egui::Button::new("Latest lines"),
                );
                if button
                    .on_hover_text("Back to the newest line; the transcript follows it again.")
                    .clicked()
                {
                    *to_latest = true;
                }
            }
        });
    free.0.max.y = shown.response.rect.min.y;
    Ok(())
}
