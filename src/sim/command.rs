//! Commands: everything a seat at the table may ask for. Front ends and AIs alike only ever send these.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::delegation::{StatementKind, Strategy};
use super::issue::Package;
use super::rules::RuleError;
use super::scenario::MediatorStrategy;

/// Who sends a Command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Seat {
    /// A delegation, by its seat number (the order of the scenario file).
    Delegation(usize),
    /// The mediator's chair.
    Mediator,
}

/// Why a delegation refuses a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// The package crosses one of the delegation's red lines (its own words).
    RedLine(String),
    /// The package is worth less to the delegation than walking away.
    BelowWalkAway { value: f64, walk_away: f64 },
    /// The package is worth less than the delegation still hopes to get.
    AsksTooMuch { value: f64, aim: f64 },
    /// A reason in the player's own words.
    Said(String),
}

/// One move at the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Say something to the room (statements phase; the mediator may also speak while mediating).
    Statement { kind: StatementKind, text: String },
    /// Table a package (proposals phase).
    Propose { package: Package },
    /// The mediator tables its package, with its reasons (mediation phase).
    Mediate { package: Package, explanation: Vec<String> },
    /// Accept a standing proposal (responses phase).
    Accept { proposal: u32 },
    /// Refuse a standing proposal (responses phase).
    Reject { proposal: u32, reason: Reason },
    /// Refuse a standing proposal and table another for the next round (responses phase).
    Counter { proposal: u32, package: Package },
    /// Ask the mediator to table a proposal this round (statements phase).
    AskMediator,
    /// Ask for a recess: tempers cool, patience returns (statements phase; once per delegation).
    RequestRecess,
    /// Leave the talks for good (statements phase).
    WalkOut { reason: String },
    /// Let this phase pass without acting.
    Pass,
    /// Change how the AI plays a delegation's seat (a person at the table only; any phase; not a turn).
    SetStrategy { seat: usize, strategy: Strategy },
    /// Change how the AI mediator drafts its proposals (a person at the table only; any phase; not a turn).
    SetMediatorStrategy { strategy: MediatorStrategy },
}

/// A Command on its way to a table's rules.
#[derive(Message, Debug, Clone)]
pub struct CommandMsg {
    pub table: Entity,
    pub seat: Seat,
    pub command: Command,
}

/// A Command the rules refused, and why, for the front end that sent it.
#[derive(Message, Debug, Clone)]
pub struct RefusedMsg {
    pub table: Entity,
    pub seat: Seat,
    pub command: Command,
    pub error: RuleError,
}
