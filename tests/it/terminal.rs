//! The terminal game, played by a script on standard input, as a person at a keyboard would.

use std::process::Command;

use crate::support::OutputWith;

/// A data folder of the test's own, so autosaves never land in the user's.
fn data_home() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("redline-terminal-tests-{}", std::process::id()))
}

fn play(args: &[&str], script: &str) -> (bool, String, String) {
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
pass
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
}

#[test]
fn the_screens_ask_for_a_scenario_and_a_seat_and_end_cleanly_when_input_ends() {
    let (ok, out, err) = play(&["--seed", "2"], "\n2\n");
    assert!(ok, "{err}");
    assert!(out.contains("1) Istanbul, 16 May 2025"), "{out}");
    assert!(out.contains("Choose your seat:"), "{out}");
    assert!(out.contains("YOUR BRIEF — Russia"), "{out}");
    assert!(out.contains("Input ended; the talks are left unfinished."), "{out}");
}

#[test]
fn an_unknown_seat_is_refused_with_what_to_write() {
    let (ok, _, err) = play(&["--seat", "atlantis"], "");
    assert!(!ok);
    assert!(err.contains("no seat called \"atlantis\""), "{err}");
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
