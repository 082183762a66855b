//! The Nash bargaining point: of the packages every side can sign, the one with the greatest product of
//! gains over walking away. Red lines and walk-away values are respected by construction.

use super::{Reasoned, frontier_point};
use crate::sim::analysis::Parties;
use crate::sim::analysis::frontier::nash;
use crate::sim::scenario::Scenario;

/// The Nash bargaining point of the packages every side present can sign, with its reasons, or why there is none.
pub fn draft(s: &Scenario, parties: &Parties) -> Reasoned {
    frontier_point(s, parties, nash, |_| {
        (
            "This is the Nash bargaining point: of the packages every side can sign, it gives the greatest product of gains over walking away.".into(),
            "Why this package and not another: no other beats it for every side at once, and moving to any other would cost one side more, in proportion to its gain, than another would win.".into(),
        )
    })
}
