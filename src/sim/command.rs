//! Commands: everything a seat at the table may ask for. Front ends and AIs alike only ever send these.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::delegation::{StatementKind, Strategy};
use super::issue::Package;
use super::rules::RuleError;
use super::scenario::{Effect, MediatorStrategy};

/// Words said at the table: shared, so a move copied into the log, onto the table and into the transcript
/// copies no text. Read and written as a plain string.
pub type Text = std::sync::Arc<str>;

/// The mediator's reasons, one sentence each, shared the same way; read and written as a list of strings.
pub type Lines = std::sync::Arc<[String]>;

/// Who sends a Command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Seat {
    /// A delegation, by its seat number (the order of the scenario file).
    Delegation(usize),
    /// The mediator's chair.
    Mediator,
    /// The facilitator: the teacher who runs the table. Pauses, injects news, moves the clock, takes over
    /// seats; never negotiates under its own name.
    Facilitator,
}

/// Why a delegation refuses a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// The package crosses one of the delegation's red lines (its own words).
    RedLine(Text),
    /// The package is worth less to the delegation than walking away.
    BelowWalkAway {
        /// What the package is worth to the delegation, 0 to 1.
        value: f64,
        /// Its walk-away value, 0 to 1.
        walk_away: f64,
    },
    /// The package is worth less than the delegation still hopes to get.
    AsksTooMuch {
        /// What the package is worth to the delegation, 0 to 1.
        value: f64,
        /// What it aims for in this phase, 0 to 1: one aim for every proposal (from an author it distrusts it
        /// asks a little more than its aim, from one it trusts a little less).
        aim: f64,
    },
    /// A reason in the player's own words.
    Said(Text),
}

/// One move at the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Say something to the room (statements phase; the mediator may also speak while mediating).
    Statement {
        /// The kind of statement: conciliatory, firm, threat or walk-out warning.
        kind: StatementKind,
        /// What is said.
        text: Text,
    },
    /// Table a package (proposals phase).
    Propose {
        /// The package tabled: an option for each issue it settles, the rest left open.
        package: Package,
    },
    /// The mediator tables its package, with its reasons (mediation phase).
    Mediate {
        /// The package tabled.
        package: Package,
        /// The mediator's reasons, one sentence each, shown with the proposal.
        explanation: Lines,
    },
    /// Accept a standing proposal (responses phase).
    Accept {
        /// The number of the proposal accepted.
        proposal: u32,
    },
    /// Refuse a standing proposal (responses phase).
    Reject {
        /// The number of the proposal refused.
        proposal: u32,
        /// Why it is refused.
        reason: Reason,
    },
    /// Refuse a standing proposal and table another for the next round (responses phase).
    Counter {
        /// The number of the proposal refused.
        proposal: u32,
        /// The package tabled in its place for the next round.
        package: Package,
    },
    /// Ask the mediator to table a proposal this round (statements phase).
    AskMediator,
    /// Ask for a recess: tempers cool, patience returns (statements phase; once per delegation).
    RequestRecess,
    /// Leave the talks for good (statements phase).
    WalkOut {
        /// Why the delegation leaves, in its own words.
        reason: Text,
    },
    /// Let this phase pass without acting.
    Pass,
    /// Change how the AI plays a delegation's seat (a person at the table only; any phase; not a turn).
    SetStrategy {
        /// The seat number of the delegation.
        seat: usize,
        /// The strategy the AI is to play it by.
        strategy: Strategy,
    },
    /// Change how the AI mediator drafts its proposals (a person at the table only; any phase; not a turn).
    SetMediatorStrategy {
        /// The strategy the mediator is to draft by.
        strategy: MediatorStrategy,
    },
    /// Facilitator: stop the table; no seat moves until it resumes.
    Pause,
    /// Facilitator: let a paused table go on.
    Resume,
    /// Facilitator: fire one of the scenario's optional injects (its index in the scenario's `injects`).
    Inject {
        /// The inject's index in the scenario's list of injects, from 0.
        index: usize,
    },
    /// Facilitator: news of the facilitator's own making: a headline the table reads and one change.
    InjectCustom {
        /// What the table reads.
        headline: String,
        /// What it changes: a delegation's walk-away, patience or trust, or the tension, by a stated amount.
        effect: Effect,
    },
    /// Facilitator: extend or shorten the session to this many rounds (not before the round under way).
    SetClock {
        /// The session's new number of rounds.
        rounds: u32,
    },
    /// Facilitator: take an AI seat (a delegation or the mediator's chair) and play it from now on.
    TakeSeat {
        /// The seat taken.
        seat: Seat,
    },
    /// Facilitator: give a seat the facilitator took back to the AI.
    HandBack {
        /// The seat handed back.
        seat: Seat,
    },
    /// Facilitator: end the talks now, with no agreement.
    EndTalks,
}

impl Command {
    /// Whether only the facilitator may send this Command.
    pub fn is_facilitators(&self) -> bool {
        matches!(
            self,
            Command::Pause
                | Command::Resume
                | Command::Inject { .. }
                | Command::InjectCustom { .. }
                | Command::SetClock { .. }
                | Command::TakeSeat { .. }
                | Command::HandBack { .. }
                | Command::EndTalks
        )
    }
}

/// A Command on its way to a table's rules.
#[derive(Message, Debug, Clone)]
pub struct CommandMsg {
    /// The table entity the move is made at.
    pub table: Entity,
    /// Who makes the move.
    pub seat: Seat,
    /// The move itself.
    pub command: Command,
    /// Whether the seat's own AI decided it (not a person, a replay or a front end speaking for the seat).
    pub decided_by_ai: bool,
}

/// A Command the rules refused, and why, for the front end that sent it.
#[derive(Message, Debug, Clone)]
pub struct RefusedMsg {
    /// The table entity the move was made at.
    pub table: Entity,
    /// Who tried the move.
    pub seat: Seat,
    /// The move that was refused.
    pub command: Command,
    /// Which rule refused it, in words a player understands.
    pub error: RuleError,
}
