//! Bad input of every kind gets a located answer, never a panic, a hang or a lost file: very long lines,
//! text that is not UTF-8, thousands of problems, absurd numbers, edited replays, a recording path that is
//! not a regular file.

use std::path::Path;
use std::process::{Command, Output};

use redline::replay::{Replay, verify};
use redline::sim::scenario::Scenario;

fn redline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(args)
        .output()
        .expect("runs")
}

/// A folder of the test's own, emptied first and removed after.
fn folder(name: &str) -> crate::support::Scratch {
    crate::support::Scratch::new(&format!("inputs-{name}"))
}

fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

fn small_table() -> String {
    std::fs::read_to_string("tests/scenarios/two-issues.ron").expect("the test table")
}

#[test]
fn a_problem_on_a_line_of_9000_characters_is_shown_around_its_place_and_the_next_file_is_still_checked() {
    let dir = folder("long-line");
    let long = dir.join("long.ron");
    std::fs::write(&long, format!("(id: \"{}\", bogus: 1)", "a".repeat(9_000))).expect("written");
    let out = redline(&["check", &long.display().to_string(), "tests/scenarios/two-issues.ron"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("long.ron:1:"), "{err}");
    assert!(
        err.len() < 5_000,
        "the report shows a window of the line, not 9,000 characters"
    );
    assert!(text(&out.stdout).contains("ok: tests/scenarios/two-issues.ron"));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_the_byte_that_cannot_be_read() {
    let dir = folder("utf8");
    let file = dir.join("latin1.ron");
    let mut bytes = small_table().into_bytes();
    let at = bytes.windows(5).position(|w| w == b"North").expect("a name");
    bytes[at + 1] = 0xf6; // "N\xf6rth": a Latin-1 byte
    std::fs::write(&file, bytes).expect("written");
    let err = Scenario::load(&file).expect_err("refused").to_string();
    assert!(err.contains("latin1.ron:"), "{err}");
    assert!(err.contains("not UTF-8 text"), "{err}");
    let line = small_table()[..at].matches('\n').count() + 1;
    assert!(err.contains(&format!("latin1.ron:{line}:")), "{err}");
}

#[test]
fn thousands_of_problems_are_reported_quickly_the_first_hundred_listed() {
    let table = small_table();
    let events: String = (0..5000)
        .map(|i| {
            format!("(round: 1, actor: \"nobody{i}\", headline: \"h\", text: \"t\", source: \"s\", effects: []),\n")
        })
        .collect();
    let bad = table.replace("    events: [\n", &format!("    events: [\n{events}"));
    assert_ne!(bad, table, "the test table has an events list");
    let started = std::time::Instant::now();
    let err = Scenario::from_ron("many.ron", &bad).expect_err("refused");
    let said = err.to_string();
    assert!(
        said.contains("more problems"),
        "{}",
        &said[said.len().saturating_sub(300)..]
    );
    assert!(said.matches("many.ron:").count() <= 100);
    // Not a timing test: a bound far above any machine's time, which quadratic work would still cross.
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}

#[test]
fn absurd_weights_and_session_lengths_are_refused_with_their_limit() {
    let table = small_table();
    let huge = table.replacen("weight: 2.0", "weight: 1e308", 1);
    let err = Scenario::from_ron("huge.ron", &huge).expect_err("refused").to_string();
    assert!(
        err.contains("weight 100000000") && err.contains("is more than 1000000"),
        "{err}"
    );
    let nan = table.replacen("weight: 2.0", "weight: NaN", 1);
    let err = Scenario::from_ron("nan.ron", &nan).expect_err("refused").to_string();
    assert!(err.contains("weight NaN is not a number"), "{err}");
    let long = table.replacen("minutes: (value: 60", "minutes: (value: 4000000000", 1);
    let err = Scenario::from_ron("long.ron", &long).expect_err("refused").to_string();
    assert!(
        err.contains("4000000000 minutes; the session lasts 1 to 43200 minutes"),
        "{err}"
    );
}

fn recorded(seed: u64) -> (Replay, String) {
    let dir = folder(&format!("replay-{seed}"));
    let file = dir.join("game.ron");
    let out = redline(&[
        "simulate",
        "--seed",
        &seed.to_string(),
        "--record",
        &file.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let replay = Replay::load(&file).expect("reads");
    (replay, file.display().to_string())
}

#[test]
fn a_replay_verifies_its_outcome_every_round_hash_and_its_parent() {
    let (replay, file) = recorded(9);
    verify(&replay, &file).expect("the untouched recording verifies");
    let mut bogus = replay.clone();
    bogus.outcome = Some("bogus".into());
    let err = verify(&bogus, &file)
        .expect_err("a changed outcome is caught")
        .to_string();
    assert!(err.contains("the recording says the game is bogus"), "{err}");
    let mut hashless = replay.clone();
    hashless.round_hashes.clear();
    assert!(
        verify(&hashless, &file).is_err(),
        "a recording without its hashes does not verify"
    );
    let mut short = replay.clone();
    short.round_hashes.pop();
    let err = verify(&short, &file)
        .expect_err("a dropped last hash is caught")
        .to_string();
    assert!(err.contains("round hashes"), "{err}");
    let mut orphan = replay.clone();
    orphan.parent = Some(redline::replay::Parent {
        file: "elsewhere.ron".into(),
        round: u32::MAX,
    });
    let err = verify(&orphan, &file)
        .expect_err("a parent without its handover is damaged")
        .to_string();
    assert!(err.contains("no seat was taken over at that round"), "{err}");
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo").arg(path).status().is_ok_and(|s| s.success())
}

#[test]
fn a_recording_is_never_written_over_something_that_is_not_a_regular_file() {
    let dir = folder("fifo");
    let pipe = dir.join("pipe");
    assert!(mkfifo(&pipe), "mkfifo makes a named pipe");
    for args in [
        vec!["simulate", "--record"],
        vec!["play", "--terminal", "--seat", "ukraine", "--record"],
    ] {
        let mut args = args.clone();
        let p = pipe.display().to_string();
        args.push(&p);
        let out = redline(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("is not a regular file"), "{err}");
    }
    let kind = std::fs::symlink_metadata(&pipe).expect("still there").file_type();
    assert!(!kind.is_file(), "the pipe is still a pipe");
    let folder_as_file = redline(&["simulate", "--record", &dir.display().to_string()]);
    assert_eq!(folder_as_file.status.code(), Some(2));
}

#[test]
fn a_strategy_exponent_of_zero_is_explained_and_wrapping_seeds_are_said_as_they_are() {
    let out = redline(&["simulate", "--strategy", "russia=e=0"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("must be a positive, finite number"), "{err}");
    let out = redline(&["simulate", "--seed", "18446744073709551615", "--runs", "3"]);
    let said = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        said.contains("seeds 18446744073709551615..=18446744073709551615 and 0..=1"),
        "{said}"
    );
}

#[test]
fn a_newest_save_of_another_version_falls_back_to_the_previous_one() {
    let (first, _) = recorded(3);
    let dir = folder("version");
    let slot = dir.join("game.ron");
    redline::replay::autosave_to(&slot, &first).expect("saved");
    redline::replay::autosave_to(&slot, &first).expect("saved again: the first is now the previous");
    let text = std::fs::read_to_string(&slot)
        .expect("reads")
        .replacen("format: 1,", "format: 9,", 1);
    std::fs::write(&slot, text).expect("written");
    let (replay, path, note) = redline::replay::load_slot(&slot).expect("the previous save loads");
    assert_eq!(replay.seed, 3);
    assert!(path.to_string_lossy().ends_with("game.prev.ron"));
    assert!(note.is_some_and(|n| n.contains("format 9")));
}

#[test]
fn a_key_written_twice_in_a_map_is_refused_where_it_stands() {
    let table = small_table();
    let twice = table.replacen(
        "\"border\": (demand: \"three\", weight: 1.0,",
        "\"water\": (demand: \"half\", weight: 1.0, values: {\"open\": 0.3, \"north_most\": 1.0, \"half\": 0.6, \"south_most\": 0.0}, source: \"test\"),\n                \"border\": (demand: \"three\", weight: 1.0,",
        1,
    );
    assert_ne!(twice, table);
    let err = Scenario::from_ron("twice.ron", &twice)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("the key \"water\" is written twice"), "{err}");
    assert!(err.contains("twice.ron:47:"), "{err}");
}

#[test]
fn a_scenario_with_sixty_thousand_sources_is_checked_in_one_reading() {
    let table = small_table();
    let sources: String = (0..60_000)
        .map(|i| format!("        (id: \"s{i}\", text: \"A source.\"),\n"))
        .collect();
    let many = table
        .trim_end()
        .strip_suffix(')')
        .expect("the scenario closes")
        .to_string()
        + &format!("    sources: [\n{sources}        (id: \"s7\", text: \"Again.\"),\n    ],\n)\n");
    let started = std::time::Instant::now();
    let err = Scenario::from_ron("sources.ron", &many)
        .expect_err("a source named twice")
        .to_string();
    assert!(err.contains("source id \"s7\" is used twice"), "{err}");
    // Not a timing test: a bound far above any machine's time, which a rescan per source would cross.
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
}

#[test]
fn limits_are_said_with_the_value_and_the_place() {
    let table = small_table();
    let long_id = table.replacen("id: \"water\"", &format!("id: \"{}\"", "w".repeat(500)), 1);
    let err = Scenario::from_ron("id.ron", &long_id).expect_err("refused").to_string();
    assert!(err.contains("an id of 500 characters; at most 64"), "{err}");
    let huge = format!("{table}\n// {}", "x".repeat(5 << 20));
    let err = Scenario::from_ron("huge.ron", &huge).expect_err("refused").to_string();
    assert!(
        err.contains("huge.ron: the file is") && err.contains("at most 4194304 bytes"),
        "{err}"
    );
}

/// How many edited files each property tries: 200 in the test suite, `REDLINE_MUTANTS` for a longer hunt.
fn mutants() -> u32 {
    std::env::var("REDLINE_MUTANTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// One edit of a file, as a mutation fuzzer makes them: (kind, where, what).
type Edit = (u8, usize, u32);

/// Applies an edit to `text`: flip a byte, delete, duplicate or cut a line, put in an odd number or a very
/// long string, or turn line ends into CRLF. Bytes that stop being UTF-8 are read as a file would be.
fn edited(text: &str, (kind, at, what): Edit) -> String {
    let mut bytes = text.as_bytes().to_vec();
    if bytes.is_empty() {
        return String::new();
    }
    let at = at % bytes.len();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line = at % lines.len().max(1);
    let odd = [
        "1e308",
        "-1e308",
        "NaN",
        "inf",
        "-0",
        "18446744073709551616",
        "4294967296",
        "-1",
        "0.5e-320",
    ];
    match kind % 7 {
        0 => {
            bytes[at] ^= 1 << (what % 8);
            String::from_utf8_lossy(&bytes).into_owned()
        }
        1 => lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != line)
            .map(|(_, l)| *l)
            .collect(),
        2 => lines
            .iter()
            .enumerate()
            .flat_map(|(i, l)| if i == line { vec![*l, *l] } else { vec![*l] })
            .collect(),
        3 => {
            // Replace the first number at or after `at` with an odd one.
            let start = (at..bytes.len()).find(|&i| bytes[i].is_ascii_digit()).unwrap_or(at);
            let end = (start..bytes.len())
                .find(|&i| !(bytes[i].is_ascii_digit() || bytes[i] == b'.'))
                .unwrap_or(start);
            let mut out = String::from_utf8_lossy(&bytes[..start]).into_owned();
            out.push_str(odd[what as usize % odd.len()]);
            out.push_str(&String::from_utf8_lossy(&bytes[end..]));
            out
        }
        4 => {
            let mut b = at;
            while !text.is_char_boundary(b) {
                b -= 1;
            }
            format!(
                "{}{}{}",
                &text[..b],
                "a".repeat(1 + (what as usize % 80_000)),
                &text[b..]
            )
        }
        5 => text.replace('\n', "\r\n"),
        _ => {
            let mut cut = text.len() * (what as usize % 100) / 100;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            text[..cut].to_string()
        }
    }
}

fn edits() -> impl proptest::strategy::Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        (
            proptest::prelude::any::<u8>(),
            proptest::prelude::any::<usize>(),
            proptest::prelude::any::<u32>(),
        ),
        1..4,
    )
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: mutants(), ..Default::default() })]

    /// Any edited copy of the shipped table is either refused with a report that prints, or played.
    #[test]
    fn an_edited_scenario_is_refused_with_a_report_or_played_never_a_panic(edits in edits()) {
        let text = edits.into_iter().fold(redline::sim::scenario::ISTANBUL_2025.to_string(), |t, e| edited(&t, e));
        match Scenario::from_ron("mutant.ron", &text) {
            Err(e) => {
                let report = format!("{:?}", miette::Report::new(e));
                proptest::prop_assert!(report.contains("mutant.ron"), "every refusal names the file: {}", report);
            }
            Ok(s) if s.space.packages.len() <= 50_000 => {
                let r = redline::sim::batch::play(&std::sync::Arc::new(s), 1);
                proptest::prop_assert!(r.rounds >= 1);
            }
            Ok(_) => {}
        }
    }

    /// Any edited copy of a recording is either refused as damaged or played back, never a panic.
    #[test]
    fn an_edited_replay_is_refused_or_played_back_never_a_panic(edits in edits()) {
        let text = edits.into_iter().fold(recording_text(), |t, e| edited(&t, e));
        if let Ok(replay) = Replay::from_text("mutant.ron", &text) {
            let _ = verify(&replay, "mutant.ron");
            let _ = redline::replay::play_back_or_as_recorded(&replay, "mutant.ron", Some(2));
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: mutants() / 4, ..Default::default() })]

    /// Any edited copy of a save is continued, or refused with a report that names the file; never a panic.
    #[test]
    fn an_edited_save_is_continued_or_refused_never_a_panic(edits in edits()) {
        let seed = std::fs::read_to_string("fuzz/seeds/save/ukraine-round-3.ron").expect("the seed save");
        let text = edits.into_iter().fold(seed, |t, e| edited(&t, e));
        if let redline::intake::Answer::Refused(report) = redline::intake::save(text.as_bytes()) {
            proptest::prop_assert!(report.contains("game.ron"), "{}", report);
        }
    }

    /// Whatever a player types, line after line, the terminal answers and the game goes on or ends.
    #[test]
    fn any_lines_typed_at_the_terminal_are_answered_never_a_panic(
        lines in proptest::collection::vec(typed_line(), 1..40)
    ) {
        let input = lines.join("\n");
        proptest::prop_assert_eq!(redline::intake::terminal(input.as_bytes()), redline::intake::Answer::Taken);
    }
}

