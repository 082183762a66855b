//! The command line end to end: the real binary, its output and its exit codes.

use std::process::{Command, Output};

fn redline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(args)
        .output()
        .expect("the redline binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn simulate_prints_the_rounds_the_mediators_reasons_and_the_outcome() {
    let out = redline(&["simulate", "--seed", "4"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("== Round 1 of 8 (13:35) =="), "{text}");
    assert!(text.contains("Türkiye proposes"), "{text}");
    assert!(text.contains("why:"), "{text}");
    assert!(text.contains("== Outcome =="), "{text}");
}

#[test]
fn simulate_as_json_gives_seed_outcome_agreed_rounds_and_hash() {
    let out = redline(&["simulate", "--seed", "11", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["seed"], 11);
    let kind = v["outcome"].as_str().expect("outcome");
    assert!(["agreement", "partial_agreement", "deadlock", "walkout"].contains(&kind));
    assert!(v["agreed"].is_object());
    assert!(v["rounds"].as_u64().is_some_and(|r| (1..=8).contains(&r)));
    assert_eq!(v["hash"].as_str().map(str::len), Some(16));
    let again = redline(&["simulate", "--seed", "11", "--format", "json"]);
    assert_eq!(out.stdout, again.stdout);
}

#[test]
fn a_batch_reports_every_table_in_its_distribution() {
    let out = redline(&["simulate", "--runs", "300", "--seed", "1", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["runs"], 300);
    let outcomes = v["outcomes"].as_object().expect("outcomes");
    let total: u64 = outcomes.values().filter_map(|c| c.as_u64()).sum();
    assert_eq!(total, 300);
    let agreed = outcomes["agreement"].as_u64().unwrap_or(0) + outcomes["partial_agreement"].as_u64().unwrap_or(0);
    let in_packages: u64 = v["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter_map(|p| p["count"].as_u64())
        .sum();
    assert_eq!(in_packages, agreed);
    assert!(v["games_per_second"].as_f64().is_some_and(|g| g > 0.0));
}

#[test]
fn a_batch_in_text_shows_the_outcome_table() {
    let out = redline(&["simulate", "--runs", "50"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("50 tables, seeds 1..=50"), "{text}");
    assert!(text.contains("partial_agreement"), "{text}");
    assert!(text.contains("games per second"), "{text}");
}

#[test]
fn check_accepts_good_files_and_names_file_line_and_column_of_bad_ones() {
    let ok = redline(&[
        "check",
        "assets/scenarios/istanbul-2025.ron",
        "tests/scenarios/two-issues.ron",
    ]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(stdout(&ok).lines().filter(|l| l.starts_with("ok: ")).count(), 2);

    let bad = redline(&["check", "tests/broken-scenarios/red-line-missing-option.ron"]);
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr(&bad);
    assert!(err.contains("red-line-missing-option.ron:"), "{err}");
    assert!(err.contains("south_mostt"), "{err}");
}

#[test]
fn simulate_refuses_a_broken_scenario_with_its_problem() {
    let out = redline(&["simulate", "--scenario", "tests/broken-scenarios/zero-weights.ron"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("all weights are zero"), "{}", stderr(&out));
}

#[test]
fn bad_usage_exits_2_and_help_exits_0() {
    let out = redline(&["simulate", "--runs", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--runs"), "{}", stderr(&out));
    for args in [&["--help"][..], &["simulate", "--help"], &["check", "--help"]] {
        let help = redline(args);
        assert!(help.status.success());
        assert!(stdout(&help).contains("Usage"), "{}", stdout(&help));
    }
    assert_eq!(redline(&["check"]).status.code(), Some(2));
}

#[test]
fn output_cut_short_by_its_reader_ends_quietly_not_as_a_crash() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["simulate", "--seed", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the redline binary runs");
    // The reader goes away before the program has printed anything, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(
        matches!(out.status.code(), Some(141) | Some(0)),
        "ends as a closed pipe ends a tool: {:?}",
        out.status
    );
}

#[test]
fn bench_commands_refuse_what_they_cannot_do_and_say_why() {
    let out = redline(&["bench", "frontier", "--check-up-to", "1e20"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("only offered up to 1e8"), "{}", stderr(&out));
    let out = redline(&["bench", "sao", "--k", "20"]);
    assert_eq!(out.status.code(), Some(2));
    let out = redline(&["bench", "sao", "--negotiations", "20", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(report["negotiations"], 20);
    assert!(report["per_second"].as_f64().is_some_and(|r| r > 0.0));
}

#[test]
fn a_batch_plays_the_same_games_on_one_thread_and_on_two() {
    let out = redline(&[
        "bench", "batch", "--games", "300", "--repeat", "2", "--chunk", "64", "--format", "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reports: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let reports = reports.as_array().expect("a report per thread count");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0]["threads"], 1);
    assert_eq!(reports[1]["threads"], 2);
    let checksum = &reports[0]["checksum"];
    assert_ne!(checksum, "0000000000000000", "the repeats played the same games");
    assert_eq!(
        checksum, &reports[1]["checksum"],
        "every game ends the same on two threads"
    );
    assert!(reports[0]["games_per_second"].as_f64().is_some_and(|g| g > 0.0));
}

#[test]
fn the_tournament_benchmark_times_every_shipped_table_and_plays_each_pairings_games_once() {
    let out = redline(&[
        "bench",
        "tournament",
        "--games",
        "3",
        "--threads",
        "2",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let tables = report["tables"].as_array().expect("a row per table");
    assert_eq!(tables.len(), 6, "every table that ships with the game");
    // Six strategies, each against each: 36 pairings of 3 games at every table, however many seats it has.
    for t in tables {
        assert_eq!(t["games"], 36 * 3, "{t}");
        assert!(t["seconds"].as_f64().is_some_and(|s| s > 0.0));
    }
    assert_eq!(report["games"], 6 * 36 * 3);
    assert_eq!(report["threads"], 2);
}

#[test]
fn analyze_tells_a_scenario_writer_where_the_deal_is_and_how_robust_the_table_is() {
    let o = redline(&[
        "analyze",
        "tests/scenarios/trade.ron",
        "--games",
        "40",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let a: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    // The harbour lease: one package every seat can sign, the trade, which is the Nash point.
    assert_eq!(a["signable"], 1);
    assert_eq!(a["frontier"], 1);
    let nash = a["nash"][0].as_str().expect("a Nash package");
    assert!(
        nash.contains("Rent at the market rate") && nash.contains("A ten-year lease"),
        "{nash}"
    );
    assert_eq!(a["robustness"].as_array().map(Vec::len), Some(2));
    let warnings = a["warnings"].to_string();
    assert!(warnings.contains("rent at discount: the option is dead"), "{warnings}");
    // As text, and a file that is not a scenario is refused with the checker's words.
    let text = stdout(&redline(&[
        "analyze",
        "assets/scenarios/istanbul-2025.ron",
        "--games",
        "20",
    ]));
    assert!(
        text.contains("Red lines that bind") && text.contains("walk-away +0.1"),
        "{text}"
    );
    let bad = redline(&["analyze", "tests/broken-scenarios/unknown-field.ron"]);
    assert!(
        !bad.status.success() && stderr(&bad).contains("unknown-field.ron"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn new_writes_a_commented_table_that_passes_check_and_plays_and_never_overwrites() {
    let dir = crate::support::Scratch::new("new-scenario");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_redline"))
            .args(args)
            .current_dir(&*dir)
            .output()
            .expect("runs")
    };
    let o = run(&["new", "harbour_talks"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("redline check harbour_talks.ron"));
    let text = std::fs::read_to_string(dir.join("harbour_talks.ron")).expect("written");
    assert!(text.contains(r#"id: "harbour_talks""#) && text.contains(r#"title: "Harbour Talks""#));
    let s = redline::sim::scenario::Scenario::from_ron("harbour_talks.ron", &text).expect("passes check");
    assert!(!redline::sim::analysis::zopa(&s, &redline::sim::analysis::Parties::all(&s)).is_empty());
    let played = run(&["simulate", "--scenario", "harbour_talks.ron"]);
    assert!(
        played.status.success() && stdout(&played).contains("== Outcome =="),
        "{}",
        stderr(&played)
    );
    // A second time it refuses, and the file stays as it was.
    let again = run(&["new", "harbour_talks"]);
    assert!(!again.status.success() && stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.join("harbour_talks.ron")).expect("kept"),
        text
    );
    let bad = run(&["new", "Harbour Talks"]);
    assert!(!bad.status.success() && stderr(&bad).contains("is not an id"));
}
