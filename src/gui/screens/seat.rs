//! The seat choice: each delegation's card, the mediator's chair, or watching the AI play every seat.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};
use crate::sim::command::Seat;

/// `--seat` on the command line takes the seat the first time the choice comes up.
pub(super) fn seat_from_command_line(mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    let Some(word) = session.options.seat.take() else {
        return;
    };
    match crate::play::lookup::seat_by_name(&session.scenario, &word) {
        Some(seat) => {
            session.seat = Some(seat);
            next.set(Screen::Table);
        }
        None => warn!("no seat called \"{word}\" at this table; choose one on screen"),
    }
}

pub(super) fn seat(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let mut chosen: Option<Option<Seat>> = None;
    let s = session.scenario.clone();
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading(format!("{} — choose your seat", s.title));
        ui.add_space(10.0);
        let card_width = ((ui.available_width() - 24.0) / (s.delegations.len() + 1) as f32).clamp(240.0, 400.0);
        ui.horizontal_top(|ui| {
            for (d, del) in s.delegations.iter().enumerate() {
                let colour = egui::Color32::from_rgb(del.colour[0], del.colour[1], del.colour[2]).gamma_multiply(1.4);
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(2.0, colour))
                    .show(ui, |ui| {
                        ui.set_width(card_width);
                        ui.vertical(|ui| {
                            let native = del.native.as_deref().map(|n| format!("  {n}")).unwrap_or_default();
                            ui.label(
                                egui::RichText::new(format!("{}{native}", del.name))
                                    .heading()
                                    .color(colour),
                            );
                            for p in del.delegates.iter().take(3) {
                                let native = p.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                                ui.label(egui::RichText::new(format!("{}{native}", p.name)).strong());
                                ui.label(egui::RichText::new(&p.role).small());
                            }
                            ui.add_space(4.0);
                            ui.label(egui::RichText::new("Asks:").small().strong());
                            for (i, issue) in s.issues.iter().enumerate() {
                                ui.label(
                                    egui::RichText::new(format!("• {}", issue.options[del.demands[i]].text)).small(),
                                );
                            }
                            ui.add_space(4.0);
                            if ui
                                .add(egui::Button::new(format!("Play {}", del.name)).min_size(egui::vec2(140.0, 30.0)))
                                .clicked()
                            {
                                chosen = Some(Some(Seat::Delegation(d)));
                            }
                        });
                    });
            }
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(card_width);
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new(format!("The mediator's chair — {}", s.mediator.name)).heading());
                    for p in &s.mediator.delegates {
                        ui.label(egui::RichText::new(&p.name).strong());
                        ui.label(egui::RichText::new(&p.role).small());
                    }
                    ui.add_space(4.0);
                    ui.label(
                        egui::RichText::new("Table proposals that every side can sign, and explain them.").small(),
                    );
                    ui.add_space(4.0);
                    if ui
                        .add(egui::Button::new("Take the chair").min_size(egui::vec2(140.0, 30.0)))
                        .clicked()
                    {
                        chosen = Some(Some(Seat::Mediator));
                    }
                });
            });
        });
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Scenario);
            }
            if ui.button("Watch the AI play every seat").clicked() {
                chosen = Some(None);
            }
        });
    });
    if let Some(seat) = chosen {
        session.seat = seat;
        next.set(Screen::Table);
    }
    Ok(())
}
