//! The table as a scene, drawn in the free area between the panels and in the window's own units, so every
//! name stays on its seat at any window size or zoom: the room's tension in the table's colour and glow, the
//! clock, who is speaking (a bubble at the speaker's seat for a few seconds), proposals as cards flying from
//! their author's seat with the terms changed since the author's last offer marked, each seat's answers,
//! warnings and walkouts, the outside actors lit up with their headline, and the meters over time above.

use std::collections::HashMap;
use std::sync::Arc;

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, egui};
use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};

use super::{Free, TableView, colour, free_ui};
use crate::gui::Session;
use crate::play::views::pct;
use crate::sim::command::Seat;
use crate::sim::delegation::StatementKind;
use crate::sim::event::Event;
use crate::sim::scenario::{Scenario, Voice};

/// At a table of five delegations or more, the angle left free either side of the chair's place (radians).
const RING_GAP: f32 = 0.65;

/// How long a statement stays in its bubble, in seconds.
const SPOKEN_FOR: f64 = 7.0;

/// What the scene remembers between frames: the events already turned into bubbles, the bubbles, and where
/// each card is on its way to its place.
#[derive(Resource, Default)]
pub struct StageMemory {
    scenario: Option<Arc<Scenario>>,
    seen: usize,
    bubbles: Vec<Bubble>,
    cards: HashMap<u32, Pos2>,
}

/// Something said at a seat, shown for a few seconds.
struct Bubble {
    voice: Voice,
    text: String,
    tone: Tone,
    born: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Tone {
    Calm,
    Firm,
    Threat,
    Warning,
    News,
}

impl Tone {
    fn of(kind: StatementKind) -> Tone {
        match kind {
            StatementKind::Conciliatory => Tone::Calm,
            StatementKind::Firm => Tone::Firm,
            StatementKind::Threat => Tone::Threat,
            StatementKind::WalkoutWarning => Tone::Warning,
        }
    }

