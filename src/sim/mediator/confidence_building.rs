//! Confidence-building: when the full package has no zone of possible agreement, propose the largest set
//! of issues that has one and leave the rest open (at Istanbul: the prisoner exchange and further talks).

use super::Draft;
use super::explain::{gains, nothing_signable, settled, zones};
use crate::sim::analysis::{Parties, acceptable, min_gain};
use crate::sim::scenario::Scenario;

/// The most issues, drawn from those with a zone, that every side can sign together; among those, the
/// package whose worst-off side gains most.
pub fn draft(s: &Scenario, parties: &Parties) -> Draft {
    let (zone, mut why) = zones(s, parties);
    let mask: u64 = zone.iter().fold(0, |m, &i| m | 0xF << (4 * i));
    let best = s
        .space
        .packages
        .iter()
        .enumerate()
        .filter(|&(k, p)| !p.is_open() && p.bits() & !mask == 0 && acceptable(s, parties, k))
        .map(|(k, p)| (p.settled(), min_gain(s, parties, k), k))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(b.2.cmp(&a.2)));
    let Some((count, _, k)) = best else {
        return Err(nothing_signable(s, parties));
    };
    let package = s.space.packages[k];
    if count < s.issues.len() {
        why.push(format!(
            "So I propose what can be agreed now, {}, and leave the rest open to build confidence.",
            settled(s, package)
        ));
    } else {
        why.push("Every issue has a zone of agreement, so I propose settling them all.".into());
    }
    why.push(gains(s, parties, package));
    why.push(format!(
        "Why this package: no package every side can sign settles more than {count} issue{}; of those that settle as many, this one leaves the side that gains least best off.",
        if count == 1 { "" } else { "s" }
    ));
    Ok((package, why))
}
