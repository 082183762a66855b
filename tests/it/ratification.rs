//! A table whose rule is a qualified majority agrees over an objection, goes on after a walkout the rule can
//! do without and ends at one it cannot; its mediator proposes what the rule can carry and says who signs.

use std::sync::Arc;

use redline::sim::analysis::{Parties, zopa};
use redline::sim::command::{Command, Reason, Seat};
use redline::sim::issue::Package;
use redline::sim::mediator::claim::Claim;
use redline::sim::mediator::reasoned;
use redline::sim::outcome::Outcome;
use redline::sim::rules::exec;
use redline::sim::scenario::{MediatorStrategy, Scenario};
use redline::sim::table::{Controllers, TableState};
use redline::sim::transcript::Event;
use redline::sim::turn::Phase;

use crate::support::{move_on, option};

const NORTH: Seat = Seat::Delegation(0);
const SOUTH: Seat = Seat::Delegation(1);
const EAST: Seat = Seat::Delegation(2);
const THREE: &str = include_str!("../scenarios/three-parties.ron");
/// East's walk-away above anything the table can give it: half the water is worth 0.9 to it, not 1, and
/// walking away 0.99.
const EAST_AT_HOME: (&str, &str) = (
    r#""half": 1.0, "south_most": 0.3}, source: "test"),
                "border": (demand: "one", weight: 2.0, values: {"open": 0.4, "one": 1.0, "three": 0.5}, source: "test"),
            },
            red_lines: [
                AtMost(issue: "border", option: "three", why: "Three crossings at most."),
            ],
            walk_away: (value: 0.3"#,
    r#""half": 0.9, "south_most": 0.3}, source: "test"),
                "border": (demand: "one", weight: 2.0, values: {"open": 0.4, "one": 1.0, "three": 0.5}, source: "test"),
            },
            red_lines: [
                AtMost(issue: "border", option: "three", why: "Three crossings at most."),
            ],
            walk_away: (value: 0.99"#,
);
const TWO_WITH_NORTH: &str = r#"(at_least: 2, including: ["north"], source: "test")"#;

/// The table of three with `rule` as its ratification rule (none: unanimity), and `from` replaced by `to`.
fn table(rule: Option<&str>, from: &str, to: &str) -> Arc<Scenario> {
    let mut text = THREE.replace(from, to);
    assert!(from.is_empty() || text != THREE, "the text to replace is in the table");
    if let Some(rule) = rule {
        text = text.replacen(
            "    variation: (",
            &format!("    ratification: Some({rule}),\n    variation: ("),
            1,
        );
    }
    Arc::new(Scenario::from_ron("three-parties.ron", &text).expect("a valid table"))
}

fn seated(s: &Scenario) -> TableState {
    let (mut state, _) = TableState::seated(s, 1, &Controllers::default());
    move_on(s, &mut state);
    state
}

#[track_caller]
fn ok(s: &Scenario, state: &mut TableState, seat: Seat, command: Command) -> Vec<Event> {
    exec(s, state, seat, &command).unwrap_or_else(|e| panic!("{command:?} by {seat:?} was refused: {e}"))
}

fn package(s: &Scenario, settled: &[(&str, &str)]) -> Package {
    settled.iter().fold(Package::OPEN, |p, (issue, opt)| {
        let (i, o) = option(s, issue, opt);
        p.with(i, Some(o))
    })
}

/// North tables half the water and one crossing in round 1; South accepts it and East rejects it.
fn north_proposes_south_accepts_east_rejects(s: &Scenario) -> (TableState, Vec<Event>, Package) {
    let mut state = seated(s);
    for seat in [NORTH, SOUTH, EAST] {
        ok(s, &mut state, seat, Command::Pass);
    }
    move_on(s, &mut state);
    let p = package(s, &[("water", "half"), ("border", "one")]);
    ok(s, &mut state, NORTH, Command::Propose { package: p });
    ok(s, &mut state, SOUTH, Command::Pass);
    ok(s, &mut state, EAST, Command::Pass);
    move_on(s, &mut state);
    assert_eq!(state.phase, Phase::Responses);
    ok(s, &mut state, SOUTH, Command::Accept { proposal: 1 });
    let no = Command::Reject {
        proposal: 1,
        reason: Reason::Said("Not this.".into()),
    };
    ok(s, &mut state, EAST, no);
    let events = move_on(s, &mut state);
    (state, events, p)
}

