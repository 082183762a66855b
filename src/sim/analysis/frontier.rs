//! The exact Pareto frontier of an additive outcome space, merged issue by issue without enumerating
//! the space, and the bargaining points on it: Nash, Kalai–Smorodinsky and maximum welfare.
//!
//! With additive utilities an outcome's utility vector is the sum of one vector per issue. If a partial
//! outcome (the first issues only) is dominated by another, every completion of it is dominated by the
//! same completion of the other; and a partial outcome that cannot reach some party's walk-away value
//! even with the best of every issue left has no acceptable completion. So the frontier is built one
//! issue at a time, keeping only the partial outcomes that survive both tests. The result is exact: the
//! same set, the same utilities to the last bit, as enumerating every outcome.

use std::collections::BTreeMap;

/// An outcome space whose utilities add up issue by issue: `u_m(o) = Σ_k part[k][o_k·M + m]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Additive {
    /// How many parties (M).
    pub parties: usize,
    /// Per issue, what each of its options adds to each party's utility, option-major.
    pub parts: Vec<Vec<f64>>,
}

impl Additive {
    /// Number of options of `issue`.
    pub fn options(&self, issue: usize) -> usize {
        self.parts[issue].len() / self.parties.max(1)
    }

    /// Number of outcomes (may exceed `u64` for large spaces, so as a float).
    pub fn outcomes(&self) -> f64 {
        (0..self.parts.len()).map(|k| self.options(k) as f64).product()
    }

    /// The option of each issue in outcome `index` (the last issue changes fastest).
    pub fn decode(&self, mut index: u128) -> Vec<usize> {
        let mut choices = vec![0; self.parts.len()];
        for k in (0..self.parts.len()).rev() {
            let v = self.options(k) as u128;
            choices[k] = (index % v) as usize;
            index /= v;
        }
        choices
    }

    /// The utility of outcome `choices` to every party, summed in issue order.
    pub fn utility(&self, choices: &[usize]) -> Vec<f64> {
        let m = self.parties;
        let mut u = vec![0.0; m];
        for (k, &o) in choices.iter().enumerate() {
            for (p, x) in u.iter_mut().enumerate() {
                *x += self.parts[k][o * m + p];
            }
        }
        u
    }
}

/// A set of outcomes with their utility vectors: a frontier, or any candidate set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Points {
    /// How many parties each utility vector has (M).
    pub parties: usize,
    /// Utilities, point-major: point `i` owns `utility[i·M .. (i+1)·M]`.
    pub utility: Vec<f64>,
    /// The outcome of each point: its flat index (last issue fastest) or, for a scenario, its package index.
    pub outcome: Vec<u128>,
}

impl Points {
    /// An empty set for `parties` parties.
    pub fn new(parties: usize) -> Points {
        Points {
            parties,
            utility: Vec::new(),
            outcome: Vec::new(),
        }
    }

    /// How many points the set holds.
    pub fn len(&self) -> usize {
        self.outcome.len()
    }

    /// Whether the set holds no point.
    pub fn is_empty(&self) -> bool {
        self.outcome.is_empty()
    }

    /// Point `i`'s utility to every party.
    pub fn point(&self, i: usize) -> &[f64] {
        &self.utility[i * self.parties..(i + 1) * self.parties]
    }

    /// Adds a point: its utility to every party, and the outcome it stands for.
    pub fn push(&mut self, utility: &[f64], outcome: u128) {
        self.utility.extend_from_slice(utility);
        self.outcome.push(outcome);
    }
}