    fn border(self) -> Color32 {
        match self {
            Tone::Calm => Color32::from_rgb(120, 200, 140),
            Tone::Firm => Color32::from_rgb(170, 175, 190),
            Tone::Threat => Color32::from_rgb(240, 150, 60),
            Tone::Warning => Color32::from_rgb(235, 80, 70),
            Tone::News => Color32::from_rgb(225, 180, 70),
        }
    }
}

/// The table's colour at a tension from 0 to 1: green baize when calm, through olive and orange, to red when
/// heated, every step of the scale a step a player can see.
pub fn tension_colour(t: f64) -> Color32 {
    const STOPS: [(f32, [f32; 3]); 4] = [
        (0.0, [40.0, 96.0, 72.0]),
        (1.0 / 3.0, [150.0, 150.0, 48.0]),
        (0.62, [222.0, 118.0, 30.0]),
        (1.0, [190.0, 24.0, 40.0]),
    ];
    let t = t.clamp(0.0, 1.0) as f32;
    let k = STOPS
        .iter()
        .rposition(|(at, _)| *at <= t)
        .unwrap_or(0)
        .min(STOPS.len() - 2);
    let ((a, from), (b, to)) = (STOPS[k], STOPS[k + 1]);
    let f = ((t - a) / (b - a)).clamp(0.0, 1.0);
    let mix = |i: usize| (from[i] + (to[i] - from[i]) * f).round() as u8;
    Color32::from_rgb(mix(0), mix(1), mix(2))
}

/// Where everything sits in this frame's free area.
struct Places {
    scene: Rect,
    unit: f32,
    disc: f32,
    centre: Pos2,
    radii: egui::Vec2,
    seats: Vec<Pos2>,
    mediator: Pos2,
    actors: Vec<Rect>,
    label_width: f32,
}

fn places(area: Rect, meters: f32, s: &Scenario, actor_widths: &[f32]) -> Places {
    let scene = Rect::from_min_max(
        pos2(area.min.x + 8.0, area.min.y + meters + 6.0),
        area.max - vec2(8.0, 6.0),
    );
    let unit = (scene.width().min(scene.height() * 1.5) / 620.0).clamp(0.55, 1.25);
    let disc = 22.0 * unit;
    let n = s.delegations.len();
    let mediator = pos2(scene.center().x, scene.min.y + disc + 4.0);
    let gap = 10.0 * unit;
    let label_h = 34.0;
    // Five delegations or more sit all round the table (leaving the head to the chair), three or four along
    // its lower side, two at its ends.
    let ring = n >= 5;
    // The chair's name sits under its disc, above the table; at a ring, the upper seats' names above them.
    let top = mediator.y + disc + 24.0 + if ring { label_h * 0.7 } else { 0.0 };
    let below = if n >= 3 {
        gap + 2.0 * disc + label_h
    } else {
        label_h.max(disc)
    };
    let label_width = |rx: f32, ry: f32| {
        if ring {
            let around = std::f32::consts::PI * (rx + ry) * (1.0 - RING_GAP / std::f32::consts::PI);
            (around / (n - 1) as f32).clamp(70.0, 150.0)
        } else if n >= 3 {
            let arc = std::f32::consts::PI * (rx + ry) / 2.0 / (n - 1) as f32;
            arc.clamp(70.0, 160.0)
        } else {
            150.0
        }
    };
    // The seats at either end of the arc need room beside the table for half their name.
    let side = gap + disc + if n >= 3 { 40.0 } else { 60.0 };
    let rx = (scene.width() / 2.0 - side - 8.0).max(40.0);
    let room = (scene.max.y - below - top).max(48.0);
    let ry = (room / 2.0).min(rx * 0.58).max(24.0);
    let rx = rx.min(ry * 2.6);
    let centre = pos2(scene.center().x, top + room / 2.0);
    let seats: Vec<Pos2> = (0..n)
        .map(|d| {
            let angle = match n {
                1 => std::f32::consts::FRAC_PI_2,
                _ if ring => {
                    let from = 1.5 * std::f32::consts::PI - RING_GAP;
                    from - (std::f32::consts::TAU - 2.0 * RING_GAP) * d as f32 / (n - 1) as f32
                }
                _ => std::f32::consts::PI * (1.0 - d as f32 / (n - 1) as f32),
            };
            pos2(
                centre.x + (rx + gap + disc) * angle.cos(),
                centre.y + (ry + gap + disc) * angle.sin(),
            )
        })
        .collect();
    let label_width = label_width(rx, ry);
    // The outside actors along the top, either side of the chair, each plate narrowed to fit its side.
    let left = actor_widths.len().div_ceil(2);
    let half = (scene.width() / 2.0 - disc - 16.0).max(40.0);
    let fit = |widths: &[f32]| -> Vec<f32> {
        let total: f32 = widths.iter().sum::<f32>() + 8.0 * widths.len().saturating_sub(1) as f32;
        let shrink = if total > half {
            (half - 8.0 * widths.len().saturating_sub(1) as f32).max(20.0)
                / (total - 8.0 * widths.len().saturating_sub(1) as f32)
        } else {
            1.0
        };
        widths.iter().map(|w| w * shrink).collect()
    };
    let mut actors = Vec::new();
    let mut x = scene.min.x;
    for w in fit(&actor_widths[..left]) {
        actors.push(Rect::from_min_size(pos2(x, scene.min.y), vec2(w, 24.0)));
        x += w + 8.0;
    }
    let mut x = scene.max.x;
    let mut right = Vec::new();
    for w in fit(&actor_widths[left..]).into_iter().rev() {
        x -= w;
        right.push(Rect::from_min_size(pos2(x, scene.min.y), vec2(w, 24.0)));
        x -= 8.0;
    }
    actors.extend(right.into_iter().rev());
    Places {
        scene,
        unit,
        disc,
        centre,
        radii: vec2(rx, ry),
        seats,
        mediator,
        actors,
        label_width,
    }
}

/// Turns the events since the last frame into bubbles.
fn listen(memory: &mut StageMemory, s: &Arc<Scenario>, events: &[Event], now: f64) {
    if memory.scenario.as_ref().is_none_or(|m| !Arc::ptr_eq(m, s)) || memory.seen > events.len() {
        // A new table (or a table read back from disk): what was said before is in the transcript.
        *memory = StageMemory {
            scenario: Some(s.clone()),
            seen: events.len(),
            ..StageMemory::default()
        };
        return;
    }
    for e in &events[memory.seen..] {
        let said = match e {
            Event::Statement { seat, kind, text } => match *seat {
                Seat::Delegation(d) => Some((Voice::Delegation(d), text.to_string(), Tone::of(*kind))),
                Seat::Mediator => Some((Voice::Mediator, text.to_string(), Tone::of(*kind))),
                Seat::Facilitator => None,
            },
            Event::Scheduled { index } => s
                .events
                .get(*index)
                .map(|ev| (ev.voice, ev.headline.clone(), Tone::News)),
            Event::WalkedOut { seat, reason } => Some((
                Voice::Delegation(*seat),
                if reason.is_empty() {
                    "We are leaving the talks.".to_string()
                } else {
                    format!("We are leaving: {reason}")
                },
                Tone::Warning,
            )),
            _ => None,
        };
        if let Some((voice, text, tone)) = said {
            memory.bubbles.retain(|b| b.voice != voice);
            memory.bubbles.push(Bubble {
                voice,
                text,
                tone,
                born: now,
            });
        }
    }
    memory.seen = events.len();
    memory.bubbles.retain(|b| now - b.born < SPOKEN_FOR);
    // A room where everyone talks at once reads as noise: the three newest voices are shown.
    let extra = memory.bubbles.len().saturating_sub(3);
    memory.bubbles.drain(..extra);
}

pub(super) fn draw(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    session: Res<Session>,
    free: Res<Free>,
    mut memory: ResMut<StageMemory>,
    mut redraw: MessageWriter<RequestRedraw>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(s), Some(summary), Some(sitting)) = (&view.scenario, &view.summary, &session.sitting) else {
        return Ok(());
    };
    let state = sitting.state();
    let now = ctx.input(|i| i.time);
    let dt = ctx.input(|i| i.stable_dt).min(0.1);
    listen(&mut memory, s, &sitting.transcript().events, now);
    let area = free.0;
    if area.width() < 60.0 || area.height() < 60.0 {
        return Ok(());
    }
    let mut ui = free_ui(&ctx, "stage", &free);
    let painter = ui.painter_at(area);
    painter.rect_filled(area, 0.0, Color32::from_rgb(26, 28, 33));
    let small = FontId::proportional(12.0);
    let body = FontId::proportional(14.0);
    let meters_h = super::meters::draw(&mut ui, &painter, area, &view, s);
    let actor_widths: Vec<f32> = s
        .actors
        .iter()
        .map(|a| {
            painter
                .layout_no_wrap(a.name.clone(), small.clone(), Color32::WHITE)
                .size()
                .x
                + 16.0
        })
        .collect();
    let p = places(area, meters_h, s, &actor_widths);

