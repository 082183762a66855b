//! Hot-seat: when the move passes to another person's seat, a privacy screen covers the whole window until
//! that seat's team says only they can see it. Nothing of the previous seat's brief or builder stays in view.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, egui};

use super::Builder;
use crate::gui::Session;
use crate::play::lookup::seat_name;
use crate::sim::command::Seat;

/// Whether the privacy screen is up.
pub fn handing_over(session: Res<Session>) -> bool {
    session.handover.is_some()
}

/// Whether no privacy screen is up: the table's panels are drawn.
pub fn not_handing_over(session: Res<Session>) -> bool {
    session.handover.is_none()
}

/// Raises the privacy screen when the table waits for another person's seat than the one at the screen.
pub fn watch_for_handover(mut session: ResMut<Session>, mut redraw: MessageWriter<RequestRedraw>) {
    if session.handover.is_some() {
        return;
    }
    let Some(sitting) = &session.sitting else { return };
    let people = sitting.seats.iter().filter(|&&s| s != Seat::Facilitator).count();
    if people < 2 || sitting.state().is_over() {
        return;
    }
    let Some(next) = sitting.to_move() else { return };
    if session.seat != Some(next) {
        session.handover = Some(next);
        session.pending.clear();
        redraw.write(RequestRedraw);
    }
}

/// The privacy screen: the seat it waits for, and the key that hands the screen over.
pub fn screen(
    mut contexts: EguiContexts,
    keys: Res<ButtonInput<KeyCode>>,
    mut session: ResMut<Session>,
    mut builder: ResMut<Builder>,
) -> Result {
    let Some(next) = session.handover else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let name = seat_name(&session.scenario, next).to_string();
    let mut ready = keys.just_pressed(KeyCode::Space);
    let frame = egui::Frame::NONE.fill(egui::Color32::from_rgb(24, 26, 32));
    let mut root = crate::gui::screens::root(ctx);
    egui::CentralPanel::default().frame(frame).show(&mut root, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            ui.label(
                egui::RichText::new(format!("Hand over to {name}"))
                    .size(40.0)
                    .strong()
                    .color(egui::Color32::from_rgb(235, 235, 240)),
            );
            ui.add_space(16.0);
            ui.label(
                egui::RichText::new(format!("Press Space when only {name}'s team can see the screen."))
                    .size(22.0)
                    .color(egui::Color32::from_rgb(200, 200, 210)),
            );
            ui.add_space(24.0);
            if ui
                .add(egui::Button::new(
                    egui::RichText::new(format!("{name}'s team is ready")).size(20.0),
                ))
                .clicked()
            {
                ready = true;
            }
        });
    });
    if ready {
        session.seat = Some(next);
        session.handover = None;
        // The builder starts again from the new seat's own demands, with nothing the last team wrote.
        builder.seat = None;
    }
    Ok(())
}
