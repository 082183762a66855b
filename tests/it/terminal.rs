//! The terminal game, played by a script on standard input, as a person at a keyboard would.

use std::process::Command;

use crate::support::{OutputWith, redline_at as redline_in};

/// A data folder of the test's own, so autosaves never land in the user's.
fn data_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("redline-terminal-tests-{}", std::process::id()))
}

fn play(args: &[&str], script: impl AsRef<[u8]>) -> (bool, String, String) {
    Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["play", "--terminal"])
        .args(args)
        .env("XDG_DATA_HOME", data_home())
        .output_with(script)
}

#[test]
fn a_script_can_play_a_whole_game_from_the_mediators_chair() {
    let script = "help\nbrief\n".to_string() + &"pass\n".repeat(20);
    let (ok, out, err) = play(&["--seat", "mediator", "--seed", "3"], &script);
    assert!(ok, "{err}");
    assert!(out.contains("YOUR BRIEF — the mediator's chair"), "{out}");
    assert!(
        out.contains("== Round 8 of 8") || out.contains("== Outcome =="),
        "{out}"
    );
    assert!(out.contains("== Outcome =="), "{out}");
    assert!(out.contains("The talks are over."), "{out}");
}

#[test]
fn a_delegation_speaks_proposes_and_is_told_when_a_move_is_not_allowed() {
    let script = "\
brief
value exchange=1000 withdrawal=four
firm We came for a ceasefire.
propose exchange=1000 follow=principle
recess
table
quit
";
    let (ok, out, err) = play(&["--seat", "ukraine", "--seed", "5"], script);
    assert!(ok, "{err}");
    assert!(out.contains("YOUR BRIEF — Ukraine"), "{out}");
    assert!(out.contains("crosses the red line: No withdrawal"), "{out}");
    assert!(
        out.contains("Ukraine (firm): \u{201c}We came for a ceasefire.\u{201d}"),
        "{out}"
    );
    assert!(out.contains("Ukraine proposes #"), "{out}");
    assert!(out.contains("Refused: Not now: this is the responses phase."), "{out}");
    assert!(out.contains("Proposals for you to answer"), "{out}");
    assert!(out.contains("You leave the game"), "{out}");
    assert!(out.contains("Resume it with `redline play --continue`"), "{out}");
}

#[test]
fn the_screens_ask_for_a_scenario_and_a_seat_and_end_cleanly_when_input_ends() {
    let (ok, out, err) = play(&["--seed", "2"], "\n2\n");
    assert!(ok, "{err}");
    assert!(out.contains("1) Istanbul, 16 May 2025"), "{out}");
    assert!(out.contains("Choose your seat:"), "{out}");
    assert!(out.contains("YOUR BRIEF — Russia"), "{out}");
    assert!(out.contains("Input ended; the talks are left unfinished."), "{out}");
    assert!(out.contains("redline play --continue"), "{out}");
}

#[test]
fn an_unknown_seat_is_a_usage_error_said_before_the_game_starts() {
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["play", "--terminal", "--seat", "atlantis"])
        .env("XDG_DATA_HOME", data_home())
        .output()
        .expect("runs");
    let (stdout, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("no seat called \"atlantis\""), "{err}");
    assert!(err.contains("ukraine, russia, mediator"), "{err}");
    assert!(!stdout.contains("REDLINE"), "no banner before the error: {stdout}");
}

#[test]
fn value_names_every_red_line_a_package_crosses() {
    let script = "value withdrawal=deferred ceasefire=thirty_days\nquit\n";
    let (ok, out, err) = play(&["--seat", "russia", "--seed", "5"], script);
    assert!(ok, "{err}");
    assert!(
        out.contains("crosses the red lines: Russia will not sign away"),
        "{out}"
    );
    assert!(out.matches("; ").count() >= 1, "{out}");
}

#[test]
fn help_speaks_of_the_tables_own_issues_and_lists_the_moves_open_now() {
    let (ok, out, err) = play(
        &[
            "--scenario",
            "tests/scenarios/two-issues.ron",
            "--seat",
            "north",
            "--seed",
            "1",
        ],
        "help\nquit\n",
    );
    assert!(ok, "{err}");
    assert!(out.contains("propose water=north_most border=one"), "{out}");
    assert!(!out.contains("exchange=1000"), "{out}");
    assert!(
        out.contains("Open to you now: a statement (conciliatory, firm, threat, warn), ask, recess, pass, walkout."),
        "{out}"
    );
}

#[test]
fn help_at_the_scenario_prompt_explains_the_choice() {
    let (ok, out, err) = play(&["--seed", "2"], "help\n");
    assert!(ok, "{err}");
    assert!(out.contains("Type the number of a scenario from the list"), "{out}");
}