#[test]
fn two_of_three_with_north_among_them_agree_a_package_over_easts_objection() {
    let s = table(Some(TWO_WITH_NORTH), "", "");
    let (state, events, p) = north_proposes_south_accepts_east_rejects(&s);
    assert!(
        events.contains(&Event::Concluded {
            outcome: Outcome::for_package(p, 1, s.issues.len())
        }),
        "{events:?}"
    );
    assert!(state.is_over());
}

#[test]
fn under_unanimity_the_same_objection_stops_the_package() {
    let s = table(None, "", "");
    let (state, events, _) = north_proposes_south_accepts_east_rejects(&s);
    assert!(
        !events.iter().any(|e| matches!(e, Event::Concluded { .. })),
        "{events:?}"
    );
    assert!(!state.is_over());
}

#[test]
fn a_rule_that_needs_north_agrees_nothing_north_rejects() {
    // South and East accept South's own package; North, whom the rule needs, does not.
    let s = table(Some(TWO_WITH_NORTH), "", "");
    let mut state = seated(&s);
    for seat in [NORTH, SOUTH, EAST] {
        ok(&s, &mut state, seat, Command::Pass);
    }
    move_on(&s, &mut state);
    let p = package(&s, &[("water", "half"), ("border", "one")]);
    ok(&s, &mut state, SOUTH, Command::Propose { package: p });
    ok(&s, &mut state, NORTH, Command::Pass);
    ok(&s, &mut state, EAST, Command::Pass);
    move_on(&s, &mut state);
    ok(&s, &mut state, EAST, Command::Accept { proposal: 1 });
    let no = Command::Reject {
        proposal: 1,
        reason: Reason::Said("Not without more water.".into()),
    };
    ok(&s, &mut state, NORTH, no);
    let events = move_on(&s, &mut state);
    assert!(
        !events.iter().any(|e| matches!(e, Event::Concluded { .. })),
        "{events:?}"
    );
}

#[test]
fn a_walkout_the_rule_can_do_without_leaves_the_others_talking() {
    let s = table(Some(TWO_WITH_NORTH), "", "");
    let mut state = seated(&s);
    let leave = Command::WalkOut {
        reason: "We will not be outvoted.".into(),
    };
    let events = ok(&s, &mut state, EAST, leave);
    assert!(events.iter().any(|e| matches!(e, Event::WalkedOut { seat: 2, .. })));
    assert!(
        !events.iter().any(|e| matches!(e, Event::Concluded { .. })),
        "{events:?}"
    );
    assert!(!state.is_over() && state.has_left(2));
}

#[test]
fn a_walkout_by_a_delegation_the_rule_needs_ends_the_talks() {
    let s = table(Some(TWO_WITH_NORTH), "", "");
    let mut state = seated(&s);
    let leave = Command::WalkOut {
        reason: "Enough.".into(),
    };
    let events = ok(&s, &mut state, NORTH, leave);
    assert!(events.contains(&Event::Concluded {
        outcome: Outcome::Walkout { seat: 0 }
    }));
    assert!(state.is_over());
}

