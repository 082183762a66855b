//! The Nash bargaining point: of the packages every side can sign, the one with the greatest product of
//! gains over walking away. Red lines and walk-away values are respected by construction.

use super::{Draft, frontier_point};
use crate::sim::analysis::Parties;
use crate::sim::analysis::frontier::nash;
use crate::sim::scenario::Scenario;

/// The Nash bargaining point of the packages every side present can sign, with its reasons, or why there is none.
pub fn draft(s: &Scenario, parties: &Parties) -> Draft {
    frontier_point(s, parties, nash, |_, signable, frontier| {
        (
            format!(
                "This is the Nash bargaining point: of the {signable} packages every side can sign, it gives the greatest product of gains over walking away."
            ),
            format!(
                "Why this package and not another: it is one of the {frontier} packages no other beats for every side at once, and moving to any of the others would cost one side more, in proportion to its gain, than another would win."
            ),
        )
    })
}
