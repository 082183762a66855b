//! Tit-for-tat: opens at its best and then mirrors the other side's last concession, measured in its
//! own utility: a step towards it is answered by a step of the same size, a step back by a step back.

use super::Me;
use crate::sim::command::Seat;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

/// What the other side's last move was worth to `me`: the mean, over the delegations that have tabled
/// at least twice, of how much more their latest package gives `me` than their one before.
pub fn their_concession(scenario: &Scenario, state: &TableState, me: &Me) -> Option<f64> {
    let mut steps = Vec::new();
    for d in (0..scenario.delegations.len()).filter(|&d| d != me.seat) {
        let mut theirs = state.offers.iter().rev().filter(|o| o.author == Seat::Delegation(d));
        if let (Some(last), Some(before)) = (theirs.next(), theirs.next()) {
            steps.push(me.priorities.utility(last.package) - me.priorities.utility(before.package));
        }
    }
    (!steps.is_empty()).then(|| steps.iter().sum::<f64>() / steps.len() as f64)
}

/// What its own last package was worth to it, if it has tabled one.
fn my_last(state: &TableState, me: &Me) -> Option<f64> {
    state
        .offers
        .iter()
        .rev()
        .find(|o| o.author == Seat::Delegation(me.seat))
        .map(|o| me.priorities.utility(o.package))
}

/// Its aim: its last package's value less the other side's last concession; its best at first.
pub fn aim(scenario: &Scenario, state: &TableState, me: &Me) -> f64 {
    let best = me.best(scenario);
    match my_last(state, me) {
        None => best,
        Some(last) => (last - their_concession(scenario, state, me).unwrap_or(0.0)).clamp(me.walk_away.min(best), best),
    }
}
