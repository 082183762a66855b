//! How a delegation played from its personality carries itself: what it says, how it answers threats,
//! when it warns and when it walks out.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::Me;
use crate::sim::command::Command;
use crate::sim::delegation::{Posture, StatementKind};
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

/// Patience below which a delegation warns that it may leave.
const WARN_BELOW: f64 = 0.2;
/// Patience below which a delegation that has warned leaves when threatened again.
const LEAVE_WHEN_THREATENED: f64 = 0.1;
/// Chance that a delegation answers a threat made in this round or the last.
const ANSWER_THREAT: f64 = 0.7;

/// The delegation's move in the statements phase.
pub fn statement(scenario: &Scenario, state: &TableState, me: &Me, rng: &mut ChaCha8Rng) -> Command {
    if me.presence.warned && me.patience <= 0.0 {
        return Command::WalkOut {
            reason: "its patience is exhausted; it sees nothing more to discuss here.".into(),
        };
    }
    // Threatened again after warning, with little patience left, it does what it said it would.
    if me.presence.warned && me.threatened && me.patience < LEAVE_WHEN_THREATENED {
        return Command::WalkOut {
            reason: "it had warned it would not negotiate under threats, and leaves.".into(),
        };
    }
    if !me.presence.warned && me.patience < WARN_BELOW {
        return say(scenario, me, StatementKind::WalkoutWarning, rng);
    }
    if !me.presence.recess_used && me.patience < 0.35 && state.tension > 0.7 && rng.random::<f64>() < 0.5 {
        return Command::RequestRecess;
    }
    // A threat is answered in kind by the hard, firmly by the firm, with a call for calm by the conciliatory.
    if me.threatened && rng.random::<f64>() < ANSWER_THREAT {
        let kind = match me.posture {
            Posture::Conciliatory => StatementKind::Conciliatory,
            Posture::Firm => StatementKind::Firm,
            Posture::Hardline => StatementKind::Threat,
        };
        return say(scenario, me, kind, rng);
    }
    // Chances of (conciliatory, firm, threat); the rest of the time the delegation lets the floor pass.
    let (c, f, t) = match me.posture {
        Posture::Conciliatory => (0.5, 0.1, 0.0),
        Posture::Firm => (0.15, 0.45, 0.05),
        Posture::Hardline => (0.05, 0.45, 0.25),
    };
    let roll = rng.random::<f64>();
    let kind = if roll < c {
        StatementKind::Conciliatory
    } else if roll < c + f {
        StatementKind::Firm
    } else if roll < c + f + t {
        StatementKind::Threat
    } else {
        return Command::Pass;
    };
    say(scenario, me, kind, rng)
}

fn say(scenario: &Scenario, me: &Me, kind: StatementKind, rng: &mut ChaCha8Rng) -> Command {
    let lines = scenario.lines(me.seat, kind);
    // A scenario with no line of this kind for the delegation: a generic line, marked as such.
    let text = if lines.is_empty() {
        match kind {
            StatementKind::Conciliatory => "[generic line] We are here to find common ground.".into(),
            StatementKind::Firm => "[generic line] Our position has not changed.".into(),
            StatementKind::Threat => "[generic line] If this goes on, there will be consequences.".into(),
            StatementKind::WalkoutWarning => "[generic line] If nothing moves, we will leave this table.".into(),
        }
    } else {
        lines[rng.random_range(0..lines.len())].clone()
    };
    Command::Statement { kind, text }
}
