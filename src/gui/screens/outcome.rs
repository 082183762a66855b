//! The debrief screen at the end of every game: each seat's result, the deal against the fair benchmarks,
//! concession curves, the room over time, red lines and turning points, the game against the AI alone
//! (played in the background) and history, each with its questions; the transcript one click away.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui_plot::{Corner, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoints, Points, VLine};

use super::root;
use crate::debrief::evidence::{about_heading, rounds_words};
use crate::debrief::versus::{self, Played, Versus, percent, sentence};
use crate::debrief::{Debrief, debrief, signed};
use crate::gui::{Screen, Session};
use crate::sim::scenario::raw::QuestionAbout;
use crate::sim::transcript::pct;

/// The parts of the debrief, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Each seat's result.
    #[default]
    Results,
    /// The deal against the frontier and the fair points.
    Fairness,
    /// Every proposal over the rounds.
    Concessions,
    /// Tension, patience and trust over the rounds.
    Room,
    /// Red lines tested and turning points.
    Moments,
    /// The AI alone and history.
    Versus,
    /// The whole transcript.
    Transcript,
}

impl Tab {
    /// Every tab, in the order shown.
    pub const ALL: [Tab; 7] = [
        Tab::Results,
        Tab::Fairness,
        Tab::Concessions,
        Tab::Room,
        Tab::Moments,
        Tab::Versus,
        Tab::Transcript,
    ];

    fn label(self) -> &'static str {
        match self {
            Tab::Results => "Results",
            Tab::Fairness => "How good was the deal?",
            Tab::Concessions => "Concessions",
            Tab::Room => "The room",
            Tab::Moments => "Red lines & turning points",
            Tab::Versus => "AI & history",
            Tab::Transcript => "Transcript",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Tab::Results => "What the deal is worth to each delegation against walking away.",
            Tab::Fairness => {
                "The deal in the space of every package: the frontier, the Nash and Kalai–Smorodinsky points."
            }
            Tab::Concessions => "Every proposal over the rounds, valued to one delegation.",
            Tab::Room => "Tension, patience and trust at the end of every round, with the news marked.",
            Tab::Moments => {
                "Who proposed across whose red line, the biggest move, warnings, the last offer before a walkout."
            }
            Tab::Versus => "This game against a thousand games the AI plays alone, and against history.",
            Tab::Transcript => "Everything said and done, round by round.",
        }
    }
}

/// The AI-only games, played on a thread of their own while the debrief is read.
pub struct Background {
    /// Games ended so far.
    pub done: Arc<AtomicU64>,
    /// How many will be played.
    pub games: u64,
    /// The result, once every game has ended.
    pub result: Arc<Mutex<Option<Played>>>,
}

/// The debrief of the game that just ended, and how it is being looked at.
#[derive(Resource, Default)]
pub struct DebriefView {
    /// The debrief; built when the screen opens.
    pub debrief: Option<Debrief>,
    /// The tab shown.
    pub tab: Tab,
    /// The pair of seats the utility-space chart shows.
    pub pair: (usize, usize),
    /// The seat the concession chart values proposals to.
    pub viewer: usize,
    /// The AI-only games.
    pub background: Option<Background>,
    /// The transcript as text.
    pub transcript: String,
    /// When (egui's clock, in seconds) Enter starts to play again: a moment after the screen opens, so an
    /// Enter pressed for the last move at the table does not skip past the ending.
    pub enter_from: Option<f64>,
}

/// How long after the debrief opens Enter waits before it plays again.
const ENTER_GRACE: f64 = 1.5;

impl DebriefView {
    /// The AI-only comparison, once its games have all ended.
    pub fn versus(&self) -> Option<Versus> {
        let b = self.background.as_ref()?;
        let played = b.result.lock().ok()?.clone()?;
        Some(played.place(self.debrief.as_ref()?.ending))
    }
}

