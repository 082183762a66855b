//! Events: everything that can happen at a table. Table state changes only by applying these, in order.

use serde::{Deserialize, Serialize};

use super::command::{Lines, Reason, Seat, Text};
use super::delegation::{Controller, StatementKind, Strategy};
use super::outcome::Outcome;
use super::scenario::{Effect, MediatorStrategy};
use super::turn::Phase;

/// A package on the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    /// The proposal's number at its table, counted from 1; responses name it.
    pub id: u32,
    /// The round in which it stands; for a counter-proposal, the round after the one it was made in.
    pub round: u32,
    /// Who tabled it: a delegation or the mediator.
    pub author: Seat,
    /// What it settles, issue by issue; any issue may be left open.
    pub package: super::issue::Package,
    /// The mediator's reasons; empty for a delegation's proposal.
    pub explanation: Lines,
}

/// Something that happened at a table. Table state changes only by applying these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// The table opened with this seed.
    Opened {
        /// The seed that varies patience and walk-away values and drives every random choice at the table.
        seed: u64,
    },
    /// A new round began; standing proposals are cleared and counter-proposals come onto the table.
    RoundStarted {
        /// The round's number, counted from 1.
        round: u32,
    },
    /// The round moved on to a new phase.
    PhaseStarted {
        /// The phase now under way.
        phase: Phase,
    },
    /// A scheduled event fired (its index in the scenario); its effects follow as `Changed`.
    Scheduled {
        /// The event's index in the scenario's list of events.
        index: usize,
    },
    /// A number moved: walk-away value, patience, trust or tension.
    Changed {
        /// Which number moved, and by how much.
        effect: Effect,
    },
    /// A delegation or the mediator said something to the room.
    Statement {
        /// Who spoke.
        seat: Seat,
        /// The kind of statement: conciliatory, firm, threat or walk-out warning.
        kind: StatementKind,
        /// What was said.
        text: Text,
    },
    /// A package was tabled, by a delegation or the mediator.
    Proposed {
        /// The proposal as tabled.
        proposal: Proposal,
    },
    /// A delegation accepted a standing proposal.
    Accepted {
        /// The seat number of the delegation that accepted.
        seat: usize,
        /// The number of the proposal accepted.
        proposal: u32,
    },
    /// A delegation refused a standing proposal.
    Rejected {
        /// The seat number of the delegation that refused.
        seat: usize,
        /// The number of the proposal refused.
        proposal: u32,
        /// Why: a red line, a value below walking away, a higher aim, or its own words.
        reason: Reason,
    },
    /// A seat let the current phase pass without acting.
    Passed {
        /// The seat that passed.
        seat: Seat,
    },
    /// A delegation asked the mediator to table a proposal this round.
    MediatorAsked {
        /// The seat number of the delegation that asked.
        seat: usize,
    },
    /// A delegation called its one recess: tension eases and patience returns.
    Recess {
        /// The seat number of the delegation that asked for it.
        seat: usize,
    },
    /// A delegation left the talks for good.
    WalkedOut {
        /// The seat number of the delegation that left.
        seat: usize,
        /// Why it left, in its own words.
        reason: Text,
    },
    /// The round is over; the state hash lets a replay check that it reached the same table.
    RoundEnded {
        /// The round that ended.
        round: u32,
        /// FNV-1a hash of the table state and random streams at the end of the round.
        hash: u64,
    },
    /// Under a ratification rule, the delegations whose acceptance carried the deal that follows; the others
    /// were outvoted or had left. (Under unanimity every delegation at the table accepted, and this is not sent.)
    Ratified {
        /// The seat numbers of those who accepted, in seat order.
        seats: Vec<usize>,
    },
    /// The talks are over.
    Concluded {
        /// How they ended: agreement, partial agreement, deadlock or walkout.
        outcome: Outcome,
    },
    /// A person changed how the AI plays a delegation.
    StrategySet {
        /// The seat number of the delegation.
        seat: usize,
        /// The strategy the AI now plays it by.
        strategy: Strategy,
    },
    /// A person changed how the AI mediator drafts.
    MediatorStrategySet {
        /// The strategy the mediator now drafts by.
        strategy: MediatorStrategy,
    },
    /// A seat changed hands: from now on a person, or the AI, plays it.
    Controlled {
        /// The seat that changed hands.
        seat: Seat,
        /// Who plays it now: a person or the AI.
        by: Controller,
    },
    /// The facilitator paused the table: no seat moves until it resumes.
    Paused,
    /// The facilitator let the table go on.
    Resumed,
    /// The facilitator injected news; its effects follow as `Changed`.
    Injected {
        /// The scenario's inject, by index, or none for the facilitator's own.
        index: Option<usize>,
        /// What the table reads.
        headline: String,
    },
    /// The facilitator set the session's length.
    ClockSet {
        /// The session's number of rounds from now on.
        rounds: u32,
    },
    /// The facilitator took a seat from the AI and plays it from now on.
    TakenOver {
        /// The seat taken.
        seat: Seat,
    },
    /// The facilitator gave a seat it had taken back to the AI.
    HandedBack {
        /// The seat handed back.
        seat: Seat,
    },
    /// The facilitator ended the talks; the outcome follows.
    Ended,
}
