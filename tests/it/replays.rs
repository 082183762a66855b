//! Replays, saves and forks: the same Commands give the same game; a changed Command is caught at its
//! round; a fork matches its parent up to the round it leaves; a killed game continues from its save.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use redline::replay::{Replay, ReplayError, Stop, events_before, play_back, verify};
use redline::sim::command::{Command as Move, Seat};
use redline::sim::game::Game;
use redline::sim::scenario::Scenario;
use redline::sim::table::Controllers;

use crate::support::{OutputWith, redline_at as redline};

fn all_ai_replay(seed: u64) -> (Game, Replay) {
    let mut game = Game::new(Scenario::istanbul(), seed, Controllers::default());
    game.run_until_people();
    let replay = Replay::of(&game, &Controllers::default(), None, None);
    (game, replay)
}

/// A game where a person plays Ukraine, passes, and rejects every proposal put to it.
fn played_as_ukraine(seed: u64) -> (Game, Replay) {
    crate::support::played_by_a_person_who_rejects(Scenario::istanbul(), 0, seed)
}

#[test]
fn recording_and_replaying_gives_the_same_transcript_for_a_thousand_seeds() {
    for seed in 0..1000 {
        let (original, replay) = all_ai_replay(seed);
        let text = replay.to_text().expect("a replay writes as text");
        let read = Replay::from_text("mem.ron", &text).expect("a replay reads back");
        let (again, stop) = play_back(&read, "mem.ron", None).expect("it replays");
        assert_eq!(stop, Stop::Over);
        assert_eq!(again.transcript(), original.transcript(), "seed {seed}");
    }
}

#[test]
fn a_game_with_a_person_replays_move_for_move() {
    let (original, replay) = played_as_ukraine(21);
    assert!(replay.commands.iter().any(|c| c.by == redline::sim::rules::By::Person));
    let summary = verify(&replay, "mem.ron").expect("every round matches");
    assert!(
        summary.starts_with(&format!("all {} rounds match", replay.rounds())),
        "{summary}"
    );
    let (again, _) = play_back(&replay, "mem.ron", None).unwrap();
    assert_eq!(again.transcript(), original.transcript());
}

#[test]
fn verify_catches_a_tampered_command_and_names_its_round() {
    let (_, replay) = all_ai_replay(8);
    // Change a proposal Russia made in round 3.
    let mut tampered = replay.clone();
    let k = tampered
        .commands
        .iter()
        .position(|c| c.round == 3 && c.seat == Seat::Delegation(1) && matches!(c.command, Move::Propose { .. }))
        .expect("Russia proposed in round 3");
    tampered.commands[k].command = Move::Pass;
    match verify(&tampered, "tampered.ron") {
        Err(ReplayError::Diverged { round, .. }) => assert_eq!(round, 3),
        other => panic!("expected a difference in round 3, got {other:?}"),
    }
    // Change a person's move in round 2.
    let (_, played) = played_as_ukraine(9);
    let mut tampered = played.clone();
    let k = tampered
        .commands
        .iter()
        .position(|c| c.round == 2 && c.by == redline::sim::rules::By::Person)
        .expect("a move in round 2");
    tampered.commands[k].command = Move::WalkOut {
        reason: "tampered".into(),
    };
    match verify(&tampered, "tampered.ron") {
        Err(ReplayError::Diverged { round, .. }) => assert_eq!(round, 2),
        other => panic!("expected a difference in round 2, got {other:?}"),
    }
    // Change a recorded hash.
    let mut tampered = replay.clone();
    tampered.round_hashes[4] = "0000000000000000".into();
    match verify(&tampered, "tampered.ron") {
        Err(ReplayError::Diverged { round, .. }) => assert_eq!(round, 5),
        other => panic!("expected a difference in round 5, got {other:?}"),
    }
}

#[test]
fn a_fork_equals_its_parent_up_to_the_round_it_leaves() {
    let (original, replay) = all_ai_replay(12);
    for round in [1, 3, 6] {
        let (mut fork, stop) = play_back(&replay, "mem.ron", Some(round)).expect("it replays to the round");
        assert_eq!(stop, Stop::AtRound(round));
        assert_eq!(
            events_before(&fork, round),
            events_before(&original, round),
            "fork at {round}"
        );
        fork.hand_over(Seat::Delegation(1));
        fork.run_until_people();
        assert_eq!(
            fork.awaiting_people(),
            vec![Seat::Delegation(1)],
            "Russia is in a person's hands from round {round}"
        );
    }
}

#[test]
fn another_format_is_refused_naming_both_versions() {
    let (_, replay) = all_ai_replay(1);
    let text = replay
        .to_text()
        .expect("a replay writes as text")
        .replacen("format: 1,", "format: 7,", 1);
    let err = Replay::from_text("old.ron", &text).unwrap_err().to_string();
    assert!(
        err.contains("old.ron: format: this is replay format 7; this version of Redline reads format 1"),
        "{err}"
    );
}