/// Builds the debrief when the screen opens and starts the AI-only games.
pub(super) fn open(mut view: ResMut<DebriefView>, session: Res<Session>) {
    let Some(sitting) = &session.sitting else {
        return;
    };
    let s = sitting.scenario().clone();
    let d = debrief(&s, sitting.seed(), sitting.transcript(), &sitting.seats);
    let (a, b) = crate::debrief::html::pair(&d);
    let done = Arc::new(AtomicU64::new(0));
    let result = Arc::new(Mutex::new(None));
    let games = versus::GAMES;
    {
        let (done, result, s) = (done.clone(), result.clone(), s.clone());
        std::thread::spawn(move || {
            let played = versus::play(&s, versus::SEED, games, |n| done.store(n, Ordering::Relaxed));
            if let Ok(mut slot) = result.lock() {
                *slot = Some(played);
            }
        });
    }
    *view = DebriefView {
        viewer: d.seats.iter().position(|x| x.person).unwrap_or(0),
        debrief: Some(d),
        tab: Tab::Results,
        pair: (a, b),
        background: Some(Background { done, games, result }),
        transcript: sitting.transcript().render(&s),
        enter_from: None,
    };
}

/// A delegation's colour, lightened where it would be too dark to read on the dark background.
fn colour(c: [u8; 3]) -> egui::Color32 {
    let luminance = 0.2126 * f32::from(c[0]) + 0.7152 * f32::from(c[1]) + 0.0722 * f32::from(c[2]);
    if luminance >= 90.0 {
        return egui::Color32::from_rgb(c[0], c[1], c[2]);
    }
    let lift = |x: u8| ((u16::from(x) + 255) / 2) as u8;
    egui::Color32::from_rgb(lift(c[0]), lift(c[1]), lift(c[2]))
}

/// The outcome in one line: "A partial agreement on … after 7 of 8 rounds."
fn headline(d: &Debrief) -> String {
    let mut reached = d.reached.clone();
    if let Some(first) = reached.get(..1) {
        reached = first.to_uppercase() + &reached[1..];
    }
    format!("{reached}, after {} of {} rounds.", d.rounds, d.of_rounds)
}

fn questions(ui: &mut egui::Ui, d: &Debrief, about: QuestionAbout) {
    let qs: Vec<_> = d.questions.iter().filter(|q| q.about == about).collect();
    if qs.is_empty() {
        return;
    }
    ui.add_space(8.0);
    egui::Frame::group(ui.style())
        .fill(egui::Color32::from_rgb(58, 50, 20))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(egui::RichText::new("To discuss").strong());
            for q in qs {
                ui.label(format!("• {}", q.ask)).on_hover_text(if q.from_game {
                    "Prompted by this game"
                } else {
                    "From the teacher's notes"
                });
            }
        });
}