/// Maps a float to an integer with the same order, so it can key a `BTreeMap`.
fn ordered(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

/// Keeps the points no other point dominates (at least as good for everyone, better for someone).
/// Of points with identical utilities only the lowest outcome index stays. The result is ordered by
/// the first party's utility, best first.
pub fn pareto(points: &Points) -> Points {
    let mut out = Points::new(points.parties);
    for i in pareto_positions(points) {
        out.push(points.point(i), points.outcome[i]);
    }
    out
}

/// The positions in `points` of the points `pareto` keeps, in its order.
pub fn pareto_positions(points: &Points) -> Vec<usize> {
    let m = points.parties;
    let n = points.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (pa, pb) = (points.point(a as usize), points.point(b as usize));
        for j in 0..m {
            let c = pb[j].total_cmp(&pa[j]);
            if c.is_ne() {
                return c;
            }
        }
        points.outcome[a as usize].cmp(&points.outcome[b as usize])
    });
    let mut kept: Vec<usize> = Vec::new();
    // Sorted by the first utility (best first), a point is dominated exactly when an earlier point is
    // at least as good on every other utility.
    match m {
        0 => {}
        1 => kept.extend(order.first().map(|&i| i as usize)),
        2 => {
            let mut best = f64::NEG_INFINITY;
            for &i in &order {
                let p = points.point(i as usize);
                if p[1] > best {
                    best = p[1];
                    kept.push(i as usize);
                }
            }
        }
        3 => {
            // A staircase of the (u1, u2) pairs kept so far: u2 falls as u1 rises.
            let mut stairs: BTreeMap<u64, f64> = BTreeMap::new();
            for &i in &order {
                let p = points.point(i as usize);
                let key = ordered(p[1]);
                if stairs.range(key..).next().is_some_and(|(_, &u2)| u2 >= p[2]) {
                    continue;
                }
                let covered: Vec<u64> = stairs
                    .range(..=key)
                    .rev()
                    .take_while(|(_, u2)| **u2 <= p[2])
                    .map(|(&k, _)| k)
                    .collect();
                for k in covered {
                    stairs.remove(&k);
                }
                stairs.insert(key, p[2]);
                kept.push(i as usize);
            }
        }
        _ => {
            for &i in &order {
                let p = points.point(i as usize);
                let dominated = kept
                    .iter()
                    .any(|&f| points.point(f)[1..].iter().zip(&p[1..]).all(|(a, b)| a >= b));
                if !dominated {
                    kept.push(i as usize);
                }
            }
        }
    }
    kept
}

/// Slack for the early walk-away test, which adds the remaining issues' best in a different order
/// than the final sum; the last issue is always checked exactly.
pub(super) const ROUNDING: f64 = 1e-9;

/// The exact Pareto frontier of the outcomes every party values at or above its walk-away value.
pub fn frontier(space: &Additive, walk_away: &[f64]) -> Points {
    let m = space.parties;
    let k_count = space.parts.len();
    // best_rest[k][p]: the most issues k.. can still add for party p.
    let mut best_rest = vec![vec![0.0; m]; k_count + 1];
    for k in (0..k_count).rev() {
        let tops: Vec<f64> = (0..m)
            .map(|p| {
                let top = (0..space.options(k))
                    .map(|o| space.parts[k][o * m + p])
                    .fold(f64::NEG_INFINITY, f64::max);
                best_rest[k + 1][p] + top
            })
            .collect();
        best_rest[k] = tops;
    }
    let mut current = Points::new(m);
    current.push(&vec![0.0; m], 0);
    let mut sum = vec![0.0; m];
    for k in 0..k_count {
        let v = space.options(k);
        let last = k + 1 == k_count;
        let mut next = Points::new(m);
        next.utility.reserve(current.len() * v * m);
        next.outcome.reserve(current.len() * v);
        for i in 0..current.len() {
            let base = current.point(i);
            let prefix = current.outcome[i] * v as u128;
            'option: for o in 0..v {
                let part = &space.parts[k][o * m..(o + 1) * m];
                for p in 0..m {
                    sum[p] = base[p] + part[p];
                    let reachable = if last {
                        sum[p] >= walk_away[p]
                    } else {
                        sum[p] + best_rest[k + 1][p] >= walk_away[p] - ROUNDING
                    };
                    if !reachable {
                        continue 'option;
                    }
                }
                next.push(&sum, prefix + o as u128);
            }
        }
        current = pareto(&next);
        if current.is_empty() {
            break;
        }
    }
    if k_count == 0 && !(0..m).all(|p| 0.0 >= walk_away[p]) {
        return Points::new(m);
    }
    current
}