/// A line a player might type: a command word, then words that may or may not mean anything to it.
fn typed_line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let command = prop::sample::select(vec![
        "propose",
        "accept",
        "reject",
        "counter",
        "mediate",
        "value",
        "pass",
        "firm",
        "threat",
        "warn",
        "conciliatory",
        "ask",
        "recess",
        "walkout",
        "strategy",
        "brief",
        "table",
        "transcript",
        "help",
        "y",
        "n",
        "",
        "quit",
    ]);
    let word = prop_oneof![
        prop::sample::select(vec![
            "1",
            "2",
            "0",
            "99",
            "-1",
            "18446744073709551616",
            "ceasefire=thirty_days",
            "prisoner=2",
            "withdrawal=4",
            "russia",
            "mediator",
            "nash",
            "e=0",
            "e=NaN",
            "e=2.5",
            ";",
            "=",
            "==",
            "ukraine=1",
            "follow_up=open",
        ])
        .prop_map(String::from),
        "\\PC{0,12}",
    ];
    (command, proptest::collection::vec(word, 0..5)).prop_map(|(c, words)| {
        std::iter::once(c.to_string())
            .chain(words)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// A recording of one all-AI game, as text.
fn recording_text() -> String {
    use std::sync::OnceLock;
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut game = redline::sim::game::Game::new(Scenario::istanbul(), 2, Default::default());
        game.run_until_people();
        Replay::of(&game, &Default::default(), None, None)
            .to_text()
            .expect("a replay writes as text")
    })
    .clone()
}