pub(super) fn outcome(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut view: ResMut<DebriefView>,
    class: Option<Res<crate::gui::class::ClassRes>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    // At a class's table the way on is back to the facilitator's overview.
    let (again_label, again_hint, quit_label) = if class.is_some() {
        (
            "Back to the class",
            "Return to the facilitator's overview of every table",
            "Quit the class",
        )
    } else {
        ("Play again", "Choose a seat and play this table again", "Quit")
    };
    let Some(d) = view.debrief.clone() else {
        return Ok(());
    };
    // Keys: Enter plays again (or goes back to the class), Q quits, ← → change the tab.
    let key = |k: egui::Key| super::pressed(ctx, k);
    let now = ctx.input(|i| i.time);
    let settled = now >= *view.enter_from.get_or_insert(now + ENTER_GRACE);
    let mut again = settled && key(egui::Key::Enter);
    let mut quit = key(egui::Key::Q);
    let step = if key(egui::Key::ArrowRight) {
        1
    } else if key(egui::Key::ArrowLeft) {
        Tab::ALL.len() - 1
    } else {
        0
    };
    if step > 0
        && let Some(at) = Tab::ALL.iter().position(|t| *t == view.tab)
    {
        view.tab = Tab::ALL[(at + step) % Tab::ALL.len()];
    }
    let again_label = format!("{again_label}  (Enter)");
    egui::Panel::bottom("debrief-buttons").show(&mut ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button(&again_label).on_hover_text(again_hint).clicked() {
                again = true;
            }
            if ui.button(format!("{quit_label}  (Q)")).clicked() {
                quit = true;
            }
            ui.label(
                egui::RichText::new("For a printable report: redline debrief <recording> --out report.html")
                    .small()
                    .weak(),
            );
        });
        ui.add_space(4.0);
    });
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&d.heading).size(30.0).strong());
            ui.label(egui::RichText::new(format!("{} · seed {}", d.title, d.seed)).weak());
        });
        ui.label(headline(&d)).on_hover_text(&d.text);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            for tab in Tab::ALL {
                if ui
                    .selectable_label(view.tab == tab, tab.label())
                    .on_hover_text(tab.hint())
                    .clicked()
                {
                    view.tab = tab;
                }
            }
        });
        ui.separator();
        let tab = view.tab;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match tab {
                Tab::Results => results(ui, &d),
                Tab::Fairness => fairness(ui, &d, &mut view),
                Tab::Concessions => concessions(ui, &d, &mut view),
                Tab::Room => room(ui, &d),
                Tab::Moments => moments(ui, &d),
                Tab::Versus => versus_tab(ui, &d, &view),
                Tab::Transcript => {
                    ui.label(egui::RichText::new(&view.transcript).monospace().size(13.0));
                }
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

fn results(ui: &mut egui::Ui, d: &Debrief) {
    egui::Grid::new("results")
        .striped(true)
        .spacing([18.0, 6.0])
        .show(ui, |ui| {
            ui.strong("Delegation");
            ui.strong("Deal")
                .on_hover_text("What the outcome is worth to it, out of 100");
            ui.strong("Walk-away")
                .on_hover_text("What no deal is worth to it, as the scenario writes it");
            ui.strong("Gain").on_hover_text("Deal minus walk-away");
            ui.strong("Of the way to its best").on_hover_text(
                "How far the deal went from its walk-away (0 %) to the best package every side could sign (100 %)",
            );
            ui.strong("");
            ui.end_row();
            for (seat, s) in d.seats.iter().enumerate() {
                let name = if s.person {
                    format!("{} (you)", s.name)
                } else {
                    s.name.clone()
                };
                ui.label(egui::RichText::new(name).color(colour(d.colours[seat])));
                ui.label(pct(s.value));
                ui.label(pct(s.walk_away));
                let g = signed(s.gain);
                let c = if s.gain > 0.0005 {
                    egui::Color32::from_rgb(120, 200, 120)
                } else if s.gain < -0.0005 {
                    egui::Color32::from_rgb(230, 110, 100)
                } else {
                    ui.visuals().text_color()
                };
                ui.label(egui::RichText::new(g).color(c).strong());
                match s.share {
                    Some(x) => {
                        ui.add(
                            egui::ProgressBar::new(x.clamp(0.0, 1.0) as f32)
                                .desired_width(140.0)
                                .text(format!("{:.0} %", x * 100.0)),
                        );
                    }
                    None => {
                        ui.label("—");
                    }
                }
                let mut note = Vec::new();
                if s.left {
                    note.push("left the talks".to_string());
                } else if s.signed == Some(false) {
                    note.push("outvoted".into());
                }
                if (s.walk_away_here - s.walk_away).abs() >= 0.005 {
                    note.push(format!("this game's walk-away: {}", pct(s.walk_away_here)));
                }
                ui.label(egui::RichText::new(note.join("; ")).weak());
                ui.end_row();
            }
        });
    ui.label(
        egui::RichText::new(
            "Values out of 100, against each walk-away as the scenario writes it, the same yardstick for every group.",
        )
        .small()
        .weak(),
    );
    ui.add_space(6.0);
    ui.label(&d.text);
    questions(ui, d, QuestionAbout::Outcome);
}

fn seat_picker(ui: &mut egui::Ui, id: &str, label: &str, d: &Debrief, seat: &mut usize) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(d.delegations[*seat].clone())
        .show_ui(ui, |ui| {
            for (i, n) in d.delegations.iter().enumerate() {
                ui.selectable_value(seat, i, n);
            }
        })
        .response
        .on_hover_text(label.to_string());
}

