//! The left panel: the seat's private brief, or the mediator's desk (also shown to someone watching).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Free, Layout, RED, TableView, colour, free_ui};
use crate::play::views::{Brief, pct};
use crate::sim::command::Seat;

pub(super) fn panel(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    layout: Res<Layout>,
    mut free: ResMut<Free>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(s), Some(brief)) = (&view.scenario, &view.brief) else {
        return Ok(());
    };
    if !layout.brief_shown(free.0.width()) {
        return Ok(());
    }
    let mut ui = free_ui(&ctx, "table-brief", &free);
    let width = (free.0.width() * 0.23).clamp(220.0, 320.0);
    let shown = egui::Panel::left("brief").exact_size(width).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().id_salt("brief-scroll").show(ui, |ui| match brief {
            Brief::Delegation(b) => {
                ui.heading(format!("Your brief — {}", b.name));
                ui.label(egui::RichText::new("Private: only your seat sees this.").small().weak());
                for p in &b.delegates {
                    ui.label(egui::RichText::new(p).small());
                }
                ui.separator();
                ui.label(format!("Walk-away value: {} of 100", pct(b.walk_away)))
                    .on_hover_text("What you get if there is no deal. A deal worth less than this is worse than leaving.");
                ui.label(format!("Patience: {}", pct(b.patience)))
                    .on_hover_text("How much more frustration your delegation can bear. It wears each round without a deal, faster when tension is high; at zero a delegation walks out.");
                let trust: Vec<String> = b.trust.iter().map(|(who, t)| format!("{who} {}", pct(*t))).collect();
                ui.label(format!("Trust: {}", trust.join(", ")))
                    .on_hover_text("How far you believe each side, 0 to 100: a delegation accepts less from those it trusts.");
                ui.separator();
                ui.label(egui::RichText::new("What you want").strong());
                for (i, issue) in b.issues.iter().enumerate() {
                    egui::CollapsingHeader::new(format!("{} — weight {}%", issue.name, pct(issue.weight)))
                        .id_salt(("brief", i))
                        .show(ui, |ui| {
                            ui.label(format!("You ask: {}", issue.ask.0));
                            ui.label(egui::RichText::new(format!("open: {}", pct(issue.open.1))).small());
                            for (text, _, value) in &issue.options {
                                ui.label(egui::RichText::new(format!("{text}: {}", pct(*value))).small());
                            }
                        });
                }
                ui.separator();
                ui.label(egui::RichText::new("Your red lines").strong());
                if b.red_lines.is_empty() {
                    ui.label("none");
                }
                for (why, what) in &b.red_lines {
                    ui.colored_label(RED, format!("• {why}")).on_hover_text(what);
                }
            }
            Brief::Mediator(b) => {
                ui.heading(format!("The mediator's desk — {}", b.name));
                ui.label(
                    egui::RichText::new("The mediator hears every side in private.")
                        .small()
                        .weak(),
                );
                if let Some(ai) = b.ai {
                    ui.label(format!("Drafting by: {ai}"));
                }
                for p in &b.parties {
                    ui.separator();
                    let status = p.presence.map(|w| format!(" — {w}")).unwrap_or_default();
                    ui.label(
                        egui::RichText::new(format!("{}{status}", p.name))
                            .strong()
                            .color(colour(s, Seat::Delegation(p.seat))),
                    );
                    ui.label(format!("walk-away {}, patience {}", pct(p.walk_away), pct(p.patience)));
                    if let Some(ai) = &p.ai {
                        ui.label(egui::RichText::new(format!("AI: {ai}")).small());
                    }
                    for line in &p.red_lines {
                        ui.colored_label(RED, format!("• {line}"));
                    }
                }
            }
        });
    });
    free.0.min.x = shown.response.rect.max.x;
    Ok(())
}
