//! The right panel: the proposals on the table with their answers, the package builder with what it is
//! worth, the seat's moves, the mediator's desk, and how the AI plays the other seats. Every control is
//! a move judged by the rules (see `move_button`).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{
    Builder, CHANGED, Field, Free, GREEN, RED, TableView, colour, free_ui, move_button, move_button_tip, tones, worth,
};
use crate::gui::Session;
use crate::play::moves::{set_mediator_strategy, set_strategy};
use crate::play::views::{Brief, pct};
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::{StatementKind, Strategy};
use crate::sim::scenario::MediatorStrategy;
use crate::sim::turn::Phase;

/// What each statement kind does to the room, for its hover text.
fn statement_hint(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Conciliatory => "Eases tension; the others trust you a little more and grow more patient.",
        StatementKind::Firm => "Holds your ground; tension rises slightly.",
        StatementKind::Threat => {
            "Raises tension; the others trust you less and lose patience. A hardline side may answer in kind."
        }
        StatementKind::WalkoutWarning => "Warns that you may leave: tension rises and the others' patience wears.",
    }
}

#[allow(clippy::too_many_arguments)]
/// A seat's name and a row of choices for how the AI plays it, each a move the rules judge. Returns the
/// Command to send when the player picks another choice.
fn choice_row<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    (who, colour): (&str, egui::Color32),
    current: T,
    choices: &[T],
    named: impl Fn(T) -> (String, Option<String>),
    judged: impl Fn(T) -> crate::play::Move,
) -> Option<Command> {
    ui.label(egui::RichText::new(who).strong().color(colour));
    let mut sent = None;
    ui.horizontal_wrapped(|ui| {
        for &option in choices {
            let (text, hover) = named(option);
            let m = judged(option);
            let response = ui.add_enabled(m.is_open(), egui::Button::selectable(option == current, text));
            let response = match (m.why_not(), hover) {
                (Some(why), _) => response.on_disabled_hover_text(why),
                (None, Some(hover)) => response.on_hover_text(hover),
                (None, None) => response,
            };
            if response.clicked() && option != current {
                sent = Some(m.command);
            }
        }
    });
    sent
}