fn fairness(ui: &mut egui::Ui, d: &Debrief, view: &mut DebriefView) {
    for w in &d.fairness.words {
        ui.label(w);
    }
    let (mut a, mut b) = view.pair;
    if d.seats.len() > 2 {
        ui.horizontal(|ui| {
            ui.label("Across:");
            seat_picker(ui, "pair-a", "The delegation along the horizontal axis", d, &mut a);
            ui.label("Up:");
            seat_picker(ui, "pair-b", "The delegation along the vertical axis", d, &mut b);
        });
        view.pair = (a, b);
    }
    let f = &d.fairness;
    let at = |v: &[f64]| [v[a] * 100.0, v[b] * 100.0];
    let mut front: Vec<[f64; 2]> = f.frontier.iter().map(|v| at(v)).collect();
    front.sort_by(|x, y| x[0].total_cmp(&y[0]).then(y[1].total_cmp(&x[1])));
    Plot::new("space")
        .height(340.0)
        .width(400.0)
        .include_x(0.0)
        .include_x(100.0)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label(format!("worth to {}", d.delegations[a]))
        .y_axis_label(format!("worth to {}", d.delegations[b]))
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .show(ui, |p| {
            let w = at(&f.walk_away);
            p.vline(
                VLine::new("walk-away", w[0])
                    .color(egui::Color32::GRAY)
                    .style(LineStyle::dashed_loose()),
            );
            p.hline(
                egui_plot::HLine::new("walk-away", w[1])
                    .color(egui::Color32::GRAY)
                    .style(LineStyle::dashed_loose()),
            );
            p.points(
                Points::new("signable", f.signable.iter().map(|v| at(v)).collect::<Vec<_>>())
                    .radius(2.5)
                    .color(egui::Color32::from_rgb(120, 150, 180)),
            );
            p.line(
                Line::new("frontier", PlotPoints::from(front.clone()))
                    .color(egui::Color32::from_rgb(80, 150, 230))
                    .width(2.0),
            );
            if !f.history.is_empty() {
                p.points(
                    Points::new("history", f.history.iter().map(|v| at(v)).collect::<Vec<_>>())
                        .shape(MarkerShape::Circle)
                        .filled(false)
                        .radius(6.0)
                        .color(egui::Color32::from_rgb(230, 150, 60)),
                );
            }
            p.points(
                Points::new("walk-away", vec![at(&f.walk_away)])
                    .shape(MarkerShape::Square)
                    .radius(5.0)
                    .color(egui::Color32::GRAY),
            );
            if let Some(n) = &f.nash {
                p.points(
                    Points::new("Nash", vec![at(&n.values)])
                        .shape(MarkerShape::Diamond)
                        .radius(7.0)
                        .color(egui::Color32::from_rgb(70, 190, 110)),
                );
            }
            if let Some(k) = &f.kalai_smorodinsky {
                p.points(
                    Points::new("Kalai–Smorodinsky", vec![at(&k.values)])
                        .shape(MarkerShape::Up)
                        .radius(7.0)
                        .color(egui::Color32::from_rgb(170, 120, 230)),
                );
            }
            p.points(
                Points::new(if d.deal.is_some() { "the deal" } else { "no deal" }, vec![at(&f.deal)])
                    .radius(7.0)
                    .color(egui::Color32::from_rgb(230, 70, 60)),
            );
        });
    ui.label(
        egui::RichText::new(format!(
            "{} packages every side could sign, {} on the frontier. Drag to pan; double-click to reset.",
            f.signable.len(),
            f.frontier.len()
        ))
        .small()
        .weak(),
    );
    questions(ui, d, QuestionAbout::Fairness);
}

