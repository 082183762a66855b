//! Workload 1: bilateral alternating offers between two time-dependent negotiators on random domains.

use std::time::Instant;

use super::{SplitMix64, Ufun};
use crate::sim::ai::aspiration_at;

/// The workload's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Sao {
    /// The seed of the SplitMix64 stream every negotiation's two utility functions are drawn from.
    pub seed: u64,
    /// How many negotiations one run plays.
    pub negotiations: usize,
    /// The deadline: rounds of alternating offers before a negotiation ends without agreement.
    pub steps: usize,
    /// Issues per domain (K).
    pub issues: usize,
    /// Options per issue (V).
    pub values: usize,
    /// The concession exponents of party 0 and party 1.
    pub exponents: [f64; 2],
    /// Threads the negotiations are shared across.
    pub threads: usize,
    /// Timed runs of the whole workload; the median is reported.
    pub repeat: usize,
}

impl Default for Sao {
    fn default() -> Sao {
        Sao {
            seed: 42,
            negotiations: 200,
            steps: 100,
            issues: 5,
            values: 5,
            exponents: [4.0, 0.25],
            threads: 1,
            repeat: 25,
        }
    }
}

/// How one negotiation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ending {
    /// The agreed outcome's flat index and its utility to each party, if they agreed.
    pub agreement: Option<(usize, [f64; 2])>,
    /// The round the negotiation ended in (the deadline when time ran out).
    pub rounds: usize,
    /// How many offers both parties made in all.
    pub offers: usize,
}

/// What the workload measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SaoReport {
    /// How many negotiations each run played.
    pub negotiations: usize,
    /// Threads the negotiations were shared across (never more than there are negotiations).
    pub threads: usize,
    /// How many timed runs the median is taken over.
    pub repeat: usize,
    /// The median time of one run of the whole workload.
    pub seconds: f64,
    /// Negotiations per second at the median time.
    pub per_second: f64,
    /// Mean number of rounds a negotiation lasted.
    pub mean_rounds: f64,
    /// Mean number of offers made per negotiation.
    pub mean_offers: f64,
    /// Share of the negotiations that ended in agreement, 0..1.
    pub agreement_rate: f64,
    /// Mean utility to each party over the negotiations that agreed.
    pub mean_utility: [f64; 2],
}

/// Slack between an outcome's own sum and the same parts summed in two halves: far above the rounding
/// of a few additions, far below any difference between two outcomes that matters. Every candidate the
/// slack lets through is compared by its own sum.
const ROUNDING: f64 = 1e-12;

/// One party, searched without enumerating its outcomes. Its utility is additive, so the issues are split
/// into a front half and a back half: the back half's combinations are sorted once by what they add, and
/// the outcome worth least above an aim is found by sweeping the front combinations from the largest sum
/// down while a pointer into the back ones moves up. An outcome's utility is always its own sum in issue
/// order, as in the full table.
#[derive(Default)]
struct Party {
    /// What each option adds, issue by issue: `parts[k * v + o]`.
    parts: Vec<f64>,
    issues: usize,
    values: usize,
    /// `values^(issues - 1)`: the place of the first issue's digit in an outcome's index.
    first_place: usize,
    /// Issues `0..split` are the front half.
    split: usize,
    /// Every front combination's sum with its index, largest sum first.
    front: Vec<(f64, u32)>,
    /// Every back combination's sum (from zero) with its index, sorted by sum.
    back: Vec<(f64, u32)>,
    /// What each back combination's options add, in issue order: `issues - split` parts per combination,
    /// by combination index.
    back_parts: Vec<f64>,
    low: f64,
    high: f64,
}

