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
