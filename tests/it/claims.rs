//! Every mediator finds the trade when one exists, and every reason it gives is true of the table.

use std::sync::Arc;

use proptest::prelude::*;
use redline::sim::analysis::{Parties, acceptable, index_of, zopa};
use redline::sim::batch::run_batch;
use redline::sim::command::Seat;
use redline::sim::issue::Package;
use redline::sim::mediator::claim::Claim;
use redline::sim::mediator::{self, reasoned};
use redline::sim::rules::{MAX_STATEMENT, apply};
use redline::sim::scenario::{MediatorStrategy, Scenario};
use redline::sim::table::{Controllers, TableState};
use redline::sim::transcript::Event;
use redline::sim::turn::Phase;

use crate::red_lines::{build, shape};
use crate::support::option;

/// The table seated with seed 1 and opened: round 1, statements, nobody has moved.
fn opened(s: &Scenario) -> TableState {
    let (mut state, mut rng) = TableState::seated(s, 1, &Controllers::default());
    let streams = redline::sim::turn::Streams {
        seats: vec![0; s.delegations.len()],
        mediator: 0,
    };
    redline::sim::turn::run(s, 1, &mut state, &mut rng, &streams, &mut Vec::new());
    state
}

fn trade_table() -> Arc<Scenario> {
    Arc::new(Scenario::from_ron("trade.ron", include_str!("../scenarios/trade.ron")).expect("the trade table"))
}

/// The harbour lease with one piece of its text replaced.
fn trade_table_with(from: &str, to: &str) -> Arc<Scenario> {
    let text = include_str!("../scenarios/trade.ron").replace(from, to);
    assert_ne!(
        text,
        include_str!("../scenarios/trade.ron"),
        "the text to replace is in the table"
    );
    Arc::new(Scenario::from_ron("variant.ron", &text).expect("a valid table"))
}

fn three_parties() -> Arc<Scenario> {
    Arc::new(
        Scenario::from_ron("three-parties.ron", include_str!("../scenarios/three-parties.ron")).expect("the table"),
    )
}

/// Every claim is true; a mediator with a signable package before it tables one that every side can sign
/// or, for the single text, says why its text cannot yet be signed.
fn all_true(s: &Scenario, parties: &Parties, strategy: MediatorStrategy, state: &TableState) -> Result<(), String> {
    let chair = parties.for_chair(s);
    let signable = !zopa(s, &chair).is_empty();
    match reasoned(strategy, s, parties, state) {
        Ok((package, claims)) => {
            for c in &claims {
                c.check(s, &chair).map_err(|e| format!("{strategy:?}: {e}"))?;
            }
            let k = index_of(s, package).ok_or("a package outside the space")?;
            if !s.space.tableable[k] {
                return Err(format!(
                    "{strategy:?} tabled {} across its own lines",
                    s.describe(package)
                ));
            }
            let says_not_yet = claims.iter().any(|c| matches!(c, Claim::NotYetSignable { .. }));
            // Under a ratification rule, a package the rule carries (its `Carried` claim checked above).
            let says_carried = claims.iter().any(|c| matches!(c, Claim::Carried { .. }));
            if !acceptable(s, &chair, k) && !says_not_yet && !says_carried {
                return Err(format!(
                    "{strategy:?} tabled {} as if every side could sign it",
                    s.describe(package)
                ));
            }
            Ok(())
        }
        Err(claims) => {
            if signable {
                return Err(format!("{strategy:?} tabled nothing though a package can be signed"));
            }
            let carried = (0..s.space.packages.len()).any(|k| redline::sim::mediator::majority::carried(s, &chair, k));
            if carried {
                return Err(format!(
                    "{strategy:?} tabled nothing though the table's rule can carry a package"
                ));
            }
            for c in &claims {
                c.check(s, &chair).map_err(|e| format!("{strategy:?}: {e}"))?;
            }
            let Err(text) = mediator::draft(strategy, s, parties, state) else {
                return Err("the words and the claims disagree".into());
            };
            if text.chars().count() > MAX_STATEMENT {
                return Err(format!("a statement of {} characters", text.chars().count()));
            }
            Ok(())
        }
    }
}

