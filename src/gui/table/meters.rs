//! The meters above the table: tension, patience and trust from the opening to now, one small chart each,
//! always in view. A delegation sees its own patience and trust; the chair and someone watching see every side.

use bevy_egui::egui;
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, pos2, vec2};

use super::{TableView, colour};
use crate::play::views::pct;
use crate::sim::command::Seat;
use crate::sim::scenario::Scenario;

/// Draws the meters along the top of `area`; returns the height they take.
pub fn draw(ui: &mut egui::Ui, painter: &egui::Painter, area: Rect, view: &TableView, s: &Scenario) -> f32 {
    let h = 46.0;
    if view.meters.is_empty() || area.width() < 200.0 {
        return 0.0;
    }
    let seats: Vec<usize> = match view.me {
        Some(Seat::Delegation(d)) => vec![d],
        _ => (0..s.delegations.len()).collect(),
    };
    let gap = 8.0;
    // The clock first, then the three charts sharing the rest.
    let clock_w = (area.width() * 0.2).clamp(120.0, 190.0);
    if let Some(summary) = &view.summary {
        let cell = Rect::from_min_size(pos2(area.min.x + gap, area.min.y + 4.0), vec2(clock_w, h - 6.0));
        painter.rect_filled(cell, 4.0, Color32::from_rgb(36, 39, 46));
        super::stage::clock(painter, cell, summary, &FontId::proportional(12.0));
        ui.interact(cell, ui.id().with("clock"), egui::Sense::hover()).on_hover_text(format!(
            "The clock in the room: round {} of {}, begun at {}. The talks end after the last round if nothing is agreed.",
            summary.round, summary.rounds, summary.time
        ));
    }
    let left = area.min.x + 2.0 * gap + clock_w;
    let w = (area.max.x - left - 3.0 * gap) / 3.0;
    let cell = |k: usize| Rect::from_min_size(pos2(left + k as f32 * (w + gap), area.min.y + 4.0), vec2(w, h - 6.0));
    let tension: Vec<f64> = view.meters.iter().map(|m| m.tension).collect();
    let last = view.meters.last().expect("not empty");
    let red = Color32::from_rgb(235, 95, 85);
    chart(
        ui,
        painter,
        cell(0),
        "Tension",
        &pct(last.tension).to_string(),
        &[(tension, red)],
        "How heated the room is (0–100), from the opening to now. Threats, warnings and bad news raise it; \
         conciliatory words and recesses ease it. High tension wears everyone's patience faster.",
    );
    let lines = |pick: fn(&crate::debrief::Meters, usize) -> f64| -> Vec<(Vec<f64>, Color32)> {
        seats
            .iter()
            .map(|&d| {
                (
                    view.meters.iter().map(|m| pick(m, d)).collect(),
                    colour(s, Seat::Delegation(d)),
                )
            })
            .collect()
    };
    let now = |pick: fn(&crate::debrief::Meters, usize) -> f64| -> String {
        seats
            .iter()
            .map(|&d| {
                if seats.len() == 1 {
                    pct(pick(last, d)).to_string()
                } else {
                    format!("{} {}", short(&s.delegations[d].name), pct(pick(last, d)))
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let patience = |m: &crate::debrief::Meters, d: usize| m.patience.get(d).copied().unwrap_or(0.0);
    let trust = |m: &crate::debrief::Meters, d: usize| m.trust.get(d).copied().unwrap_or(0.0);
    let whose = if seats.len() == 1 { "Your" } else { "Each side's" };
    chart(
        ui,
        painter,
        cell(1),
        "Patience",
        &now(patience),
        &lines(patience),
        &format!(
            "{whose} patience (0–100): how much more frustration a delegation can bear. It wears each round \
             without a deal, faster when tension is high; at zero the delegation walks out."
        ),
    );
    chart(
        ui,
        painter,
        cell(2),
        "Trust",
        &now(trust),
        &lines(trust),
        &format!(
            "{whose} trust in the others (0–100, the average over the other delegations): a delegation accepts \
             less from those it trusts. Threats cost trust; conciliatory words earn it."
        ),
    );
    h
}

/// A delegation's name cut to a few letters for the meters' figures.
fn short(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() > 1 {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
            .to_uppercase()
    } else {
        name.chars().take(3).collect()
    }
}

fn chart(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    rect: Rect,
    name: &str,
    now: &str,
    lines: &[(Vec<f64>, Color32)],
    help: &str,
) {
    painter.rect_filled(rect, 4.0, Color32::from_rgb(36, 39, 46));
    let font = FontId::proportional(12.0);
    let title = painter.text(
        rect.min + vec2(6.0, 3.0),
        Align2::LEFT_TOP,
        name,
        font.clone(),
        Color32::from_gray(200),
    );
    let figure_width = (rect.max.x - title.max.x - 12.0).max(10.0);
    let g = super::stage::cut(painter, now.to_string(), font, Color32::from_gray(235), figure_width, 1);
    painter.galley(pos2(rect.max.x - 6.0 - g.size().x, rect.min.y + 3.0), g, Color32::WHITE);
    let plot = Rect::from_min_max(pos2(rect.min.x + 6.0, rect.min.y + 19.0), rect.max - vec2(6.0, 4.0));
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, Color32::from_gray(70)),
    );
    for (values, colour) in lines {
        let n = values.len();
        let at = |k: usize, v: f64| -> Pos2 {
            let x = if n <= 1 {
                plot.max.x
            } else {
                plot.min.x + plot.width() * k as f32 / (n - 1) as f32
            };
            pos2(x, plot.max.y - plot.height() * v.clamp(0.0, 1.0) as f32)
        };
        let points: Vec<Pos2> = values.iter().enumerate().map(|(k, &v)| at(k, v)).collect();
        if points.len() > 1 {
            painter.add(egui::Shape::line(points.clone(), Stroke::new(1.8, *colour)));
        }
        if let Some(&p) = points.last() {
            painter.circle_filled(p, 2.5, *colour);
        }
    }
    ui.interact(rect, ui.id().with(("meter", name)), egui::Sense::hover())
        .on_hover_text(help);
}