/// Every combination of `issues` (a range of issues) with its sum, summed in issue order from zero, sorted
/// by sum. Adding one issue at a time keeps `v` sorted runs (the sorted sums so far plus each option, since
/// adding the same number keeps the order), which are merged rather than sorted again.
fn sorted_sums(
    parts: &[f64],
    v: usize,
    issues: std::ops::Range<usize>,
    into: &mut Vec<(f64, u32)>,
    scratch: &mut Vec<(f64, u32)>,
) {
    into.clear();
    into.push((0.0, 0));
    for k in issues {
        let row = &parts[k * v..(k + 1) * v];
        let n = into.len();
        // Run `o` is every sum so far plus option `o`; merge the runs two by two.
        scratch.clear();
        for (o, &p) in row.iter().enumerate() {
            scratch.extend(into.iter().map(|&(x, i)| (x + p, i * v as u32 + o as u32)));
        }
        let mut width = n;
        let total = scratch.len();
        while width < total {
            into.clear();
            let mut start = 0;
            while start < total {
                let mid = (start + width).min(total);
                let end = (start + 2 * width).min(total);
                let (mut a, mut b) = (start, mid);
                while a < mid && b < end {
                    if scratch[b].0 < scratch[a].0 {
                        into.push(scratch[b]);
                        b += 1;
                    } else {
                        into.push(scratch[a]);
                        a += 1;
                    }
                }
                into.extend_from_slice(&scratch[a..mid]);
                into.extend_from_slice(&scratch[b..end]);
                start = end;
            }
            std::mem::swap(into, scratch);
            width *= 2;
        }
        std::mem::swap(into, scratch);
    }
}

impl Party {
    fn build(&mut self, ufun: &Ufun, scratch: &mut Vec<(f64, u32)>) {
        let (k, v) = (ufun.weights.len(), ufun.values.first().map_or(0, Vec::len));
        self.issues = k;
        self.values = v;
        self.first_place = v.max(1).pow(k.saturating_sub(1) as u32);
        self.parts.clear();
        for issue in 0..k {
            self.parts.extend((0..v).map(|o| ufun.part(issue, o)));
        }
        self.split = k / 2;
        sorted_sums(&self.parts, v, 0..self.split, &mut self.front, scratch);
        self.front.reverse();
        sorted_sums(&self.parts, v, self.split..k, &mut self.back, scratch);
        let width = k - self.split;
        self.back_parts.clear();
        self.back_parts.resize(self.back.len() * width, 0.0);
        for (b, chunk) in self.back_parts.chunks_exact_mut(width.max(1)).enumerate() {
            let mut rest = b;
            for j in (0..width).rev() {
                chunk[j] = self.parts[(self.split + j) * v + rest % v];
                rest /= v;
            }
        }
        // The least and the most of the function, summed in issue order like every outcome's own utility,
        // so they equal the worst and the best outcome's utility to the bit.
        let (mut min, mut max) = (0.0, 0.0);
        for issue in 0..k {
            let row = &self.parts[issue * v..(issue + 1) * v];
            min += row.iter().copied().fold(f64::INFINITY, f64::min);
            max += row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        }
        self.low = ufun.walk_away.max(min);
        self.high = max;
    }

    /// The utility of outcome `index`, summed in issue order.
    fn utility(&self, index: usize) -> f64 {
        let mut place = self.first_place;
        let mut u = 0.0;
        for k in 0..self.issues {
            let o = (index / place) % self.values;
            u += self.parts[k * self.values + o];
            place /= self.values.max(1);
        }
        u
    }

    /// The utility of front combination `a` followed by back combination `b`, summed in issue order.
    fn joined(&self, x: f64, b: usize) -> f64 {
        let width = self.issues - self.split;
        self.back_parts[b * width..(b + 1) * width].iter().fold(x, |u, p| u + p)
    }

    /// The aim from `t^e` computed once for every negotiation of a run.
    fn aim_at(&self, t_to_the_e: f64) -> f64 {
        aspiration_at(t_to_the_e, self.low, self.high)
    }