#[test]
fn on_the_harbour_lease_every_mediator_tables_the_trade_and_says_who_gives_way_on_what() {
    let s = trade_table();
    let parties = Parties::all(&s);
    let state = TableState::new(&s);
    let (rent, market) = option(&s, "rent", "market");
    let (term, ten) = option(&s, "term", "ten_years");
    let (repairs, shared) = option(&s, "repairs", "shared");
    let trade = Package::OPEN
        .with(rent, Some(market))
        .with(term, Some(ten))
        .with(repairs, Some(shared));
    for strategy in MediatorStrategy::CHOICES {
        let (package, claims) = reasoned(strategy, &s, &parties, &state).expect("a proposal");
        assert_eq!(package, trade, "{strategy:?} tabled {}", s.describe(package));
        let gives: Vec<(usize, Vec<usize>)> = claims
            .iter()
            .filter_map(|c| match c {
                Claim::Trade { seat, gives, .. } => Some((*seat, gives.clone())),
                _ => None,
            })
            .collect();
        assert_eq!(gives, vec![(0, vec![rent]), (1, vec![term])], "{strategy:?}");
        let words = mediator::draft(strategy, &s, &parties, &state)
            .expect("a proposal")
            .1
            .join(" ");
        assert!(
            words.contains("Tenant gives way on Rent") && words.contains("Owner gives way on Term"),
            "{strategy:?}: {words}"
        );
        all_true(&s, &parties, strategy, &state).unwrap();
    }
}

#[test]
fn no_issue_of_the_harbour_lease_has_a_zone_of_its_own_so_only_a_trade_can_be_signed() {
    let s = trade_table();
    let parties = Parties::all(&s);
    for issue in 0..s.issues.len() {
        let alone: Vec<usize> = (0..s.issues[issue].options.len())
            .filter(|&o| {
                let k = index_of(&s, Package::OPEN.with(issue, Some(o))).unwrap();
                acceptable(&s, &parties, k)
            })
            .collect();
        assert!(alone.is_empty(), "{} can be settled alone", s.issues[issue].name);
    }
    assert_eq!(zopa(&s, &parties).len(), 1);
}

/// Replays every table's Events and, just before each package the mediator tables, drafts again from the
/// state it drafted from: the draft is the package tabled, and every claim of it is true.
fn mediator_reasons_hold_in_play(s: &Arc<Scenario>, strategy: MediatorStrategy, seed: u64, games: u64) {
    let table = Arc::new(s.with_strategies(&[], Some(strategy)).expect("a mediator"));
    let mut drafts = 0;
    for r in run_batch(&table, seed, games, games, |_| {}) {
        let (mut state, _) = TableState::seated(&table, r.seed, &Controllers::default());
        for ev in &r.transcript.events {
            if let Event::Proposed { proposal } = ev
                && proposal.author == Seat::Mediator
                && state.phase == Phase::Mediation
            {
                let parties = Parties::of(&state);
                let (package, claims) = reasoned(strategy, &table, &parties, &state).expect("the draft tabled");
                assert_eq!(package, proposal.package, "{strategy:?}, seed {}", r.seed);
                all_true(&table, &parties, strategy, &state).unwrap();
                // The single text's changes, applied in order to the last draft, give exactly the text tabled.
                let mut text = state
                    .offers
                    .iter()
                    .rev()
                    .find(|o| o.author == Seat::Mediator)
                    .map(|o| o.package);
                for c in &claims {
                    if let Claim::Revised { before, after, .. } = c {
                        assert_eq!(text, Some(*before), "a change to a text that is not the current one");
                        text = Some(*after);
                    }
                }
                if strategy == MediatorStrategy::SingleNegotiatingText && text.is_some() {
                    assert_eq!(text, Some(package), "the reasons describe another text");
                }
                drafts += 1;
            }
            apply(&mut state, ev);
        }
    }
    assert!(drafts > 0, "{strategy:?} drafted nothing at {}", table.title);
}