#[test]
fn a_replay_naming_a_seat_the_scenario_lacks_is_refused() {
    let (_, mut replay) = played_as_ukraine(4);
    replay.humans = vec![9];
    match play_back(&replay, "odd.ron", None) {
        Err(e @ ReplayError::Damaged { .. }) => assert!(
            e.to_string()
                .contains("odd.ron: humans: damaged, or not a Redline replay"),
            "{e}"
        ),
        other => panic!("expected a refusal, got {:?}", other.map(|(_, stop)| stop)),
    }
}

#[test]
fn a_torn_file_is_refused_by_name() {
    let (_, replay) = all_ai_replay(1);
    let text = replay.to_text().expect("a replay writes as text");
    let torn = &text[..text.len() / 2];
    let err = Replay::from_text("torn.ron", torn).unwrap_err().to_string();
    let (place, said) = err
        .split_once(": damaged, or not a Redline replay: ")
        .expect("the refusal says why");
    let [file, line, col] = place.split(':').collect::<Vec<_>>()[..] else {
        panic!("no file:line:col in {err}");
    };
    assert_eq!(file, "torn.ron");
    assert!(line.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(), "{err}");
    assert!(!said.is_empty());
}

#[test]
fn a_killed_game_continues_from_its_last_round_and_a_damaged_save_falls_back() {
    let home = crate::support::Scratch::new("kill");
    let saves = home.join("redline/saves");
    let mut child = redline(&home)
        .args(["play", "--terminal", "--seat", "mediator", "--seed", "7"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the game starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    // Play until round 4 has begun, then kill the process without warning.
    let mut line = String::new();
    loop {
        line.clear();
        if out.read_line(&mut line).expect("output") == 0 {
            panic!("the game ended early");
        }
        if line.contains("== Round 4 of 8") {
            break;
        }
        if line.contains("mediation] ") || line.ends_with("> ") {
            stdin.write_all(b"pass\n").expect("a move");
        }
        stdin.write_all(b"pass\n").expect("a move");
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let slots: Vec<_> = std::fs::read_dir(&saves)
        .expect("the saves folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        // A save being written when the process was killed is left as `.ron.tmp`, which no one reads.
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && !p.to_string_lossy().ends_with(".prev.ron"))
        .collect();
    assert_eq!(slots.len(), 1, "one game, one save slot: {slots:?}");
    let save = slots[0].clone();
    assert!(
        save.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("istanbul")),
        "{save:?}"
    );
    let saved = Replay::load(&save).expect("the autosave reads");
    assert!(saved.rounds() >= 3, "saved {} rounds", saved.rounds());
    assert!(saved.outcome.is_none());

    let resumed = redline(&home)
        .args(["play", "--continue"])
        .stdin(Stdio::piped())
        .output_with("table\nquit\n");
    assert!(resumed.0, "{}", resumed.2);
    assert!(resumed.1.contains("Continuing the game saved in"), "{}", resumed.1);
    assert!(
        resumed.1.contains(&format!("(round {})", saved.rounds() + 1)),
        "{}",
        resumed.1
    );

    // A torn newest save: the previous good one still loads.
    std::fs::write(&save, "Replay(format: 1, scenario_na").expect("write");
    let fallback = redline(&home)
        .args(["play", "--continue"])
        .stdin(Stdio::piped())
        .output_with("quit\n");
    assert!(fallback.0, "{}", fallback.2);
    assert!(
        fallback.2.contains("damaged, or not a Redline replay"),
        "{}",
        fallback.2
    );
    assert!(
        fallback.2.contains("continuing from the previous autosave"),
        "{}",
        fallback.2
    );
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
fn the_replay_command_prints_verifies_and_refuses_bad_files() {
    let dir = crate::support::Scratch::new("replay-cli");
    let file = dir.join("game.ron");
    let sim = redline(&dir)
        .args(["simulate", "--seed", "5", "--record"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(sim.status.success());
    let printed = redline(&dir).arg("replay").arg(&file).output().expect("runs");
    assert!(printed.status.success());
    assert_eq!(
        String::from_utf8_lossy(&printed.stdout),
        String::from_utf8_lossy(&sim.stdout)
    );
    let verified = redline(&dir)
        .args(["replay", "--verify"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(verified.status.success());
    assert!(String::from_utf8_lossy(&verified.stdout).contains("rounds match"));

    let text = std::fs::read_to_string(&file).unwrap();
    let tampered = dir.join("tampered.ron");
    std::fs::write(&tampered, text.replacen("seed: 5,", "seed: 6,", 1)).unwrap();
    let caught = redline(&dir)
        .args(["replay", "--verify"])
        .arg(&tampered)
        .output()
        .expect("runs");
    assert_eq!(caught.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&caught.stderr).contains("round 1 differs"),
        "{}",
        String::from_utf8_lossy(&caught.stderr)
    );
    let missing = redline(&dir)
        .args(["replay"])
        .arg(dir.join("nope.ron"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read it"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_fork_from_the_command_line_plays_on_and_names_its_parent() {
    let dir = crate::support::Scratch::new("fork-cli");
    let file = dir.join("game.ron");
    assert!(
        redline(&dir)
            .args(["simulate", "--seed", "3", "--record"])
            .arg(&file)
            .output()
            .unwrap()
            .status
            .success()
    );
    let fork = dir.join("fork.ron");
    let (ok, out, err) = redline(&dir)
        .args(["replay", "--fork-at", "3", "--seat", "ukraine", "--record"])
        .arg(&fork)
        .arg(&file)
        .stdin(Stdio::piped())
        .output_with("pass\n".repeat(3));
    assert!(ok, "{err}");
    assert!(out.contains("[round 3 of 8"), "{out}");
    let forked = Replay::load(&fork).expect("the fork is recorded");
    let parent = forked.parent.clone().expect("names its parent");
    assert_eq!(parent.round, 3);
    assert!(parent.file.ends_with("game.ron"));
    assert!(verify(&forked, "fork.ron").is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_game_the_ai_would_now_play_differently_is_still_shown_and_continued_as_recorded() {
    // A recording whose AI moves this build would not make (here Russia passes instead of proposing in
    // round 3, as an older AI might have): verifying fails, showing it follows the recording.
    let (_, replay) = played_as_ukraine(9);
    let mut older = replay.clone();
    let k = older
        .commands
        .iter()
        .position(|c| c.round == 3 && c.seat == Seat::Delegation(1) && matches!(c.command, Move::Propose { .. }))
        .expect("Russia proposed in round 3");
    older.commands[k].command = Move::Pass;
    // Later recorded moves answered the proposal that is now missing; the recording stops here.
    older.commands.truncate(k + 1);
    older.outcome = None;
    assert!(matches!(
        verify(&older, "older.ron"),
        Err(ReplayError::Diverged { round: 3, .. })
    ));

    let (game, stop, note) = redline::replay::play_back_or_as_recorded(&older, "older.ron", None).expect("shown");
    assert!(note.is_some_and(|n| n.contains("different version of the AI")));
    assert_eq!(stop, Stop::Unfinished);
    assert_eq!(
        game.log(),
        older.commands.as_slice(),
        "every recorded move, and only those, in order"
    );
    // The AI takes its seats again for the rest of the game.
    let mut game = game;
    game.run_until_people();
    assert!(game.log().len() > older.commands.len());
}

#[test]
fn the_newest_autosave_is_replaced_whole_and_a_missing_one_falls_back_to_the_previous() {
    use redline::replay::{autosave, autosave_paths, load_autosave};
    let dir = crate::support::Scratch::new("autosave");
    let (_, first) = all_ai_replay(1);
    let (_, second) = all_ai_replay(2);
    autosave(&dir, &first).expect("saved");
    autosave(&dir, &second).expect("saved");
    let (latest, previous) = autosave_paths(&dir);
    assert_eq!(Replay::load(&latest).expect("newest").seed, 2);
    assert_eq!(Replay::load(&previous).expect("previous").seed, 1);

    // A save lost by any means (an older build moved it aside before writing the new one): the previous
    // one still continues the game, and the player is told.
    std::fs::remove_file(&latest).expect("removed");
    let (replay, path, note) = load_autosave(&dir).expect("the previous save loads");
    assert_eq!((replay.seed, path), (1, previous));
    assert!(note.is_some_and(|n| n.contains("continuing from the previous autosave")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn recordings_made_before_the_play_layer_still_open_and_an_all_ai_one_still_verifies() {
    let dir = std::path::Path::new("tests/recordings");
    let ai = dir.join("all-ai-seed-9.ron");
    let replay = Replay::load(&ai).expect("reads");
    let summary = verify(&replay, "all-ai-seed-9.ron").expect("the AI plays it exactly as it did");
    assert!(summary.contains("the game ends as recorded"), "{summary}");

    let chair = dir.join("mediator-before-round-one-moves.ron");
    let replay = Replay::load(&chair).expect("reads");
    let (game, _, note) = redline::replay::play_back_or_as_recorded(&replay, "chair.ron", None).expect("opens");
    assert!(note.is_some_and(|n| n.contains("shown exactly as recorded")));
    assert_eq!(
        game.log().len(),
        replay.commands.len() + 1,
        "every recorded move, and the chair's pass in round 1"
    );
}