    // The table: its colour and glow follow the tension.
    let tension = summary.tension;
    let felt = tension_colour(tension);
    if tension > 0.35 {
        let glow = ((tension - 0.35) / 0.65).clamp(0.0, 1.0) as f32;
        for k in 1..=3 {
            painter.add(egui::Shape::ellipse_stroke(
                p.centre,
                p.radii + vec2(4.0 * k as f32, 4.0 * k as f32),
                Stroke::new(
                    3.0,
                    Color32::from_rgb(230, 60, 40).gamma_multiply(glow * 0.45 / k as f32),
                ),
            ));
        }
    }
    painter.add(egui::Shape::ellipse_filled(p.centre, p.radii, felt));
    painter.add(egui::Shape::ellipse_stroke(
        p.centre,
        p.radii,
        Stroke::new(2.0, felt.gamma_multiply(1.4)),
    ));
    if summary.proposals.is_empty() {
        painter.text(
            p.centre,
            Align2::CENTER_CENTER,
            format!("{} phase", summary.phase.label()),
            body.clone(),
            Color32::from_white_alpha(120),
        );
    }
    painter.text(
        pos2(p.centre.x, p.centre.y + p.radii.y - 14.0),
        Align2::CENTER_CENTER,
        format!("tension {}", pct(tension)),
        small.clone(),
        Color32::from_white_alpha(170),
    );