#[test]
fn in_play_every_mediator_tables_what_it_drafted_and_its_reasons_hold() {
    for s in [Scenario::istanbul(), trade_table(), three_parties()] {
        for strategy in MediatorStrategy::CHOICES {
            mediator_reasons_hold_in_play(&s, strategy, 1, 12);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_claim_a_mediator_makes_on_a_generated_table_is_true(shape in shape(), gone in 0usize..4) {
        let Some(s) = build(&shape) else { return Ok(()) };
        let mut parties = Parties::all(&s);
        if gone < parties.present.len() && parties.present.len() > 2 {
            parties.present.remove(gone);
        }
        let state = TableState::new(&s);
        for strategy in MediatorStrategy::CHOICES {
            if let Err(e) = all_true(&s, &parties, strategy, &state) {
                prop_assert!(false, "{}", e);
            }
        }
    }
}

#[test]
fn terms_that_exist_only_with_another_issue_settled_are_never_signed_alone_and_the_rules_say_why() {
    let s = trade_table_with(
        r#"(id: "shared", text: "The cost of the roof is shared"),"#,
        r#"(id: "shared", text: "The cost of the roof is shared", requires: Some((issue: "term", options: ["ten_years"]))),"#,
    );
    let (repairs, shared) = option(&s, "repairs", "shared");
    let (term, ten) = option(&s, "term", "ten_years");
    for (k, p) in s.space.packages.iter().enumerate() {
        let broken = p.choice(repairs) == Some(shared) && p.choice(term) != Some(ten);
        for d in 0..s.delegations.len() {
            assert!(
                !(broken && s.space.allowed[d][k]),
                "{} may sign {}",
                s.delegations[d].name,
                s.describe(*p)
            );
        }
    }
    // No delegation holds it as a red line: it is the table's terms.
    assert!(s.delegations.iter().all(|d| d.red_lines.is_empty()));
    // Every mediator still tables the trade, which settles the term.
    let parties = Parties::all(&s);
    for strategy in MediatorStrategy::CHOICES {
        let (package, _) = reasoned(strategy, &s, &parties, &TableState::new(&s)).expect("a proposal");
        assert_eq!(package.choice(term), Some(ten), "{strategy:?}");
        all_true(&s, &parties, strategy, &TableState::new(&s)).unwrap();
    }
    // A person who proposes the repairs alone is told what the terms need.
    let mut state = opened(&s);
    for seat in [Seat::Delegation(0), Seat::Delegation(1)] {
        crate::support::exec_and_check(
            &s,
            &mut state,
            seat,
            redline::sim::command::Command::Pass,
            &[Event::Passed { seat }],
        );
    }
    crate::support::move_on(&s, &mut state);
    assert_eq!(state.phase, Phase::Proposals);
    let alone = redline::sim::command::Command::Propose {
        package: Package::OPEN.with(repairs, Some(shared)),
    };
    let err = crate::support::refused(&s, &mut state, Seat::Delegation(0), alone).to_string();
    assert!(
        err.contains("exists only with Term settled at \"A ten-year lease\""),
        "{err}"
    );
}

#[test]
fn a_mediator_with_a_line_of_its_own_never_tables_across_it_and_says_so() {
    let s = trade_table_with(
        r#"first_proposal_round: (value: 1, source: "test"),"#,
        r#"first_proposal_round: (value: 1, source: "test"),
        red_lines: [Forbid(issue: "rent", option: "market", why: "The broker will not put its name to a market rent.")],"#,
    );
    let parties = Parties::all(&s);
    // The parties could still sign the trade between themselves; the broker will not table it.
    assert_eq!(zopa(&s, &parties).len(), 1);
    for strategy in MediatorStrategy::CHOICES {
        all_true(&s, &parties, strategy, &TableState::new(&s)).unwrap();
        let said = mediator::draft(strategy, &s, &parties, &TableState::new(&s)).expect_err("nothing to table");
        assert!(said.contains("cross my own lines"), "{strategy:?}: {said}");
    }
    // A person in the chair is refused across the chair's line.
    let (mut state, _) = TableState::seated(&s, 1, &Controllers::default());
    state.phase = Phase::Mediation;
    state.round = 1;
    let (rent, market) = option(&s, "rent", "market");
    let mediate = redline::sim::command::Command::Mediate {
        package: Package::OPEN.with(rent, Some(market)),
        explanation: Default::default(),
    };
    let err = crate::support::refused(&s, &mut state, Seat::Mediator, mediate).to_string();
    assert!(
        err.contains("The chair will not table that package: The broker will not put its name"),
        "{err}"
    );
}

#[test]
fn an_issue_some_parties_sign_is_reported_as_a_side_agreement_of_its_own() {
    let s = trade_table_with(
        r#"open: "Nobody is bound to repair the roof.","#,
        r#"open: "Nobody is bound to repair the roof.",
            signatories: ["owner", "broker"],"#,
    );
    let (rent, market) = option(&s, "rent", "market");
    let (term, ten) = option(&s, "term", "ten_years");
    let (repairs, shared) = option(&s, "repairs", "shared");
    let trade = Package::OPEN
        .with(rent, Some(market))
        .with(term, Some(ten))
        .with(repairs, Some(shared));
    let outcome = redline::sim::outcome::Outcome::for_package(trade, 3, s.issues.len());
    let said = outcome.describe(&s, 2);
    assert!(
        said.contains("Tenant and Owner agreed on Rent (Rent at the market rate) and Term (A ten-year lease).")
            && said
                .contains("Side agreement signed by Owner and The Broker: Repairs (The cost of the roof is shared)."),
        "{said}"
    );
    // Without a side agreement the outcome reads as before.
    let plain = trade_table();
    let said = outcome.describe(&plain, 2);
    assert!(
        said.starts_with("Agreement after 2 rounds: Tenant and Owner settled every issue."),
        "{said}"
    );
}

#[test]
fn a_walkout_at_a_table_of_three_ends_the_talks_and_binds_nobody() {
    let s = three_parties();
    let mut state = opened(&s);
    let leave = redline::sim::command::Command::WalkOut {
        reason: "it will not sign this".into(),
    };
    let events = redline::sim::rules::exec(&s, &mut state, Seat::Delegation(1), &leave).expect("a walkout is allowed");
    assert!(events.contains(&Event::Concluded {
        outcome: redline::sim::outcome::Outcome::Walkout { seat: 1 }
    }));
    assert!(state.is_over() && state.outcome.and_then(|o| o.package()).is_none());
    let said = state.outcome.expect("ended").describe(&s, state.round);
    assert!(
        said.contains(&format!(
            "{} left the table. Nothing was agreed.",
            s.delegations[1].name
        )),
        "{said}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn whoever_walks_out_is_in_the_outcome_and_no_agreement_follows_a_walkout(shape in shape(), seed in 0u64..1_000_000) {
        let Some(s) = build(&shape) else { return Ok(()) };
        for r in run_batch(&s, seed, 6, 6, |_| {}) {
            let left: Vec<usize> = r.transcript.events.iter().filter_map(|e| match e {
                Event::WalkedOut { seat, .. } => Some(*seat),
                _ => None,
            }).collect();
            match r.outcome {
                redline::sim::outcome::Outcome::Walkout { seat } => prop_assert_eq!(left, vec![seat]),
                _ => prop_assert!(left.is_empty(), "a walkout the outcome does not name: {:?}", left),
            }
        }
    }
}
