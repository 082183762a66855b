//! Time-dependent tactics: the aspiration `a(t) = 1 - t^e` falls from the best the delegation can
//! sign to its walk-away value; Boulware (e = 4) holds out, Conceder (e = 0.25) gives early.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::Me;
use crate::sim::command::{Command, Reason};
use crate::sim::delegation::Strategy;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;
use crate::sim::transcript::Proposal;

/// How far above its aspiration a delegation still counts a package as "about what we ask".
const BAND: f64 = 0.08;

/// Share of the session gone at the start of `round`: 0 in the first round, 1 in the last.
fn time(scenario: &Scenario, round: u32) -> f64 {
    let rounds = scenario.clock.rounds.max(2);
    (f64::from(round.saturating_sub(1)) / f64::from(rounds - 1)).clamp(0.0, 1.0)
}

/// `a(t) = 1 - t^e`, scaled between the walk-away value and the best package the delegation can sign.
pub fn aspiration(strategy: Strategy, t: f64, walk_away: f64, best: f64) -> f64 {
    let Strategy::TimeDependent { exponent } = strategy;
    let floor = walk_away.min(best);
    floor + (best - floor) * (1.0 - t.powf(exponent))
}

/// The delegation's current aim: what a package must be worth before it says yes.
fn aim(scenario: &Scenario, state: &TableState, me: &Me) -> f64 {
    let best = scenario.space.best[me.seat];
    aspiration(me.strategy, time(scenario, state.round), me.walk_away, best).max(me.walk_away)
}

/// Tables the package nearest its aim: among those at or just above it, one the other delegations'
/// public red lines allow, picked by lot; otherwise the cheapest one still above the aim.
pub fn propose(scenario: &Scenario, state: &TableState, me: &Me, rng: &mut ChaCha8Rng) -> Option<Package> {
    let target = aim(scenario, state, me);
    let space = &scenario.space;
    let mine = &space.utility[me.seat];
    let others = |k: usize| {
        (0..scenario.delegations.len())
            .filter(|&d| d != me.seat && space.allowed[d][k])
            .count()
    };
    let candidates: Vec<usize> = (0..space.packages.len())
        .filter(|&k| space.allowed[me.seat][k] && !space.packages[k].is_open() && mine[k] >= target)
        .collect();
    let near: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&k| mine[k] <= target + BAND)
        .collect();
    let pool = if near.is_empty() {
        let lowest = candidates.iter().map(|&k| mine[k]).fold(f64::INFINITY, f64::min);
        candidates.iter().copied().filter(|&k| mine[k] == lowest).collect()
    } else {
        near
    };
    let most = pool.iter().map(|&k| others(k)).max()?;
    let best: Vec<usize> = pool.into_iter().filter(|&k| others(k) == most).collect();
    let pick = best[rng.random_range(0..best.len())];
    Some(space.packages[pick])
}

/// Accepts a proposal worth its aim and inside its red lines; otherwise says why not.
pub fn respond(scenario: &Scenario, state: &TableState, me: &Me, proposal: &Proposal) -> Command {
    let id = proposal.id;
    if let Some(line) = me.red_lines.crossed(proposal.package) {
        return Command::Reject {
            proposal: id,
            reason: Reason::RedLine(line.why.clone()),
        };
    }
    let value = me.priorities.utility(proposal.package);
    if value < me.walk_away {
        return Command::Reject {
            proposal: id,
            reason: Reason::BelowWalkAway {
                value,
                walk_away: me.walk_away,
            },
        };
    }
    let target = aim(scenario, state, me);
    if value + 1e-9 < target {
        return Command::Reject {
            proposal: id,
            reason: Reason::AsksTooMuch { value, aim: target },
        };
    }
    Command::Accept { proposal: id }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boulware_holds_out_and_conceder_gives_early() {
        let boulware = Strategy::TimeDependent { exponent: 4.0 };
        let conceder = Strategy::TimeDependent { exponent: 0.25 };
        let at_half = |s| aspiration(s, 0.5, 0.2, 1.0);
        assert!(at_half(boulware) > 0.9);
        assert!(at_half(conceder) < 0.4);
        assert_eq!(aspiration(boulware, 0.0, 0.2, 1.0), 1.0);
        assert_eq!(aspiration(conceder, 1.0, 0.2, 1.0), 0.2);
    }
}
