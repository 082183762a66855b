//! The delegation: played from the scenario's personality. Its posture sets the pace of its concessions,
//! running out of patience hurries it, and trust in whoever tables a package bends what it accepts.
//! Its statements, answers to threats, warnings and walk-outs are in `conduct.rs`.

use super::{Me, aspiration, time};
use crate::sim::command::Seat;
use crate::sim::delegation::Posture;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;
use crate::sim::transcript::Proposal;

/// The exponent of `a(t) = 1 - t^e` each posture concedes by.
pub fn pace(posture: Posture) -> f64 {
    match posture {
        Posture::Conciliatory => 0.5,
        Posture::Firm => 1.5,
        Posture::Hardline => 3.0,
    }
}

/// How much of the remaining session a delegation out of patience feels has gone.
const URGENCY: f64 = 0.5;
/// How far full trust (or full distrust) in a proposal's author moves what the delegation accepts.
const TRUST_SLACK: f64 = 0.5;

/// Patience below which a delegation that has warned it may leave stops agreeing to anything.
pub const STALL_BELOW: f64 = 0.2;

/// Whether the delegation is stalling: it has warned it may walk out and its patience has not recovered,
/// so it refuses every proposal until a recess or a conciliatory word gives it back some patience.
pub fn stalls(me: &Me) -> bool {
    me.presence.warned && me.patience < STALL_BELOW
}

/// Its aim: its posture's concession curve, on a clock that runs faster as patience wears out.
pub fn aim(scenario: &Scenario, state: &TableState, me: &Me) -> f64 {
    let t = time(state, state.round);
    let felt = t + URGENCY * (1.0 - me.patience).clamp(0.0, 1.0) * (1.0 - t);
    aspiration(pace(me.posture), felt, me.walk_away, me.best(scenario)).max(me.walk_away)
}

/// What a proposal must be worth before it says yes: its aim, lowered for an author it trusts and
/// raised for one it distrusts (trust 0.5 is neutral).
pub fn acceptance(scenario: &Scenario, state: &TableState, me: &Me, proposal: &Proposal) -> f64 {
    let author = match proposal.author {
        Seat::Delegation(d) => d,
        Seat::Mediator | Seat::Facilitator => scenario.delegations.len(),
    };
    let trust = me.trust.get(author).copied().unwrap_or(0.5);
    aim(scenario, state, me) - TRUST_SLACK * (trust - 0.5)
}