    // The outside actors: lit, with their headline, in the round they speak.
    let news = outside_news(s, &sitting.transcript().events, summary.round);
    for (a, (actor, rect)) in s.actors.iter().zip(&p.actors).enumerate() {
        // The newest of the actor's headlines this round, if it spoke.
        let headline = news.iter().rev().find(|(who, _)| *who == a).map(|(_, h)| h);
        let lit = headline.is_some();
        painter.rect_filled(
            *rect,
            4.0,
            if lit {
                Color32::from_rgb(205, 160, 60)
            } else {
                Color32::from_rgb(52, 56, 66)
            },
        );
        let ink = if lit { Color32::BLACK } else { Color32::from_gray(190) };
        let g = cut(&painter, actor.name.clone(), small.clone(), ink, rect.width() - 12.0, 1);
        painter.galley(rect.center() - g.size() / 2.0, g, ink);
        // Its headline stays under the plate for the round, once the bubble that brought it has gone.
        if let Some(h) = headline
            && !memory.bubbles.iter().any(|b| b.voice == Voice::Outside(a))
        {
            let (ink, width) = (Color32::from_rgb(230, 190, 100), (p.scene.width() * 0.4).max(80.0));
            let g = cut(&painter, h.to_string(), small.clone(), ink, width, 2);
            let x = rect.center().x - g.size().x / 2.0;
            let x = x.clamp(p.scene.min.x, (p.scene.max.x - g.size().x).max(p.scene.min.x));
            painter.galley(pos2(x, rect.max.y + 3.0), g, Color32::WHITE);
        }
        let hover = ui.interact(*rect, ui.id().with(("actor", a)), egui::Sense::hover());
        hover.on_hover_text(if lit {
            format!("{} spoke this round: see the transcript.", actor.name)
        } else {
            format!("{}: outside the room; its news can move the talks.", actor.name)
        });
    }

