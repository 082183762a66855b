//! Every file the fuzz targets start from, and every input they ever found to crash, goes through the same
//! doors a user's file or keyboard does: a shipped or test file is taken, a broken one is refused with a
//! located report, and nothing panics.

use std::path::{Path, PathBuf};

use redline::intake::{self, Answer};

/// The files in `dir`, sorted; none if it does not exist.
fn files(dir: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("a seed file reads")
}

#[test]
fn every_shipped_and_test_scenario_is_checked_and_played() {
    for file in files("assets/scenarios").into_iter().chain(files("tests/scenarios")) {
        assert_eq!(
            intake::check_scenario(&read(&file)),
            Answer::Taken,
            "{}",
            file.display()
        );
        assert_eq!(
            intake::simulate_scenario(&read(&file), 3),
            Answer::Taken,
            "{}",
            file.display()
        );
    }
}

#[test]
fn every_broken_scenario_is_refused_with_a_report_that_names_its_line_and_column() {
    let broken = files("tests/broken-scenarios");
    assert!(broken.len() >= 10, "the broken scenarios are there");
    for file in broken {
        match intake::check_scenario(&read(&file)) {
            Answer::Refused(report) => {
                let located = report.contains("[input.ron:") || report.contains("input.ron:");
                assert!(located, "{}: {report}", file.display());
            }
            Answer::Taken => panic!("{} was taken", file.display()),
        }
    }
}

#[test]
fn a_recording_of_this_build_verifies_and_one_from_an_older_ai_is_refused_at_its_round() {
    let current = read(Path::new("tests/recordings/all-ai-seed-9.ron"));
    assert_eq!(intake::replay(&current), Answer::Taken);
    // Recorded when the chair could be awaited before round one: it is shown as recorded, never verified.
    let older = read(Path::new("tests/recordings/mediator-before-round-one-moves.ron"));
    match intake::replay(&older) {
        Answer::Refused(report) => assert!(report.contains("input.ron: round 1 differs"), "{report}"),
        Answer::Taken => panic!("an older AI's recording verified"),
    }
}

#[test]
fn every_seed_save_is_continued_and_saved_again() {
    let saves = files("fuzz/seeds/save");
    assert!(!saves.is_empty());
    for file in saves {
        assert_eq!(intake::save(&read(&file)), Answer::Taken, "{}", file.display());
    }
}

#[test]
fn every_seed_script_plays_in_the_terminal() {
    let scripts = files("fuzz/seeds/terminal");
    assert!(!scripts.is_empty());
    for file in scripts {
        assert_eq!(intake::terminal(&read(&file)), Answer::Taken, "{}", file.display());
    }
}

#[test]
fn every_scenario_that_once_crashed_or_hung_is_refused_with_a_located_report() {
    let found = files("fuzz/regressions/check_scenario");
    assert!(!found.is_empty(), "the inputs that crashed Redline are kept");
    for file in found {
        match intake::check_scenario(&read(&file)) {
            Answer::Refused(report) => assert!(report.contains("input.ron:"), "{}: {report}", file.display()),
            Answer::Taken => panic!("{} was taken", file.display()),
        }
    }
}
