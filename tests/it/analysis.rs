//! The analysis: the merged Pareto frontier and the bargaining points equal brute force on random spaces,
//! for 2 and 3 parties; at Istanbul the zone of agreement respects red lines and preconditions; and every
//! mediator's explanation names the red line that blocks the package it could not table.

use proptest::prelude::*;
use redline::sim::analysis::frontier::{self, Additive, Points};
use redline::sim::analysis::{Parties, pareto_frontier, signable, zopa};
use redline::sim::mediator::{self, explain};
use redline::sim::scenario::{MediatorStrategy, Scenario};
use redline::sim::table::TableState;

/// Every feasible outcome that no other feasible outcome dominates, by the definition, in O(n²); of
/// outcomes with identical utilities only the first (lowest index) counts.
fn brute_frontier(all: &Points) -> Vec<(u128, Vec<f64>)> {
    let n = all.len();
    let mut out = Vec::new();
    for i in 0..n {
        let p = all.point(i);
        let beaten = (0..n).any(|j| {
            let q = all.point(j);
            let dominates = q.iter().zip(p).all(|(a, b)| a >= b) && q.iter().zip(p).any(|(a, b)| a > b);
            let twin_before = q == p && all.outcome[j] < all.outcome[i];
            dominates || twin_before
        });
        if !beaten {
            out.push((all.outcome[i], p.to_vec()));
        }
    }
    out.sort_by_key(|(o, _)| *o);
    out
}

fn sorted(points: &Points) -> Vec<(u128, Vec<f64>)> {
    let mut out: Vec<_> = (0..points.len())
        .map(|i| (points.outcome[i], points.point(i).to_vec()))
        .collect();
    out.sort_by_key(|(o, _)| *o);
    out
}

/// The best score of a rule over every feasible outcome, enumerated.
fn brute_best(all: &Points, score: impl Fn(&[f64]) -> f64) -> Option<f64> {
    (0..all.len()).map(|i| score(all.point(i))).max_by(f64::total_cmp)
}

fn space() -> impl Strategy<Value = (Additive, Vec<f64>)> {
    (2usize..=3, prop::collection::vec(1usize..=4, 1..=4)).prop_flat_map(|(m, options)| {
        let parts: Vec<_> = options
            .iter()
            .map(|&v| prop::collection::vec(0.0f64..=0.3, v * m))
            .collect();
        (parts, prop::collection::vec(0.0f64..=0.5, m))
            .prop_map(move |(parts, walk_away)| (Additive { parties: m, parts }, walk_away))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_merged_frontier_is_exactly_the_brute_force_frontier((space, walk_away) in space()) {
        let merged = frontier::frontier(&space, &walk_away);
        let all = frontier::enumerate(&space, &walk_away);
        prop_assert_eq!(sorted(&merged), brute_frontier(&all));
    }

    #[test]
    fn nash_kalai_smorodinsky_and_welfare_points_score_as_well_as_brute_force((space, walk_away) in space()) {
        let front = frontier::frontier(&space, &walk_away);
        let all = frontier::enumerate(&space, &walk_away);
        let gains = |u: &[f64]| u.iter().zip(&walk_away).map(|(x, w)| x - w).product::<f64>();
        prop_assert_eq!(frontier::nash(&front, &walk_away).map(|p| p.score), brute_best(&all, gains));
        let welfare = |u: &[f64]| u.iter().sum::<f64>();
        prop_assert_eq!(frontier::max_welfare(&front).map(|p| p.score), brute_best(&all, welfare));
        // Kalai-Smorodinsky: the ideal point is the same over the frontier and over all outcomes.
        let m = space.parties;
        let ideal: Vec<f64> = (0..m)
            .map(|p| (0..all.len()).map(|i| all.point(i)[p]).fold(f64::NEG_INFINITY, f64::max))
            .collect();
        let share = |u: &[f64]| {
            (0..m)
                .map(|p| {
                    let range = ideal[p] - walk_away[p];
                    if range > 0.0 { (u[p] - walk_away[p]) / range } else { 1.0 }
                })
                .fold(f64::INFINITY, f64::min)
        };
        prop_assert_eq!(frontier::kalai_smorodinsky(&front, &walk_away).map(|p| p.score), brute_best(&all, share));
    }
}

#[test]
fn at_istanbul_no_signable_package_crosses_a_red_line_or_sets_a_ceasefire_without_its_precondition() {
    let s = Scenario::istanbul();
    let parties = Parties::all(&s);
    let zone = zopa(&s, &parties);
    assert!(!zone.is_empty());
    for &k in &zone {
        let p = s.space.packages[k];
        for d in &s.delegations {
            assert!(d.crossed(p).is_none(), "{}", s.describe(p));
            assert!(d.utility(p) >= d.walk_away);
        }
    }
    let (cf, thirty) = redline_option(&s, "ceasefire", "thirty_days");
    assert!(zone.iter().all(|&k| s.space.packages[k].choice(cf) != Some(thirty)));
    // The frontier is the brute-force frontier of the signable packages.
    assert_eq!(
        sorted(&pareto_frontier(&s, &parties)),
        brute_frontier(&signable(&s, &parties))
    );
}

fn redline_option(s: &Scenario, issue: &str, option: &str) -> (usize, usize) {
    crate::support::option(s, issue, option)
}

#[test]
fn every_mediator_names_the_red_line_that_blocks_the_full_ceasefire() {
    let s = Scenario::istanbul();
    let parties = Parties::all(&s);
    let state = TableState::new(&s);
    for strategy in MediatorStrategy::CHOICES {
        let (package, why) = mediator::draft(strategy, &s, &parties, &state).expect("a proposal");
        let text = why.join(" ");
        assert!(
            text.contains("Russia's red line") && text.contains("A full, unconditional ceasefire"),
            "{strategy:?} does not say why there is no ceasefire: {text}"
        );
        assert!(text.contains("gains over walking away"), "{strategy:?}: {text}");
        let k = redline::sim::analysis::index_of(&s, package).expect("a package of the table");
        assert!(
            redline::sim::analysis::acceptable(&s, &parties, k),
            "{strategy:?} tabled an unsignable package"
        );
    }
}

#[test]
fn a_refused_package_is_explained_by_the_red_line_it_crosses() {
    let s = Scenario::istanbul();
    let parties = Parties::all(&s);
    let (cf, thirty) = redline_option(&s, "ceasefire", "thirty_days");
    let refused = redline::sim::issue::Package::OPEN.with(cf, Some(thirty));
    let why = explain::blocked(&s, &parties, refused).join(" ");
    assert!(why.contains("would cross Russia's red line"), "{why}");
    assert!(why.contains("unless Ukrainian withdrawal is settled"), "{why}");
}