    // The seats.
    let answers = latest_answers(&sitting.transcript().events);
    let me = view.me;
    let sees_all = !matches!(me, Some(Seat::Delegation(_)));
    let seat_pos = |voice: Voice| match voice {
        Voice::Delegation(d) => p.seats.get(d).copied().unwrap_or(p.centre),
        Voice::Mediator => p.mediator,
        Voice::Outside(a) => p.actors.get(a).map_or(p.centre, |r| r.center_bottom()),
    };
    for line in &summary.seats {
        let pos = match line.seat {
            Seat::Delegation(d) => p.seats[d],
            Seat::Mediator => p.mediator,
            Seat::Facilitator => continue,
        };
        let left = line.presence == Some("has left the table");
        let warned = line.presence == Some("has warned it may leave");
        let c = colour(s, line.seat);
        if left {
            painter.circle_stroke(pos, p.disc, Stroke::new(2.0, Color32::from_gray(90)));
            painter.text(
                pos,
                Align2::CENTER_CENTER,
                "left",
                small.clone(),
                Color32::from_gray(140),
            );
        } else {
            painter.circle_filled(pos, p.disc, c.gamma_multiply(0.85));
            if line.you {
                painter.circle_stroke(pos, p.disc + 3.0, Stroke::new(2.0, Color32::WHITE));
            }
            if warned {
                // A still red ring: a warning lasts the rest of the game, and the window rests meanwhile.
                painter.circle_stroke(pos, p.disc + 6.0, Stroke::new(3.0, Color32::from_rgb(235, 70, 60)));
            }
        }
        // Patience as a ring round the disc, where this seat may see it.
        if let Seat::Delegation(d) = line.seat
            && !left
            && (sees_all || me == Some(line.seat))
        {
            let patience = state.seats[d].patience.clamp(0.0, 1.0) as f32;
            arc(
                &painter,
                pos,
                p.disc + 2.0,
                patience,
                Stroke::new(3.0, Color32::from_rgb(240, 240, 200)),
            );
        }
        let name = if line.you {
            format!("{} (you)", line.name)
        } else {
            line.name.clone()
        };
        let font = if p.seats.len() >= 5 {
            FontId::proportional(12.5)
        } else {
            body.clone()
        };
        let galley = match line.seat {
            Seat::Mediator => cut(&painter, name, body.clone(), c, (p.scene.width() * 0.5).max(60.0), 1),
            _ => painter.layout(name, font, c, p.label_width),
        };
        let sub = match (line.seat, left, warned) {
            (_, true, _) => Some(("walked out".to_string(), Color32::from_rgb(235, 95, 85))),
            (_, _, true) => Some(("warned it may leave".to_string(), Color32::from_rgb(235, 95, 85))),
            (Seat::Delegation(d), _, _) if sees_all || me == Some(line.seat) => Some((
                format!("patience {}", pct(state.seats[d].patience)),
                Color32::from_gray(170),
            )),
            _ => None,
        };
        let sub = sub.map(|(text, col)| (painter.layout(text, small.clone(), col, p.label_width), col));
        let block = galley.size().y + sub.as_ref().map_or(0.0, |(g, _)| g.size().y);
        // A seat above the table's middle has its name above it, so the name stays off the table.
        let above = matches!(line.seat, Seat::Delegation(_)) && pos.y < p.centre.y - 1.0;
        let top = if above {
            pos.y - p.disc - 4.0 - block
        } else {
            pos.y + p.disc + 4.0
        };
        // Centred under (or over) the seat, but never past the scene's edges.
        let x = |w: f32| (pos.x - w / 2.0).clamp(p.scene.min.x, (p.scene.max.x - w).max(p.scene.min.x));
        let at = pos2(x(galley.size().x), top);
        let name_rect = Rect::from_min_size(at, galley.size());
        painter.galley(at, galley, c);
        if let Some((g, col)) = sub {
            painter.galley(pos2(x(g.size().x), name_rect.max.y), g, col);
        }
        let tip = match line.seat {
            Seat::Delegation(d) => {
                let mut t = format!(
                    "{}: {}",
                    line.name,
                    line.ai
                        .clone()
                        .map_or("played by a person".into(), |a| format!("AI — {a}"))
                );
                if sees_all || me == Some(line.seat) {
                    t.push_str(&format!(
                        "\nPatience {} (the ring): at zero it walks out.",
                        pct(state.seats[d].patience)
                    ));
                }
                let said = |yes: bool| -> Vec<String> {
                    answers
                        .iter()
                        .filter(|&&(seat, _, y)| seat == d && y == yes)
                        .map(|(_, id, _)| format!("#{id}"))
                        .collect()
                };
                let (accepted, rejected) = (said(true), said(false));
                if !accepted.is_empty() || !rejected.is_empty() {
                    t.push_str("\nLatest answers:");
                    if !accepted.is_empty() {
                        t.push_str(&format!(" accepted {}.", accepted.join(", ")));
                    }
                    if !rejected.is_empty() {
                        t.push_str(&format!(" rejected {}.", rejected.join(", ")));
                    }
                }
                t
            }
            _ => format!(
                "{} chairs the talks and tables compromises with its reasons.",
                line.name
            ),
        };
        ui.interact(
            Rect::from_center_size(pos, vec2(p.disc * 2.0, p.disc * 2.0)).union(name_rect),
            ui.id().with(("seat", format!("{:?}", line.seat))),
            egui::Sense::hover(),
        )
        .on_hover_text(tip);
        // Each seat's answers in the latest round that had any, beside its disc: they stay in view after the
        // round ends, until the next round's answers come in.
        if let Seat::Delegation(d) = line.seat {
            // A row of chips over the seat, centred on it and kept inside the scene.
            let mine: Vec<(u32, bool)> = answers
                .iter()
                .filter(|(seat, _, _)| *seat == d)
                .map(|&(_, id, yes)| (id, yes))
                .collect();
            let green = Color32::from_rgb(120, 210, 120);
            let red = Color32::from_rgb(235, 95, 85);
            // A few answers one by one; many (a table of many proposals) as a count of each.
            let words: Vec<(String, Color32)> = if mine.len() <= 3 {
                mine.iter()
                    .map(|&(id, yes)| {
                        if yes {
                            (format!("✔#{id}"), green)
                        } else {
                            (format!("✖#{id}"), red)
                        }
                    })
                    .collect()
            } else {
                let yes = mine.iter().filter(|(_, y)| *y).count();
                [
                    (format!("✔ {yes}"), green, yes),
                    (format!("✖ {}", mine.len() - yes), red, mine.len() - yes),
                ]
                .into_iter()
                .filter(|(_, _, n)| *n > 0)
                .map(|(w, c, _)| (w, c))
                .collect()
            };
            let chips: Vec<_> = words
                .into_iter()
                .map(|(w, col)| (painter.layout_no_wrap(w, small.clone(), col), col))
                .collect();
            let width: f32 = chips.iter().map(|(g, _)| g.size().x + 11.0).sum::<f32>() - 3.0;
            let mut x = (pos.x - width / 2.0).clamp(p.scene.min.x, (p.scene.max.x - width).max(p.scene.min.x));
            // Over the seat, or under it where the seat's name is over it.
            let y = if pos.y < p.centre.y - 1.0 {
                pos.y + p.disc + 4.0
            } else {
                pos.y - p.disc - 22.0
            };
            for (g, col) in chips {
                let chip = Rect::from_min_size(pos2(x, y), g.size() + vec2(8.0, 4.0));
                painter.rect_filled(chip, 4.0, Color32::from_rgb(30, 32, 38));
                painter.rect_stroke(chip, 4.0, Stroke::new(1.0, col), StrokeKind::Inside);
                painter.galley(chip.min + vec2(4.0, 2.0), g, col);
                x = chip.max.x + 3.0;
            }
        }
    }

