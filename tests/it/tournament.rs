//! A tournament: every strategy meets every other on every side, the same seeds for every pairing, and the
//! league table adds up to the games played.

use std::process::Command;
use std::sync::Arc;

use redline::sim::delegation::Strategy;
use redline::sim::scenario::{MediatorStrategy, Scenario};
use redline::tournament::{Config, run};

fn small_table() -> Arc<Scenario> {
    Arc::new(Scenario::load(std::path::Path::new("tests/scenarios/two-issues.ron")).expect("the test table"))
}

fn config(games: u64) -> Config {
    Config {
        strategies: Strategy::CHOICES.to_vec(),
        mediators: Vec::new(),
        games,
        seed: 5,
    }
}

#[test]
fn at_a_two_seat_table_every_strategy_meets_every_other_once_and_plays_both_sides() {
    let league = run(&small_table(), &config(4), |_| {}).expect("plays");
    assert_eq!(
        league.pairings.len(),
        36,
        "six strategies, each against each, itself included"
    );
    assert!(league.pairings.iter().all(|p| p.seat == "north" && p.games == 4));
    // Each strategy sits in 6 pairings on seat 0 and 6 on seat 1 (against itself, both seats).
    for s in &league.strategies {
        assert_eq!(s.games, 2 * 6 * 4, "{}", s.name);
        assert!((0.0..=1.0).contains(&s.agreement_rate) && (0.0..=1.0).contains(&s.frontier_share));
    }
    assert_eq!(league.mediators.len(), 1);
    assert_eq!(league.mediators[0].name, "split");
    assert_eq!(league.mediators[0].games, 36 * 4);
}

#[test]
fn a_pairing_plays_exactly_the_games_simulate_plays_with_those_strategies_and_seeds() {
    let table = small_table();
    let config = Config {
        strategies: vec![Strategy::Hardliner, Strategy::CONCEDER],
        mediators: vec![MediatorStrategy::NashBargaining],
        games: 12,
        seed: 40,
    };
    let league = run(&table, &config, |_| {}).expect("plays");
    let pairing = league
        .pairings
        .iter()
        .find(|p| p.strategy == "hardliner" && p.against == "conceder")
        .expect("the pairing");
    let alone = table
        .with_strategies(
            &[(0, Strategy::Hardliner), (1, Strategy::CONCEDER)],
            Some(MediatorStrategy::NashBargaining),
        )
        .expect("the same table");
    let results = redline::sim::batch::run_batch(&Arc::new(alone), 40, 12, 3, |_| {});
    let agreements = results.iter().filter(|r| r.outcome.package().is_some()).count() as u64;
    assert_eq!(pairing.agreements, agreements);
    assert_eq!(pairing.mediator, "nash");
}

#[test]
fn the_same_tournament_gives_the_same_league_table() {
    let config = Config {
        mediators: vec![
            MediatorStrategy::SplitTheDifference,
            MediatorStrategy::ConfidenceBuilding,
        ],
        ..config(3)
    };
    let first = run(&small_table(), &config, |_| {}).expect("plays");
    let again = run(&small_table(), &config, |_| {}).expect("plays");
    assert_eq!(first, again);
    assert_eq!(first.mediators.len(), 2);
    assert_eq!(first.pairings.len(), 72);
}

#[test]
fn the_command_prints_csv_and_refuses_an_unknown_strategy_by_name() {
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args([
            "tournament",
            "--scenario",
            "tests/scenarios/two-issues.ron",
            "--games",
            "2",
        ])
        .args(["--strategies", "hardliner,conceder", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("scenario,kind,name,against,seat,mediator,games"));
    // Two strategies, one mediator, four pairings.
    assert_eq!(lines.len(), 1 + 2 + 1 + 4, "{csv}");
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["tournament", "--strategies", "hardliner,stubborn"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no strategy \"stubborn\""));
}

#[test]
fn at_a_three_seat_table_each_strategy_takes_each_seat_against_a_field_of_another_sharing_the_pairings_games() {
    let table = Arc::new(
        Scenario::load(std::path::Path::new("tests/scenarios/three-parties.ron")).expect("the three-seat table"),
    );
    let config = Config {
        strategies: vec![Strategy::LINEAR, Strategy::Hardliner],
        mediators: Vec::new(),
        games: 4,
        seed: 2,
    };
    let league = run(&table, &config, |_| {}).expect("plays");
    // Two strategies, each on each of three seats against a field of each: 2 × 2 × 3 meetings.
    assert_eq!(league.pairings.len(), 12);
    let seats: std::collections::BTreeSet<&str> = league.pairings.iter().map(|p| p.seat.as_str()).collect();
    assert_eq!(seats.into_iter().collect::<Vec<_>>(), ["east", "north", "south"]);
    // A pairing's four games are shared among its three seats in seat order: two, one, one.
    for pair in league.pairings.chunks(3) {
        assert!(
            pair.iter()
                .all(|p| p.strategy == pair[0].strategy && p.against == pair[0].against)
        );
        assert_eq!(pair.iter().map(|p| p.games).collect::<Vec<_>>(), [2, 1, 1]);
    }
    // A strategy sits once in each game of the 2 pairings where it is named, and twice in each game of the 2
    // where it is the field.
    for s in &league.strategies {
        assert_eq!(s.games, 2 * 4 + 2 * 2 * 4, "{}", s.name);
    }
    assert_eq!(redline::tournament::games(&config, 3), 4 * 4);
}