/// Every outcome, enumerated: the feasible ones (all parties at or above their walk-away values).
pub fn enumerate(space: &Additive, walk_away: &[f64]) -> Points {
    let m = space.parties;
    let total = space.outcomes() as u128;
    let mut all = Points::new(m);
    for index in 0..total {
        let u = space.utility(&space.decode(index));
        if u.iter().zip(walk_away).all(|(x, w)| x >= w) {
            all.push(&u, index);
        }
    }
    all
}

/// Which point of a frontier a bargaining rule picks, and what it scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// Position in the frontier.
    pub at: usize,
    /// What the rule scored it: the Nash product, the Kalai–Smorodinsky share, or the total utility.
    pub score: f64,
}

/// The best point by `score`; ties go to the lowest outcome index.
fn best_by(points: &Points, score: impl Fn(&[f64]) -> f64) -> Option<Pick> {
    let mut best: Option<Pick> = None;
    for i in 0..points.len() {
        let s = score(points.point(i));
        let better = match best {
            None => true,
            Some(b) => s > b.score || (s == b.score && points.outcome[i] < points.outcome[b.at]),
        };
        if better {
            best = Some(Pick { at: i, score: s });
        }
    }
    best
}

/// The Nash bargaining point: the greatest product of gains over the walk-away values.
pub fn nash(points: &Points, walk_away: &[f64]) -> Option<Pick> {
    best_by(points, |u| u.iter().zip(walk_away).map(|(x, w)| x - w).product())
}

/// The Kalai–Smorodinsky point: the greatest equal share of each party's possible gain, where a
/// party's possible gain runs from its walk-away value to the best it gets anywhere on the frontier.
pub fn kalai_smorodinsky(points: &Points, walk_away: &[f64]) -> Option<Pick> {
    let m = points.parties;
    let ideal: Vec<f64> = (0..m)
        .map(|p| {
            (0..points.len())
                .map(|i| points.point(i)[p])
                .fold(f64::NEG_INFINITY, f64::max)
        })
        .collect();
    best_by(points, |u| {
        (0..m)
            .map(|p| {
                let range = ideal[p] - walk_away[p];
                if range > 0.0 {
                    (u[p] - walk_away[p]) / range
                } else {
                    1.0
                }
            })
            .fold(f64::INFINITY, f64::min)
    })
}

/// The point of greatest total utility.
pub fn max_welfare(points: &Points) -> Option<Pick> {
    best_by(points, |u| u.iter().sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trade_someone_can_improve_on_is_not_on_the_frontier() {
        // Issue 0: option 0 gives (0.0, 0.3), option 1 gives (0.6, 0.1).
        // Issue 1: option 0 gives (0.0, 0.4), option 1 gives (0.4, 0.0).
        let space = Additive {
            parties: 2,
            parts: vec![vec![0.0, 0.3, 0.6, 0.1], vec![0.0, 0.4, 0.4, 0.0]],
        };
        let f = frontier(&space, &[0.0, 0.0]);
        let outcomes: Vec<Vec<usize>> = f.outcome.iter().map(|&o| space.decode(o)).collect();
        // (0, 1) is worth (0.4, 0.3), and (1, 0) gives both more: (0.6, 0.5).
        assert_eq!(outcomes, vec![vec![1, 1], vec![1, 0], vec![0, 0]]);
        let walk_away_half = frontier(&space, &[0.5, 0.0]);
        assert_eq!(
            walk_away_half.len(),
            2,
            "(0, 0) is worth 0 to party 0, below its walk-away"
        );
    }
}