pub(super) fn panel(
    mut contexts: EguiContexts,
    view: Res<TableView>,
    mut session: ResMut<Session>,
    mut builder: ResMut<Builder>,
    mut free: ResMut<Free>,
    mut scrolled_for: Local<Option<(u32, Phase)>>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let (Some(s), Some(summary)) = (view.scenario.clone(), &view.summary) else {
        return Ok(());
    };
    // The table is read in place (not copied each frame); the moves made are queued once it is drawn.
    let Some(sitting) = session.sitting.as_ref() else {
        return Ok(());
    };
    let state = sitting.state();
    let me = view.me;
    let mut sent: Vec<Command> = Vec::new();
    let mut ui = free_ui(&ctx, "table-moves", &free);
    if session.paused {
        ui.disable();
    }
    let width = (free.0.width() * 0.31).clamp(270.0, 400.0);
    let fields = width - 24.0;
    let mine = matches!(me, Some(Seat::Delegation(_)));
    let shown = egui::Panel::right("moves").exact_size(width).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().id_salt("moves-scroll").show(ui, |ui| {
            // When it is time to answer, the answers come first, in view without scrolling.
            if let Some(moves) = view.moves.as_ref().filter(|_| mine && view.my_turn) {
                let open: Vec<_> = moves
                    .answers
                    .iter()
                    .filter(|a| a.accept.is_open() || a.reject.is_open())
                    .collect();
                if !open.is_empty() {
                    egui::Frame::group(ui.style())
                        .stroke(egui::Stroke::new(2.0, GREEN))
                        .show(ui, |ui| {
                            ui.label(egui::RichText::new("Answer now").strong().color(GREEN))
                                .on_hover_text("A deal needs every delegation to accept the same package. A (Accept) and R (Reject) answer the first one listed here; your reason box goes with a rejection.");
                            for (k, a) in open.iter().enumerate() {
                                let Some(p) = summary.proposals.iter().find(|p| p.id == a.proposal) else {
                                    continue;
                                };
                                ui.horizontal_wrapped(|ui| {
                                    ui.colored_label(colour(&s, p.author), format!("#{} {}", p.id, p.author_name));
                                    for v in &p.worth {
                                        let text = if v.crossed.is_empty() {
                                            format!("worth {} to you (walk-away {})", pct(v.value), pct(v.walk_away))
                                        } else {
                                            "crosses your red line".to_string()
                                        };
                                        ui.colored_label(if v.good() { GREEN } else { RED }, text);
                                    }
                                });
                                ui.horizontal_wrapped(|ui| {
                                    let keys = k == 0;
                                    sent.extend(move_button_tip(ui, if keys { "Accept (A)" } else { "Accept" }, &a.accept, "Say yes to this package; a deal needs every delegation's yes."));
                                    sent.extend(move_button_tip(ui, if keys { "Reject (R)" } else { "Reject" }, &a.reject, "Say no, with the reason in your reason box below if you wrote one."));
                                    sent.extend(move_button_tip(ui, if keys { "Counter (C)" } else { "Counter" }, &a.counter, "Reject it and table the package in your builder instead."));
                                });
                            }
                        });
                    ui.add_space(4.0);
                }
            }
            ui.heading("On the table");
            if summary.proposals.is_empty() {
                ui.label(egui::RichText::new("No proposals yet this round.").weak());
            }
            for p in &summary.proposals {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    let previous = view.previous.get(&p.id).map(|&(_, q)| q);
                    let same = previous == Some(p.package);
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(colour(&s, p.author), format!("#{} — {}", p.id, p.author_name));
                        if same {
                            ui.label(egui::RichText::new("same as its last offer").small().weak());
                        } else if previous.is_some() {
                            ui.label(egui::RichText::new("changes marked").small().color(CHANGED))
                                .on_hover_text("The terms marked differ from this author's previous offer.");
                        }
                    });
                    for (i, issue) in s.issues.iter().enumerate() {
                        let now = p.package.choice(i);
                        let before = previous.map(|q| q.choice(i));
                        if now.is_none() && before.flatten().is_none() {
                            continue;
                        }
                        let option = now.map_or("left open".to_string(), |o| issue.options[o].text.clone());
                        let text = format!("{}: {option}", issue.name);
                        if before.is_some_and(|b| b != now) {
                            let was = before.flatten().map_or("left open".to_string(), |o| issue.options[o].text.clone());
                            ui.label(egui::RichText::new(format!("▶ {text}")).color(CHANGED))
                                .on_hover_text(format!("Was: {was}"));
                        } else {
                            ui.label(text);
                        }
                    }
                    worth(ui, &p.worth, matches!(me, Some(Seat::Delegation(_))));
                    if let Some((first, rest)) = p.explanation.split_first() {
                        ui.label(egui::RichText::new(first).small());
                        if !rest.is_empty() {
                            egui::CollapsingHeader::new(format!(
                                "Why this package: {} more reason{}",
                                rest.len(),
                                if rest.len() == 1 { "" } else { "s" }
                            ))
                            .id_salt(("why", p.id))
                            .default_open(false)
                            .show(ui, |ui| {
                                for w in rest {
                                    ui.label(egui::RichText::new(w).small());
                                }
                            });
                        }
                    }
                    if !p.answers.is_empty() {
                        let answers: Vec<String> = p
                            .answers
                            .iter()
                            .map(|(who, yes)| format!("{who} {}", if *yes { "accepts" } else { "rejects" }))
                            .collect();
                        ui.label(egui::RichText::new(answers.join(", ")).small());
                    }
                    if ui
                        .small_button("Load into the builder")
                        .on_hover_text("Copies this package into your builder below, to change it and propose it as your own.")
                        .clicked()
                    {
                        builder.choices = (0..s.issues.len()).map(|i| p.package.choice(i)).collect();
                    }
                });
            }
            ui.separator();
            if me.is_none() {
                ui.label("You are watching: the AI plays every seat.");
                return;
            }
            let heading = ui.heading("Your package")
                .on_hover_text("Choose an option for each issue, or leave it open. Keys: Up and Down pick an issue, Left and Right change its option, L loads the first proposal on the table.");
            // When it is the person's turn to propose (or, in the chair, to table), the builder comes into view.
            let now = (summary.round, summary.phase);
            if view.my_turn && matches!(summary.phase, Phase::Proposals | Phase::Mediation) && *scrolled_for != Some(now) {
                *scrolled_for = Some(now);
                heading.scroll_to_me(Some(egui::Align::TOP));
            }
            let values = match &view.brief {
                Some(Brief::Delegation(b)) => Some(b),
                _ => None,
            };
            for (i, issue) in s.issues.iter().enumerate() {
                let current = builder.choices.get(i).copied().flatten();
                let picked = builder.row == i && view.me.is_some();
                let name = if picked { format!("▶ {}", issue.name) } else { issue.name.clone() };
                ui.label(egui::RichText::new(name).small().strong().color(if picked {
                    CHANGED
                } else {
                    egui::Color32::LIGHT_GRAY
                }));
                let worth_to_me = |o: Option<usize>| {
                    values
                        .and_then(|b| b.issues.get(i))
                        .map(|ib| match o {
                            None => format!("  ({} to you)", pct(ib.open.1)),
                            Some(o) => format!("  ({} to you)", pct(ib.options[o].2)),
                        })
                        .unwrap_or_default()
                };
                let text = current.map_or("leave open".to_string(), |o| issue.options[o].text.clone());
                egui::ComboBox::from_id_salt(("issue", i))
                    .selected_text(format!("{text}{}", worth_to_me(current)))
                    .width(fields)
                    .truncate()
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut builder.choices[i],
                            None,
                            format!("leave open — {}{}", issue.open, worth_to_me(None)),
                        );
                        for (o, opt) in issue.options.iter().enumerate() {
                            ui.selectable_value(
                                &mut builder.choices[i],
                                Some(o),
                                format!("{}{}", opt.text, worth_to_me(Some(o))),
                            );
                        }
                    });
            }
            worth(ui, &view.builder_worth, matches!(me, Some(Seat::Delegation(_))));
            ui.separator();
            let (Some(seat), Some(moves)) = (me, &view.moves) else {
                ui.label("You are watching: the AI plays every seat.");
                return;
            };
            ui.heading("Your move");
            ui.horizontal_wrapped(|ui| {
                for &kind in tones(seat) {
                    let label = match kind {
                        StatementKind::Conciliatory => "Conciliatory",
                        StatementKind::Firm => "Firm",
                        StatementKind::Threat => "Threat",
                        StatementKind::WalkoutWarning => "Warn",
                    };
                    ui.selectable_value(&mut builder.kind, Some(kind), label)
                        .on_hover_text(format!("{} (K changes the tone)", statement_hint(kind)));
                }
            });
            let said = ui.add(
                egui::TextEdit::singleline(&mut builder.text)
                    .hint_text("What you say to the room (T)")
                    .desired_width(fields),
            );
            if builder.focus == Some(Field::Statement) {
                said.request_focus();
                builder.focus = None;
            }
            match seat {
                Seat::Facilitator => {}
                Seat::Delegation(_) => {
                    let reason = ui.add(
                        egui::TextEdit::singleline(&mut builder.why)
                            .hint_text("Your reason, when you reject or walk out (E)")
                            .desired_width(fields),
                    );
                    if builder.focus == Some(Field::Reason) {
                        reason.request_focus();
                        builder.focus = None;
                    }
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = move_button_tip(ui, "Say it (S)", &moves.say, "Say your words to the room in the tone chosen above (K changes the tone).") {
                            builder.text.clear();
                            sent.push(c);
                        }
                        sent.extend(move_button_tip(ui, "Propose (Enter)", &moves.propose, "Table the package in your builder for every delegation to answer."));
                        sent.extend(move_button_tip(ui, "Ask the mediator (M)", &moves.ask, "Ask the chair to table a compromise of its own this round."));
                        sent.extend(move_button_tip(ui, "Request a recess", &moves.recess, "A pause in the talks: tension eases, but the clock runs on."));
                        sent.extend(move_button_tip(ui, "Pass (P)", &moves.pass, "Do nothing more in this phase."));
                        if move_button_tip(ui, egui::RichText::new("Walk out (W)").color(RED), &moves.walk_out, "Leave the talks for good (asks you to confirm first).").is_some() {
                            builder.confirm_walkout = true;
                        }
                    });
                    // The question stands in the middle of the window, wherever the panel is scrolled.
                    if builder.confirm_walkout && moves.walk_out.is_open() {
                        egui::Window::new("Walk out?")
                            .collapsible(false)
                            .resizable(false)
                            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                            .show(ui.ctx(), |ui| {
                                ui.colored_label(RED, "Walk out for good? The talks end for your delegation.");
                                ui.label("Y walks out; N, Esc or any other key stays at the table.");
                                ui.horizontal(|ui| {
                                    if ui.button(egui::RichText::new("Yes, walk out (Y)").color(RED)).clicked() {
                                        sent.push(moves.walk_out.command.clone());
                                        builder.confirm_walkout = false;
                                    }
                                    if ui.button("Stay at the table (N)").clicked() {
                                        builder.confirm_walkout = false;
                                    }
                                });
                            });
                    }
                }
                Seat::Mediator => {
                    ui.label(
                        egui::RichText::new(
                            "Draft a package with your desk's analysis (it fills the builder and the reasons):",
                        )
                        .small(),
                    );
                    ui.horizontal_wrapped(|ui| {
                        for (k, strategy) in MediatorStrategy::CHOICES.into_iter().enumerate() {
                            if ui
                                .small_button(format!("{} {}", k + 1, strategy.label()))
                                .on_hover_text(format!("{} (key {})", strategy.hint(), k + 1))
                                .clicked()
                            {
                                builder.draft(&s, state, strategy);
                            }
                        }
                    });
                    // The buttons above the reasons, so they stay put however long the reasons grow.
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = move_button(ui, "Say it (S)", &moves.say) {
                            builder.text.clear();
                            sent.push(c);
                        }
                        sent.extend(move_button(ui, "Table it (Enter)", &moves.mediate));
                        sent.extend(move_button(ui, "Pass (P)", &moves.pass));
                    });
                    egui::ScrollArea::vertical()
                        .id_salt("reasons-scroll")
                        .max_height(90.0)
                        .show(ui, |ui| {
                            let reasons = ui.add(
                                egui::TextEdit::multiline(&mut builder.why)
                                    .hint_text("Why this package (shown to the parties), one reason a line (E)")
                                    .desired_width(fields)
                                    .desired_rows(3),
                            );
                            if builder.focus == Some(Field::Reason) {
                                reasons.request_focus();
                                builder.focus = None;
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
                    for line in &summary.seats {
                        let Seat::Delegation(d) = line.seat else { continue };
                        if line.ai.is_none() || line.presence == Some("has left the table") {
                            continue;
                        }
                        let current = state.strategies.get(d).copied().unwrap_or(Strategy::Delegation);
                        let who = (line.name.as_str(), colour(&s, line.seat));
                        let named = |o: Strategy| (o.id(), Some(o.label()));
                        let judged = |o: Strategy| set_strategy(&s, state, seat, d, o);
                        sent.extend(choice_row(ui, who, current, &Strategy::CHOICES, named, judged));
                    }
                    if seat != Seat::Mediator {
                        let who = (s.mediator.name.as_str(), colour(&s, Seat::Mediator));
                        let named = |o: MediatorStrategy| (o.label().to_string(), Some(o.hint().to_string()));
                        let judged = |o: MediatorStrategy| set_mediator_strategy(&s, state, seat, o);
                        let current = state.mediator_strategy;
                        sent.extend(choice_row(ui, who, current, &MediatorStrategy::CHOICES, named, judged));
                    }
                });
        });
    });
    free.0.max.x = shown.response.rect.min.x;
    session.pending.extend(sent);
    Ok(())
}