    /// The outcome worth least to this party that is still worth its aim (ties: lowest index).
    fn offer(&self, aim: f64) -> Option<usize> {
        if aim > self.high {
            return None;
        }
        let (least, most) = match (self.back.first(), self.back.last()) {
            (Some(l), Some(m)) => (l.0, m.0),
            _ => return None,
        };
        let mut best: Option<(f64, usize)> = None;
        // Front sums fall as the loop goes on, so the first back sum that can reach the aim only moves right.
        let mut from = 0;
        for &(x, a) in &self.front {
            if x + most < aim - ROUNDING {
                break;
            }
            if best.is_some_and(|(b, _)| x + least - ROUNDING > b) {
                continue;
            }
            while from < self.back.len() && x + self.back[from].0 < aim - ROUNDING {
                from += 1;
            }
            for &(y, b) in &self.back[from..] {
                if best.is_some_and(|(u, _)| x + y - ROUNDING > u) {
                    break;
                }
                let u = self.joined(x, b as usize);
                let index = a as usize * self.back.len() + b as usize;
                if u >= aim && best.is_none_or(|(bu, bi)| u < bu || (u == bu && index < bi)) {
                    best = Some((u, index));
                }
            }
        }
        best.map(|(_, i)| i)
    }
}

/// Buffers reused from one negotiation to the next.
#[derive(Default)]
pub struct Workspace {
    parties: [Party; 2],
    scratch: Vec<(f64, u32)>,
}

/// Runs one negotiation between the two utility functions.
pub fn negotiate(a: &Ufun, b: &Ufun, steps: usize, exponents: [f64; 2]) -> Ending {
    negotiate_in(&mut Workspace::default(), a, b, &curve(steps, exponents))
}

/// `t^e` for each party in every round: the same for every negotiation of a run.
pub fn curve(steps: usize, exponents: [f64; 2]) -> Vec<[f64; 2]> {
    (0..steps)
        .map(|s| {
            let t = (s + 1) as f64 / (steps + 1) as f64;
            [t.powf(exponents[0]), t.powf(exponents[1])]
        })
        .collect()
}

/// Runs one negotiation in reused buffers, with `curve` from [`curve`].
pub fn negotiate_in(work: &mut Workspace, a: &Ufun, b: &Ufun, curve: &[[f64; 2]]) -> Ending {
    let steps = curve.len();
    work.parties[0].build(a, &mut work.scratch);
    work.parties[1].build(b, &mut work.scratch);
    let parties = &work.parties;
    let mut standing: Option<(usize, usize)> = None;
    let mut offers = 0;
    for (s, powers) in curve.iter().enumerate() {
        for (p, me) in parties.iter().enumerate() {
            let aim = me.aim_at(powers[p]);
            if let Some((from, o)) = standing
                && from != p
                && me.utility(o) >= aim
            {
                return Ending {
                    agreement: Some((o, [parties[0].utility(o), parties[1].utility(o)])),
                    rounds: s + 1,
                    offers,
                };
            }
            match me.offer(aim) {
                Some(o) => {
                    standing = Some((p, o));
                    offers += 1;
                }
                None => {
                    return Ending {
                        agreement: None,
                        rounds: s + 1,
                        offers,
                    };
                }
            }
        }
    }
    Ending {
        agreement: None,
        rounds: steps,
        offers,
    }
}