fn concessions(ui: &mut egui::Ui, d: &Debrief, view: &mut DebriefView) {
    if d.proposals.is_empty() {
        ui.label("No proposal was tabled.");
        questions(ui, d, QuestionAbout::Concessions);
        return;
    }
    let mut viewer = view.viewer;
    ui.horizontal(|ui| {
        ui.label("Worth to:");
        seat_picker(ui, "viewer", "Whose values the chart shows", d, &mut viewer);
    });
    view.viewer = viewer;
    let authors = crate::debrief::svg::authors(d);
    Plot::new("concessions")
        .height(280.0)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.5)
        .include_x(d.rounds as f64 + 0.5)
        .x_axis_label("round")
        .y_axis_label(format!("worth to {}", d.delegations[viewer]))
        .legend(Legend::default().position(Corner::LeftTop))
        .allow_scroll(false)
        .show(ui, |p| {
            for (author, c) in &authors {
                let pts: Vec<[f64; 2]> = d
                    .proposals
                    .iter()
                    .filter(|x| &x.author == author)
                    .map(|x| [x.round as f64, x.values[viewer] * 100.0])
                    .collect();
                p.line(
                    Line::new(author.clone(), PlotPoints::from(pts.clone()))
                        .color(colour(*c))
                        .width(2.0),
                );
                p.points(Points::new(author.clone(), pts).radius(3.5).color(colour(*c)));
            }
            p.hline(
                egui_plot::HLine::new("walk-away", d.seats[viewer].walk_away * 100.0)
                    .color(egui::Color32::GRAY)
                    .style(LineStyle::dashed_loose()),
            );
        });
    egui::CollapsingHeader::new(format!("Every proposal ({})", d.proposals.len()))
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("proposals").striped(true).show(ui, |ui| {
                ui.strong("#");
                ui.strong("Round");
                ui.strong("By");
                for n in &d.delegations {
                    ui.strong(n);
                }
                ui.strong("Package");
                ui.end_row();
                for p in &d.proposals {
                    ui.label(p.id.to_string());
                    ui.label(p.round.to_string());
                    ui.label(&p.author);
                    for (s, v) in p.values.iter().enumerate() {
                        if p.crosses.contains(&s) {
                            ui.label(
                                egui::RichText::new(format!("{} ✕", pct(*v)))
                                    .color(egui::Color32::from_rgb(230, 110, 100)),
                            )
                            .on_hover_text("Crosses this delegation's red line");
                        } else {
                            ui.label(pct(*v));
                        }
                    }
                    ui.label(egui::RichText::new(&p.package).small());
                    ui.end_row();
                }
            });
        });
    questions(ui, d, QuestionAbout::Concessions);
}

fn room(ui: &mut egui::Ui, d: &Debrief) {
    let last = d.meters.last().map_or(1, |m| m.round).max(1) as f64;
    Plot::new("room")
        .height(300.0)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .include_x(last)
        .x_axis_label("end of round (0: the opening)")
        .y_axis_label("out of 100")
        .legend(Legend::default().position(Corner::RightBottom))
        .allow_scroll(false)
        .show(ui, |p| {
            for m in &d.marks {
                let c = match m.kind.as_str() {
                    "walkout" => egui::Color32::from_rgb(230, 70, 60),
                    "warning" | "threat" => egui::Color32::from_rgb(230, 150, 40),
                    "recess" => egui::Color32::from_rgb(70, 190, 110),
                    _ => egui::Color32::from_gray(140),
                };
                // Unnamed, so the legend lists only the meters; the moments are listed under the chart.
                p.vline(
                    VLine::new("", m.round as f64 - 0.5)
                        .color(c)
                        .style(LineStyle::dotted_dense()),
                );
            }
            let series = |f: &dyn Fn(&crate::debrief::Meters) -> f64| -> Vec<[f64; 2]> {
                d.meters.iter().map(|m| [m.round as f64, f(m) * 100.0]).collect()
            };
            p.line(
                Line::new("tension", PlotPoints::from(series(&|m| m.tension)))
                    .color(egui::Color32::WHITE)
                    .width(3.0),
            );
            for (s, name) in d.delegations.iter().enumerate() {
                let c = colour(d.colours[s]);
                p.line(
                    Line::new(
                        format!("{name}: patience"),
                        PlotPoints::from(series(&|m| m.patience[s])),
                    )
                    .color(c)
                    .width(2.0),
                );
                p.line(
                    Line::new(format!("{name}: trust"), PlotPoints::from(series(&|m| m.trust[s])))
                        .color(c)
                        .width(1.5)
                        .style(LineStyle::dashed_dense()),
                );
            }
        });
    ui.label(egui::RichText::new("Patience: how much more frustration a delegation can bear; at 0 it walks out. Trust: how far it believes the others, on average. Dotted lines: the moments below.").small().weak());
    for m in &d.marks {
        ui.label(format!("Round {}: {}", m.round, m.text));
    }
    questions(ui, d, QuestionAbout::Events);
}

