//! Analysis of a table's outcome space: who can accept what, and where a zone of possible agreement lies.

pub mod frontier;
pub mod scenario;
pub mod space;

use super::delegation::Presence;
use super::issue::Package;
use super::scenario::Scenario;
use frontier::{Pick, Points};

/// The delegations still at the table and their current walk-away values.
#[derive(Debug, Clone, PartialEq)]
pub struct Parties {
    /// Seat numbers of the delegations present.
    pub present: Vec<usize>,
    /// Walk-away value of every delegation, by seat.
    pub walk_away: Vec<f64>,
    /// Whether only packages the mediator may table count (those crossing none of its own red lines): set
    /// when the mediator drafts, so everything it counts and claims is of what it may table.
    pub chair: bool,
}

impl Parties {
    /// The same parties, counted as the mediator counts them: only packages it may table.
    pub fn for_chair(&self, scenario: &Scenario) -> Parties {
        Parties {
            chair: !scenario.mediator.red_lines.is_empty(),
            ..self.clone()
        }
    }

    /// The delegations whose `presence` says they are still at the table, with every delegation's
    /// current walk-away value (both by seat).
    pub fn at_table(presence: &[Presence], walk_away: Vec<f64>) -> Parties {
        Parties {
            present: (0..presence.len()).filter(|&d| !presence[d].left).collect(),
            walk_away,
            chair: false,
        }
    }

    /// Every delegation of `scenario`, at its scenario walk-away value.
    pub fn all(scenario: &Scenario) -> Parties {
        Parties {
            present: (0..scenario.delegations.len()).collect(),
            walk_away: scenario.delegations.iter().map(|d| d.walk_away).collect(),
            chair: false,
        }
    }
}

/// Whether delegation `d` could sign package `k` of the outcome space: it crosses none of its red lines and
/// is worth at least its current walk-away value to it.
pub fn can_sign(scenario: &Scenario, parties: &Parties, d: usize, k: usize) -> bool {
    scenario.space.allowed[d][k] && scenario.space.utility[d][k] >= parties.walk_away[d]
}

/// Whether every present party could sign package `k` of the outcome space ([`can_sign`]; and, for the
/// chair, it crosses none of the mediator's own lines).
pub fn acceptable(scenario: &Scenario, parties: &Parties, k: usize) -> bool {
    (!parties.chair || scenario.space.tableable[k])
        && parties.present.iter().all(|&d| can_sign(scenario, parties, d, k))
}

/// Whether package `p` would cross no delegation's red line if red line `l` of delegation `d` were dropped,
/// and meets the table's linked terms: what `check` and `analyze` ask to find which lines bind.
pub fn free_but_for(scenario: &Scenario, p: Package, d: usize, l: usize) -> bool {
    crate::sim::issue::broken_term(&scenario.issues, p).is_none()
        && scenario.delegations.iter().enumerate().all(|(e, other)| {
            other
                .red_lines
                .iter()
                .enumerate()
                .all(|(m, line)| (e, m) == (d, l) || !line.crossed_by(p))
        })
}

/// The smallest gain over walk-away any present party gets from package `k`.
pub fn min_gain(scenario: &Scenario, parties: &Parties, k: usize) -> f64 {
    parties
        .present
        .iter()
        .map(|&d| scenario.space.utility[d][k] - parties.walk_away[d])
        .fold(f64::INFINITY, f64::min)
}

/// The options of `issue` that, settled alone, cross no present party's red line and leave every
/// party at least as well off as leaving the issue open, and one better off: the issue's zone.
pub fn issue_zone(scenario: &Scenario, parties: &Parties, issue: usize) -> Vec<usize> {
    (0..scenario.issues[issue].options.len())
        .filter(|&o| {
            let p = Package::OPEN.with(issue, Some(o));
            let no_line = parties
                .present
                .iter()
                .all(|&d| scenario.delegations[d].crossed(p).is_none());
            let values = parties.present.iter().map(|&d| {
                let v = &scenario.delegations[d].values[issue];
                (v[o + 1], v[0])
            });
            let mut better = false;
            let mut no_worse = true;
            for (settled, open) in values {
                no_worse &= settled >= open;
                better |= settled > open;
            }
            no_line && no_worse && better
        })
        .collect()
}

/// Index of a package in the scenario's outcome space (packages are enumerated in a fixed order).
pub fn index_of(scenario: &Scenario, package: Package) -> Option<usize> {
    let mut k = 0;
    for (i, issue) in scenario.issues.iter().enumerate() {
        let base = issue.options.len() + 1;
        let digit = package.choice(i).map_or(0, |c| c + 1);
        if digit >= base {
            return None;
        }
        k = k * base + digit;
    }
    Some(k)
}

/// The zone of possible agreement for whole packages: every package that settles something and that each
/// present party could sign, in package order.
///
/// Only the packages the pickiest present party ranks at or above its walk-away value are looked at, not the
/// whole space.
pub fn zopa(scenario: &Scenario, parties: &Parties) -> Vec<usize> {
    let space = &scenario.space;
    // Each party's packages worth its walk-away value are a prefix of its ranking (inside its lines, settling
    // something); every signable package is in each such prefix, so the shortest one is searched.
    let shortest = parties
        .present
        .iter()
        .map(|&d| {
            let ranked = &space.by_worth[d];
            &ranked[..ranked.partition_point(|&k| space.utility[d][k as usize] >= parties.walk_away[d])]
        })
        .min_by_key(|prefix| prefix.len());
    let Some(prefix) = shortest else {
        // With nobody present every package that settles something counts, as `acceptable` says.
        return (0..space.packages.len())
            .filter(|&k| !space.packages[k].is_open() && acceptable(scenario, parties, k))
            .collect();
    };
    let mut zone: Vec<usize> = prefix
        .iter()
        .map(|&k| k as usize)
        .filter(|&k| acceptable(scenario, parties, k))
        .collect();
    zone.sort_unstable();
    zone
}

/// The signable packages with their utilities to the present parties (in `parties.present` order);
/// each point's outcome is the package's index in the outcome space.
pub fn signable(scenario: &Scenario, parties: &Parties) -> Points {
    let mut points = Points::new(parties.present.len());
    let mut u = vec![0.0; parties.present.len()];
    for k in zopa(scenario, parties) {
        for (x, &d) in u.iter_mut().zip(&parties.present) {
            *x = scenario.space.utility[d][k];
        }
        points.push(&u, k as u128);
    }
    points
}

/// The Pareto frontier of the signable packages: red lines, preconditions and walk-away values respected.
/// Merged issue by issue (see `scenario.rs`); it equals filtering `signable`, which the tests check.
pub fn pareto_frontier(scenario: &Scenario, parties: &Parties) -> Points {
    self::scenario::frontier(scenario, parties)
}

/// The present parties' walk-away values, in `parties.present` order.
pub fn present_walk_away(parties: &Parties) -> Vec<f64> {
    parties.present.iter().map(|&d| parties.walk_away[d]).collect()
}

/// A bargaining point of the scenario: its package index and the rule's score.
pub fn point_package(points: &Points, pick: Option<Pick>) -> Option<usize> {
    pick.map(|p| points.outcome[p.at] as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_package_is_found_at_its_own_index() {
        let s = Scenario::istanbul();
        for (k, &p) in s.space.packages.iter().enumerate() {
            assert_eq!(index_of(&s, p), Some(k));
        }
    }
}
