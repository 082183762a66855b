//! The Kalai–Smorodinsky point: of the packages every side can sign, the one that gives every side the
//! same share of the most it could hope for, from its walk-away value to its best signable package.

use super::Draft;
use super::explain::{gains, nothing_signable, pct, zones};
use crate::sim::analysis::frontier::kalai_smorodinsky;
use crate::sim::analysis::{Parties, pareto_frontier, present_walk_away, zopa};
use crate::sim::scenario::Scenario;

pub fn draft(s: &Scenario, parties: &Parties) -> Draft {
    let signable = zopa(s, parties).len();
    let front = pareto_frontier(s, parties);
    let walk_away = present_walk_away(parties);
    let Some(pick) = kalai_smorodinsky(&front, &walk_away) else {
        return Err(nothing_signable(s, parties));
    };
    let package = s.space.packages[front.outcome[pick.at] as usize];
    let (_, mut why) = zones(s, parties);
    why.insert(
        0,
        format!(
            "This is the Kalai-Smorodinsky point: it gives every side at least {}% of the way from its walk-away value to the best it could hope for in a package the others can sign.",
            pct(pick.score)
        ),
    );
    why.push(gains(s, parties, package));
    why.push(format!(
        "Why this package and not another: of the {} packages every side can sign, none gives the side that is furthest from its hopes a larger share of them.",
        signable
    ));
    Ok((package, why))
}