fn moments(ui: &mut egui::Ui, d: &Debrief) {
    ui.heading(about_heading(QuestionAbout::RedLines));
    if d.red_lines.is_empty() {
        ui.label("No proposal crossed another delegation's red line.");
    }
    for t in &d.red_lines {
        let ids: Vec<String> = t.proposals.iter().map(|p| format!("#{p}")).collect();
        ui.label(format!(
            "{} proposed across {}'s line “{}” in {} ({}).",
            t.by,
            t.name,
            t.line.trim_end_matches('.'),
            rounds_words(&t.rounds),
            ids.join(", ")
        ));
    }
    questions(ui, d, QuestionAbout::RedLines);
    ui.add_space(8.0);
    ui.heading(about_heading(QuestionAbout::Walkout));
    if d.turning_points.is_empty() {
        ui.label("None marked.");
    }
    for t in &d.turning_points {
        ui.label(&t.text);
    }
    questions(ui, d, QuestionAbout::Walkout);
}

fn versus_tab(ui: &mut egui::Ui, d: &Debrief, view: &DebriefView) {
    match (view.versus(), &view.background) {
        (Some(v), _) => {
            let history = d.history.as_ref().map(|h| (h.text.as_str(), h.matched));
            ui.label(egui::RichText::new(sentence(&d.reached, d.ending, &v, history)).strong());
            ui.add_space(6.0);
            egui::Grid::new("ai-shares").spacing([16.0, 4.0]).show(ui, |ui| {
                for (label, x) in [
                    ("Full agreement", v.agreement),
                    ("Partial agreement", v.partial_agreement),
                    ("Deadlock", v.deadlock),
                    ("Walkout", v.walkout),
                ] {
                    ui.label(label);
                    ui.add(egui::ProgressBar::new(x as f32).desired_width(260.0).text(percent(x)));
                    ui.end_row();
                }
                if let Some(h) = v.as_happened {
                    ui.label("As in history");
                    ui.add(egui::ProgressBar::new(h as f32).desired_width(260.0).text(percent(h)));
                    ui.end_row();
                }
            });
            ui.label(
                egui::RichText::new(format!(
                    "{} AI-only games from seed {}, as `redline simulate --scenario {} --runs {} --seed {}` plays them.",
                    v.games, v.seed, d.scenario, v.games, v.seed
                ))
                .small()
                .weak(),
            );
        }
        (None, Some(b)) => {
            let done = b.done.load(Ordering::Relaxed);
            ui.label(format!(
                "Playing {} games with the AI on every seat, to compare…",
                b.games
            ));
            ui.add(
                egui::ProgressBar::new(done as f32 / b.games.max(1) as f32)
                    .desired_width(320.0)
                    .show_percentage(),
            );
            ui.ctx().request_repaint_after(std::time::Duration::from_millis(200));
        }
        (None, None) => {}
    }
    if let Some(h) = &d.history {
        ui.add_space(6.0);
        ui.label(h.sentence());
    }
    questions(ui, d, QuestionAbout::History);
}
