//! The facilitator's window for a class: every group's table in one overview (round, phase, tension, who is
//! awaited, the last event), the facilitator's moves on each, a table's transcript and numbers to watch, and
//! `Play` to hand a table's seats to its students at this screen (hot-seat) and come back.

use bevy::prelude::*;
use bevy::window::RequestRedraw;
use bevy_egui::{EguiContexts, egui};

use super::{Screen, Session};
use crate::class::{Class, GroupTable};
use crate::play::lookup::seat_name;
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::Controller;

/// The class the window runs, and the table its students are playing at the screen, if any.
#[derive(Resource)]
pub struct ClassRes {
    /// The class.
    pub class: Class,
    /// The table handed to its students: its place in the overview, and its group, while its sitting is at
    /// the table screen.
    pub playing: Option<(usize, String, Vec<Seat>)>,
    /// The table whose transcript and numbers are shown.
    pub watching: Option<usize>,
    /// A table whose end the facilitator has asked for and must confirm.
    pub confirm_end: Option<usize>,
    /// The facilitator's own news being written: the table, the seat, what moves, the points, the headline.
    pub news: News,
    /// The last refusal or note, to show above the overview.
    pub note: Option<String>,
}

/// The facilitator's own news, as composed in the window.
#[derive(Default)]
pub struct News {
    /// The delegation whose number moves (by seat).
    pub seat: usize,
    /// What moves: 0 walk-away, 1 patience, 2 tension.
    pub what: usize,
    /// By how many points (-100 to 100).
    pub points: i32,
    /// What the table reads.
    pub headline: String,
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        step_tables.run_if(in_state(Screen::Class).and_then(resource_exists::<ClassRes>)),
    )
    .add_systems(
        bevy_egui::EguiPrimaryContextPass,
        overview.run_if(in_state(Screen::Class).and_then(resource_exists::<ClassRes>)),
    )
    .add_systems(
        OnEnter(Screen::Seat),
        back_to_class
            .before(super::unseat_table)
            .run_if(resource_exists::<ClassRes>),
    );
}

/// Opens the facilitator's window for `class`.
pub fn run(class: Class) -> std::process::ExitCode {
    let scenario = class
        .tables
        .first()
        .map(|t| t.sitting.scenario().clone())
        .unwrap_or_else(crate::sim::scenario::Scenario::istanbul);
    let title = format!("Redline — class: {}", class.title);
    super::run_with(
        super::Options::default(),
        scenario,
        Some(ClassRes {
            class,
            playing: None,
            watching: None,
            confirm_end: None,
            news: News::default(),
            note: None,
        }),
        title,
    )
}

/// Moves every table that waits for no person on, and keeps every game on disk.
fn step_tables(mut res: ResMut<ClassRes>, mut redraw: MessageWriter<RequestRedraw>, mut last: Local<Vec<usize>>) {
    let problems = res.class.step();
    if !problems.is_empty() {
        res.note = Some(problems.join("; "));
    }
    let now: Vec<usize> = res.class.tables.iter().map(|t| t.sitting.transcript().events.len()).collect();
    if *last != now {
        *last = now;
        redraw.write(RequestRedraw);
    }
}

/// A table handed to its students comes back to the class when they leave it.
fn back_to_class(mut res: ResMut<ClassRes>, mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    let Some((i, group, people)) = res.playing.take() else { return };
    if let Some(sitting) = session.sitting.take() {
        let i = i.min(res.class.tables.len());
        res.class.tables.insert(i, GroupTable { group, people, sitting });
    }
    session.seats.clear();
    session.seat = None;
    session.handover = None;
    next.set(Screen::Class);
}

