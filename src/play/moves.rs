//! The moves open to a seat, judged by the rules themselves: each control (a button, a key, a typed word)
//! stands for one Command, and the rules' dry run of that very Command says whether it is open now and,
//! if not, why not. No front end keeps its own copy of the rules.

use crate::sim::command::{Command, Reason, Seat};
use crate::sim::delegation::{StatementKind, Strategy};
use crate::sim::issue::Package;
use crate::sim::rules::{RuleError, View, check};
use crate::sim::scenario::{MediatorStrategy, Scenario};
use crate::sim::table::TableState;

use super::lookup::DEFAULT_WALKOUT_REASON;

/// A move a control stands for, and the rules' verdict on it now.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Exactly what the control sends.
    pub command: Command,
    /// Whether the rules accept it now, and if not, why not in a player's words.
    pub verdict: Result<(), RuleError>,
}

impl Move {
    fn judged(view: &View, seat: Seat, command: Command) -> Move {
        let verdict = check(view, seat, &command);
        Move { command, verdict }
    }

    /// Whether the move is open now.
    pub fn is_open(&self) -> bool {
        self.verdict.is_ok()
    }

    /// Why the move is not open now, in the rules' words.
    pub fn why_not(&self) -> Option<String> {
        self.verdict.as_ref().err().map(ToString::to_string)
    }
}

/// What the player has composed so far: the package in the builder, a statement, a reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Composed {
    /// The package in the builder: an option chosen for some issues, the others left open.
    pub package: Package,
    /// The tone of the composed statement (conciliatory, firm, threat, walk-out warning).
    pub kind: StatementKind,
    /// What to say to the room.
    pub text: String,
    /// The reason given when rejecting or walking out (the default walk-out reason when empty).
    pub reason: String,
    /// The mediator's reasons for its package, one per entry.
    pub reasons: Vec<String>,
}

impl Default for Composed {
    fn default() -> Self {
        Composed {
            package: Package::OPEN,
            kind: StatementKind::Firm,
            text: String::new(),
            reason: String::new(),
            reasons: Vec::new(),
        }
    }
}

/// The three answers to one proposal on the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// The number of the proposal these answers are to.
    pub proposal: u32,
    /// Accept the proposal as it stands.
    pub accept: Move,
    /// Reject the proposal, giving the composed reason.
    pub reject: Move,
    /// Reject it and table the composed package for the next round.
    pub counter: Move,
}

/// Every move a seat's controls stand for, each judged by the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Moves {
    /// The seat the moves are judged for.
    pub seat: Seat,
    /// Make the composed statement.
    pub say: Move,
    /// Table the composed package as a party.
    pub propose: Move,
    /// Table the composed package as the mediator, with the composed reasons.
    pub mediate: Move,
    /// Ask the mediator to table a proposal this round.
    pub ask: Move,
    /// Ask for the delegation's one recess of the game.
    pub recess: Move,
    /// Let the phase pass; in the responses phase, this rejects every proposal still unanswered.
    pub pass: Move,
    /// Leave the talks for good, giving the composed reason (or the default one).
    pub walk_out: Move,
    /// One entry per proposal on the table.
    pub answers: Vec<Answers>,
}

impl Moves {
    /// Every move, each with the word the terminal uses for it.
    pub fn named(&self) -> Vec<(String, &Move)> {
        let mut all: Vec<(String, &Move)> = vec![
            ("say".into(), &self.say),
            ("propose".into(), &self.propose),
            ("mediate".into(), &self.mediate),
            ("ask".into(), &self.ask),
            ("recess".into(), &self.recess),
            ("pass".into(), &self.pass),
            ("walkout".into(), &self.walk_out),
        ];
        for a in &self.answers {
            all.push((format!("accept {}", a.proposal), &a.accept));
            all.push((format!("reject {}", a.proposal), &a.reject));
            all.push((format!("counter {}", a.proposal), &a.counter));
        }
        all
    }

    /// The words of the moves open now.
    pub fn open(&self) -> Vec<String> {
        self.named()
            .into_iter()
            .filter(|(_, m)| m.is_open())
            .map(|(word, _)| word)
            .collect()
    }
}

/// Every move `seat` could make with what it has `composed`, judged against the table as it stands.
pub fn moves(s: &Scenario, state: &TableState, seat: Seat, composed: &Composed) -> Moves {
    let view = View { scenario: s, state };
    let judged = |command: Command| Move::judged(&view, seat, command);
    let reason = composed.reason.trim();
    Moves {
        seat,
        say: judged(Command::Statement {
            kind: composed.kind,
            text: composed.text.trim().into(),
        }),
        propose: judged(Command::Propose {
            package: composed.package,
        }),
        mediate: judged(Command::Mediate {
            package: composed.package,
            explanation: composed.reasons.clone().into(),
        }),
        ask: judged(Command::AskMediator),
        recess: judged(Command::RequestRecess),
        pass: judged(Command::Pass),
        walk_out: judged(Command::WalkOut {
            reason: if reason.is_empty() {
                DEFAULT_WALKOUT_REASON.into()
            } else {
                reason.into()
            },
        }),
        answers: state
            .proposals
            .iter()
            .map(|p| Answers {
                proposal: p.id,
                accept: judged(Command::Accept { proposal: p.id }),
                reject: judged(Command::Reject {
                    proposal: p.id,
                    reason: Reason::Said(reason.into()),
                }),
                counter: judged(Command::Counter {
                    proposal: p.id,
                    package: composed.package,
                }),
            })
            .collect(),
    }
}

/// Setting how the AI plays delegation `target`, as `seat` would send it.
pub fn set_strategy(s: &Scenario, state: &TableState, seat: Seat, target: usize, strategy: Strategy) -> Move {
    Move::judged(
        &View { scenario: s, state },
        seat,
        Command::SetStrategy { seat: target, strategy },
    )
}

/// Setting how the AI mediator drafts, as `seat` would send it.
pub fn set_mediator_strategy(s: &Scenario, state: &TableState, seat: Seat, strategy: MediatorStrategy) -> Move {
    Move::judged(
        &View { scenario: s, state },
        seat,
        Command::SetMediatorStrategy { strategy },
    )
}
