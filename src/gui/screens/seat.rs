//! The seat choice: each delegation's card, the mediator's chair, or watching the AI play every seat.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::root;
use crate::gui::{Screen, Session};
use crate::sim::command::Seat;

/// `--seat` on the command line takes the seat the first time the choice comes up.
pub(super) fn seat_from_command_line(mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    let Some(words) = session.options.seat.take() else {
        return;
    };
    match crate::play::lookup::seats_by_name(&session.scenario, &words) {
        Ok(seats) if !seats.is_empty() => {
            session.seat = seats.first().copied();
            session.seats = if seats.len() > 1 { seats } else { Vec::new() };
            next.set(Screen::Table);
        }
        Ok(_) => warn!("no seat named; choose one on screen"),
        Err(why) => warn!("{why}; choose on screen"),
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
    // Keys: 1, 2, … take a delegation's seat, the next number the chair; W watches; Esc goes back.
    let number = (1..=9usize).find(|&n| egui::Key::from_name(&n.to_string()).is_some_and(|k| super::pressed(ctx, k)));
    match number {
        Some(n) if n <= s.delegations.len() => chosen = Some(Some(Seat::Delegation(n - 1))),
        Some(n) if n == s.delegations.len() + 1 => chosen = Some(Some(Seat::Mediator)),
        _ => {}
    }
    if super::pressed(ctx, egui::Key::W) {
        chosen = Some(None);
    }
    if super::pressed(ctx, egui::Key::Escape) {
        next.set(Screen::Scenario);
    }
    // The way back, watching, and the hot seat stay at the foot of the window, in view at any size.
    egui::Panel::bottom("seat-buttons").show(&mut ui, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button("Back  (Esc)").clicked() {
                next.set(Screen::Scenario);
            }
            if ui.button("Watch the AI play every seat  (W)").clicked() {
                chosen = Some(None);
            }
        });
        ui.add_space(12.0);
        ui.separator();
        ui.label(egui::RichText::new("Several teams at this screen (hot-seat)").strong())
            .on_hover_text("Each team plays its own seat; when the move passes to another team, a privacy screen hides everything until only that team can see.");
        ui.horizontal_wrapped(|ui| {
            let seats: Vec<Seat> = (0..s.delegations.len())
                .map(Seat::Delegation)
                .chain(std::iter::once(Seat::Mediator))
                .collect();
            for seat in seats {
                let mut on = session.seats.contains(&seat);
                if ui.checkbox(&mut on, crate::play::lookup::seat_name(&s, seat)).changed() {
                    session.seats.retain(|&x| x != seat);
                    if on {
                        session.seats.push(seat);
                        session.seats.sort();
                    }
                }
            }
            let count = session.seats.len();
            if ui
                .add_enabled(count >= 2, egui::Button::new(format!("Play these {count} seats")))
                .on_disabled_hover_text("Tick two seats or more.")
                .clicked()
            {
                session.seat = session.seats.first().copied();
                next.set(Screen::Table);
            }
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading(format!("{} — choose your seat", s.title));
        ui.add_space(10.0);
        // A table of many delegations scrolls sideways and down rather than running off the window.
        egui::ScrollArea::both()
            .id_salt("seat-cards")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let card_width = ((ui.available_width() - 24.0) / (s.delegations.len() + 1) as f32).clamp(240.0, 400.0);
                ui.horizontal_top(|ui| {
                    for (d, del) in s.delegations.iter().enumerate() {
                        let colour =
                            egui::Color32::from_rgb(del.colour[0], del.colour[1], del.colour[2]).gamma_multiply(1.4);
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
                                            egui::RichText::new(format!("• {}", issue.options[del.demands[i]].text))
                                                .small(),
                                        );
                                    }
                                    ui.add_space(4.0);
                                    if ui
                                        .add(
                                            egui::Button::new(format!("Play {}  ({})", del.name, d + 1))
                                                .min_size(egui::vec2(140.0, 30.0)),
                                        )
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
                            ui.label(
                                egui::RichText::new(format!("The mediator's chair — {}", s.mediator.name)).heading(),
                            );
                            for p in &s.mediator.delegates {
                                ui.label(egui::RichText::new(&p.name).strong());
                                ui.label(egui::RichText::new(&p.role).small());
                            }
                            ui.add_space(4.0);
                            ui.label(
                                egui::RichText::new("Table proposals that every side can sign, and explain them.")
                                    .small(),
                            );
                            ui.add_space(4.0);
                            if ui
                                .add(
                                    egui::Button::new(format!("Take the chair  ({})", s.delegations.len() + 1))
                                        .min_size(egui::vec2(140.0, 30.0)),
                                )
                                .clicked()
                            {
                                chosen = Some(Some(Seat::Mediator));
                            }
                        });
                    });
                });
            });
    });
    if let Some(seat) = chosen {
        session.seat = seat;
        session.seats.clear();
        next.set(Screen::Table);
    }
    Ok(())
}
