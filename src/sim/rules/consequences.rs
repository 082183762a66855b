//! `consequences`: the Events an allowed move produces, in order. Nothing here changes a table.

use super::check::View;
use crate::sim::command::{Command, Lines, Reason, Seat};
use crate::sim::delegation::StatementKind;
use crate::sim::issue::Package;
use crate::sim::outcome::Outcome;
use crate::sim::scenario::Effect;
use crate::sim::transcript::{Event, Proposal};
use crate::sim::turn::Phase;

/// How much a statement moves the room: (tension, others' trust in the speaker, others' patience).
fn statement_weight(kind: StatementKind) -> (f64, f64, f64) {
    match kind {
        StatementKind::Conciliatory => (-0.04, 0.03, 0.02),
        StatementKind::Firm => (0.02, 0.0, 0.0),
        StatementKind::Threat => (0.08, -0.05, -0.04),
        StatementKind::WalkoutWarning => (0.05, -0.02, -0.02),
    }
}

/// The Events an allowed move produces, in order.
pub fn consequences(view: &View, seat: Seat, command: &Command) -> Vec<Event> {
    let state = view.state;
    let n = state.seats.len();
    let mut events = Vec::new();
    let d = match seat {
        Seat::Delegation(d) => d,
        Seat::Mediator | Seat::Facilitator => n,
    };
    let proposal = |round: u32, package: Package, explanation: Lines| Proposal {
        id: state.next_proposal,
        round,
        author: seat,
        package,
        explanation,
    };
    match command {
        Command::Statement { kind, text } => {
            events.push(Event::Statement {
                seat,
                kind: *kind,
                text: text.clone(),
            });
            let (tension, trust, patience) = statement_weight(*kind);
            if tension != 0.0 {
                events.push(Event::Changed {
                    effect: Effect::Tension { change: tension },
                });
            }
            for other in view.present().filter(|&o| o != d) {
                if trust != 0.0 {
                    events.push(Event::Changed {
                        effect: Effect::Trust {
                            from: other,
                            towards: d,
                            change: trust,
                        },
                    });
                }
                if patience != 0.0 {
                    events.push(Event::Changed {
                        effect: Effect::Patience {
                            seat: other,
                            change: patience,
                        },
                    });
                }
            }
        }
        Command::Propose { package } => events.push(Event::Proposed {
            proposal: proposal(state.round, *package, Lines::default()),
        }),
        Command::Mediate { package, explanation } => events.push(Event::Proposed {
            proposal: proposal(state.round, *package, explanation.clone()),
        }),
        Command::Accept { proposal } => events.push(Event::Accepted {
            seat: d,
            proposal: *proposal,
        }),
        Command::Reject { proposal, reason } => events.push(Event::Rejected {
            seat: d,
            proposal: *proposal,
            reason: reason.clone(),
        }),
        Command::Counter { proposal: id, package } => {
            events.push(Event::Rejected {
                seat: d,
                proposal: *id,
                reason: Reason::Said("we table a counter-proposal".into()),
            });
            events.push(Event::Proposed {
                proposal: proposal(state.round + 1, *package, Lines::default()),
            });
        }
        Command::AskMediator => events.push(Event::MediatorAsked { seat: d }),
        Command::RequestRecess => {
            events.push(Event::Recess { seat: d });
            events.push(Event::Changed {
                effect: Effect::Tension { change: -0.1 },
            });
            for o in view.present() {
                events.push(Event::Changed {
                    effect: Effect::Patience { seat: o, change: 0.08 },
                });
            }
        }
        Command::WalkOut { reason } => {
            events.push(Event::WalkedOut {
                seat: d,
                reason: reason.clone(),
            });
            // Under unanimity a package is accepted as one by every delegation at the table, side agreements
            // included, so those who stay cannot sign without the one who left: a walkout ends the talks,
            // however many sit. Under a ratification rule the others go on while they can still agree.
            let stays = |o: usize| o != d && !state.has_left(o);
            if view.scenario.ratification.is_none() || !view.scenario.can_still_agree(stays) {
                events.push(Event::Concluded {
                    outcome: Outcome::Walkout { seat: d },
                });
            }
        }
        Command::Pass if state.phase == Phase::Responses => {
            // Letting the responses go by is agreeing to none of them.
            for p in state.unanswered(d) {
                events.push(Event::Rejected {
                    seat: d,
                    proposal: p.id,
                    reason: Reason::Said("it lets the proposal pass".into()),
                });
            }
        }
        Command::Pass => events.push(Event::Passed { seat }),
        Command::SetStrategy { seat, strategy } => events.push(Event::StrategySet {
            seat: *seat,
            strategy: *strategy,
        }),
        Command::SetMediatorStrategy { strategy } => events.push(Event::MediatorStrategySet { strategy: *strategy }),
        Command::Pause => events.push(Event::Paused),
        Command::Resume => events.push(Event::Resumed),
        Command::Inject { index } => {
            if let Some(inject) = view.scenario.injects.get(*index) {
                events.push(Event::Injected {
                    index: Some(*index),
                    headline: inject.headline.clone(),
                });
                events.extend(inject.effects.iter().map(|&effect| Event::Changed { effect }));
            }
        }
        Command::InjectCustom { headline, effect } => {
            events.push(Event::Injected {
                index: None,
                headline: headline.trim().to_string(),
            });
            events.push(Event::Changed { effect: *effect });
        }
        Command::SetClock { rounds } => events.push(Event::ClockSet { rounds: *rounds }),
        Command::TakeSeat { seat } => events.push(Event::TakenOver { seat: *seat }),
        Command::HandBack { seat } => events.push(Event::HandedBack { seat: *seat }),
        Command::EndTalks => {
            events.push(Event::Ended);
            events.push(Event::Concluded {
                outcome: Outcome::Deadlock,
            });
        }
    }
    events
}
