//! No agreement ever crosses a signatory's red line: a property over seeds and generated scenarios.

use std::collections::BTreeMap;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use redline::sim::batch::run_batch;
use redline::sim::scenario::Scenario;
use redline::sim::scenario::raw::*;

fn sourced<T>(value: T) -> Sourced<T> {
    Sourced {
        value,
        source: "generated".into(),
    }
}

/// A generated table: `n` delegations over `k` issues of `m` options, with random values and red lines.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    delegations: usize,
    options: Vec<usize>,
    weights: Vec<Vec<f64>>,
    values: Vec<Vec<Vec<f64>>>,
    walk_away: Vec<f64>,
    strategies: Vec<u8>,
    mediator: u8,
    /// (delegation, kind 0..4, issue, option, other issue, other option)
    lines: Vec<(usize, u8, usize, usize, usize, usize)>,
    /// (issue, option, required issue, required option): the table's linked terms.
    terms: Vec<(usize, usize, usize, usize)>,
    /// (issue, option): options the chair will not table.
    chair: Vec<(usize, usize)>,
    /// Whether a table of three agrees by two of three, the first delegation among them, not unanimously.
    majority: bool,
}

pub(crate) fn shape() -> impl Strategy<Value = Shape> {
    (2usize..=3, prop::collection::vec(1usize..=4, 2..=4)).prop_flat_map(|(n, options)| {
        let k = options.len();
        let per_issue: Vec<_> = options
            .iter()
            .map(|&m| prop::collection::vec(0.0f64..=1.0, m + 1))
            .collect();
        (
            Just(n),
            Just(options.clone()),
            prop::collection::vec(prop::collection::vec(0.1f64..=1.0, k), n),
            prop::collection::vec(per_issue, n),
            prop::collection::vec(0.0f64..=0.6, n),
            prop::collection::vec(0u8..6, n),
            0u8..6,
            prop::collection::vec((0..n, 0u8..4, 0..k, 0usize..4, 0..k, 0usize..4), 0..6),
            prop::collection::vec((0..k, 0usize..4, 0..k, 0usize..4), 0..3),
            prop::collection::vec((0..k, 0usize..4), 0..2),
            prop::bool::ANY,
        )
            .prop_map(
                |(
                    delegations,
                    options,
                    weights,
                    values,
                    walk_away,
                    strategies,
                    mediator,
                    lines,
                    terms,
                    chair,
                    majority,
                )| Shape {
                    delegations,
                    options,
                    weights,
                    values,
                    walk_away,
                    strategies,
                    mediator,
                    lines,
                    terms,
                    chair,
                    majority,
                },
            )
    })
}