/// Draws every negotiation's two utility functions from the one stream and plays them all; with more
/// than one thread the negotiations are shared out in contiguous blocks and returned in order.
fn play_all(config: &Sao) -> Vec<Ending> {
    let mut rng = SplitMix64::new(config.seed);
    let pairs: Vec<(Ufun, Ufun)> = (0..config.negotiations)
        .map(|_| {
            let a = Ufun::draw(&mut rng, config.issues, config.values);
            let b = Ufun::draw(&mut rng, config.issues, config.values);
            (a, b)
        })
        .collect();
    let threads = config.threads.clamp(1, pairs.len().max(1));
    let block = pairs.len().div_ceil(threads).max(1);
    let curve = curve(config.steps, config.exponents);
    let curve = &curve;
    std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(block)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut work = Workspace::default();
                    chunk
                        .iter()
                        .map(|(a, b)| negotiate_in(&mut work, a, b, curve))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Runs the whole workload `repeat` times and reports the median time. Drawing the utility functions is
/// part of every timed run; one untimed negotiation on another stream comes first, so first-touch costs
/// are not counted.
pub fn run(config: &Sao) -> SaoReport {
    let warm_a = Ufun::draw(&mut SplitMix64::new(!config.seed), config.issues, config.values);
    let warm_b = Ufun::draw(&mut SplitMix64::new(!config.seed ^ 1), config.issues, config.values);
    negotiate(&warm_a, &warm_b, config.steps, config.exponents);

    let mut times = Vec::with_capacity(config.repeat.max(1));
    let mut endings = Vec::new();
    for _ in 0..config.repeat.max(1) {
        let start = Instant::now();
        endings = play_all(config);
        times.push(start.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let seconds = times[times.len() / 2];

    let (mut rounds, mut offers, mut agreed) = (0usize, 0usize, 0usize);
    let mut utility = [0.0; 2];
    for ending in &endings {
        rounds += ending.rounds;
        offers += ending.offers;
        if let Some((_, u)) = ending.agreement {
            agreed += 1;
            utility[0] += u[0];
            utility[1] += u[1];
        }
    }
    let n = config.negotiations.max(1) as f64;
    let per_agreement = agreed.max(1) as f64;
    SaoReport {
        negotiations: config.negotiations,
        threads: config.threads.clamp(1, config.negotiations.max(1)),
        repeat: config.repeat.max(1),
        seconds,
        per_second: config.negotiations as f64 / seconds.max(1e-12),
        mean_rounds: rounds as f64 / n,
        mean_offers: offers as f64 / n,
        agreement_rate: agreed as f64 / n,
        mean_utility: [utility[0] / per_agreement, utility[1] / per_agreement],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(seed: u64) -> (Ufun, Ufun) {
        let mut rng = SplitMix64::new(seed);
        (Ufun::draw(&mut rng, 3, 4), Ufun::draw(&mut rng, 3, 4))
    }

    #[test]
    fn an_agreement_is_worth_at_least_the_walk_away_value_to_both() {
        for seed in 0..50 {
            let (a, b) = pair(seed);
            if let Some((_, u)) = negotiate(&a, &b, 100, [4.0, 0.25]).agreement {
                assert!(u[0] >= a.walk_away && u[1] >= b.walk_away, "seed {seed}: {u:?}");
            }
        }
    }

    #[test]
    fn a_conceder_pair_agrees_sooner_than_a_boulware_pair() {
        let total = |e: f64| -> usize {
            (0..50)
                .map(|seed| {
                    let (a, b) = pair(seed);
                    negotiate(&a, &b, 100, [e, e]).rounds
                })
                .sum()
        };
        assert!(total(0.25) < total(4.0));
    }

    #[test]
    fn the_first_offer_is_the_offerer_s_best_outcome() {
        let (a, b) = pair(3);
        let ending = negotiate(&a, &b, 1, [4.0, 4.0]);
        assert!(ending.agreement.is_none() && ending.offers == 2);
        let mut table = Vec::new();
        a.table(&mut table);
        let best = table.iter().copied().fold(0.0, f64::max);
        let mut party = Party::default();
        party.build(&a, &mut Vec::new());
        assert_eq!(table[party.offer(party.aim_at(0.0)).unwrap()], best);
        assert_eq!(party.high, best);
    }

    #[test]
    fn an_offer_is_the_cheapest_outcome_at_or_above_the_aim_with_ties_to_the_lowest_index() {
        let shapes = [(3, 4), (5, 5), (4, 3), (1, 6), (2, 2), (6, 3)];
        for seed in 0..24 {
            let (k, v) = shapes[seed as usize % shapes.len()];
            let a = Ufun::draw(&mut SplitMix64::new(seed), k, v);
            let mut party = Party::default();
            party.build(&a, &mut Vec::new());
            let mut table = Vec::new();
            a.table(&mut table);
            for (i, &u) in table.iter().enumerate() {
                assert_eq!(
                    party.utility(i),
                    u,
                    "an outcome's utility is its table entry to the bit"
                );
            }
            // Every utility as an aim (the exact edge cases), and points in between.
            let aims = table
                .iter()
                .copied()
                .chain((0..=40).map(|s| party.low + (party.high - party.low) * f64::from(s) / 40.0));
            for aim in aims {
                let expected = (0..table.len())
                    .filter(|&i| table[i] >= aim)
                    .min_by(|&i, &j| table[i].total_cmp(&table[j]).then(i.cmp(&j)));
                assert_eq!(party.offer(aim), expected, "seed {seed}, aim {aim}");
            }
        }
    }
}
