//! The opponent model: what each other delegation seems to want, learned from the packages it has tabled.
//! An option it keeps offering is one it values; an issue it never moves on is one it weighs heavily
//! (the frequency model of the ANAC agents).

use crate::sim::command::Seat;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

/// What one other delegation is modelled to want.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The seat number of the delegation modelled.
    pub seat: usize,
    /// Estimated issue weights, summing to 1.
    pub weights: Vec<f64>,
    /// Per issue, how often each choice appeared in its offers: index 0 "open", then each option (an issue
    /// has at most 15, so every row has room for all; the rest stay 0).
    pub counts: Vec<[f64; 16]>,
    /// How many packages it has tabled: the evidence the model rests on.
    pub offers: usize,
}

impl Model {
    /// The modelled value of `package` to this delegation, 0..1.
    pub fn value(&self, package: Package) -> f64 {
        self.weights
            .iter()
            .zip(&self.counts)
            .enumerate()
            .map(|(i, (w, c))| {
                let top = c.iter().copied().fold(0.0, f64::max);
                let digit = package.choice(i).map_or(0, |o| o + 1);
                if top > 0.0 { w * c[digit] / top } else { 0.0 }
            })
            .sum()
    }

    /// What each choice of each issue adds to [`Model::value`], so a package is valued by one lookup per
    /// issue: `parts[i][digit]` (0 open, then each option), summed in issue order exactly as `value` sums.
    pub fn parts(&self) -> Vec<[f64; 16]> {
        self.weights
            .iter()
            .zip(&self.counts)
            .map(|(w, c)| {
                let top = c.iter().copied().fold(0.0, f64::max);
                c.map(|x| if top > 0.0 { w * x / top } else { 0.0 })
            })
            .collect()
    }
}

/// Models of every other delegation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpponentModel {
    /// One model for each other delegation, by seat order.
    pub others: Vec<Model>,
}

/// How much an issue's weight grows each time a delegation leaves it unchanged between two offers.
const KEPT: f64 = 1.0;

impl OpponentModel {
    /// Learns from every package the other delegations have tabled at this table, starting from their
    /// public opening demands.
    pub fn learn(scenario: &Scenario, state: &TableState, me: usize) -> OpponentModel {
        let issues = scenario.issues.len();
        let mut others = Vec::with_capacity(scenario.delegations.len().saturating_sub(1));
        for d in (0..scenario.delegations.len()).filter(|&d| d != me) {
            // Its opening demands are public: they count as one offer before it has tabled any.
            let mut counts: Vec<[f64; 16]> = vec![[0.0; 16]; issues];
            for (i, c) in counts.iter_mut().enumerate() {
                if let Some(&demand) = scenario.delegations[d].demands.get(i) {
                    c[demand + 1] += 1.0;
                }
            }
            let mut weights = vec![1.0; issues];
            let mut offers = 0;
            let mut last: Option<Package> = None;
            for p in state
                .offers
                .iter()
                .filter(|o| o.author == Seat::Delegation(d))
                .map(|o| o.package)
            {
                for (i, c) in counts.iter_mut().enumerate() {
                    c[p.choice(i).map_or(0, |o| o + 1)] += 1.0;
                    if last.is_some_and(|l| l.choice(i) == p.choice(i)) {
                        weights[i] += KEPT;
                    }
                }
                last = Some(p);
                offers += 1;
            }
            let total: f64 = weights.iter().sum();
            weights.iter_mut().for_each(|w| *w /= total);
            others.push(Model {
                seat: d,
                weights,
                counts,
                offers,
            });
        }
        OpponentModel { others }
    }

    /// The modelled value of `package` to the other delegation that would like it least (0 with no model).
    pub fn least_liked(&self, package: Package) -> f64 {
        if self.others.is_empty() {
            return 0.0;
        }
        self.others
            .iter()
            .map(|m| m.value(package))
            .fold(f64::INFINITY, f64::min)
    }
}
