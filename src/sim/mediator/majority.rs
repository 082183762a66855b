//! Drafting under a ratification rule when no package every side can sign exists: the package the table's
//! rule can carry with the widest support, and among those, the one whose worst-off supporter gains most.
//! Every strategy seeks consensus first; this is the chair's step to a qualified majority after that.

use super::Reasoned;
use super::claim::{self, Claim};
use crate::sim::analysis::Parties;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// The present delegations that could sign package `k`: it crosses none of their red lines and is worth
/// at least their walk-away value to each.
pub fn signers(s: &Scenario, parties: &Parties, k: usize) -> Vec<usize> {
    parties
        .present
        .iter()
        .copied()
        .filter(|&d| s.space.allowed[d][k] && s.space.utility[d][k] >= parties.walk_away[d])
        .collect()
}

/// Whether the table's rule carries package `k` with the support of those who could sign it.
pub fn carried(s: &Scenario, parties: &Parties, k: usize) -> bool {
    let Some(rule) = &s.ratification else { return false };
    let package = s.space.packages[k];
    let sign = signers(s, parties, k);
    !package.is_open()
        && crate::sim::issue::broken_term(&s.issues, package).is_none()
        && (!parties.chair || s.space.tableable[k])
        && rule.ratifies(s.delegations.len(), |d| sign.contains(&d))
}

/// The best package the rule carries, if the table has a rule and any package is carried; `why` says why
/// no package every side can sign exists, and is kept whatever the result.
pub fn draft(s: &Scenario, parties: &Parties, why: Vec<Claim>) -> Reasoned {
    let best = (0..s.space.packages.len())
        .filter(|&k| carried(s, parties, k))
        .map(|k| {
            let sign = signers(s, parties, k);
            let worst = sign
                .iter()
                .map(|&d| s.space.utility[d][k] - parties.walk_away[d])
                .fold(f64::INFINITY, f64::min);
            (sign.len(), worst, k)
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(b.2.cmp(&a.2)));
    let Some((_, _, k)) = best else { return Err(why) };
    let package: Package = s.space.packages[k];
    let mut claims = vec![Claim::Method(format!(
        "No package every side can sign exists, so I propose one the table's rule can carry ({}).",
        s.rule_phrase()
    ))];
    claims.push(Claim::Carried {
        package,
        signers: signers(s, parties, k),
    });
    claims.extend(why);
    claims.extend(claim::trades(s, parties, package));
    claims.push(claim::gains(s, parties, package));
    claims.push(Claim::Method(
        "Why this package: of the packages the rule can carry, it has the most sides able to sign, and of those, it leaves the signer who gains least best off.".into(),
    ));
    Ok((package, claims))
}
