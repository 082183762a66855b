//! Workload 2: the exact Pareto frontier and the bargaining points of random additive spaces,
//! from 5^4 to 10^20 outcomes, for 2 and 3 parties.

use std::time::Instant;

use super::{SplitMix64, Ufun, additive};
use crate::sim::analysis::frontier::{self, Points};

/// The spaces of the workload as (issues K, values V), V^K outcomes each.
pub const SPACES: [(usize, usize); 8] = [(4, 5), (6, 5), (8, 5), (6, 10), (10, 5), (8, 10), (12, 10), (20, 10)];

/// One job's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Job {
    /// The number of issues K in the space.
    pub k: usize,
    /// The number of options V on each issue.
    pub v: usize,
    /// How many parties' utility functions the space holds (2 or 3).
    pub parties: usize,
    /// How many outcomes the space has, V^K (a float: 10^20 does not fit an integer).
    pub outcomes: f64,
    /// How many outcomes lie on the Pareto frontier of deals every party values at or above walking away.
    pub frontier_size: usize,
    /// Each party's utility at the Nash bargaining point; none when the frontier is empty.
    pub nash: Option<Vec<f64>>,
    /// Each party's utility at the Kalai–Smorodinsky point; none when the frontier is empty.
    pub ks: Option<Vec<f64>>,
    /// Each party's utility at the point of greatest total utility; none when the frontier is empty.
    pub welfare: Option<Vec<f64>>,
    /// Time to compute the frontier, in milliseconds.
    pub frontier_ms: f64,
    /// Time to find the Nash point on the frontier, in milliseconds.
    pub nash_ms: f64,
    /// Time to find the Kalai–Smorodinsky point on the frontier, in milliseconds.
    pub ks_ms: f64,
    /// Whether enumerating every outcome gave the same frontier (only when asked, and only for small spaces).
    pub checked_by_enumeration: Option<bool>,
}

/// The utility functions of one job: a fresh stream seeded from the job, then `parties` functions.
pub fn ufuns(seed: u64, parties: usize, k: usize, v: usize) -> Vec<Ufun> {
    let job_seed = seed
        .wrapping_mul(1_000_000)
        .wrapping_add(parties as u64 * 10_000 + k as u64 * 100 + v as u64);
    let mut rng = SplitMix64::new(job_seed);
    (0..parties).map(|_| Ufun::draw(&mut rng, k, v)).collect()
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Runs one job; `check_up_to` enumerates spaces up to that many outcomes to confirm the frontier.
pub fn run_job(seed: u64, parties: usize, k: usize, v: usize, check_up_to: f64) -> Job {
    let ufuns = ufuns(seed, parties, k, v);
    let space = additive(&ufuns);
    let walk_away: Vec<f64> = ufuns.iter().map(|u| u.walk_away).collect();
    let start = Instant::now();
    let front = frontier::frontier(&space, &walk_away);
    let frontier_ms = ms(start);
    let start = Instant::now();
    let nash = frontier::nash(&front, &walk_away);
    let nash_ms = ms(start);
    let start = Instant::now();
    let ks = frontier::kalai_smorodinsky(&front, &walk_away);
    let ks_ms = ms(start);
    let welfare = frontier::max_welfare(&front);
    let at = |pick: Option<frontier::Pick>| pick.map(|p| front.point(p.at).to_vec());
    let checked_by_enumeration = (space.outcomes() <= check_up_to)
        .then(|| frontier::pareto(&frontier::enumerate(&space, &walk_away)) == sorted_like(&front));
    Job {
        k,
        v,
        parties,
        outcomes: space.outcomes(),
        frontier_size: front.len(),
        nash: at(nash),
        ks: at(ks),
        welfare: at(welfare),
        frontier_ms,
        nash_ms,
        ks_ms,
        checked_by_enumeration,
    }
}

/// The frontier as `pareto` orders it, so two frontiers compare point for point.
fn sorted_like(points: &Points) -> Points {
    frontier::pareto(points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merged_frontier_equals_enumeration_on_the_small_workload_spaces() {
        for parties in [2, 3] {
            let job = run_job(7, parties, 4, 5, 1e4);
            assert_eq!(job.checked_by_enumeration, Some(true), "{parties} parties");
            assert!(job.frontier_size > 0);
        }
    }
}
