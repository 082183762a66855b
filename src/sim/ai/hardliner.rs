//! The hardliner: asks for its best every round and gives ground only when pressure moves it. A scheduled
//! event that lowers its walk-away value lowers its aim twice as far; every delegation that has warned it
//! may leave takes a further step off.

use super::Me;
use crate::sim::scenario::Scenario;

/// How far the aim falls per point the walk-away value has fallen since the start.
pub const PRESSURE_GAIN: f64 = 2.0;
/// How far the aim falls for each other delegation that has warned it may walk out.
pub const WARNING_STEP: f64 = 0.1;

/// Its aim: the best it can sign, less what pressure and walk-out warnings have taken off.
pub fn aim(scenario: &Scenario, me: &Me) -> f64 {
    let pressure = (me.anchor - me.walk_away).max(0.0);
    let give = PRESSURE_GAIN * pressure + WARNING_STEP * me.warnings as f64;
    (me.best(scenario) - give).max(me.walk_away)
}
