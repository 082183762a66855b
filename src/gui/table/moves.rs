//! The right panel: the proposals on the table with their answers, the package builder with what it is
//! worth, the seat's moves, the mediator's desk, and how the AI plays the other seats. Every control is
//! a move judged by the rules (see `move_button`).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Builder, Free, RED, TableView, colour, free_ui, move_button, worth};
use crate::gui::Session;
use crate::play::moves::{set_mediator_strategy, set_strategy};
use crate::play::views::{Brief, desk, pct};
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::{StatementKind, Strategy};
use crate::sim::scenario::MediatorStrategy;

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
    let shown = egui::Panel::right("moves").exact_size(390.0).show(&mut ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading("On the table");
            if summary.proposals.is_empty() {
                ui.label(egui::RichText::new("No proposals yet this round.").weak());
            }
            for p in &summary.proposals {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.colored_label(colour(&s, p.author), format!("#{} — {}", p.id, p.author_name));
                    for (issue, option) in &p.settled {
                        ui.label(format!("{issue}: {option}"));
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
                    let answers = view
                        .moves
                        .as_ref()
                        .and_then(|m| m.answers.iter().find(|a| a.proposal == p.id));
                    if let Some(a) = answers
                        && matches!(me, Some(Seat::Delegation(_)))
                        && [&a.accept, &a.reject, &a.counter].iter().any(|m| m.is_open())
                    {
                        ui.horizontal(|ui| {
                            sent.extend(move_button(ui, "Accept", &a.accept));
                            sent.extend(move_button(ui, "Reject", &a.reject));
                            if let Some(c) = move_button(ui, "Counter with my package", &a.counter) {
                                sent.push(c);
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
            let values = match &view.brief {
                Some(Brief::Delegation(b)) => Some(b),
                _ => None,
            };
            for (i, issue) in s.issues.iter().enumerate() {
                let current = builder.choices.get(i).copied().flatten();
                let text = current.map_or("leave open".to_string(), |o| issue.options[o].text.clone());
                ui.label(egui::RichText::new(&issue.name).small().strong());
                let worth_to_me = |o: Option<usize>| {
                    values
                        .and_then(|b| b.issues.get(i))
                        .map(|ib| match o {
                            None => format!("  ({} to you)", pct(ib.open.1)),
                            Some(o) => format!("  ({} to you)", pct(ib.options[o].2)),
                        })
                        .unwrap_or_default()
                };
                egui::ComboBox::from_id_salt(("issue", i))
                    .selected_text(text)
                    .width(360.0)
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
                for (kind, label) in [
                    (StatementKind::Conciliatory, "Conciliatory"),
                    (StatementKind::Firm, "Firm"),
                    (StatementKind::Threat, "Threat"),
                    (StatementKind::WalkoutWarning, "Warn"),
                ] {
                    if seat == Seat::Mediator && kind == StatementKind::WalkoutWarning {
                        continue;
                    }
                    ui.selectable_value(&mut builder.kind, Some(kind), label)
                        .on_hover_text(statement_hint(kind));
                }
            });
            ui.add(
                egui::TextEdit::singleline(&mut builder.text)
                    .hint_text("What you say to the room")
                    .desired_width(370.0),
            );
            match seat {
                Seat::Facilitator => {}
                Seat::Delegation(_) => {
                    ui.add(
                        egui::TextEdit::singleline(&mut builder.why)
                            .hint_text("Your reason, when you reject or walk out")
                            .desired_width(370.0),
                    );
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = move_button(ui, "Say it", &moves.say) {
                            builder.text.clear();
                            sent.push(c);
                        }
                        sent.extend(move_button(ui, "Propose (Enter)", &moves.propose));
                        sent.extend(move_button(ui, "Ask the mediator (M)", &moves.ask));
                        sent.extend(move_button(ui, "Request a recess", &moves.recess));
                        sent.extend(move_button(ui, "Pass (P)", &moves.pass));
                        if move_button(ui, egui::RichText::new("Walk out").color(RED), &moves.walk_out).is_some() {
                            builder.confirm_walkout = true;
                        }
                    });
                    if builder.confirm_walkout && moves.walk_out.is_open() {
                        ui.colored_label(RED, "Walk out for good? The talks end for your delegation.");
                        ui.horizontal(|ui| {
                            if ui.button(egui::RichText::new("Yes, walk out").color(RED)).clicked() {
                                sent.push(moves.walk_out.command.clone());
                                builder.confirm_walkout = false;
                            }
                            if ui.button("Stay at the table").clicked() {
                                builder.confirm_walkout = false;
                            }
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
                        for strategy in MediatorStrategy::CHOICES {
                            if ui.small_button(strategy.label()).clicked() {
                                match desk(&s, state, strategy) {
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
                            .hint_text("Why this package (shown to the parties), one reason a line")
                            .desired_width(370.0)
                            .desired_rows(2),
                    );
                    ui.horizontal_wrapped(|ui| {
                        if let Some(c) = move_button(ui, "Say it", &moves.say) {
                            builder.text.clear();
                            sent.push(c);
                        }
                        sent.extend(move_button(ui, "Table it (Enter)", &moves.mediate));
                        sent.extend(move_button(ui, "Pass (P)", &moves.pass));
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
                        let named = |o: MediatorStrategy| (o.label().to_string(), None);
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