fn overview(
    mut contexts: EguiContexts,
    mut res: ResMut<ClassRes>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut root = super::screens::root(ctx);
    let rows = res.class.overview();
    let mut act: Option<(usize, Command)> = None;
    let mut play: Option<usize> = None;
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading(format!("Class: {}", res.class.title));
        ui.label(format!(
            "{} tables · games saved in {} · the debrief afterwards: redline debrief {} --out report.html",
            rows.len(),
            res.class.folder.display(),
            res.class.folder.display()
        ));
        if let Some(note) = &res.note {
            ui.colored_label(egui::Color32::from_rgb(240, 180, 90), note);
        }
        ui.add_space(8.0);
        egui::ScrollArea::vertical().max_height(ui.available_height() * 0.55).show(ui, |ui| {
            egui::Grid::new("class-overview").striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                for h in ["#", "Group", "Round", "Phase", "Tension", "Waiting for", "Last", ""] {
                    ui.strong(h);
                }
                ui.end_row();
                for row in &rows {
                    let i = row.number - 1;
                    ui.label(row.number.to_string());
                    ui.label(&row.group).on_hover_text(&row.table);
                    ui.label(format!("{} of {}", row.round, row.rounds));
                    ui.label(&row.phase);
                    ui.label(row.tension.to_string()).on_hover_text("Tension in the room, 0 (calm) to 100 (explosive)");
                    let waiting = match (&row.outcome, row.paused) {
                        (Some(o), _) => format!("over: {o}"),
                        (None, true) => "paused".into(),
                        (None, false) if row.awaited.is_empty() => "the AI".into(),
                        (None, false) => row.awaited.join(", "),
                    };
                    ui.label(waiting);
                    let short: String = row.last.chars().take(60).collect();
                    ui.label(short).on_hover_text(&row.last);
                    ui.horizontal(|ui| {
                        let over = row.outcome.is_some();
                        let has_people = !res.class.tables[i].sitting.seats.iter().all(|&s| s == Seat::Facilitator);
                        if ui
                            .add_enabled(!over && has_people && !row.paused, egui::Button::new("Play"))
                            .on_hover_text("Hand this table's seats to its students at this screen; a privacy screen goes up between seats. Leave the table from its menu (Esc) to come back here.")
                            .on_disabled_hover_text("Nobody plays at this table now: it is over, paused, or every seat is the AI's.")
                            .clicked()
                        {
                            play = Some(i);
                        }
                        let (label, command) = if row.paused {
                            ("Resume", Command::Resume)
                        } else {
                            ("Pause", Command::Pause)
                        };
                        if ui.add_enabled(!over, egui::Button::new(label)).on_hover_text("Stop the table: nobody moves until it resumes.").clicked() {
                            act = Some((i, command));
                        }
                        if ui.button("Watch").on_hover_text("This table's transcript and every delegation's numbers").clicked() {
                            res.watching = if res.watching == Some(i) { None } else { Some(i) };
                        }
                    });
                    ui.end_row();
                }
            });
        });
        ui.separator();
        if let Some(i) = res.watching.filter(|&i| i < res.class.tables.len()) {
            steer(ui, &mut res, i, &mut act);
        } else {
            ui.label("Press Watch on a table to see its transcript and steer it: inject news, move the clock, take a seat, end the talks.");
        }
    });
    if let Some((i, command)) = act {
        res.note = match res.class.facilitate(i, command) {
            Ok(()) => None,
            Err(e) => Some(format!("Table {}: refused: {e}", i + 1)),
        };
    }
    if let Some(i) = play {
        let t = res.class.tables.remove(i);
        let people: Vec<Seat> = t.sitting.seats.iter().copied().filter(|&s| s != Seat::Facilitator).collect();
        session.scenario = t.sitting.scenario().clone();
        session.seats = people.clone();
        // The first team to move sees the privacy screen first: nothing is shown before they say so.
        session.seat = None;
        session.sitting = Some(t.sitting);
        res.playing = Some((i, t.group, t.people));
        let _ = people;
        next.set(Screen::Table);
    }
    Ok(())
}

