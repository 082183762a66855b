//! `redline bench`: the fixed workloads of the peer comparison (random additive domains drawn from
//! SplitMix64, as `benches/peer/README.md` describes), run on Redline's negotiator and analysis.

pub mod batch;
pub mod deals;
pub mod frontier;
pub mod largest;
pub mod sao;
pub mod three_party;
pub mod tournament;
pub mod turn;

/// The SplitMix64 generator every side of the comparison draws its domains from.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`; the same seed gives the same domains on every side of the comparison.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits (the published SplitMix64 step).
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in `[0, 1)` from the top 53 bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// One party's utility function over `K` issues of `V` values: `u(o) = Σ w_k t_k[o_k]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ufun {
    /// How much each issue matters to the party; drawn at random, they sum to 1.
    pub weights: Vec<f64>,
    /// Per issue, the value of each option; every issue's best is exactly 1.
    pub values: Vec<Vec<f64>>,
    /// The party's walk-away value (reservation value), drawn in `[0, 0.5)`.
    pub walk_away: f64,
}

impl Ufun {
    /// Draws weights, then the value tables issue by issue, then the walk-away value.
    pub fn draw(rng: &mut SplitMix64, k: usize, v: usize) -> Ufun {
        let raw: Vec<f64> = (0..k).map(|_| rng.next_f64()).collect();
        let total: f64 = raw.iter().sum();
        let weights = raw.iter().map(|r| r / total).collect();
        let values = (0..k)
            .map(|_| {
                let t: Vec<f64> = (0..v).map(|_| rng.next_f64()).collect();
                let top = t.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                t.iter().map(|x| x / top).collect()
            })
            .collect();
        let (rv_min, rv_max) = (0.0, 0.5);
        let walk_away = rv_min + rng.next_f64() * (rv_max - rv_min);
        Ufun {
            weights,
            values,
            walk_away,
        }
    }

    /// What option `o` of issue `k` adds.
    pub fn part(&self, k: usize, o: usize) -> f64 {
        self.weights[k] * self.values[k][o]
    }

    /// The utility of every outcome, by flat index (last issue fastest), summed in issue order.
    pub fn table(&self, into: &mut Vec<f64>) {
        let scratch = &mut Vec::new();
        into.clear();
        into.push(0.0);
        for k in 0..self.weights.len() {
            let parts: Vec<f64> = (0..self.values[k].len()).map(|o| self.part(k, o)).collect();
            scratch.clear();
            scratch.reserve(into.len() * parts.len());
            for &x in into.iter() {
                scratch.extend(parts.iter().map(|p| x + p));
            }
            std::mem::swap(into, scratch);
        }
    }
}

/// Writes issue `i` of a generated scenario, `i{i}` with options `o0` .. `o{options - 1}`, as a line of its
/// `issues` list.
pub fn write_issue(s: &mut String, i: usize, options: usize) {
    use std::fmt::Write as _;
    let _ = write!(
        s,
        "        (id: \"i{i}\", name: \"Issue {i}\", description: \"Issue {i}.\", open: \"Nothing on issue {i}.\", options: ["
    );
    for o in 0..options {
        let _ = write!(s, "(id: \"o{o}\", text: \"Option {o} of issue {i}\"), ");
    }
    s.push_str("]),\n");
}

/// The additive space of several parties' utility functions, for the frontier analysis.
pub fn additive(ufuns: &[Ufun]) -> crate::sim::analysis::frontier::Additive {
    let m = ufuns.len();
    let k = ufuns.first().map_or(0, |u| u.weights.len());
    let parts = (0..k)
        .map(|issue| {
            let v = ufuns[0].values[issue].len();
            (0..v * m).map(|i| ufuns[i % m].part(issue, i / m)).collect()
        })
        .collect();
    crate::sim::analysis::frontier::Additive { parties: m, parts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_published_sequence() {
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn every_issue_s_best_value_is_exactly_one_and_weights_sum_to_one() {
        let mut rng = SplitMix64::new(42);
        let u = Ufun::draw(&mut rng, 5, 5);
        assert!(u.values.iter().all(|t| t.iter().copied().fold(0.0, f64::max) == 1.0));
        assert!((u.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((0.0..0.5).contains(&u.walk_away));
    }
}