pub(crate) fn build(shape: &Shape) -> Option<Arc<Scenario>> {
    let issue_id = |i: usize| format!("issue_{i}");
    let option_id = |o: usize| format!("option_{o}");
    let issues = shape
        .options
        .iter()
        .enumerate()
        .map(|(i, &m)| RawIssue {
            id: issue_id(i),
            name: format!("Issue {i}"),
            description: String::new(),
            open: "left open".into(),
            signatories: vec![],
            options: (0..m)
                .map(|o| RawOption {
                    id: option_id(o),
                    text: format!("Option {o}"),
                    requires: shape
                        .terms
                        .iter()
                        .find(|&&(ti, to, r, _)| ti == i && to == o && r != i)
                        .map(|&(_, _, r, ro)| RawRequires {
                            issue: issue_id(r),
                            options: vec![option_id(ro % shape.options[r])],
                        }),
                })
                .collect(),
        })
        .collect();
    let delegations = (0..shape.delegations)
        .map(|d| {
            let positions: BTreeMap<String, RawPosition> = shape
                .options
                .iter()
                .enumerate()
                .map(|(i, &m)| {
                    let v = &shape.values[d][i];
                    let best = (0..m)
                        .max_by(|&a, &b| v[a + 1].total_cmp(&v[b + 1]).then(b.cmp(&a)))
                        .unwrap_or(0);
                    let mut values: BTreeMap<String, f64> = (0..m).map(|o| (option_id(o), v[o + 1])).collect();
                    values.insert("open".into(), v[0]);
                    (
                        issue_id(i),
                        RawPosition {
                            demand: option_id(best),
                            weight: shape.weights[d][i],
                            values,
                            source: "generated".into(),
                        },
                    )
                })
                .collect();
            let red_lines = shape
                .lines
                .iter()
                .filter(|l| l.0 == d)
                .filter_map(|&(_, kind, i, o, j, p)| {
                    let (o, p) = (o % shape.options[i], p % shape.options[j]);
                    let why = "generated".to_string();
                    Some(match kind {
                        0 => RawRedLine::Forbid {
                            issue: issue_id(i),
                            option: option_id(o),
                            why,
                        },
                        1 => RawRedLine::AtLeast {
                            issue: issue_id(i),
                            option: option_id(o),
                            why,
                        },
                        2 => RawRedLine::AtMost {
                            issue: issue_id(i),
                            option: option_id(o),
                            why,
                        },
                        _ if i != j => RawRedLine::Precondition {
                            issue: issue_id(i),
                            options: vec![option_id(o)],
                            requires: issue_id(j),
                            requires_options: vec![option_id(p)],
                            why,
                        },
                        _ => return None,
                    })
                })
                .collect();
            RawDelegation {
                id: format!("party_{d}"),
                name: format!("Party {d}"),
                native: None,
                colour: "#808080".into(),
                delegates: vec![],
                strategy: [
                    RawStrategy::Boulware,
                    RawStrategy::Linear,
                    RawStrategy::Conceder,
                    RawStrategy::TitForTat,
                    RawStrategy::Hardliner,
                    RawStrategy::Delegation,
                ][shape.strategies[d] as usize],
                posture: RawPosture::Firm,
                positions,
                red_lines,
                walk_away: sourced(shape.walk_away[d]),
                patience: sourced(0.9),
                trust: BTreeMap::new(),
                lines: vec![],
            }
        })
        .collect();
    let raw = RawScenario {
        id: "generated".into(),
        title: "Generated".into(),
        date: String::new(),
        place: String::new(),
        summary: String::new(),
        teaches: String::new(),
        clock: RawClock {
            start: "09:00".into(),
            minutes: sourced(60),
            rounds: sourced(6),
        },
        tension: sourced(0.3),
        issues,
        delegations,
        mediator: RawMediator {
            red_lines: shape
                .chair
                .iter()
                .map(|&(i, o)| RawRedLine::Forbid {
                    issue: issue_id(i),
                    option: option_id(o % shape.options[i]),
                    why: "generated".into(),
                })
                .collect(),
            id: "chair".into(),
            name: "Chair".into(),
            native: None,
            delegates: vec![],
            strategy: [
                RawMediatorStrategy::SplitTheDifference,
                RawMediatorStrategy::NashBargaining,
                RawMediatorStrategy::KalaiSmorodinsky,
                RawMediatorStrategy::AdjustedWinner,
                RawMediatorStrategy::SingleNegotiatingText,
                RawMediatorStrategy::ConfidenceBuilding,
            ][shape.mediator as usize],
            first_proposal_round: sourced(1),
        },
        outside_actors: vec![],
        events: vec![],
        injects: vec![],
        variation: RawVariation {
            patience: sourced(0.1),
            walk_away: sourced(0.05),
        },
        ratification: (shape.majority && shape.delegations == 3).then(|| RawRatification {
            at_least: 2,
            including: vec!["party_0".into()],
            blocs: vec![],
            source: "generated".into(),
        }),
        history: None,
        questions: vec![],
        sources: vec![],
    };
    let text = ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::new()).ok()?;
    // Some generated red lines contradict each other; the validator refuses those, as it should.
    Scenario::from_ron("generated.ron", &text).ok().map(Arc::new)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn no_agreement_ever_crosses_a_signatorys_red_line(shape in shape(), seed in 0u64..1_000_000) {
        let Some(scenario) = build(&shape) else { return Ok(()) };
        for r in run_batch(&scenario, seed, 8, 8, |_| {}) {
            if let Some(package) = r.outcome.package() {
                // Under unanimity every delegation signs; under a ratification rule, those the transcript names.
                let signed: Vec<usize> = r.transcript.events.iter().find_map(|e| match e {
                    redline::sim::transcript::Event::Ratified { seats } => Some(seats.clone()),
                    _ => None,
                }).unwrap_or_else(|| (0..scenario.delegations.len()).collect());
                for &d in &signed {
                    let d = &scenario.delegations[d];
                    prop_assert!(d.crossed(package).is_none(), "{} signed across its red line: {}", d.name, scenario.describe(package));
                    prop_assert!(d.utility(package) >= 0.0);
                }
            }
        }
    }

    #[test]
    fn the_packages_a_delegation_may_sign_are_exactly_those_that_cross_none_of_its_red_lines_and_keep_the_terms(shape in shape()) {
        let Some(scenario) = build(&shape) else { return Ok(()) };
        allowed_means_no_red_line_crossed(&scenario, 1);
    }

    #[test]
    fn the_merged_frontier_of_signable_packages_is_the_enumerated_one(shape in shape(), gone in 0usize..4) {
        use redline::sim::analysis::{Parties, frontier::pareto, pareto_frontier, signable};
        let Some(scenario) = build(&shape) else { return Ok(()) };
        let mut parties = Parties::all(&scenario);
        // Sometimes a delegation has left: its red lines no longer bind.
        if gone < parties.present.len() && parties.present.len() > 2 {
            parties.present.remove(gone);
        }
        let merged = pareto_frontier(&scenario, &parties);
        let enumerated = pareto(&signable(&scenario, &parties));
        prop_assert_eq!(merged, enumerated);
    }
}