#[test]
fn a_statement_line_longer_than_the_table_hears_is_refused_at_check() {
    let table = small_table();
    let with_line = table.replacen(
        "strategy: Linear,",
        &format!(
            "strategy: Linear,\n            lines: [(kind: Firm, text: \"{}\", source: \"test\")],",
            "x".repeat(700)
        ),
        1,
    );
    let err = Scenario::from_ron("line.ron", &with_line)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("lines[0].text: a line of 700 characters"), "{err}");
}

#[test]
fn a_table_never_waits_forever_on_an_ai_seat_whose_move_the_rules_refuse() {
    use redline::sim::delegation::StatementKind;
    // Built past the checks, as a scenario from an older build might be: every line is too long to say.
    let mut s = (*Scenario::istanbul()).clone();
    for d in &mut s.delegations {
        for kind in [StatementKind::Conciliatory, StatementKind::Firm, StatementKind::Threat] {
            d.lines.insert(kind, vec!["x".repeat(700).into()]);
        }
    }
    let r = redline::sim::batch::play(&std::sync::Arc::new(s), 1);
    assert!(r.rounds >= 1, "the table ended: {:?}", r.outcome);
}

#[test]
fn a_line_longer_than_ten_thousand_characters_is_refused_before_it_is_read_as_ron() {
    let table = small_table();
    let long = table.replacen("Scenario(", &format!("// {}\nScenario(", "x".repeat(12_000)), 1);
    let err = Scenario::from_ron("wide.ron", &long).expect_err("refused").to_string();
    assert!(
        err.contains("wide.ron:2:10001: text: a line of 12003 characters; at most 10000"),
        "{err}"
    );
}

