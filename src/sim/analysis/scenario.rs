//! The Pareto frontier of a scenario's signable packages, merged issue by issue like an additive space,
//! with red lines as constraints: an option a present party forbids is never taken, and a precondition is
//! checked as soon as both its issues are settled. Until then, partial packages are compared only with
//! others that made the same choices on the issues a pending precondition names, so no pruning ever
//! removes a package the precondition would have let through.
//!
//! Every partial sum is added in issue order, exactly as a package's own utility is, so the frontier and
//! its utilities equal those of enumerating every package, to the last bit, even where hand-written
//! values tie.

use std::collections::BTreeMap;

use super::Parties;
use super::frontier::{Points, ROUNDING, pareto, pareto_positions};
use crate::sim::delegation::RedLineKind;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// A precondition of a present party: choosing one of `options` on `issue` needs one of `requires_options`
/// on `requires` (option numbers, not digits).
struct Link {
    issue: usize,
    options: Vec<usize>,
    requires: usize,
    requires_options: Vec<usize>,
}

impl Link {
    fn first(&self) -> usize {
        self.issue.min(self.requires)
    }

    fn last(&self) -> usize {
        self.issue.max(self.requires)
    }

    /// Whether the choices (digits: 0 open, then option + 1) break it.
    fn broken(&self, digits: &[u8]) -> bool {
        let chosen = |i: usize| (digits[i] as usize).checked_sub(1);
        let triggered = chosen(self.issue).is_some_and(|o| self.options.contains(&o));
        let met = chosen(self.requires).is_some_and(|o| self.requires_options.contains(&o));
        triggered && !met
    }
}

/// The Pareto frontier of the packages every present party can sign (crossing none of their red lines,
/// worth at least their walk-away values, settling at least one issue), with utilities in
/// `parties.present` order and each point's outcome the package's index in the outcome space.
pub fn frontier(s: &Scenario, parties: &Parties) -> Points {
    let m = parties.present.len();
    let n = s.issues.len();
    let walk_away: Vec<f64> = parties.present.iter().map(|&d| parties.walk_away[d]).collect();
    // The mediator's own lines count when it drafts (see `Parties::chair`).
    let chair_lines: &[crate::sim::delegation::RedLine] = if parties.chair { &s.mediator.red_lines } else { &[] };
    // Which digits of each issue no present party's single-issue red line forbids.
    let allowed: Vec<Vec<bool>> = (0..n)
        .map(|i| {
            (0..=s.issues[i].options.len())
                .map(|digit| {
                    let p = Package::OPEN.with(i, digit.checked_sub(1));
                    let keeps = |line: &crate::sim::delegation::RedLine| {
                        matches!(line.kind, RedLineKind::Precondition { .. }) || !line.crossed_by(p)
                    };
                    parties
                        .present
                        .iter()
                        .all(|&d| s.delegations[d].red_lines.iter().all(keeps))
                        && chair_lines.iter().all(keeps)
                })
                .collect()
        })
        .collect();
    let links: Vec<Link> = parties
        .present
        .iter()
        .flat_map(|&d| &s.delegations[d].red_lines)
        .chain(chair_lines)
        .filter_map(|line| match &line.kind {
            RedLineKind::Precondition {
                issue,
                options,
                requires,
                requires_options,
            } => Some(Link {
                issue: *issue,
                options: options.clone(),
                requires: *requires,
                requires_options: requires_options.clone(),
            }),
            _ => None,
        })
        // The table's terms bind like a precondition every party holds.
        .chain(s.issues.iter().enumerate().flat_map(|(i, issue)| {
            issue.options.iter().enumerate().filter_map(move |(o, option)| {
                option.requires.as_ref().map(|(r, options)| Link {
                    issue: i,
                    options: vec![o],
                    requires: *r,
                    requires_options: options.clone(),
                })
            })
        }))
        .collect();
    // What digit `digit` of issue `i` adds for each present party, and the most the issues from `i` on can add.
    let part = |i: usize, digit: usize, p: usize| {
        let d = &s.delegations[parties.present[p]];
        d.weights[i] * d.values[i][digit]
    };
    let mut best_rest = vec![vec![0.0; m]; n + 1];
    for i in (0..n).rev() {
        best_rest[i] = (0..m)
            .map(|p| {
                let top = (0..=s.issues[i].options.len())
                    .filter(|&digit| allowed[i][digit])
                    .map(|digit| part(i, digit, p))
                    .fold(f64::NEG_INFINITY, f64::max);
                best_rest[i + 1][p] + top
            })
            .collect();
    }

    // Partial packages: utilities, index in the outcome space's order, and the digits chosen so far.
    let mut current = Points::new(m);
    current.push(&vec![0.0; m], 0);
    let mut digits: Vec<Vec<u8>> = vec![Vec::new()];
    let mut sum = vec![0.0; m];
    for i in 0..n {
        let base = s.issues[i].options.len() + 1;
        let last = i + 1 == n;
        let mut next = Points::new(m);
        let mut next_digits = Vec::new();
        for (k, before) in digits.iter().enumerate() {
            'digit: for (digit, &ok) in allowed[i].iter().enumerate() {
                if !ok {
                    continue;
                }
                let mut chosen = before.clone();
                chosen.push(digit as u8);
                if links.iter().any(|l| l.last() == i && l.broken(&chosen)) {
                    continue;
                }
                if last && chosen.iter().all(|&x| x == 0) {
                    continue; // a package settles at least one issue
                }
                let from = current.point(k);
                for p in 0..m {
                    sum[p] = from[p] + part(i, digit, p);
                    let reachable = if last {
                        sum[p] >= walk_away[p]
                    } else {
                        sum[p] + best_rest[i + 1][p] >= walk_away[p] - ROUNDING
                    };
                    if !reachable {
                        continue 'digit;
                    }
                }
                next.push(&sum, current.outcome[k] * base as u128 + digit as u128);
                next_digits.push(chosen);
            }
        }
        // Compare partial packages only within a class: the same choices on issues a pending precondition
        // names, and whether anything is settled yet (the package that settles nothing is not a deal).
        let mut classes: BTreeMap<Vec<u8>, (Points, Vec<Vec<u8>>)> = BTreeMap::new();
        for (k, chosen) in next_digits.iter().enumerate() {
            let mut key: Vec<u8> = links
                .iter()
                .filter(|l| l.first() <= i && i < l.last())
                .map(|l| chosen[l.first()])
                .collect();
            key.push(u8::from(chosen.iter().any(|&x| x != 0)));
            let class = classes.entry(key).or_insert_with(|| (Points::new(m), Vec::new()));
            class.0.push(next.point(k), next.outcome[k]);
            class.1.push(chosen.clone());
        }
        current = Points::new(m);
        digits.clear();
        for (points, mut chosen) in classes.into_values() {
            for at in pareto_positions(&points) {
                current.push(points.point(at), points.outcome[at]);
                digits.push(std::mem::take(&mut chosen[at]));
            }
        }
        if current.is_empty() {
            break;
        }
    }
    if n == 0 {
        return Points::new(m);
    }
    pareto(&current)
}
