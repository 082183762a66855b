//! Confidence-building: propose the largest package every side can sign and leave the rest open (at
//! Istanbul: the prisoner exchange, the meeting noted and further talks). It builds confidence with steps
//! every side gains from issue by issue where such a package can be signed, and otherwise with a trade
//! across issues, so it tables something whenever any package can be signed.

use super::Reasoned;
use super::claim::{self, Claim};
use super::explain::settled;
use crate::sim::analysis::{Parties, min_gain, zopa};
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// Whether every issue `package` settles is a step every side present gains from: no side values it below
/// leaving the issue open, and one values it above.
fn every_step_gains(s: &Scenario, parties: &Parties, package: Package) -> bool {
    (0..s.issues.len()).all(|i| {
        let Some(o) = package.choice(i) else { return true };
        let values = parties
            .present
            .iter()
            .map(|&d| (s.delegations[d].values[i][o + 1], s.delegations[d].values[i][0]));
        values.clone().all(|(v, open)| v >= open) && values.clone().any(|(v, open)| v > open)
    })
}

/// Of the packages every side can sign, those made only of steps every side gains from if any can be signed,
/// else all of them (trades included); among those, the one that settles the most issues, and among
/// those, the one whose worst-off side gains most.
pub fn draft(s: &Scenario, parties: &Parties) -> Reasoned {
    let best = zopa(s, parties)
        .into_iter()
        .map(|k| {
            let p = s.space.packages[k];
            (every_step_gains(s, parties, p), p.settled(), min_gain(s, parties, k), k)
        })
        .max_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(a.2.total_cmp(&b.2))
                .then(b.3.cmp(&a.3))
        });
    let Some((steps, count, _, k)) = best else {
        return Err(vec![claim::none_signable(s, parties)]);
    };
    let package = s.space.packages[k];
    let mut why = vec![Claim::Method(if count < s.issues.len() {
        format!(
            "I propose what can be agreed now, {}, and leave the rest open to build confidence.",
            settled(s, package)
        )
    } else {
        "Every issue can be settled in a package every side can sign, so I propose settling them all.".into()
    })];
    why.extend(claim::trades(s, parties, package));
    why.extend(claim::left_open(s, parties, package));
    why.push(claim::gains(s, parties, package));
    if steps {
        why.push(Claim::Method(format!(
            "Every issue it settles is a step each side gains from; no package of such steps that every side can sign settles more than {count}."
        )));
    } else {
        why.push(Claim::Method(
            "No package of steps that each side gains from issue by issue can be signed, so I propose a trade across issues.".into(),
        ));
        why.push(Claim::MostSettled { package, count });
    }
    why.push(Claim::Method(
        "Why this package: of the packages like it that settle as many issues, it leaves the side that gains least best off.".into(),
    ));
    Ok((package, why))
}

/// The confidence-building draft in place of another strategy's, whose reasons for giving way (`why`) follow
/// the confidence-building headline: that headline is what the table reads in short.
pub fn instead(s: &Scenario, parties: &Parties, mut why: Vec<Claim>) -> Reasoned {
    match draft(s, parties) {
        Ok((package, mut more)) => {
            let rest = more.split_off(1);
            more.extend(why);
            more.extend(rest);
            Ok((package, more))
        }
        Err(mut more) => {
            // Why nothing can be tabled comes first: it is what the table hears.
            more.append(&mut why);
            Err(more)
        }
    }
}
