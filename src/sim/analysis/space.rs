//! The outcome space of a checked scenario: every package, what each delegation thinks of it, which
//! packages each delegation's red lines allow, and the most each could hope for.

use crate::sim::delegation::DelegationSpec;
use crate::sim::issue::{Issue, Package};
use crate::sim::scenario::OutcomeSpace;

/// Enumerates every package of `issues` (in `Package::all` order, which `index_of` relies on) and
/// values it for every delegation, once per scenario; every table that plays it shares the result.
pub fn outcome_space(issues: &[Issue], delegations: &[DelegationSpec]) -> OutcomeSpace {
    let packages = Package::all(issues);
    let utility: Vec<Vec<f64>> = delegations
        .iter()
        .map(|d| packages.iter().map(|&p| d.utility(p)).collect())
        .collect();
    let allowed: Vec<Vec<bool>> = delegations
        .iter()
        .map(|d| packages.iter().map(|&p| d.crossed(p).is_none()).collect())
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
    OutcomeSpace {
        packages,
        utility,
        allowed,
        best,
    }
}