    // The proposals on the table, as cards that fly in from their author's seat.
    let count = summary.proposals.len();
    // As many cards to a row as fit the table at a readable width; more rows when they do not.
    let span = 2.0 * p.radii.x * 0.9;
    let narrowest = 76.0;
    let cols = (((span + 8.0) / (narrowest + 8.0)).floor() as usize).clamp(1, count.max(1));
    let card_rows = count.div_ceil(cols).max(1);
    let card_w = (span / cols as f32 - 8.0).clamp(narrowest.min(span), 190.0 * p.unit.max(0.8));
    let row_h = 2.0 * p.radii.y * 0.85 / card_rows as f32;
    let rows_room = ((row_h - 44.0) / 15.0).floor().max(1.0) as usize;
    memory
        .cards
        .retain(|id, _| summary.proposals.iter().any(|q| q.id == *id));
    let mut moving = false;
    for (slot, prop) in summary.proposals.iter().enumerate() {
        let (row, col) = (slot / cols, slot % cols);
        let in_row = if row + 1 == card_rows { count - row * cols } else { cols };
        let target = pos2(
            p.centre.x + (col as f32 - (in_row as f32 - 1.0) / 2.0) * (card_w + 8.0),
            p.centre.y - 6.0 + (row as f32 - (card_rows as f32 - 1.0) / 2.0) * row_h,
        );
        let voice = match prop.author {
            Seat::Delegation(d) => Voice::Delegation(d),
            _ => Voice::Mediator,
        };
        let at = memory.cards.entry(prop.id).or_insert_with(|| seat_pos(voice));
        if at.distance(target) > 0.5 {
            *at += (target - *at) * (dt * 7.0).min(1.0);
            moving = true;
        } else {
            *at = target;
        }
        let previous = view.previous.get(&prop.id).map(|&(_, q)| q);
        let rows: Vec<(usize, bool)> = (0..s.issues.len())
            .filter(|&i| prop.package.choice(i).is_some() || previous.is_some_and(|q| q.choice(i).is_some()))
            .map(|i| (i, previous.is_some_and(|q| q.choice(i) != prop.package.choice(i))))
            .collect();
        let shown = rows.len().min(rows_room);
        let h = 22.0 + 15.0 * shown as f32 + if rows.len() > shown { 14.0 } else { 4.0 };
        let rect = Rect::from_center_size(*at, vec2(card_w, h));
        let author = colour(s, prop.author);
        painter.rect_filled(rect.translate(vec2(2.0, 3.0)), 5.0, Color32::from_black_alpha(90));
        painter.rect_filled(rect, 5.0, Color32::from_rgb(246, 242, 230));
        painter.rect_filled(
            Rect::from_min_size(rect.min, vec2(card_w, 19.0)),
            5.0,
            author.gamma_multiply(0.9),
        );
        let changed = rows.iter().filter(|(_, c)| *c).count();
        let tag = match previous {
            None => String::new(),
            Some(_) if changed == 0 => " · same".into(),
            Some(_) => format!(" · {changed} new"),
        };
        one_line(
            &painter,
            pos2(rect.min.x + 5.0, rect.min.y + 2.0),
            format!("#{} {}{tag}", prop.id, prop.author_name),
            FontId::proportional(13.0),
            Color32::BLACK,
            card_w - 10.0,
        );
        for (k, &(i, new)) in rows.iter().take(shown).enumerate() {
            let y = rect.min.y + 21.0 + 15.0 * k as f32;
            if new {
                painter.rect_filled(
                    Rect::from_min_size(pos2(rect.min.x + 2.0, y), vec2(card_w - 4.0, 15.0)),
                    2.0,
                    Color32::from_rgb(255, 222, 110),
                );
            }
            let option = prop
                .package
                .choice(i)
                .map_or("open".to_string(), |o| s.issues[i].options[o].text.clone());
            one_line(
                &painter,
                pos2(rect.min.x + 5.0, y + 1.0),
                format!("{}: {option}", s.issues[i].name),
                FontId::proportional(11.5),
                Color32::from_gray(30),
                card_w - 10.0,
            );
        }
        if rows.len() > shown {
            painter.text(
                pos2(rect.min.x + 5.0, rect.max.y - 14.0),
                Align2::LEFT_TOP,
                format!("+{} more", rows.len() - shown),
                FontId::proportional(11.0),
                Color32::from_gray(80),
            );
        }
        ui.interact(rect, ui.id().with(("card", prop.id)), egui::Sense::hover())
            .on_hover_ui(|ui| {
                ui.label(egui::RichText::new(format!("#{} — {}", prop.id, prop.author_name)).strong());
                for (issue, option) in &prop.settled {
                    ui.label(format!("{issue}: {option}"));
                }
                if let Some(q) = previous {
                    ui.label(
                        egui::RichText::new(format!(
                            "Against {}'s last offer: {}",
                            prop.author_name,
                            crate::debrief::changes(s, q, prop.package)
                        ))
                        .color(Color32::from_rgb(255, 222, 110)),
                    );
                }
            });
    }

