//! The table screen's panels: your private brief, the proposal builder, the proposals on the table
//! with the mediator's reasons, every move the rules allow, and the transcript.

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::scene::Stage;
use super::screens::root;
use super::{Screen, Session};
use crate::sim::SimSet;
use crate::sim::command::{Command, Reason, RefusedMsg, Seat};
use crate::sim::delegation::{Patience, Presence, Reservation, StatementKind, Strategy, Trust};
use crate::sim::issue::Package;
use crate::sim::scenario::{MediatorStrategy, Scenario, Voice};
use crate::sim::table::{Table, TableState};
use crate::sim::transcript::{Event, Transcript, render_event};
use crate::sim::turn::{Phase, awaits};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Builder>()
        .add_systems(OnEnter(Screen::Table), reset_builder)
        .add_systems(
            Update,
            (refusals.after(SimSet::Apply), shortcuts).run_if(in_state(Screen::Table)),
        )
        .add_systems(EguiPrimaryContextPass, table_panels.run_if(in_state(Screen::Table)));
}

/// What the player is composing: a package, a statement, a reason.
#[derive(Resource, Default)]
pub struct Builder {
    /// The seat the builder was set up for; a new seat (a fork taking over) starts from its demands.
    pub seat: Option<Seat>,
    pub choices: Vec<Option<usize>>,
    pub kind: Option<StatementKind>,
    pub text: String,
    pub why: String,
}

impl Builder {
    /// The mediator's reasons as typed: one per non-empty line.
    fn reasons(&self) -> Vec<String> {
        self.why
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }

    fn package(&self) -> Package {
        Package::from_choices(&self.choices)
    }
}

fn reset_builder(mut builder: ResMut<Builder>, session: Res<Session>) {
    let s = &session.scenario;
    builder.seat = session.seat;
    builder.choices = match session.seat {
        Some(Seat::Delegation(d)) => s.delegations[d].demands.iter().map(|&o| Some(o)).collect(),
        _ => vec![None; s.issues.len()],
    };
    builder.kind = Some(StatementKind::Firm);
    builder.text.clear();
    builder.why.clear();
}

fn refusals(mut refused: MessageReader<RefusedMsg>, mut session: ResMut<Session>) {
    for r in refused.read() {
        if Some(r.seat) == session.seat && Some(r.table) == session.table {
            session.refusal = Some(format!("Refused: {}", r.error));
        }
    }
}

/// Enter proposes the builder's package, P passes, M asks the mediator, A and R answer the next
/// proposal — unless a text field has the keys.
fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    builder: Res<Builder>,
    mut session: ResMut<Session>,
    tables: Query<&TableState>,
) {
    if wants.wants_keyboard_input() || session.paused || session.seat.is_none() {
        return;
    }
    let Some(state) = session.table.and_then(|t| tables.get(t).ok()) else {
        return;
    };
    let phase = state.phase;
    let command = if keys.just_pressed(KeyCode::KeyP) {
        Some(Command::Pass)
    } else if keys.just_pressed(KeyCode::KeyM) {
        Some(Command::AskMediator)
    } else if keys.just_pressed(KeyCode::Enter) && phase == Phase::Proposals {
        Some(Command::Propose {
            package: builder.package(),
        })
    } else if keys.just_pressed(KeyCode::KeyR) && phase == Phase::Responses {
        // R rejects, A accepts, the first proposal on the table not yet answered.
        next_unanswered(state, session.seat).map(|proposal| Command::Reject {
            proposal,
            reason: Reason::Said(String::new()),
        })
    } else if keys.just_pressed(KeyCode::KeyA) && phase == Phase::Responses {
        next_unanswered(state, session.seat).map(|proposal| Command::Accept { proposal })
    } else if keys.just_pressed(KeyCode::Enter) && phase == Phase::Mediation {
        Some(Command::Mediate {
            package: builder.package(),
            explanation: builder.reasons(),
        })
    } else {
        None
    };
    if let Some(c) = command {
        session.refusal = None;
        session.pending.push(c);
    }
}

