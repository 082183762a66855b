//! Events: everything that can happen at a table. Table state changes only by applying these, in order.

use serde::{Deserialize, Serialize};

use super::command::{Reason, Seat};
use super::delegation::{Controller, StatementKind, Strategy};
use super::outcome::Outcome;
use super::scenario::{Effect, MediatorStrategy};
use super::turn::Phase;

/// A package on the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: u32,
    pub round: u32,
    pub author: Seat,
    pub package: super::issue::Package,
    /// The mediator's reasons; empty for a delegation's proposal.
    pub explanation: Vec<String>,
}

/// Something that happened at a table. Table state changes only by applying these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The table opened with this seed.
    Opened {
        seed: u64,
    },
    RoundStarted {
        round: u32,
    },
    PhaseStarted {
        phase: Phase,
    },
    /// A scheduled event fired (its index in the scenario); its effects follow as `Changed`.
    Scheduled {
        index: usize,
    },
    /// A number moved: walk-away value, patience, trust or tension.
    Changed {
        effect: Effect,
    },
    Statement {
        seat: Seat,
        kind: StatementKind,
        text: String,
    },
    Proposed {
        proposal: Proposal,
    },
    Accepted {
        seat: usize,
        proposal: u32,
    },
    Rejected {
        seat: usize,
        proposal: u32,
        reason: Reason,
    },
    Passed {
        seat: Seat,
    },
    MediatorAsked {
        seat: usize,
    },
    Recess {
        seat: usize,
    },
    WalkedOut {
        seat: usize,
        reason: String,
    },
    RoundEnded {
        round: u32,
        hash: u64,
    },
    Concluded {
        outcome: Outcome,
    },
    /// A person changed how the AI plays a delegation.
    StrategySet {
        seat: usize,
        strategy: Strategy,
    },
    /// A person changed how the AI mediator drafts.
    MediatorStrategySet {
        strategy: MediatorStrategy,
    },
    /// A seat changed hands: from now on a person, or the AI, plays it.
    Controlled {
        seat: Seat,
        by: Controller,
    },
}
