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
    pub seconds: f64,
    pub per_second: f64,
    pub mean_rounds: f64,
    pub mean_offers: f64,
    pub agreement_rate: f64,
    /// Mean utility to each party over the negotiations that agreed.
    pub mean_utility: [f64; 2],
}

/// One party: its utilities by outcome, the outcomes sorted by (utility, index), and its range.
struct Party {
    utility: Vec<f64>,
    sorted: Vec<(u64, u32)>,
    low: f64,
    high: f64,
    exponent: f64,
}

impl Party {
    fn new(ufun: &Ufun, exponent: f64, scratch: &mut Vec<f64>) -> Party {
        ufun.table(scratch);
        let utility = std::mem::take(scratch);
        // Utilities are sums of non-negative parts, so their bit patterns sort like the numbers.
        let mut sorted: Vec<(u64, u32)> = utility
            .iter()
            .enumerate()
            .map(|(i, u)| (u.to_bits(), i as u32))
            .collect();
        sorted.sort_unstable();
        let min = utility.iter().copied().fold(f64::INFINITY, f64::min);
        let max = utility.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Party {
            utility,
            sorted,
            low: ufun.walk_away.max(min),
            high: max,
            exponent,
        }
    }

    fn aim(&self, t: f64) -> f64 {
        aspiration(self.exponent, t, self.low, self.high)
    }

    /// The outcome worth least to this party that is still worth its aim (ties: lowest index).
    fn offer(&self, aim: f64) -> Option<usize> {
        let at = self.sorted.partition_point(|&(bits, _)| f64::from_bits(bits) < aim);
        self.sorted.get(at).map(|&(_, i)| i as usize)
    }
}

/// Runs one negotiation between the two utility functions.
pub fn negotiate(a: &Ufun, b: &Ufun, steps: usize, exponents: [f64; 2]) -> Ending {
    let mut scratch = Vec::new();
    let parties = [Party::new(a, exponents[0], &mut scratch), Party::new(b, exponents[1], &mut scratch)];
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

/// Runs the whole workload: negotiation `i` draws both parties from one stream, in turn.
pub fn run(config: &Sao) -> SaoReport {
    let mut rng = SplitMix64::new(config.seed);
    let start = Instant::now();
    let (mut rounds, mut offers, mut agreed) = (0usize, 0usize, 0usize);
    let mut utility = [0.0; 2];
    for _ in 0..config.negotiations {
        let a = Ufun::draw(&mut rng, config.issues, config.values);
        let b = Ufun::draw(&mut rng, config.issues, config.values);
        let ending = negotiate(&a, &b, config.steps, config.exponents);
        rounds += ending.rounds;
        offers += ending.offers;
        if let Some((_, u)) = ending.agreement {
            agreed += 1;
            utility[0] += u[0];
            utility[1] += u[1];
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let n = config.negotiations.max(1) as f64;
    let per_agreement = agreed.max(1) as f64;
    SaoReport {
        negotiations: config.negotiations,
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
        let party = Party::new(&a, 4.0, &mut Vec::new());
        assert_eq!(table[party.offer(party.aim(0.0)).unwrap()], best);
    }
}