fn next_unanswered(state: &TableState, seat: Option<Seat>) -> Option<u32> {
    let Some(Seat::Delegation(d)) = seat else { return None };
    state.unanswered(d).next().map(|p| p.id)
}

fn colour(s: &Scenario, seat: Seat) -> egui::Color32 {
    match seat {
        Seat::Delegation(d) => {
            let [r, g, b] = s.delegations[d].colour;
            egui::Color32::from_rgb(r, g, b).gamma_multiply(1.4)
        }
        Seat::Mediator => egui::Color32::from_rgb(220, 215, 190),
    }
}

fn name(s: &Scenario, seat: Seat) -> &str {
    match seat {
        Seat::Delegation(d) => &s.delegations[d].name,
        Seat::Mediator => &s.mediator.name,
    }
}

const RED: egui::Color32 = egui::Color32::from_rgb(235, 95, 85);
const GREEN: egui::Color32 = egui::Color32::from_rgb(120, 200, 120);

/// Each delegation's changing state, by seat.
struct Seats {
    walk_away: Vec<f64>,
    patience: Vec<f64>,
    trust: Vec<Vec<f64>>,
    presence: Vec<Presence>,
}

/// What a package is worth, to whom, and whose red lines it crosses.
fn worth(ui: &mut egui::Ui, s: &Scenario, seats: &Seats, seat: Option<Seat>, package: Package) {
    let show = |ui: &mut egui::Ui, d: usize, prefix: &str| {
        let del = &s.delegations[d];
        let u = del.utility(package);
        let good = u >= seats.walk_away[d];
        ui.colored_label(
            if good { GREEN } else { RED },
            format!(
                "{prefix}worth {:.0} (walk-away {:.0})",
                u * 100.0,
                seats.walk_away[d] * 100.0
            ),
        );
        if let Some(line) = del.crossed(package) {
            ui.colored_label(RED, format!("crosses {}'s red line: {}", del.name, line.why));
        }
    };
    match seat {
        Some(Seat::Delegation(d)) => show(ui, d, "To you: "),
        _ => {
            for d in 0..s.delegations.len() {
                show(ui, d, &format!("To {}: ", s.delegations[d].name));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
/// A seat's name and a row of choices for how the AI plays it, usable only at the player's move;
/// `named` gives each choice's button text and any hover text. Returns the choice if the player changed it.
fn choice_row<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    (who, colour): (&str, egui::Color32),
    enabled: bool,
    current: T,
    choices: &[T],
    named: impl Fn(T) -> (String, Option<String>),
) -> Option<T> {
    ui.label(egui::RichText::new(who).strong().color(colour));
    let mut chosen = current;
    ui.add_enabled_ui(enabled, |ui| {
        ui.horizontal_wrapped(|ui| {
            for &option in choices {
                let (text, hover) = named(option);
                let button = ui.selectable_value(&mut chosen, option, text);
                if let Some(hover) = hover {
                    button.on_hover_text(hover);
                }
            }
        });
    })
    .response
    .on_disabled_hover_text("Strategies can be changed at your move");
    (chosen != current).then_some(chosen)
}

fn table_panels(
    mut contexts: EguiContexts,
    mut session: ResMut<Session>,
    mut builder: ResMut<Builder>,
    mut stage: ResMut<Stage>,
    tables: Query<(&Table, &TableState, &Transcript)>,
    delegations: Query<(&Reservation, &Patience, &Trust, &Presence)>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some((table, state, transcript)) = session.table.and_then(|t| tables.get(t).ok()) else {
        return Ok(());
    };
    let s = session.scenario.clone();
    let n = s.delegations.len();
    let mut seats = Seats {
        walk_away: vec![],
        patience: vec![],
        trust: vec![],
        presence: vec![],
    };
    for &e in &table.seats {
        let (r, p, t, pr) = delegations
            .get(e)
            .map(|(r, p, t, pr)| (r.0, p.0, t.0.clone(), *pr))
            .unwrap_or_default();
        seats.walk_away.push(r);
        seats.patience.push(p);
        seats.trust.push(t);
        seats.presence.push(pr);
    }
    let me = session.seat;
    if builder.seat != me {
        builder.seat = me;
        builder.choices = match me {
            Some(Seat::Delegation(d)) => s.delegations[d].demands.iter().map(|&o| Some(o)).collect(),
            _ => vec![None; s.issues.len()],
        };
    }
    let my_turn = me.is_some_and(|seat| {
        let left = matches!(seat, Seat::Delegation(d) if seats.presence[d].left);
        awaits(table, state, seat, left)
    });
    let mut moves: Vec<Command> = Vec::new();
    let mut ui = root(&ctx);

    // Top bar: where the talks stand and what to do now.
    let top = egui::Panel::top("top").show(&mut ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(&s.title).strong());
            ui.separator();
            ui.label(format!(
                "Round {} of {} · {}",
                state.round,
                s.clock.rounds,
                s.clock.time_at(state.round)
            ));
            ui.separator();
            ui.label(format!("Tension {:.0}", state.tension * 100.0));
            ui.add(egui::ProgressBar::new(state.tension as f32).desired_width(90.0));
            ui.separator();
            let you = me.map_or("watching the AI".to_string(), |seat| format!("You: {}", name(&s, seat)));
            ui.label(egui::RichText::new(you).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Menu (Esc)").clicked() {
                    session.paused = true;
                }
                if ui.button("Help (F1)").clicked() {
                    session.help = true;
                }
            });
        });
        let now = if me.is_none() {
            format!("{} phase — the AI plays every seat.", state.phase.label())
        } else if my_turn {
            format!("Your move — {}", state.phase.hint())
        } else {
            format!("{} phase — waiting for the other seats…", state.phase.label())
        };
        ui.label(egui::RichText::new(now).color(if my_turn { GREEN } else { egui::Color32::LIGHT_GRAY }));
    });

    // Left: the private brief.
    let left = egui::Panel::left("brief").exact_size(300.0).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| match me {
            Some(Seat::Delegation(d)) => {
                let del = &s.delegations[d];
                ui.heading(format!("Your brief — {}", del.name));
                ui.label(egui::RichText::new("Private: only your seat sees this.").small().weak());
                for p in &del.delegates {
                    let native = p.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                    ui.label(egui::RichText::new(format!("{}{native}, {}", p.name, p.role)).small());
                }
                ui.separator();
                ui.label(format!("Walk-away value: {:.0} of 100", seats.walk_away[d] * 100.0));
                ui.label(format!("Patience: {:.0}", seats.patience[d] * 100.0));
                let trust: Vec<String> = (0..=n)
                    .filter(|&o| o != d)
                    .map(|o| {
                        let who = if o == n {
                            s.mediator.name.as_str()
                        } else {
                            s.delegations[o].name.as_str()
                        };
                        format!("{who} {:.0}", seats.trust[d].get(o).copied().unwrap_or(0.0) * 100.0)
                    })
                    .collect();
                ui.label(format!("Trust: {}", trust.join(", ")));
                ui.separator();
                ui.label(egui::RichText::new("What you want").strong());
                for (i, issue) in s.issues.iter().enumerate() {
                    egui::CollapsingHeader::new(format!("{} — weight {:.0}%", issue.name, del.weights[i] * 100.0))
                        .id_salt(("brief", i))
                        .show(ui, |ui| {
                            ui.label(format!("You ask: {}", issue.options[del.demands[i]].text));
                            ui.label(egui::RichText::new(format!("open: {:.0}", del.values[i][0] * 100.0)).small());
                            for (o, opt) in issue.options.iter().enumerate() {
                                ui.label(
                                    egui::RichText::new(format!("{}: {:.0}", opt.text, del.values[i][o + 1] * 100.0))
                                        .small(),
                                );
                            }
                        });
                }
                ui.separator();
                ui.label(egui::RichText::new("Your red lines").strong());
                if del.red_lines.is_empty() {
                    ui.label("none");
                }
                for line in &del.red_lines {
                    ui.colored_label(RED, format!("• {}", line.why));
                }
            }
            Some(Seat::Mediator) | None => {
                ui.heading(format!("The mediator's desk — {}", s.mediator.name));
                ui.label(
                    egui::RichText::new("The mediator hears every side in private.")
                        .small()
                        .weak(),
                );
                if me.is_none() {
                    ui.label(format!("Drafting by: {}", state.mediator_strategy.label()));
                }
                for (d, del) in s.delegations.iter().enumerate() {
                    ui.separator();
                    let status = if seats.presence[d].left {
                        " — has left"
                    } else if seats.presence[d].warned {
                        " — warned it may leave"
                    } else {
                        ""
                    };
                    ui.label(
                        egui::RichText::new(format!("{}{status}", del.name))
                            .strong()
                            .color(colour(&s, Seat::Delegation(d))),
                    );
                    ui.label(format!(
                        "walk-away {:.0}, patience {:.0}",
                        seats.walk_away[d] * 100.0,
                        seats.patience[d] * 100.0
                    ));
                    if let Some(strategy) = state.strategies.get(d) {
                        ui.label(egui::RichText::new(format!("AI: {}", strategy.label())).small());
                    }
                    for line in &del.red_lines {
                        ui.colored_label(RED, format!("• {}", line.why));
                    }
                }
            }
        });
    });

    // Right: the proposals on the table, and your moves.
    let right = egui::Panel::right("moves").exact_size(390.0).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("On the table");
            if state.proposals.is_empty() {
                ui.label(egui::RichText::new("No proposals yet this round.").weak());
            }
            for p in &state.proposals {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.colored_label(colour(&s, p.author), format!("#{} — {}", p.id, name(&s, p.author)));
                    for (issue, option) in s.settled(p.package) {
                        ui.label(format!("{}: {}", issue.name, option.text));
                    }
                    worth(ui, &s, &seats, me, p.package);
                    if !p.explanation.is_empty() {
                        egui::CollapsingHeader::new("Why this package")
                            .id_salt(("why", p.id))
                            .default_open(true)
                            .show(ui, |ui| {
                                for w in &p.explanation {
                                    ui.label(egui::RichText::new(w).small());
                                }
                            });
                    }
                    let answers: Vec<String> = (0..n)
                        .filter_map(|d| {
                            state.answers.get(&(p.id, d)).map(|a| {
                                format!("{} {}", s.delegations[d].name, if *a { "accepts" } else { "rejects" })
                            })
                        })
                        .collect();
                    if !answers.is_empty() {
                        ui.label(egui::RichText::new(answers.join(", ")).small());
                    }
                    if let Some(Seat::Delegation(d)) = me
                        && state.phase == Phase::Responses
                        && p.author != Seat::Delegation(d)
                        && !state.answers.contains_key(&(p.id, d))
                    {
                        ui.horizontal(|ui| {
                            let crossing = s.delegations[d].crossed(p.package);
                            let accept = ui.add_enabled(crossing.is_none(), egui::Button::new("Accept"));
                            let why_not = crossing
                                .map(|l| format!("It crosses your red line: {}", l.why))
                                .unwrap_or_default();
                            if accept.on_disabled_hover_text(why_not).clicked() {
                                moves.push(Command::Accept { proposal: p.id });
                            }
                            if ui.button("Reject").clicked() {
                                let reason = Reason::Said(builder.why.trim().to_string());
                                moves.push(Command::Reject { proposal: p.id, reason });
                            }
                            if ui
                                .button("Counter with my package")
                                .on_hover_text("Reject this and table the builder's package for the next round")
                                .clicked()
                            {
                                moves.push(Command::Counter {
                                    proposal: p.id,
                                    package: builder.package(),
                                });
                            }
                        });
                    }
                    if ui.small_button("Load into the builder").clicked() {
                        builder.choices = (0..s.issues.len()).map(|i| p.package.choice(i)).collect();
                    }
                });
            }
            ui.separator();
            ui.heading("Your package");
            for (i, issue) in s.issues.iter().enumerate() {
                let current = builder.choices.get(i).copied().flatten();
                let text = current.map_or("leave open".to_string(), |o| issue.options[o].text.clone());
                ui.label(egui::RichText::new(&issue.name).small().strong());
                egui::ComboBox::from_id_salt(("issue", i))
                    .selected_text(text)
                    .width(360.0)
                    .truncate()
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut builder.choices[i], None, format!("leave open — {}", issue.open));
                        for (o, opt) in issue.options.iter().enumerate() {
                            ui.selectable_value(&mut builder.choices[i], Some(o), &opt.text);
                        }
                    });
            }
            worth(ui, &s, &seats, me, builder.package());
            ui.separator();
            let Some(seat) = me else {
                ui.label("You are watching: the AI plays every seat.");
                return;
            };
            ui.heading("Your move");
            let phase = state.phase;
            let enabled = |wanted: &[Phase]| my_turn && wanted.contains(&phase);
            match seat {
                Seat::Delegation(d) => {
                    ui.horizontal(|ui| {
                        for (kind, label) in [
                            (StatementKind::Conciliatory, "Conciliatory"),
                            (StatementKind::Firm, "Firm"),
                            (StatementKind::Threat, "Threat"),
                            (StatementKind::WalkoutWarning, "Warn"),
                        ] {
                            ui.selectable_value(&mut builder.kind, Some(kind), label);
                        }
                    });
                    ui.add(
                        egui::TextEdit::singleline(&mut builder.text)
                            .hint_text("What you say to the room")
                            .desired_width(370.0),
                    );
                    ui.add(
                        egui::TextEdit::singleline(&mut builder.why)
                            .hint_text("Your reason, when you reject")
                            .desired_width(370.0),
                    );
                    ui.horizontal_wrapped(|ui| {
                        let say = ui.add_enabled(
                            enabled(&[Phase::Statements]) && !builder.text.trim().is_empty(),
                            egui::Button::new("Say it"),
                        );
                        if say
                            .on_disabled_hover_text(
                                "Statements are made in the statements phase, with words in the box",
                            )
                            .clicked()
                        {
                            let kind = builder.kind.unwrap_or(StatementKind::Firm);
                            moves.push(Command::Statement {
                                kind,
                                text: builder.text.trim().to_string(),
                            });
                            builder.text.clear();
                        }
                        let propose =
                            ui.add_enabled(enabled(&[Phase::Proposals]), egui::Button::new("Propose (Enter)"));
                        if propose
                            .on_disabled_hover_text("Packages are tabled in the proposals phase")
                            .clicked()
                        {
                            moves.push(Command::Propose {
                                package: builder.package(),
                            });
                        }
                        let ask = ui.add_enabled(
                            enabled(&[Phase::Statements]) && !state.mediator_asked,
                            egui::Button::new("Ask the mediator (M)"),
                        );
                        if ask
                            .on_disabled_hover_text("Ask in the statements phase, once a round")
                            .clicked()
                        {
                            moves.push(Command::AskMediator);
                        }
                        let recess = ui.add_enabled(
                            enabled(&[Phase::Statements]) && !seats.presence[d].recess_used,
                            egui::Button::new("Request a recess"),
                        );
                        if recess
                            .on_disabled_hover_text("Once per delegation, in the statements phase")
                            .clicked()
                        {
                            moves.push(Command::RequestRecess);
                        }
                        let pass = ui.add_enabled(
                            enabled(&[Phase::Statements, Phase::Proposals]),
                            egui::Button::new("Pass (P)"),
                        );
                        if pass
                            .on_disabled_hover_text("Answer every proposal in the responses phase")
                            .clicked()
                        {
                            moves.push(Command::Pass);
                        }
                        let walk = ui.add_enabled(
                            !state.is_over() && !seats.presence[d].left,
                            egui::Button::new(egui::RichText::new("Walk out").color(RED)),
                        );
                        if walk.clicked() {
                            let reason = if builder.why.trim().is_empty() {
                                "We see no point in going on.".to_string()
                            } else {
                                builder.why.trim().to_string()
                            };
                            moves.push(Command::WalkOut { reason });
                        }
                    });
                }
                Seat::Mediator => {
                    ui.label(
                        egui::RichText::new(
                            "Draft a package with your desk's analysis (it fills the builder and the reasons):",
                        )
                        .small(),
                    );
                    ui.horizontal_wrapped(|ui| {
                        for strategy in MediatorStrategy::CHOICES {
                            if ui.small_button(strategy.label()).clicked() {
                                let parties =
                                    crate::sim::analysis::Parties::at_table(&seats.presence, seats.walk_away.clone());
                                match crate::sim::mediator::draft(strategy, &s, &parties, state) {
                                    Ok((package, why)) => {
                                        builder.choices = (0..s.issues.len()).map(|i| package.choice(i)).collect();
                                        builder.why = why.join("\n");
                                    }
                                    Err(why) => builder.why = why,
                                }
                            }
                        }
                    });
                    ui.add(
                        egui::TextEdit::multiline(&mut builder.why)
                            .hint_text("Why this package (shown to the parties)")
                            .desired_width(370.0)
                            .desired_rows(2),
                    );
                    ui.horizontal(|ui| {
                        let table_it =
                            ui.add_enabled(enabled(&[Phase::Mediation]), egui::Button::new("Table it (Enter)"));
                        if table_it
                            .on_disabled_hover_text("The mediator tables its package in the mediation phase")
                            .clicked()
                        {
                            moves.push(Command::Mediate {
                                package: builder.package(),
                                explanation: builder.reasons(),
                            });
                        }
                        let pass = ui.add_enabled(enabled(&[Phase::Mediation]), egui::Button::new("Pass (P)"));
                        if pass
                            .on_disabled_hover_text("The mediator moves in the mediation phase")
                            .clicked()
                        {
                            moves.push(Command::Pass);
                        }
                    });
                }
            }
            ui.separator();
            egui::CollapsingHeader::new("How the AI plays the other seats")
                .id_salt("strategies")
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new("Change it at your move; the change is a line in the transcript.")
                            .small()
                            .weak(),
                    );
                    for (d, del) in s.delegations.iter().enumerate() {
                        if Seat::Delegation(d) == seat || seats.presence[d].left {
                            continue;
                        }
                        let current = state.strategies.get(d).copied().unwrap_or(Strategy::Delegation);
                        let who = (del.name.as_str(), colour(&s, Seat::Delegation(d)));
                        let named = |o: Strategy| (o.id(), Some(o.label()));
                        if let Some(strategy) = choice_row(ui, who, my_turn, current, &Strategy::CHOICES, named) {
                            moves.push(Command::SetStrategy { seat: d, strategy });
                        }
                    }
                    if seat != Seat::Mediator {
                        let who = (s.mediator.name.as_str(), colour(&s, Seat::Mediator));
                        let named = |o: MediatorStrategy| (o.label().to_string(), None);
                        let current = state.mediator_strategy;
                        if let Some(strategy) = choice_row(ui, who, my_turn, current, &MediatorStrategy::CHOICES, named)
                        {
                            moves.push(Command::SetMediatorStrategy { strategy });
                        }
                    }
                });
        });
    });

    // Bottom: the transcript so far.
    let bottom = egui::Panel::bottom("transcript").exact_size(170.0).show(&mut ui, |ui| {
        if let Some(r) = &session.refusal {
            ui.colored_label(RED, r);
        }
        egui::ScrollArea::vertical()
            .stick_to_bottom(true)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let mut round = 0;
                for e in &transcript.events {
                    if let Event::RoundStarted { round: r } = e {
                        round = *r;
                    }
                    if let Some(line) = render_event(&s, e, round) {
                        ui.label(egui::RichText::new(line.trim_start_matches('\n')).size(13.0));
                    }
                }
            });
    });

    // The free area in the middle holds the table scene; label its seats.
    let margins = (
        left.response.rect.width(),
        right.response.rect.width(),
        top.response.rect.height(),
        bottom.response.rect.height(),
    );
    let window = ctx.viewport_rect();
    stage.window = Vec2::new(window.width(), window.height());
    stage.size = Vec2::new(
        window.width() - margins.0 - margins.1,
        window.height() - margins.2 - margins.3,
    )
    .max(Vec2::splat(50.0));
    stage.center = Vec2::new(margins.0 + stage.size.x / 2.0, margins.2 + stage.size.y / 2.0);
    let label = |voice: Voice, text: String, sub: String, colour: egui::Color32| {
        let p = stage.window_point(stage.seat(voice, n, s.actors.len()));
        egui::Area::new(egui::Id::new(("seat", format!("{voice:?}"))))
            .fixed_pos(egui::pos2(p.x - 80.0, p.y + 30.0))
            .interactable(false)
            .show(&ctx, |ui| {
                ui.set_width(160.0);
                ui.vertical_centered(|ui| {
                    ui.label(egui::RichText::new(text).strong().color(colour));
                    if !sub.is_empty() {
                        ui.label(egui::RichText::new(sub).small());
                    }
                });
            });
    };
    for (d, del) in s.delegations.iter().enumerate() {
        let native = del
            .delegates
            .first()
            .map(|p| p.native.clone().unwrap_or_else(|| p.name.clone()))
            .unwrap_or_default();
        let mood = if seats.presence[d].left {
            "has left the table".to_string()
        } else if seats.presence[d].warned {
            format!("{native} · warned it may leave")
        } else {
            native
        };
        let you = if me == Some(Seat::Delegation(d)) { " (you)" } else { "" };
        label(
            Voice::Delegation(d),
            format!("{}{you}", del.name),
            mood,
            colour(&s, Seat::Delegation(d)),
        );
    }
    let chair = s.mediator.delegates.first().map(|p| p.name.clone()).unwrap_or_default();
    let you = if me == Some(Seat::Mediator) { " (you)" } else { "" };
    label(
        Voice::Mediator,
        format!("{}{you}", s.mediator.name),
        chair,
        colour(&s, Seat::Mediator),
    );
    let active = super::scene::current_outside_voices(&session, transcript, state.round);
    for (a, actor) in s.actors.iter().enumerate() {
        let p = stage.window_point(stage.seat(Voice::Outside(a), n, s.actors.len()));
        egui::Area::new(egui::Id::new(("actor", a)))
            .fixed_pos(egui::pos2(p.x - 50.0, p.y - 9.0))
            .interactable(false)
            .show(&ctx, |ui| {
                let text = egui::RichText::new(&actor.name).small();
                ui.label(if active.contains(&a) {
                    text.strong().color(egui::Color32::BLACK)
                } else {
                    text
                });
            });
    }
    for p in &state.proposals {
        let slot = state.proposals.iter().position(|q| q.id == p.id).unwrap_or(0);
        let x = (slot as f32 - (state.proposals.len() as f32 - 1.0) / 2.0) * 100.0;
        let w = stage.window_point(Vec2::new(x, 0.0));
        egui::Area::new(egui::Id::new(("card", p.id)))
            .fixed_pos(egui::pos2(w.x - 30.0, w.y - 10.0))
            .interactable(false)
            .show(&ctx, |ui| {
                ui.label(
                    egui::RichText::new(format!("#{}", p.id))
                        .strong()
                        .color(egui::Color32::BLACK),
                );
            });
    }

    if !moves.is_empty() {
        session.refusal = None;
        session.pending.extend(moves);
    }
    Ok(())
}