#[test]
fn a_name_or_text_past_its_limit_is_refused_at_the_string_with_its_path() {
    let table = small_table();
    let long = table
        .replacen("title: \"Two issues\"", &format!("title: \"{}\"", "T".repeat(300)), 1)
        .replacen(
            "description: \"How many crossings open.\"",
            &format!("description: \"{}\\\"\"", "é".repeat(2_500)),
            1,
        );
    let err = Scenario::from_ron("long.ron", &long).expect_err("refused").to_string();
    assert!(
        err.contains("long.ron:4:12: title: a name of 300 characters; at most 200"),
        "{err}"
    );
    assert!(
        err.contains("long.ron:29:26: issues[1].description: a text of 2501 characters; at most 2000"),
        "{err}"
    );
}

#[test]
fn a_list_past_its_limit_is_refused_at_its_field_with_its_length() {
    let table = small_table();
    let many: String = (0..70)
        .map(|_| "Forbid(issue: \"water\", option: \"south_most\", why: \"Again.\"),\n")
        .collect();
    let long = table.replacen(
        "            red_lines: [\n",
        &format!("            red_lines: [\n{many}"),
        1,
    );
    let err = Scenario::from_ron("many.ron", &long).expect_err("refused").to_string();
    assert!(
        err.contains("many.ron:49:13: delegations[0].red_lines: 71 red lines; at most 64"),
        "{err}"
    );
}