#[test]
fn quit_before_the_table_leaves_instead_of_looking_for_a_file() {
    let (ok, out, err) = play(&["--seed", "2"], "quit\n");
    assert!(ok, "{err}");
    assert!(!out.contains("cannot read the scenario"), "{out}");
    let (ok, out, err) = play(&["--seed", "2"], "\nquit\n");
    assert!(ok, "{err}");
    assert!(!out.contains("Choose a number from the list"), "{out}");
}

#[test]
fn walking_out_asks_first_and_a_no_keeps_you_at_the_table() {
    let (ok, out, err) = play(&["--seat", "ukraine", "--seed", "5"], "walkout\nn\ntable\nwalkout\ny\n");
    assert!(ok, "{err}");
    assert!(out.contains("Walk out for good?"), "{out}");
    assert!(out.contains("You stay at the table."), "{out}");
    assert!(out.contains("Ukraine walks out"), "{out}");
    assert!(out.contains("The talks are over."), "{out}");
}

#[test]
fn a_line_that_is_not_utf8_is_answered_not_fatal() {
    let mut script = b"pass\n".to_vec();
    script.extend_from_slice(&[0xff, 0xfe, b'\n']);
    script.extend_from_slice(b"quit\n");
    let (ok, out, err) = play(&["--seat", "ukraine", "--seed", "5"], script);
    assert!(ok, "{err}");
    assert!(out.contains("is not a command"), "{out}");
    assert!(out.contains("You leave the game"), "{out}");
}

#[test]
fn without_a_display_play_falls_back_to_the_terminal_with_a_notice() {
    let (ok, _, err) = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["play", "--seat", "ukraine", "--seed", "1"])
        .env("XDG_DATA_HOME", data_home())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output_with("quit\n");
    assert!(ok, "{err}");
    assert!(err.contains("No display found: playing in the terminal."), "{err}");
}

#[test]
fn a_player_can_switch_how_the_ai_plays_the_other_seats_from_the_prompt() {
    let script = "\
strategy russia hardliner
strategy mediator nash
strategy russia sulk
table
quit
";
    let (ok, out, err) = play(&["--seat", "ukraine", "--seed", "5"], script);
    assert!(ok, "{err}");
    assert!(out.contains("[AI] Russia is now played as: Hardliner"), "{out}");
    assert!(
        out.contains("[AI] Türkiye now drafts by: Nash bargaining point"),
        "{out}"
    );
    assert!(out.contains("no strategy \"sulk\"; choose from"), "{out}");
    assert!(out.contains("Russia — AI: Hardliner"), "{out}");
}

#[test]
fn a_new_game_never_overwrites_an_unfinished_one_and_continue_offers_the_list() {
    let home = crate::support::Scratch::new("saves-list");
    for (seat, seed) in [("ukraine", "5"), ("russia", "6")] {
        let (ok, _, err) = redline_in(&home)
            .args(["play", "--terminal", "--seat", seat, "--seed", seed])
            .output_with("quit\n");
        assert!(ok, "{err}");
    }
    let (ok, out, err) = redline_in(&home)
        .args(["play", "--continue"])
        .output_with("2\ntable\nquit\n");
    assert!(ok, "{err}");
    assert!(out.contains("Saved games, newest first:"), "{out}");
    assert!(
        out.contains("as Ukraine, round 1") && out.contains("as Russia, round 1"),
        "{out}"
    );
    assert!(out.contains("Continuing the game saved in"), "{out}");
    let out = redline_in(&home)
        .args(["play", "--continue", "9"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no game 9"));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn a_continued_game_goes_on_writing_its_recording_to_the_end() {
    let home = crate::support::Scratch::new("continue-record");
    let record = home.join("game.ron");
    let record_arg = record.display().to_string();
    let (ok, _, err) = redline_in(&home)
        .args([
            "play",
            "--terminal",
            "--seat",
            "ukraine",
            "--seed",
            "5",
            "--record",
            &record_arg,
        ])
        .output_with("pass\nquit\n");
    assert!(ok, "{err}");
    let (ok, out, err) = redline_in(&home)
        .args(["play", "--continue"])
        .output_with("pass\n".repeat(300));
    assert!(ok, "{err}");
    assert!(out.contains("The talks are over."), "{out}");
    let finished = redline::replay::Replay::load(&record).expect("the recording reads");
    assert!(finished.outcome.is_some(), "the recording ends with the game");
    let saves: Vec<_> = std::fs::read_dir(home.join("redline/saves")).expect("saves").collect();
    assert!(saves.is_empty(), "a finished game leaves no save to continue");
    let _ = std::fs::remove_dir_all(&home);
}