    // Who is speaking: a bubble at the seat, fading as it ends.
    for b in &memory.bubbles {
        let age = now - b.born;
        let fade = (((SPOKEN_FOR - age) / 1.0).clamp(0.0, 1.0)) as f32;
        let from = seat_pos(b.voice);
        let width = (p.scene.width() * 0.42).clamp(140.0, 300.0);
        let galley = painter.layout(
            b.text.clone(),
            body.clone(),
            Color32::from_gray(20).gamma_multiply(fade),
            width - 16.0,
        );
        let size = galley.size() + vec2(16.0, 12.0);
        let mut min = match b.voice {
            Voice::Mediator => pos2(from.x + p.disc + 8.0, from.y - p.disc),
            Voice::Outside(_) => pos2(from.x - size.x / 2.0, from.y + 6.0),
            Voice::Delegation(_) => pos2(from.x - size.x / 2.0, from.y - p.disc - 10.0 - size.y),
        };
        min.x = min.x.clamp(p.scene.min.x, (p.scene.max.x - size.x).max(p.scene.min.x));
        min.y = min.y.clamp(p.scene.min.y, (p.scene.max.y - size.y).max(p.scene.min.y));
        let rect = Rect::from_min_size(min, size);
        let fill = Color32::from_rgb(250, 248, 240).gamma_multiply(fade);
        painter.rect_filled(rect, 8.0, fill);
        painter.rect_stroke(
            rect,
            8.0,
            Stroke::new(2.5, b.tone.border().gamma_multiply(fade)),
            StrokeKind::Inside,
        );
        painter.galley(rect.min + vec2(8.0, 6.0), galley, Color32::BLACK);
    }
    if moving || !memory.bubbles.is_empty() {
        redraw.write(RequestRedraw);
    }
    Ok(())
}

/// Text laid out in at most `rows` rows of `width`, cut with an ellipsis where it runs over.
pub fn cut(
    painter: &egui::Painter,
    text: String,
    font: FontId,
    colour: Color32,
    width: f32,
    rows: usize,
) -> Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple(text, font, colour, width.max(10.0));
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(10.0),
        max_rows: rows,
        break_anywhere: rows == 1,
        overflow_character: Some('…'),
    };
    painter.layout_job(job)
}

/// A line of text cut with an ellipsis at `width`.
fn one_line(painter: &egui::Painter, at: Pos2, text: String, font: FontId, colour: Color32, width: f32) {
    painter.galley(at, cut(painter, text, font, colour, width, 1), colour);
}

/// A ring segment from the top, clockwise, `share` of the way round.
fn arc(painter: &egui::Painter, centre: Pos2, radius: f32, share: f32, stroke: Stroke) {
    if share <= 0.0 {
        return;
    }
    let steps = (48.0 * share).ceil().max(2.0) as usize;
    let points: Vec<Pos2> = (0..=steps)
        .map(|k| {
            let a = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * share * k as f32 / steps as f32;
            centre + radius * vec2(a.cos(), a.sin())
        })
        .collect();
    painter.add(egui::Shape::line(points, stroke));
}

