//! Workload 1: bilateral alternating offers between two time-dependent negotiators on random domains.

use std::time::Instant;

use super::{SplitMix64, Ufun};
use crate::sim::ai::aspiration;

/// The workload's settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Sao {
    pub seed: u64,
    pub negotiations: usize,
    pub steps: usize,
    pub issues: usize,
    pub values: usize,
    /// The concession exponents of party 0 and party 1.
    pub exponents: [f64; 2],
    /// Threads the negotiations are shared across.
    pub threads: usize,
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
        }
    }
}

/// How one negotiation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ending {
    /// The agreed outcome's flat index and its utility to each party, if they agreed.
    pub agreement: Option<(usize, [f64; 2])>,
    pub rounds: usize,
    pub offers: usize,
}

/// What the workload measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SaoReport {
    pub negotiations: usize,
    pub threads: usize,
    pub seconds: f64,
    pub per_second: f64,
    pub mean_rounds: f64,
    pub mean_offers: f64,
    pub agreement_rate: f64,
    /// Mean utility to each party over the negotiations that agreed.
    pub mean_utility: [f64; 2],
}

/// Outcomes per utility bucket, on average: a query scans one or two buckets of about this size.
const PER_BUCKET: usize = 8;

/// One party: its utilities by outcome, and an index that finds the outcome worth least to it above any
/// aim without sorting: outcomes counting-sorted into utility buckets (in index order within a bucket),
/// and for every bucket the next one that holds anything.
#[derive(Default)]
struct Party {
    utility: Vec<f64>,
    /// Bucket `b` holds `order[start[b]..start[b + 1]]`.
    start: Vec<u32>,
    order: Vec<u32>,
    /// The first non-empty bucket at or after `b` (`buckets` if none).
    next: Vec<u32>,
    /// Each outcome's bucket, kept between the counting and the placing pass.
    ids: Vec<u32>,
    fill: Vec<u32>,
    scratch: Vec<f64>,
    low: f64,
    high: f64,
    min: f64,
    scale: f64,
    exponent: f64,
}

impl Party {
    fn build(&mut self, ufun: &Ufun, exponent: f64) {
        let k_count = ufun.weights.len();
        // The least and the most of an additive function, summed in the table's own order, so they equal
        // the table's smallest and largest entries to the bit.
        let (mut min, mut max) = (0.0, 0.0);
        for k in 0..k_count {
            let parts = (0..ufun.values[k].len()).map(|o| ufun.part(k, o));
            min += parts.clone().fold(f64::INFINITY, f64::min);
            max += parts.fold(f64::NEG_INFINITY, f64::max);
        }
        let n: usize = ufun.values.iter().map(Vec::len).product();
        let buckets = (n / PER_BUCKET).max(1);
        let top = (buckets - 1) as f64;
        let scale = if max > min { buckets as f64 / (max - min) } else { 0.0 };
        self.min = min;
        self.scale = scale;
        self.start.clear();
        self.start.resize(buckets + 1, 0);
        self.ids.clear();
        self.ids.reserve(n);
        ufun.table_into(&mut self.utility, &mut self.scratch);
        // Bucket ids first, in a loop the compiler can vectorise; then the counts.
        self.ids
            .extend(self.utility.iter().map(|&u| ((u - min) * scale).min(top) as u32));
        for &b in &self.ids {
            self.start[b as usize + 1] += 1;
        }
        for b in 0..buckets {
            self.start[b + 1] += self.start[b];
        }
        self.order.clear();
        self.order.resize(n, 0);
        self.fill.clear();
        self.fill.extend_from_slice(&self.start[..buckets]);
        for (i, &b) in self.ids.iter().enumerate() {
            let at = &mut self.fill[b as usize];
            self.order[*at as usize] = i as u32;
            *at += 1;
        }
        self.next.clear();
        self.next.resize(buckets + 1, buckets as u32);
        for b in (0..buckets).rev() {
            self.next[b] = if self.start[b + 1] > self.start[b] {
                b as u32
            } else {
                self.next[b + 1]
            };
        }
        self.low = ufun.walk_away.max(min);
        self.high = max;
        self.exponent = exponent;
    }

