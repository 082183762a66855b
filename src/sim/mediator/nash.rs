//! The Nash bargaining point: of the packages every side can sign, the one with the greatest product of
//! gains over walking away. Red lines and walk-away values are respected by construction.

use super::Draft;
use super::explain::{gains, nothing_signable, zones};
use crate::sim::analysis::frontier::nash;
use crate::sim::analysis::{Parties, pareto_frontier, present_walk_away, zopa};
use crate::sim::scenario::Scenario;

pub fn draft(s: &Scenario, parties: &Parties) -> Draft {
    let signable = zopa(s, parties).len();
    let front = pareto_frontier(s, parties);
    let walk_away = present_walk_away(parties);
    let Some(pick) = nash(&front, &walk_away) else {
        return Err(nothing_signable(s, parties));
    };
    let package = s.space.packages[front.outcome[pick.at] as usize];
    let (_, mut why) = zones(s, parties);
    why.insert(
        0,
        format!(
            "This is the Nash bargaining point: of the {} packages every side can sign, it gives the greatest product of gains over walking away.",
            signable
        ),
    );
    why.push(gains(s, parties, package));
    why.push(format!(
        "Why this package and not another: it is one of the {} packages no other beats for every side at once, and moving to any of the others would cost one side more, in proportion to its gain, than another would win.",
        front.len()
    ));
    Ok((package, why))
}