/// A small clock showing the hour the round began, and the rounds as pips, in `cell`.
pub fn clock(painter: &egui::Painter, cell: Rect, summary: &crate::play::views::Summary, font: &FontId) {
    let r = 13.0;
    let centre = pos2(cell.min.x + 6.0 + r, cell.center().y);
    painter.circle_filled(centre, r, Color32::from_gray(225));
    painter.circle_stroke(centre, r, Stroke::new(1.5, Color32::from_gray(120)));
    let (h, m) = summary
        .time
        .rsplit(' ')
        .next()
        .and_then(|hm| hm.split_once(':'))
        .and_then(|(h, m)| Some((h.trim().parse::<f32>().ok()?, m.trim().parse::<f32>().ok()?)))
        .unwrap_or((0.0, 0.0));
    let hand = |turns: f32, len: f32, width: f32| {
        let a = turns * std::f32::consts::TAU - std::f32::consts::FRAC_PI_2;
        painter.line_segment(
            [centre, centre + len * vec2(a.cos(), a.sin())],
            Stroke::new(width, Color32::from_gray(30)),
        );
    };
    hand(((h % 12.0) + m / 60.0) / 12.0, r * 0.55, 2.0);
    hand(m / 60.0, r * 0.85, 1.2);
    let left = centre.x + r + 6.0;
    let room = (cell.max.x - left - 4.0).max(10.0);
    let text = format!("Round {} of {}", summary.round, summary.rounds);
    let g = cut(painter, text, font.clone(), Color32::from_gray(210), room, 1);
    painter.galley(pos2(left, cell.min.y + 4.0), g, Color32::WHITE);
    let step = (room / summary.rounds.max(1) as f32).min(9.0);
    for k in 0..summary.rounds {
        let c = pos2(left + 3.0 + k as f32 * step, cell.max.y - 8.0);
        let colour = if k + 1 == summary.round {
            Color32::from_rgb(240, 200, 90)
        } else if k + 1 < summary.round {
            Color32::from_gray(150)
        } else {
            Color32::from_gray(70)
        };
        painter.circle_filled(c, (step * 0.35).clamp(1.5, 3.0), colour);
    }
}

/// Every answer (seat, proposal, accepted) given in the latest round that had answers.
fn latest_answers(events: &[Event]) -> Vec<(usize, u32, bool)> {
    let mut last = Vec::new();
    let mut now = Vec::new();
    for e in events {
        match e {
            Event::RoundStarted { .. } if !now.is_empty() => last = std::mem::take(&mut now),
            Event::Accepted { seat, proposal } => now.push((*seat, *proposal, true)),
            Event::Rejected { seat, proposal, .. } => now.push((*seat, *proposal, false)),
            _ => {}
        }
    }
    if now.is_empty() { last } else { now }
}

/// The news outside actors brought this round, in order: each actor and its headline.
fn outside_news<'a>(s: &'a Scenario, events: &[Event], round: u32) -> Vec<(usize, &'a String)> {
    let mut r = 0;
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::RoundStarted { round } => r = *round,
            Event::Scheduled { index } if r == round => {
                if let Some(ev) = s.events.get(*index)
                    && let Voice::Outside(a) = ev.voice
                {
                    out.push((a, &ev.headline));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: Color32, b: Color32) -> f32 {
        let d = |x: u8, y: u8| (x as f32 - y as f32).powi(2);
        (d(a.r(), b.r()) + d(a.g(), b.g()) + d(a.b(), b.b())).sqrt()
    }

    #[test]
    fn the_table_colour_tells_a_tense_room_from_a_heated_one_at_a_glance() {
        // Every step of a fifth of the scale changes the colour plainly, at the heated end as at the calm.
        for k in 0..5 {
            let (a, b) = (k as f64 / 5.0, (k + 1) as f64 / 5.0);
            assert!(
                distance(tension_colour(a), tension_colour(b)) > 40.0,
                "tension {a} and {b} look alike"
            );
        }
        assert!(distance(tension_colour(0.6), tension_colour(1.0)) > 60.0);
    }
}
