//! Drafting under a ratification rule when no package every side can sign exists: the package the table's
//! rule can carry with the widest support, and among those, the one whose worst-off supporter gains most.
//! Every strategy seeks consensus first; this is the chair's step to a qualified majority after that.

use super::Reasoned;
use super::claim::{self, Claim};
use crate::sim::analysis::{Parties, can_sign};
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// The present delegations that could sign package `k` ([`can_sign`]).
pub fn signers(s: &Scenario, parties: &Parties, k: usize) -> Vec<usize> {
    parties
        .present
        .iter()
        .copied()
        .filter(|&d| can_sign(s, parties, d, k))
        .collect()
}

/// The signers of package `k`, if the table's rule carries it with them: it settles something, keeps the
/// table's linked terms and (for the chair) crosses none of the mediator's own lines.
fn carried_by(s: &Scenario, parties: &Parties, k: usize) -> Option<Vec<usize>> {
    let rule = s.ratification.as_ref()?;
    let package = s.space.packages[k];
    if package.is_open() || !s.space.terms_met[k] || (parties.chair && !s.space.tableable[k]) {
        return None;
    }
    let sign = signers(s, parties, k);
    rule.ratifies(s.delegations.len(), |d| sign.contains(&d))
        .then_some(sign)
}

/// Whether the table's rule carries package `k` with the support of those who could sign it.
pub fn carried(s: &Scenario, parties: &Parties, k: usize) -> bool {
    carried_by(s, parties, k).is_some()
}

/// The best package the rule carries, if the table has a rule and any package is carried; `why` says why
/// no package every side can sign exists, and is kept whatever the result.
pub fn draft(s: &Scenario, parties: &Parties, why: Vec<Claim>) -> Reasoned {
    let best = (0..s.space.packages.len())
        .filter_map(|k| carried_by(s, parties, k).map(|sign| (k, sign)))
        .map(|(k, sign)| {
            let worst = sign
                .iter()
                .map(|&d| s.space.utility[d][k] - parties.walk_away[d])
                .fold(f64::INFINITY, f64::min);
            (sign, worst, k)
        })
        .max_by(|a, b| a.0.len().cmp(&b.0.len()).then(a.1.total_cmp(&b.1)).then(b.2.cmp(&a.2)));
    let Some((signers, _, k)) = best else { return Err(why) };
    let package: Package = s.space.packages[k];
    let mut claims = vec![Claim::Method(format!(
        "No package every side can sign exists, so I propose one the table's rule can carry ({}).",
        s.rule_phrase()
    ))];
    claims.push(Claim::Carried { package, signers });
    claims.extend(why);
    claims.extend(claim::trades(s, parties, package));
    claims.push(claim::gains(s, parties, package));
    claims.push(Claim::Method(
        "Why this package: of the packages the rule can carry, it has the most sides able to sign, and of those, it leaves the signer who gains least best off.".into(),
    ));
    Ok((package, claims))
}
