//! Split the difference: meet in the middle issue by issue; where that package has no zone of
//! possible agreement, say why and fall back to confidence-building.

use super::claim::{self, Claim};
use super::{Reasoned, confidence_building};
use crate::sim::analysis::{Parties, acceptable, index_of};
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// The option of `issue` that gives the worst-off present party the most, nearest the middle of the demands.
fn middle(scenario: &Scenario, parties: &Parties, issue: usize) -> Option<usize> {
    let demands: Vec<f64> = parties
        .present
        .iter()
        .map(|&d| scenario.delegations[d].demands[issue] as f64)
        .collect();
    let mid = demands.iter().sum::<f64>() / demands.len().max(1) as f64;
    let floor = |o: usize| {
        parties
            .present
            .iter()
            .map(|&d| scenario.delegations[d].values[issue][o + 1])
            .fold(f64::INFINITY, f64::min)
    };
    (0..scenario.issues[issue].options.len()).max_by(|&a, &b| {
        floor(a)
            .total_cmp(&floor(b))
            .then((b as f64 - mid).abs().total_cmp(&(a as f64 - mid).abs()))
            .then(b.cmp(&a))
    })
}

/// The mediator's proposal and its reasons, or why it has none.
pub fn draft(s: &Scenario, parties: &Parties) -> Reasoned {
    let choices: Vec<Option<usize>> = (0..s.issues.len()).map(|i| middle(s, parties, i)).collect();
    let split = Package::from_choices(&choices);
    if index_of(s, split).is_some_and(|k| acceptable(s, parties, k)) {
        let mut why = vec![Claim::Method("This meets each side halfway on every issue.".into())];
        why.extend(claim::trades(s, parties, split));
        why.push(claim::gains(s, parties, split));
        why.push(Claim::Method("Why this package: on every issue it takes the option nearest the middle of the demands that leaves the side that likes it least best off.".into()));
        return Ok((split, why));
    }
    let mut why = vec![Claim::Method(format!(
        "Meeting halfway on every issue ({}) cannot be signed.",
        s.describe(split)
    ))];
    why.extend(claim::blocked(s, parties, split));
    confidence_building::instead(s, parties, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_istanbul_the_mediator_leaves_the_ceasefire_open_and_says_whose_red_line_binds() {
        let s = Scenario::istanbul();
        let (package, why) = draft(&s, &Parties::all(&s)).expect("a proposal");
        let why = claim::render_all(&s, &why);
        let ceasefire = s.issues.iter().position(|i| i.id == "ceasefire").unwrap();
        let exchange = s.issues.iter().position(|i| i.id == "prisoner_exchange").unwrap();
        assert_eq!(package.choice(ceasefire), None);
        assert!(package.choice(exchange).is_some());
        assert!(why.iter().any(|w| w.contains("Russia's red line")), "{why:?}");
    }
}