#[test]
fn a_second_walkout_that_leaves_too_few_to_agree_ends_the_talks() {
    let s = table(Some(r#"(at_least: 2, source: "test")"#), "", "");
    let mut state = seated(&s);
    let leave = || Command::WalkOut {
        reason: "We are going.".into(),
    };
    ok(&s, &mut state, EAST, leave());
    assert!(!state.is_over());
    let events = ok(&s, &mut state, SOUTH, leave());
    assert!(events.contains(&Event::Concluded {
        outcome: Outcome::Walkout { seat: 1 }
    }));
}

#[test]
fn where_no_package_every_side_can_sign_exists_every_mediator_proposes_one_the_rule_carries() {
    // East walks away from everything: nothing can be signed by all three, but North and South can agree.
    let s = table(Some(TWO_WITH_NORTH), EAST_AT_HOME.0, EAST_AT_HOME.1);
    let parties = Parties::all(&s);
    assert!(zopa(&s, &parties).is_empty(), "East can sign nothing");
    let state = seated(&s);
    for strategy in MediatorStrategy::CHOICES {
        let (package, claims) = reasoned(strategy, &s, &parties, &state)
            .unwrap_or_else(|why| panic!("{strategy:?} tables nothing: {why:?}"));
        assert!(
            claims.contains(&Claim::Carried {
                package,
                signers: vec![0, 1]
            }),
            "{strategy:?}: {claims:?}"
        );
        for c in &claims {
            c.check(&s, &parties)
                .unwrap_or_else(|e| panic!("{strategy:?}: a false reason: {e}"));
        }
        let said = claims[1].render(&s);
        assert!(
            said.contains("North and South can sign it") && said.contains("East would not"),
            "{said}"
        );
    }
}

#[test]
fn under_unanimity_the_same_table_has_nothing_to_propose() {
    let s = table(None, EAST_AT_HOME.0, EAST_AT_HOME.1);
    let state = seated(&s);
    assert!(reasoned(MediatorStrategy::ConfidenceBuilding, &s, &Parties::all(&s), &state).is_err());
}

#[test]
fn a_bloc_is_carried_by_more_than_half_its_weight() {
    let rule =
        r#"(blocs: [(name: "River states", members: {"north": 3.0, "south": 1.0, "east": 1.0})], source: "test")"#;
    let s = table(Some(rule), "", "");
    let r = s.ratification.as_ref().expect("a rule");
    assert!(r.ratifies(3, |d| d == 0), "North alone holds 3 of 5");
    assert!(!r.ratifies(3, |d| d != 0), "South and East hold 2 of 5");
    let two = table(Some(TWO_WITH_NORTH), "", "");
    assert_eq!(
        two.rule_text(),
        "At least 2 of the 3 delegations, North among them, must accept"
    );
    assert_eq!(
        s.rule_text(),
        "A majority by weight of the River states (North, South and East) must accept"
    );
}

#[test]
fn of_two_packages_the_rule_carries_the_one_more_delegations_signed_is_the_deal() {
    let s = table(Some(TWO_WITH_NORTH), "", "");
    let mut state = seated(&s);
    for seat in [NORTH, SOUTH, EAST] {
        ok(&s, &mut state, seat, Command::Pass);
    }
    move_on(&s, &mut state);
    let first = package(&s, &[("water", "half"), ("border", "one")]);
    let wider = package(&s, &[("water", "half"), ("border", "three")]);
    ok(&s, &mut state, NORTH, Command::Propose { package: first });
    ok(&s, &mut state, SOUTH, Command::Propose { package: wider });
    ok(&s, &mut state, EAST, Command::Pass);
    move_on(&s, &mut state);
    let no = || Command::Reject {
        proposal: 1,
        reason: Reason::Said("Not this one.".into()),
    };
    ok(&s, &mut state, SOUTH, Command::Accept { proposal: 1 });
    ok(&s, &mut state, EAST, no());
    ok(&s, &mut state, NORTH, Command::Accept { proposal: 2 });
    ok(&s, &mut state, EAST, Command::Accept { proposal: 2 });
    let events = move_on(&s, &mut state);
    assert!(events.contains(&Event::Ratified { seats: vec![0, 1, 2] }), "{events:?}");
    assert!(events.contains(&Event::Concluded {
        outcome: Outcome::for_package(wider, 2, s.issues.len())
    }));
}