    /// The bucket of a utility: monotone in `u`, so a higher bucket always means a higher utility.
    fn bucket(&self, u: f64, buckets: usize) -> usize {
        ((u - self.min) * self.scale).min((buckets - 1) as f64) as usize
    }

    fn aim(&self, t: f64) -> f64 {
        aspiration(self.exponent, t, self.low, self.high)
    }

    /// The outcome worth least to this party that is still worth its aim (ties: lowest index).
    fn offer(&self, aim: f64) -> Option<usize> {
        let buckets = self.start.len() - 1;
        if aim > self.high {
            return None;
        }
        let first = if aim <= self.min { 0 } else { self.bucket(aim, buckets) };
        let mut b = self.next[first] as usize;
        while b < buckets {
            let mut best: Option<u32> = None;
            for &i in &self.order[self.start[b] as usize..self.start[b + 1] as usize] {
                let u = self.utility[i as usize];
                // Within a bucket outcomes come in index order, so only a strictly lower utility replaces.
                if u >= aim && best.is_none_or(|j| u < self.utility[j as usize]) {
                    best = Some(i);
                }
            }
            if let Some(i) = best {
                return Some(i as usize);
            }
            b = self.next[b + 1] as usize;
        }
        None
    }
}

/// Buffers reused from one negotiation to the next.
#[derive(Default)]
pub struct Workspace {
    parties: [Party; 2],
}

/// Runs one negotiation between the two utility functions.
pub fn negotiate(a: &Ufun, b: &Ufun, steps: usize, exponents: [f64; 2]) -> Ending {
    negotiate_in(&mut Workspace::default(), a, b, steps, exponents)
}

/// Runs one negotiation in reused buffers.
pub fn negotiate_in(work: &mut Workspace, a: &Ufun, b: &Ufun, steps: usize, exponents: [f64; 2]) -> Ending {
    work.parties[0].build(a, exponents[0]);
    work.parties[1].build(b, exponents[1]);
    let parties = &work.parties;
    let mut standing: Option<(usize, usize)> = None;
    let mut offers = 0;
    for s in 0..steps {
        let t = (s + 1) as f64 / (steps + 1) as f64;
        for (p, me) in parties.iter().enumerate() {
            let aim = me.aim(t);
            if let Some((from, o)) = standing
                && from != p
                && me.utility[o] >= aim
            {
                return Ending {
                    agreement: Some((o, [parties[0].utility[o], parties[1].utility[o]])),
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

/// Runs the whole workload: negotiation `i` draws both parties from one stream, in turn. The timed run
/// starts after one untimed negotiation on another stream, so first-touch costs are not counted; with
/// more than one thread the negotiations are shared out in contiguous blocks and summed in order.
pub fn run(config: &Sao) -> SaoReport {
    let warm_a = Ufun::draw(&mut SplitMix64::new(!config.seed), config.issues, config.values);
    let warm_b = Ufun::draw(&mut SplitMix64::new(!config.seed ^ 1), config.issues, config.values);
    negotiate(&warm_a, &warm_b, config.steps, config.exponents);

    let start = Instant::now();
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
    let endings: Vec<Ending> = std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(block)
            .map(|chunk| {
                scope.spawn(move || {
                    let mut work = Workspace::default();
                    chunk
                        .iter()
                        .map(|(a, b)| negotiate_in(&mut work, a, b, config.steps, config.exponents))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();

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
        threads,
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
        party.build(&a, 4.0);
        assert_eq!(table[party.offer(party.aim(0.0)).unwrap()], best);
    }

    #[test]
    fn an_offer_is_the_cheapest_outcome_at_or_above_the_aim_with_ties_to_the_lowest_index() {
        for seed in 0..20 {
            let (a, _) = pair(seed);
            let mut party = Party::default();
            party.build(&a, 1.0);
            for step in 0..=40 {
                let aim = party.low + (party.high - party.low) * f64::from(step) / 40.0;
                let expected = (0..party.utility.len())
                    .filter(|&i| party.utility[i] >= aim)
                    .min_by(|&i, &j| party.utility[i].total_cmp(&party.utility[j]).then(i.cmp(&j)));
                assert_eq!(party.offer(aim), expected, "seed {seed}, aim {aim}");
            }
        }
    }
}
