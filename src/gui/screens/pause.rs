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
        egui::Window::new("How to play")
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .show(ctx, |ui| {
                ui.label(super::HOW_TO_PLAY);
            });
        session.help = open;
    }
    if !session.paused {
        return Ok(());
    }
    // Keys while paused: Esc resumes (see `keys`), L leaves the table, Q quits.
    if !ctx.egui_wants_keyboard_input() {
        if ctx.input(|i| i.key_pressed(egui::Key::L)) {
            session.paused = false;
            next.set(Screen::Seat);
        } else if ctx.input(|i| i.key_pressed(egui::Key::Q)) {
            session.exit = Some(0);
        }
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
