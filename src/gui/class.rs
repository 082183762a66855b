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
use crate::sim::delegation::Strategy;
use crate::sim::scenario::MediatorStrategy;

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
    /// What moves: 0 walk-away, 1 patience, 2 trust, 3 tension.
    pub what: usize,
    /// Whom the trust is held towards (by seat; the number of delegations for the mediator).
    pub towards: usize,
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
        None,
    )
}

/// Moves every table that waits for no person on, and keeps every game on disk.
fn step_tables(mut res: ResMut<ClassRes>, mut redraw: MessageWriter<RequestRedraw>, mut last: Local<Vec<usize>>) {
    let problems = res.class.step();
    if !problems.is_empty() {
        res.note = Some(problems.join("; "));
    }
    let now: Vec<usize> = res
        .class
        .tables
        .iter()
        .map(|t| t.sitting.transcript().events.len())
        .collect();
    if *last != now {
        *last = now;
        redraw.write(RequestRedraw);
    }
}

/// A table handed to its students comes back to the class when they leave it.
fn back_to_class(mut res: ResMut<ClassRes>, mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    let Some((i, group, people)) = res.playing.take() else {
        return;
    };
    if let Some(mut sitting) = session.sitting.take() {
        // What the students did since the round began is on disk before the table leaves the screen.
        let problems = sitting.save_now();
        if !problems.is_empty() {
            res.note = Some(problems.join("; "));
        }
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
    let mut next_round: Option<usize> = None;
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
        egui::ScrollArea::vertical()
            .id_salt("class-tables")
            .max_height(ui.available_height() * 0.55)
            .show(ui, |ui| {
            egui::Grid::new("class-overview").striped(true).spacing([14.0, 6.0]).show(ui, |ui| {
                for h in ["#", "Group", "Round", "Phase", "Tension", "Waiting for", "", "Last"] {
                    ui.strong(h);
                }
                ui.end_row();
                // Every cell before the buttons has a fixed width, so the buttons stay put as the tables move on.
                for row in &rows {
                    let i = row.number - 1;
                    ui.label(row.number.to_string());
                    cell(ui, 110.0, &row.group).on_hover_text(&row.table);
                    cell(ui, 60.0, &format!("{} of {}", row.round, row.rounds));
                    cell(ui, 80.0, &row.phase);
                    cell(ui, 40.0, &row.tension.to_string()).on_hover_text("Tension in the room, 0 (calm) to 100 (explosive)");
                    let waiting = match (&row.outcome, row.paused) {
                        (Some(o), _) => format!("over: {o}"),
                        (None, true) => "paused".into(),
                        (None, false) if row.held => "you: Next round".into(),
                        (None, false) if row.awaited.is_empty() => "the AI".into(),
                        (None, false) => row.awaited.join(", "),
                    };
                    cell(ui, 170.0, &waiting).on_hover_text(&waiting);
                    ui.horizontal(|ui| {
                        let over = row.outcome.is_some();
                        if ui.button("Watch").on_hover_text("This table's transcript and every delegation's numbers, and your moves on it").clicked() {
                            res.watching = if res.watching == Some(i) { None } else { Some(i) };
                        }
                        let (label, command) = if row.paused {
                            ("Resume", Command::Resume)
                        } else {
                            ("Pause", Command::Pause)
                        };
                        if ui
                            .add_enabled(!over, egui::Button::new(label).min_size(egui::vec2(62.0, 0.0)))
                            .on_hover_text("Stop the table: nobody moves until it resumes.")
                            .clicked()
                        {
                            act = Some((i, command));
                        }
                        if row.held {
                            if ui
                                .button("Next round")
                                .on_hover_text("Nobody sits at this table: the AI plays every seat, a round each time you press this.")
                                .clicked()
                            {
                                next_round = Some(i);
                            }
                        } else {
                            let has_people = !res.class.tables[i].unattended();
                            if ui
                                .add_enabled(!over && has_people && !row.paused, egui::Button::new("Play"))
                                .on_hover_text("Hand this table's seats to its students at this screen; a privacy screen goes up between seats. Leave the table from its menu (Esc) to come back here.")
                                .on_disabled_hover_text("Nobody plays at this table now: it is over or paused.")
                                .clicked()
                            {
                                play = Some(i);
                            }
                        }
                    });
                    // The last event, cut short at the window's edge (all of it on hover).
                    let room = ui.available_width().clamp(120.0, 600.0);
                    cell(ui, room, &row.last).on_hover_text(&row.last);
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
    if let Some(i) = next_round {
        res.note = res.class.next_round(i).err();
    }
    if let Some(i) = play {
        let t = res.class.tables.remove(i);
        session.scenario = t.sitting.scenario().clone();
        session.seed = t.sitting.seed();
        session.fork = None;
        // Seated as it is: the table screen keeps it, and its first team to move sees the privacy screen first.
        session.sitting = Some(t.sitting);
        res.playing = Some((i, t.group, t.people));
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
    ui.label(format!(
        "Tension {:.0} of 100. Each seat, who plays it and how:",
        state.tension * 100.0
    ));
    egui::Grid::new(("class-seats", i)).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
        let all = (0..state.seats.len()).map(Seat::Delegation).chain(std::iter::once(Seat::Mediator));
        for seat in all {
            let student = t.people.contains(&seat);
            let taken = state.taken_by_facilitator(seat);
            let who = if taken {
                "you"
            } else if student {
                "students"
            } else {
                "the AI"
            };
            ui.label(seat_name(&s, seat));
            ui.label(who);
            if let Seat::Delegation(d) = seat {
                let numbers = &state.seats[d];
                ui.label(format!(
                    "walk-away {:.0}, patience {:.0}{}",
                    numbers.walk_away * 100.0,
                    numbers.patience * 100.0,
                    if numbers.presence.left { ", has left" } else { "" }
                ))
                .on_hover_text("Walk-away: what no deal is worth to it (100 points a scale). Patience: how long it will sit before it walks out.");
            } else {
                ui.label("");
            }
            ui.add_enabled_ui(!over && !student, |ui| {
                let ai = !taken;
                match seat {
                    Seat::Delegation(d) => {
                        let current = state.strategies[d];
                        egui::ComboBox::from_id_salt(("seat-strategy", i, d))
                            .selected_text(current.label())
                            .show_ui(ui, |ui| {
                                for choice in Strategy::CHOICES {
                                    if ui.add_enabled(ai, egui::Button::selectable(choice == current, choice.label())).clicked() && choice != current {
                                        *act = Some((i, Command::SetStrategy { seat: d, strategy: choice }));
                                    }
                                }
                            })
                            .response
                            .on_hover_text("How the AI plays this seat");
                    }
                    _ => {
                        let current = state.mediator_strategy;
                        egui::ComboBox::from_id_salt(("chair-strategy", i))
                            .selected_text(current.label())
                            .show_ui(ui, |ui| {
                                for choice in MediatorStrategy::CHOICES {
                                    if ui.add_enabled(ai, egui::Button::selectable(choice == current, choice.label())).clicked() && choice != current {
                                        *act = Some((i, Command::SetMediatorStrategy { strategy: choice }));
                                    }
                                }
                            })
                            .response
                            .on_hover_text("How the AI drafts the mediator's proposals");
                    }
                }
                let (label, command, hint) = if taken {
                    ("Hand back", Command::HandBack { seat }, "Give this seat back to the AI")
                } else {
                    ("Take", Command::TakeSeat { seat }, "Play this seat yourself: press Play on this table when it is the seat's move")
                };
                if ui.button(label).on_hover_text(hint).clicked() {
                    *act = Some((i, command));
                }
            })
            .response
            .on_disabled_hover_text("Students play this seat (or the talks are over).");
            ui.end_row();
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(!over, |ui| {
            ui.menu_button("Inject news…", |ui| {
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
            if ui
                .button("Clock +1 round")
                .on_hover_text(format!("The session has {} rounds", state.rounds))
                .clicked()
            {
                *act = Some((
                    i,
                    Command::SetClock {
                        rounds: state.rounds + 1,
                    },
                ));
            }
            if ui.button("Clock −1 round").clicked() {
                *act = Some((
                    i,
                    Command::SetClock {
                        rounds: state.rounds.saturating_sub(1),
                    },
                ));
            }
            if res.confirm_end == Some(i) {
                ui.colored_label(
                    egui::Color32::from_rgb(240, 120, 100),
                    "End the talks with no agreement?",
                );
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
            const WHAT: [&str; 4] = ["walk-away of", "patience of", "trust of", "tension"];
            news.seat = news.seat.min(s.delegations.len().saturating_sub(1));
            news.what = news.what.min(WHAT.len() - 1);
            egui::ComboBox::from_id_salt("news-what")
                .selected_text(WHAT[news.what])
                .show_ui(ui, |ui| {
                    for (k, w) in WHAT.iter().enumerate() {
                        ui.selectable_value(&mut news.what, k, *w);
                    }
                })
                .response
                .on_hover_text("What the news moves: a delegation's walk-away value, its patience, its trust in another seat, or the tension in the room");
            if news.what < 3 {
                egui::ComboBox::from_id_salt("news-seat")
                    .selected_text(&s.delegations[news.seat].name)
                    .show_ui(ui, |ui| {
                        for (d, del) in s.delegations.iter().enumerate() {
                            ui.selectable_value(&mut news.seat, d, &del.name);
                        }
                    });
            }
            if news.what == 2 {
                // Towards any other delegation, or the mediator (numbered after the delegations).
                let others: Vec<usize> = (0..=s.delegations.len()).filter(|&o| o != news.seat).collect();
                if !others.contains(&news.towards) {
                    news.towards = others[0];
                }
                let name = |o: usize| {
                    if o < s.delegations.len() {
                        s.delegations[o].name.clone()
                    } else {
                        s.mediator.name.clone()
                    }
                };
                ui.label("in");
                egui::ComboBox::from_id_salt("news-towards")
                    .selected_text(name(news.towards))
                    .show_ui(ui, |ui| {
                        for o in others {
                            ui.selectable_value(&mut news.towards, o, name(o));
                        }
                    });
            }
            ui.add(egui::Slider::new(&mut news.points, -50..=50).suffix(" points"))
                .on_hover_text("By how much, in points of 100: negative lowers it");
            ui.add(
                egui::TextEdit::singleline(&mut news.headline)
                    .hint_text("The headline the table reads")
                    .desired_width(300.0),
            );
            let change = f64::from(news.points) / 100.0;
            let effect = match news.what {
                0 => crate::sim::scenario::Effect::WalkAway {
                    seat: news.seat,
                    change,
                },
                1 => crate::sim::scenario::Effect::Patience {
                    seat: news.seat,
                    change,
                },
                2 => crate::sim::scenario::Effect::Trust {
                    from: news.seat,
                    towards: news.towards,
                    change,
                },
                _ => crate::sim::scenario::Effect::Tension { change },
            };
            if ui
                .add_enabled(
                    !news.headline.trim().is_empty(),
                    egui::Button::new("Read it to the table"),
                )
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
    egui::ScrollArea::vertical()
        .id_salt(("class-transcript", i))
        .stick_to_bottom(true)
        .show(ui, |ui| {
            ui.label(egui::RichText::new(text).monospace().size(12.0));
        });
}

/// A cell of the overview exactly `width` wide, its text cut short with … where it does not fit.
fn cell(ui: &mut egui::Ui, width: f32, text: &str) -> egui::Response {
    ui.allocate_ui_with_layout(
        egui::vec2(width, ui.spacing().interact_size.y),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_width(width);
            ui.add(egui::Label::new(text).truncate())
        },
    )
    .inner
}
