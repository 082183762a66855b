//! The outcome space of a checked scenario: every package, what each delegation thinks of it, which
//! packages each delegation's red lines allow, and the most each could hope for.

use crate::sim::delegation::{DelegationSpec, RedLine, RedLineKind};
use crate::sim::issue::{Issue, Package};
use crate::sim::scenario::OutcomeSpace;

/// Enumerates every package of `issues` (in `Package::all` order, which `index_of` relies on) and
/// values it for every delegation, once per scenario; every table that plays it shares the result.
pub fn outcome_space(issues: &[Issue], delegations: &[DelegationSpec], chair: &[RedLine]) -> OutcomeSpace {
    let packages = Package::all(issues);
    let utility: Vec<Vec<f64>> = delegations
        .iter()
        .map(|d| packages.iter().map(|&p| d.utility(p)).collect())
        .collect();
    // A package whose terms are not met is no package anyone can sign.
    let terms_met: Vec<bool> = packages
        .iter()
        .map(|&p| crate::sim::issue::broken_term(issues, p).is_none())
        .collect();
    let allowed: Vec<Vec<bool>> = delegations
        .iter()
        .map(|d| {
            let gate = Gate::of(&d.red_lines, issues.len());
            packages
                .iter()
                .zip(&terms_met)
                .map(|(&p, &met)| met && gate.allows(p))
                .collect()
        })
        .collect();
    // The best allowed value, never below 0 (a delegation whose lines allow nothing hopes for 0).
    let best = utility
        .iter()
        .zip(&allowed)
        .map(|(u, a)| {
            u.iter()
                .zip(a)
                .filter(|(_, ok)| **ok)
                .map(|(u, _)| *u)
                .fold(0.0, f64::max)
        })
        .collect();
    // Only packages some delegation's lines forbid need counting; the rest cross nothing.
    let crossed = delegations
        .iter()
        .zip(&allowed)
        .map(|(d, ok)| {
            packages
                .iter()
                .zip(ok)
                .map(|(&p, &ok)| if ok { 0 } else { d.all_crossed(p).count().min(255) as u8 })
                .collect()
        })
        .collect();
    let chair = Gate::of(chair, issues.len());
    let tableable = packages.iter().map(|&p| chair.allows(p)).collect();
    let by_worth = utility
        .iter()
        .zip(&allowed)
        .map(|(u, ok)| {
            let mut order: Vec<u32> = (0..packages.len())
                .filter(|&k| ok[k] && !packages[k].is_open())
                .map(|k| k as u32)
                .collect();
            order.sort_by(|&a, &b| u[b as usize].total_cmp(&u[a as usize]).then(a.cmp(&b)));
            order
        })
        .collect();
    OutcomeSpace {
        packages,
        utility,
        allowed,
        best,
        tableable,
        terms_met,
        crossed,
        by_worth,
    }
}

/// A delegation's red lines as lookup tables over each issue's 4-bit choice code (0 open, `c + 1` option
/// `c`): whether a package crosses none of them is then a few table lookups, not a test of every line.
/// It answers exactly as `DelegationSpec::crossed(p).is_none()` does.
struct Gate {
    /// Per issue, a bit per choice code the single-issue lines (`Forbid`, `AtLeast`, `AtMost`) allow.
    single: Vec<u16>,
    /// Per pair of issues a `Precondition` ties: (issue, requires, for each code of `issue` the codes of
    /// `requires` that are allowed with it).
    pairs: Vec<(usize, usize, [u16; 16])>,
}

impl Gate {
    fn of(lines: &[RedLine], issues: usize) -> Gate {
        let mut single = vec![u16::MAX; issues];
        let mut pairs: Vec<(usize, usize, [u16; 16])> = Vec::new();
        let bit = |option: usize| 1u16 << (option + 1);
        for line in lines {
            match &line.kind {
                RedLineKind::Forbid { issue, option } => single[*issue] &= !bit(*option),
                RedLineKind::AtLeast { issue, option } => (0..*option).for_each(|c| single[*issue] &= !bit(c)),
                RedLineKind::AtMost { issue, option } => (option + 1..15).for_each(|c| single[*issue] &= !bit(c)),
                RedLineKind::Precondition {
                    issue,
                    options,
                    requires,
                    requires_options,
                } => {
                    let met = requires_options.iter().fold(0u16, |m, &r| m | bit(r));
                    let at = match pairs.iter().position(|(i, r, _)| i == issue && r == requires) {
                        Some(at) => at,
                        None => {
                            pairs.push((*issue, *requires, [u16::MAX; 16]));
                            pairs.len() - 1
                        }
                    };
                    for &o in options {
                        pairs[at].2[o + 1] &= met;
                    }
                }
            }
        }
        Gate { single, pairs }
    }

    fn allows(&self, p: Package) -> bool {
        let code = |issue: usize| p.code(issue);
        self.single.iter().enumerate().all(|(i, mask)| mask >> code(i) & 1 == 1)
            && self
                .pairs
                .iter()
                .all(|(i, r, table)| table[code(*i)] >> code(*r) & 1 == 1)
    }
}