/// The watched table: its numbers, the facilitator's moves on it, and its transcript.
fn steer(ui: &mut egui::Ui, res: &mut ClassRes, i: usize, act: &mut Option<(usize, Command)>) {
    let t = &res.class.tables[i];
    let s = t.sitting.scenario().clone();
    let state = t.sitting.state().clone();
    let over = state.is_over();
    ui.heading(format!("Table {} — {} ({})", i + 1, t.group, s.title));
    ui.horizontal_wrapped(|ui| {
        for (d, seat) in state.seats.iter().enumerate() {
            let who = match state.controllers.of(Seat::Delegation(d)) {
                Controller::Human if state.taken_by_facilitator(Seat::Delegation(d)) => "you",
                Controller::Human => "students",
                Controller::Ai => "AI",
            };
            ui.label(format!(
                "{} ({who}): walk-away {:.0}, patience {:.0}{}   ",
                s.delegations[d].name,
                seat.walk_away * 100.0,
                seat.patience * 100.0,
                if seat.presence.left { ", has left" } else { "" }
            ));
        }
        ui.label(format!("tension {:.0}", state.tension * 100.0));
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!over, |ui| {
            ui.menu_button("Inject news ▾", |ui| {
                if s.injects.is_empty() {
                    ui.label("This table has no injects ready; write your own below.");
                }
                for (k, inject) in s.injects.iter().enumerate() {
                    if ui
                        .button(format!("{}: {}", s.voice_name(inject.voice), inject.headline))
                        .on_hover_text(&inject.text)
                        .clicked()
                    {
                        *act = Some((i, Command::Inject { index: k }));
                        ui.close();
                    }
                }
            });
            if ui.button("Clock +1 round").on_hover_text(format!("The session has {} rounds", state.rounds)).clicked() {
                *act = Some((i, Command::SetClock { rounds: state.rounds + 1 }));
            }
            if ui.button("Clock −1 round").clicked() {
                *act = Some((i, Command::SetClock { rounds: state.rounds.saturating_sub(1) }));
            }
            let chair = Seat::Mediator;
            let (label, command) = if state.taken_by_facilitator(chair) {
                ("Hand the chair back to the AI", Command::HandBack { seat: chair })
            } else {
                ("Take the mediator's chair", Command::TakeSeat { seat: chair })
            };
            if ui
                .button(label)
                .on_hover_text(format!("Play {} yourself: press Play on this table when it is the chair's move", seat_name(&s, chair)))
                .clicked()
            {
                *act = Some((i, command));
            }
            if res.confirm_end == Some(i) {
                ui.colored_label(egui::Color32::from_rgb(240, 120, 100), "End the talks with no agreement?");
                if ui.button("Yes, end them").clicked() {
                    *act = Some((i, Command::EndTalks));
                    res.confirm_end = None;
                }
                if ui.button("No").clicked() {
                    res.confirm_end = None;
                }
            } else if ui.button("End the talks…").clicked() {
                res.confirm_end = Some(i);
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!over, |ui| {
            ui.label("Your own news:");
            let news = &mut res.news;
            news.seat = news.seat.min(s.delegations.len().saturating_sub(1));
            egui::ComboBox::from_id_salt("news-what")
                .selected_text(["walk-away of", "patience of", "tension"][news.what.min(2)])
                .show_ui(ui, |ui| {
                    for (k, w) in ["walk-away of", "patience of", "tension"].iter().enumerate() {
                        ui.selectable_value(&mut news.what, k, *w);
                    }
                });
            if news.what < 2 {
                egui::ComboBox::from_id_salt("news-seat")
                    .selected_text(&s.delegations[news.seat].name)
                    .show_ui(ui, |ui| {
                        for (d, del) in s.delegations.iter().enumerate() {
                            ui.selectable_value(&mut news.seat, d, &del.name);
                        }
                    });
            }
            ui.add(egui::DragValue::new(&mut news.points).range(-100..=100).suffix(" points"));
            ui.add(egui::TextEdit::singleline(&mut news.headline).hint_text("The headline the table reads").desired_width(320.0));
            let change = f64::from(news.points) / 100.0;
            let effect = match news.what {
                0 => crate::sim::scenario::Effect::WalkAway { seat: news.seat, change },
                1 => crate::sim::scenario::Effect::Patience { seat: news.seat, change },
                _ => crate::sim::scenario::Effect::Tension { change },
            };
            if ui
                .add_enabled(!news.headline.trim().is_empty(), egui::Button::new("Read it to the table"))
                .on_disabled_hover_text("Write the headline first.")
                .clicked()
            {
                *act = Some((
                    i,
                    Command::InjectCustom {
                        headline: news.headline.trim().to_string(),
                        effect,
                    },
                ));
                news.headline.clear();
            }
        });
    });
    let text = t.sitting.transcript().render(&s);
    egui::ScrollArea::vertical().stick_to_bottom(true).show(ui, |ui| {
        ui.label(egui::RichText::new(text).monospace().size(12.0));
    });
}
