//! The outcome screen: how the talks ended, what it means for each seat the player may see, and the
//! whole transcript.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};
use crate::play::views::{aftermath, pct};

pub(super) fn outcome(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let Some(sitting) = &session.sitting else {
        return Ok(());
    };
    let s = sitting.scenario().clone();
    let me = sitting.seats.first().copied();
    let Some(after) = aftermath(&s, sitting.state(), me) else {
        return Ok(());
    };
    let transcript = sitting.transcript().render(&s);
    let mut again = false;
    let mut quit = false;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.label(egui::RichText::new(after.heading).size(34.0).strong());
        ui.label(&after.text);
        if let Some(history) = &after.history {
            ui.label(egui::RichText::new(history).italics());
        }
        for r in &after.results {
            ui.label(format!(
                "For {}: {} of 100 against a walk-away of {} — {}.",
                r.name,
                pct(r.got),
                pct(r.walk_away),
                r.verdict
            ));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Play again").clicked() {
                again = true;
            }
            if ui.button("Quit").clicked() {
                quit = true;
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.label(egui::RichText::new(transcript).monospace().size(13.0));
        });
    });
    if quit {
        session.exit = Some(0);
    }
    if again {
        next.set(Screen::Seat);
    }
    Ok(())
}
