//! The Kalai–Smorodinsky point: of the packages every side can sign, the one that gives every side the
//! same share of the most it could hope for, from its walk-away value to its best signable package.

use super::explain::pct;
use super::{Reasoned, frontier_point};
use crate::sim::analysis::Parties;
use crate::sim::analysis::frontier::kalai_smorodinsky;
use crate::sim::scenario::Scenario;

/// The Kalai–Smorodinsky point of the packages every side present can sign, with its reasons, or why there is none.
pub fn draft(s: &Scenario, parties: &Parties) -> Reasoned {
    frontier_point(s, parties, kalai_smorodinsky, |pick| {
        (
            format!(
                "This is the Kalai-Smorodinsky point: it gives every side at least {}% of the way from its walk-away value to the best it could hope for in a package the others can sign.",
                pct(pick.score)
            ),
            "Why this package and not another: of the packages every side can sign, none gives the side that is furthest from its hopes a larger share of them.".into(),
        )
    })
}
