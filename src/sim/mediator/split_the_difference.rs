//! Split the difference: meet in the middle issue by issue; where that package has no zone of
//! possible agreement, propose the largest set of issues that has one (confidence-building).

use crate::sim::analysis::{Parties, acceptable, index_of, issue_zone, min_gain};
use crate::sim::issue::Package;
use crate::sim::outcome::names;
use crate::sim::scenario::Scenario;

/// The option of `issue` that gives the worst-off present party the most, nearest the middle of the demands.
fn middle(scenario: &Scenario, parties: &Parties, issue: usize, among: &[usize]) -> Option<usize> {
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
    among.iter().copied().max_by(|&a, &b| {
        floor(a)
            .total_cmp(&floor(b))
            .then((b as f64 - mid).abs().total_cmp(&(a as f64 - mid).abs()))
            .then(b.cmp(&a))
    })
}

fn pct(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}

/// The mediator's proposal and its reasons, or why it has none.
pub fn draft(scenario: &Scenario, parties: &Parties) -> Result<(Package, Vec<String>), String> {
    let s = scenario;
    let all: Vec<usize> = (0..s.issues.len()).collect();
    let split = Package::from_choices(
        &all.iter()
            .map(|&i| middle(s, parties, i, &(0..s.issues[i].options.len()).collect::<Vec<_>>()))
            .collect::<Vec<_>>(),
    );
    let gains = |k: usize| {
        let parts: Vec<String> = parties
            .present
            .iter()
            .map(|&d| {
                format!(
                    "{} +{}",
                    s.delegations[d].name,
                    pct(s.space.utility[d][k] - parties.walk_away[d])
                )
            })
            .collect();
        format!("Each side gains over walking away: {}.", parts.join(", "))
    };
    if let Some(k) = index_of(s, split).filter(|&k| acceptable(s, parties, k)) {
        return Ok((
            split,
            vec!["This meets each side halfway on every issue.".into(), gains(k)],
        ));
    }

    // Why the middle ground fails: the red lines it crosses, the walk-aways it falls below.
    let mut why = Vec::new();
    for &d in &parties.present {
        let del = &s.delegations[d];
        if let Some(line) = del.crossed(split) {
            why.push(format!("{}'s red line binds: {}", del.name, line.why));
        } else if del.utility(split) < parties.walk_away[d] {
            why.push(format!(
                "The middle ground is worth less to {} than walking away.",
                del.name
            ));
        }
    }
    let zone: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| !issue_zone(s, parties, i).is_empty())
        .collect();
    let no_zone: Vec<&str> = all
        .iter()
        .filter(|i| !zone.contains(i))
        .map(|&i| s.issues[i].name.as_str())
        .collect();
    if !no_zone.is_empty() {
        why.push(format!(
            "There is no zone of possible agreement on {}.",
            names(no_zone.into_iter())
        ));
    }

    // Confidence-building: the most issues, drawn from those with a zone, that every side can sign;
    // among those, the package whose worst-off side gains most.
    let mask: u64 = zone.iter().fold(0, |m, &i| m | 0xF << (4 * i));
    let best = s
        .space
        .packages
        .iter()
        .enumerate()
        .filter(|&(k, p)| !p.is_open() && p.bits() & !mask == 0 && acceptable(s, parties, k))
        .map(|(k, p)| (p.settled(), min_gain(s, parties, k), k))
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(b.2.cmp(&a.2)));
    match best {
        Some((_, _, k)) => {
            let package = s.space.packages[k];
            let settled: Vec<&str> = all
                .iter()
                .filter(|&&i| package.choice(i).is_some())
                .map(|&i| s.issues[i].name.as_str())
                .collect();
            why.push(format!(
                "So I propose what can be agreed now, {}, and leave the rest open to build confidence.",
                names(settled.into_iter())
            ));
            why.push(gains(k));
            Ok((package, why))
        }
        None => {
            why.push("No package is yet acceptable to every side; I table nothing this round.".into());
            Err(why.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_istanbul_the_mediator_leaves_the_ceasefire_open_and_says_whose_red_line_binds() {
        let s = Scenario::istanbul();
        let (package, why) = draft(&s, &Parties::all(&s)).expect("a proposal");
        let ceasefire = s.issues.iter().position(|i| i.id == "ceasefire").unwrap();
        let exchange = s.issues.iter().position(|i| i.id == "prisoner_exchange").unwrap();
        assert_eq!(package.choice(ceasefire), None);
        assert!(package.choice(exchange).is_some());
        assert!(why.iter().any(|w| w.contains("Russia's red line binds")), "{why:?}");
    }
}
