//! Time-dependent tactics: the aspiration `a(t) = 1 - t^e` falls from the best the delegation can
//! sign to its walk-away value; Boulware (e = 4) holds out, Linear (e = 1) gives evenly, Conceder
//! (e = 0.25) gives early.

use rand_chacha::ChaCha8Rng;

use super::{Me, propose_near, time};
use crate::sim::delegation::Strategy;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

/// `a(t) = 1 - t^e`, scaled between the walk-away value (or `low`) and the best value `high`.
pub fn aspiration(exponent: f64, t: f64, low: f64, high: f64) -> f64 {
    aspiration_at(t.powf(exponent), low, high)
}

/// The same aspiration from `t^e` already computed, for callers that reuse it across many negotiations.
pub fn aspiration_at(t_to_the_e: f64, low: f64, high: f64) -> f64 {
    let floor = low.min(high);
    floor + (high - floor) * (1.0 - t_to_the_e)
}

/// The delegation's current aim: what a package must be worth before it says yes.
pub fn aim(scenario: &Scenario, state: &TableState, me: &Me) -> f64 {
    let exponent = match me.strategy {
        Strategy::TimeDependent { exponent } => exponent,
        _ => 1.0,
    };
    aspiration(exponent, time(state, state.round), me.walk_away, me.best(scenario)).max(me.walk_away)
}

/// Tables a package near its aim, on the frontier its opponent model sees (see `propose_near`).
pub fn propose(scenario: &Scenario, state: &TableState, me: &Me, rng: &mut ChaCha8Rng) -> Option<Package> {
    let model = super::opponent::OpponentModel::learn(scenario, state, me.seat);
    propose_near(scenario, me, aim(scenario, state, me), Some(&model), rng)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boulware_holds_out_and_conceder_gives_early() {
        let at_half = |e| aspiration(e, 0.5, 0.2, 1.0);
        assert!(at_half(4.0) > 0.9);
        assert!(at_half(0.25) < 0.4);
        assert_eq!(aspiration(4.0, 0.0, 0.2, 1.0), 1.0);
        assert_eq!(aspiration(0.25, 1.0, 0.2, 1.0), 0.2);
    }
}
