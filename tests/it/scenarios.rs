//! Scenario files: the built-in table, round trips, and broken files with the message each must give.

use std::path::Path;

use redline::sim::scenario::{ISTANBUL_2025, Scenario};

#[test]
fn the_built_in_istanbul_table_is_the_file_in_assets() {
    let on_disk = std::fs::read_to_string("assets/scenarios/istanbul-2025.ron").expect("the asset file");
    assert_eq!(on_disk, ISTANBUL_2025);
    let s = Scenario::istanbul();
    let ids: Vec<&str> = s.issues.iter().map(|i| i.id.as_str()).collect();
    for wanted in [
        "ceasefire",
        "withdrawal",
        "prisoner_exchange",
        "leaders_meeting",
        "follow_up",
    ] {
        assert!(ids.contains(&wanted), "missing issue {wanted}");
    }
    let parties: Vec<&str> = s.delegations.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(parties, ["ukraine", "russia"]);
    assert_eq!(s.mediator.id, "turkey");
    let outside: Vec<&str> = s.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(outside, ["us", "eu"]);
}

#[test]
fn every_scenario_in_assets_is_valid() {
    for entry in std::fs::read_dir("assets/scenarios").expect("assets/scenarios") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn a_scenario_written_back_reads_the_same() {
    for path in ["assets/scenarios/istanbul-2025.ron", "tests/scenarios/two-issues.ron"] {
        let first = Scenario::load(Path::new(path)).expect("valid");
        let text = first.to_ron().expect("a scenario writes as text");
        let second = Scenario::from_ron("written.ron", &text).expect("written scenario is valid");
        assert_eq!(first.raw, second.raw);
        assert_eq!(first.space, second.space);
        assert_eq!(first.delegations, second.delegations);
    }
}

#[test]
fn every_broken_scenario_is_refused_with_its_message() {
    let mut checked = 0;
    let mut entries: Vec<_> = std::fs::read_dir("tests/broken-scenarios")
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("readable");
        let expected: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("// expect: ")).collect();
        assert!(!expected.is_empty(), "{} has no `// expect:` line", path.display());
        let err = match Scenario::load(&path) {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(e) => e.to_string(),
        };
        for e in expected {
            assert!(err.contains(e), "{}:\n  expected: {e}\n  got: {err}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn a_missing_file_is_reported_by_name() {
    let err = Scenario::load(Path::new("no/such/table.ron")).unwrap_err().to_string();
    assert!(
        err.contains("no/such/table.ron") && err.contains("cannot read"),
        "{err}"
    );
}

fn warnings_of(name: &str, text: &str) -> Vec<String> {
    let s = Scenario::from_ron(name, text).expect("passes check");
    redline::sim::scenario::warnings(&s)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn check_warns_of_every_istanbul_option_that_can_never_be_agreed_and_says_whose_lines_rule_it_out() {
    let said = warnings_of("istanbul.ron", ISTANBUL_2025);
    let about = |option: &str| {
        said.iter()
            .find(|w| w.contains(&format!("({option}): can never be agreed")))
    };
    assert!(
        about("deferred").is_some_and(|w| w.contains("Russia's red lines rule it out")),
        "{said:?}"
    );
    assert!(about("four_regions").is_some_and(|w| w.contains("Ukraine's red lines rule it out")));
    // Russia's precondition needs the four regions, which Ukraine forbids: the ceasefire is out jointly.
    assert!(
        about("thirty_days").is_some_and(|w| w.contains("together rule it out")
            && w.contains("delegations[0] (ukraine).red_lines[0], delegations[1] (russia).red_lines[1]")),
        "{said:?}"
    );
    assert!(about("pow_1000").is_none(), "the exchange that happened can be agreed");
    assert!(said.iter().all(|w| w.starts_with("istanbul.ron:")));
    assert!(!said.iter().any(|w| w.contains("no package is signable")));
}

#[test]
fn a_precondition_that_needs_what_another_delegation_forbids_is_a_warning_not_an_error() {
    let table = std::fs::read_to_string("tests/scenarios/two-issues.ron").expect("the test table");
    let cycle = table.replacen(
        "Forbid(issue: \"water\", option: \"south_most\", why: \"The river is our life.\"),",
        "Forbid(issue: \"water\", option: \"south_most\", why: \"The river is our life.\"),\n                \
         Precondition(issue: \"border\", options: [\"one\"], requires: \"water\", requires_options: [\"north_most\"], why: \"One crossing only for most of the water.\"),",
        1,
    );
    assert_ne!(cycle, table);
    // South will never give North most of the water without three crossings, so "one crossing" is out.
    let said = warnings_of("cycle.ron", &cycle);
    assert!(
        said.iter().any(|w| w
            .contains("issues[1] (border).options[0] (one): can never be agreed: the delegations' red lines together")
            && w.contains("delegations[0] (north).red_lines[1], delegations[1] (south).red_lines[1]")),
        "{said:?}"
    );
}

#[test]
fn a_table_where_nothing_is_signable_by_everyone_is_warned_of_as_a_certain_deadlock() {
    let table = std::fs::read_to_string("tests/scenarios/two-issues.ron").expect("the test table");
    let proud = table
        .replace("walk_away: (value: 0.3,", "walk_away: (value: 0.99,")
        .replace("walk_away: (value: 0.35,", "walk_away: (value: 0.99,");
    assert_ne!(proud, table);
    let said = warnings_of("proud.ron", &proud);
    assert!(
        said.iter().any(
            |w| w.contains("delegations: no package is signable by every delegation")
                && w.contains("are worth less than walking away to North")
        ),
        "{said:?}"
    );
}

#[test]
fn a_session_of_days_names_its_dates_and_an_event_placed_by_time_fires_in_the_round_in_play_then() {
    let text = include_str!("../scenarios/two-issues.ron")
        .replace(
            r#"minutes: (value: 60, source: "test")"#,
            r#"minutes: (value: 4320, source: "test")"#,
        )
        .replace(
            r#"(round: 3, actor: "press","#,
            r#"(at: "day 2, 10:00", actor: "press","#,
        );
    let s = Scenario::from_ron("days.ron", &text).expect("a valid table");
    // Six rounds over three days from Wednesday 1 January 2025, 10:00: one every twelve hours.
    assert_eq!(s.clock.time_at(1), "Wed 1 Jan 2025, 10:00");
    assert_eq!(s.clock.time_at(3), "Thu 2 Jan 2025, 10:00");
    assert_eq!(s.events[0].round, 3);
    let by_date = text.replace(r#"at: "day 2, 10:00""#, r#"at: "2025-01-02 21:59""#);
    let s = Scenario::from_ron("days.ron", &by_date).expect("a valid table");
    assert_eq!(s.events[0].round, 3, "21:59 on the second day is still in round 3");
    let both = text.replace(r#"(at: "day 2, 10:00","#, r#"(round: 2, at: "day 2, 10:00","#);
    let err = Scenario::from_ron("days.ron", &both).unwrap_err().to_string();
    assert!(err.contains("both a round and a time"), "{err}");
    let before = text.replace(r#"at: "day 2, 10:00""#, r#"at: "09:00""#);
    let err = Scenario::from_ron("days.ron", &before).unwrap_err().to_string();
    assert!(err.contains("is not a time of the session"), "{err}");
    let far = text.replace(r#"at: "day 2, 10:00""#, r#"at: "day 18446744073709551615, 10:00""#);
    let err = Scenario::from_ron("days.ron", &far).unwrap_err().to_string();
    assert!(err.contains("is not a time of the session"), "{err}");
    // Fifty rounds in thirty minutes: several start at the same minute, and the opening is round 1.
    let crowded = text
        .replace(
            r#"minutes: (value: 4320, source: "test")"#,
            r#"minutes: (value: 30, source: "test")"#,
        )
        .replace(
            r#"rounds: (value: 6, source: "test")"#,
            r#"rounds: (value: 50, source: "test")"#,
        )
        .replace(r#"at: "day 2, 10:00""#, r#"at: "10:00""#);
    let s = Scenario::from_ron("crowded.ron", &crowded).expect("a valid table");
    assert_eq!(s.events[0].round, 1);
}

#[test]
fn a_repeated_issue_id_is_reported_once_where_it_is_repeated_without_a_cascade_of_follow_on_errors() {
    let err = Scenario::load(Path::new("tests/broken-scenarios/duplicate-issue-id.ron"))
        .unwrap_err()
        .to_string();
    assert_eq!(err.matches("is used twice").count(), 1, "{err}");
    // What names the id is checked against the first issue that has it, which it fits.
    assert!(!err.contains("positions.water"), "{err}");
}

#[test]
fn the_opening_keeps_the_ending_back_and_the_aftermath_tells_what_happened_in_history() {
    let s = Scenario::istanbul();
    assert!(
        !s.summary.contains("1,000-for-1,000") && !s.summary.contains("ended"),
        "{}",
        s.summary
    );
    let r = redline::sim::batch::play(&s, 1);
    let (mut state, _) = redline::sim::table::TableState::seated(&s, 1, &Default::default());
    for ev in &r.transcript.events {
        redline::sim::rules::apply(&mut state, ev);
    }
    let after = redline::play::views::aftermath(&s, &state, None).expect("the game is over");
    let told = after.history.expect("Istanbul records its history");
    let matched = s.history.as_ref().is_some_and(|h| h.matches(r.outcome.package()));
    assert!(told.starts_with("In history: The prisoner exchange agreed"), "{told}");
    assert_eq!(told.ends_with("This table ended as history did."), matched, "{told}");
}