#[test]
fn generated_tables_do_reach_agreements_so_the_property_is_not_vacuous() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut agreements = 0;
    let mut with_red_lines = 0;
    for _ in 0..40 {
        let shape = shape().new_tree(&mut runner).expect("a shape").current();
        let Some(scenario) = build(&shape) else { continue };
        let has_lines = scenario.delegations.iter().any(|d| !d.red_lines.is_empty());
        for r in run_batch(&scenario, 1, 4, 4, |_| {}) {
            if r.outcome.package().is_some() {
                agreements += 1;
                with_red_lines += usize::from(has_lines);
            }
        }
    }
    assert!(agreements > 20, "only {agreements} agreements");
    assert!(with_red_lines > 5, "only {with_red_lines} agreements under red lines");
}

/// Every `step`-th package is allowed to a delegation in the outcome space exactly when it crosses none of
/// that delegation's red lines, tested line by line, and meets the table's linked terms.
fn allowed_means_no_red_line_crossed(scenario: &Scenario, step: usize) {
    for (d, del) in scenario.delegations.iter().enumerate() {
        for (k, &p) in scenario.space.packages.iter().enumerate().step_by(step) {
            assert_eq!(
                scenario.space.allowed[d][k],
                del.crossed(p).is_none() && redline::sim::issue::broken_term(&scenario.issues, p).is_none(),
                "{}: {}",
                del.name,
                scenario.describe(p)
            );
        }
    }
}

#[test]
fn the_red_line_tables_of_the_largest_and_the_shipped_tables_agree_with_every_line() {
    allowed_means_no_red_line_crossed(&Scenario::istanbul(), 1);
    let largest = Scenario::from_ron("largest.ron", &redline::bench::largest::scenario_text()).expect("checks");
    // Every 7th of 1,048,576 packages, each against 64 lines of each of 8 delegations.
    allowed_means_no_red_line_crossed(&largest, 7);
}
