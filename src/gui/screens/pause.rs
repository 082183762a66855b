//! The pause menu (Esc) and the help window (F1) over the table.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use crate::gui::{Screen, Session};

pub(super) fn pause(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
    class: Option<Res<crate::gui::class::ClassRes>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    // At a class's table, leaving it goes back to the facilitator's overview.
    let leave = if class.is_some() {
        "Back to the class"
    } else {
        "Leave the table"
    };
    if session.help {
        let mut open = true;
        let screen = ctx.viewport_rect();
        egui::Window::new("How to play")
            .open(&mut open)
            .collapsible(false)
            .default_width((screen.width() * 0.6).clamp(320.0, 720.0))
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .max_height(screen.height() - 120.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().id_salt("help-scroll").show(ui, |ui| {
                    ui.label(super::HOW_TO_PLAY);
                    ui.add_space(8.0);
                    egui::Grid::new("help-keys")
                        .num_columns(2)
                        .spacing([12.0, 6.0])
                        .striped(true)
                        .show(ui, |ui| {
                            for (screen, keys) in super::KEYS {
                                ui.label(egui::RichText::new(*screen).strong());
                                ui.add(egui::Label::new(*keys).wrap());
                                ui.end_row();
                            }
                        });
                });
            });
        session.help = open;
    }
    if !session.paused {
        return Ok(());
    }
    // Keys while paused: Esc resumes (see `keys`), L leaves the table, Q quits.
    if super::pressed(ctx, egui::Key::L) {
        session.paused = false;
        next.set(Screen::Seat);
    } else if super::pressed(ctx, egui::Key::Q) {
        session.exit = Some(0);
    }
    egui::Window::new("Paused")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                if ui
                    .add_sized([200.0, 32.0], egui::Button::new("Resume  (Esc)"))
                    .clicked()
                {
                    session.paused = false;
                }
                if ui.add_sized([200.0, 32.0], egui::Button::new("Help  (F1)")).clicked() {
                    session.help = true;
                }
                if ui
                    .add_sized([200.0, 32.0], egui::Button::new(format!("{leave}  (L)")))
                    .clicked()
                {
                    session.paused = false;
                    next.set(Screen::Seat);
                }
                if ui
                    .add_sized(
                        [200.0, 32.0],
                        egui::Button::new(if class.is_some() {
                            "Quit the class  (Q)"
                        } else {
                            "Quit the game  (Q)"
                        }),
                    )
                    .clicked()
                {
                    session.exit = Some(0);
                }
            });
        });
    Ok(())
}