#[test]
fn the_largest_table_the_bench_times_is_one_check_accepts_with_every_count_at_its_limit() {
    let text = redline::bench::largest::scenario_text();
    let s = Scenario::from_ron("largest.ron", &text).expect("the largest table passes check");
    assert_eq!(s.delegations.len(), 8);
    assert_eq!(s.space.packages.len(), 1 << 20);
    assert_eq!(s.events.len(), 500);
    assert_eq!(s.clock.rounds, 50);
    assert!(s.delegations.iter().all(|d| d.red_lines.len() == 64));
    // One more of anything is refused.
    let one_more = text.replacen(
        "Forbid(",
        "Forbid(issue: \"i0\", option: \"o0\", why: \"Again.\"),\n Forbid(",
        1,
    );
    let err = Scenario::from_ron("larger.ron", &one_more)
        .expect_err("refused")
        .to_string();
    assert!(
        err.contains("delegations[0].red_lines: 65 red lines; at most 64"),
        "{err}"
    );
}

#[test]
fn sixteen_issues_of_fifteen_options_are_counted_past_the_largest_integer_and_refused() {
    let table = small_table();
    let options: String = (0..15)
        .map(|o| format!("(id: \"o{o}\", text: \"Option {o}\"), "))
        .collect();
    let issues: String = (0..16)
        .map(|i| format!("(id: \"i{i}\", name: \"I\", description: \"D\", open: \"O\", options: [{options}]),\n"))
        .collect();
    let start = table.find("    issues: [\n").expect("an issues list");
    let end = table.find("    delegations: [").expect("a delegations list");
    let huge = format!("{}    issues: [\n{issues}    ],\n{}", &table[..start], &table[end..]);
    let err = Scenario::from_ron("huge.ron", &huge).expect_err("refused").to_string();
    assert!(
        err.contains("issues: 18446744073709551616 possible packages; at most 1048576 are allowed"),
        "{err}"
    );
}

#[test]
fn a_newest_save_that_names_no_person_falls_back_to_the_previous_one() {
    let seed = std::fs::read_to_string("fuzz/seeds/save/ukraine-round-3.ron").expect("the seed save");
    let dir = folder("no-person");
    let slot = dir.join("game.ron");
    let (_, previous) = redline::replay::slot_paths(&slot);
    std::fs::write(&previous, &seed).expect("written");
    let nobody = seed.replacen("humans: [\n        0,\n    ],", "humans: [],", 1);
    assert_ne!(nobody, seed, "the seed save names Ukraine as a person");
    std::fs::write(&slot, nobody).expect("written");
    let continued = redline::play::sitting::continue_slot(&slot, None).expect("the previous save continues");
    assert!(
        continued
            .notes
            .iter()
            .any(|n| n.contains("no seat in it was played by a person; continuing from the previous")),
        "{:?}",
        continued.notes
    );
    assert_eq!(continued.sitting.seats.len(), 1);
}
