//! The classroom: the facilitator's moves are checked, applied as Events, read to the table, recorded and
//! replayed; several people share one screen; a class of groups is recorded group by group.

use std::io::Write;
use std::process::Stdio;
use std::sync::Arc;

use redline::class::{Class, ClassFile, GroupFile, Plan};
use redline::play::{Keeping, Sitting};
use redline::replay::{Replay, Stop, play_back};
use redline::sim::command::{Command, Reason, Seat};
use redline::sim::delegation::Controller;
use redline::sim::rules::{By, RuleError};
use redline::sim::scenario::{Effect, Scenario};
use redline::sim::table::Controllers;
use redline::sim::transcript::Event;
use redline::sim::turn::Phase;

use crate::support::{Scratch, game, istanbul_as_ukraine, redline_at};

const UKRAINE: Seat = Seat::Delegation(0);
const RUSSIA: Seat = Seat::Delegation(1);

/// A person's simple play: pass, or in the responses accept what is worth their walk-away and refuse the rest.
fn scripted_move(sitting: &Sitting, seat: Seat) -> Vec<Command> {
    let state = sitting.state();
    let s = sitting.scenario();
    match (seat, state.phase) {
        (Seat::Delegation(d), Phase::Responses) => state
            .unanswered(d)
            .map(|p| {
                let worth = s.delegations[d].utility(p.package);
                if worth >= state.seats[d].walk_away && s.delegations[d].crossed(p.package).is_none() {
                    Command::Accept { proposal: p.id }
                } else {
                    Command::Reject {
                        proposal: p.id,
                        reason: Reason::Said("Not enough for us.".into()),
                    }
                }
            })
            .collect(),
        _ => vec![Command::Pass],
    }
}

/// Plays every seat the sitting holds by the script until the talks end or `stop` says so.
fn play_on(sitting: &mut Sitting, stop: impl Fn(&Sitting) -> bool) {
    for _ in 0..500 {
        sitting.run_until_people();
        if sitting.state().is_over() || sitting.state().paused || stop(sitting) {
            return;
        }
        let Some(seat) = sitting.to_move() else { return };
        for command in scripted_move(sitting, seat) {
            sitting.send(seat, command).expect("the script's moves are allowed");
        }
    }
    panic!("the table never ended");
}

fn verify(replay: &Replay, file: &str) {
    let (game, stop) = play_back(replay, file, None).expect("the recording plays back exactly");
    assert_eq!(stop, Stop::Over);
    assert!(game.state().is_over());
}

#[test]
fn only_the_facilitator_may_pause_inject_move_the_clock_or_take_a_seat() {
    let mut g = istanbul_as_ukraine(1);
    g.run_until_people();
    for command in [
        Command::Pause,
        Command::Inject { index: 0 },
        Command::SetClock { rounds: 10 },
        Command::TakeSeat { seat: Seat::Mediator },
        Command::EndTalks,
    ] {
        let e = g.send(UKRAINE, command).expect_err("a player cannot");
        assert_eq!(e, RuleError::FacilitatorOnly);
        assert!(e.to_string().starts_with("Only the facilitator can pause the talks"));
    }
    // Nor does the facilitator negotiate in its own name.
    let e = g
        .send(Seat::Facilitator, Command::Pass)
        .expect_err("not the facilitator's move");
    assert_eq!(e, RuleError::FacilitatorNegotiates);
    // And the facilitator takes only a seat the AI plays: not the one Ukraine's students play.
    let e = g
        .send(Seat::Facilitator, Command::TakeSeat { seat: UKRAINE })
        .expect_err("a student's seat");
    assert_eq!(e, RuleError::SeatTaken);
    assert!(e.to_string().contains("only a seat the AI plays"));
}

#[test]
fn a_paused_table_refuses_every_move_in_words_and_stands_still_until_it_resumes() {
    let mut g = istanbul_as_ukraine(2);
    g.run_until_people();
    g.send(Seat::Facilitator, Command::Pause)
        .expect("the facilitator pauses");
    let before = g.transcript().events.len();
    let e = g.send(UKRAINE, Command::Pass).expect_err("paused");
    assert_eq!(
        e.to_string(),
        "The facilitator has paused the talks; wait until they resume."
    );
    for _ in 0..20 {
        g.app.update();
    }
    assert_eq!(g.transcript().events.len(), before, "nothing happens while paused");
    assert_eq!(g.send(Seat::Facilitator, Command::Pause), Err(RuleError::AlreadyPaused));
    g.send(Seat::Facilitator, Command::Resume)
        .expect("the facilitator resumes");
    g.send(UKRAINE, Command::Pass).expect("the talks go on");
}

#[test]
fn a_custom_inject_moves_the_number_it_names_and_the_table_reads_it() {
    let mut g = istanbul_as_ukraine(3);
    g.run_until_people();
    let before = g.state().seats[1].walk_away;
    g.send(
        Seat::Facilitator,
        Command::InjectCustom {
            headline: "Sanctions on Russian oil tankers take effect".into(),
            effect: Effect::WalkAway { seat: 1, change: -0.1 },
        },
    )
    .expect("a well-formed inject");
    assert!((g.state().seats[1].walk_away - (before - 0.1).max(0.0)).abs() < 1e-12);
    let text = g.transcript().render(&g.scenario);
    assert!(text.contains("The facilitator injects: Sanctions on Russian oil tankers take effect"));
    assert!(text.contains("Russia's walk-away value falls by 10 points"));
    // One of the scenario's own injects is read with who it comes from.
    g.send(Seat::Facilitator, Command::Inject { index: 0 })
        .expect("the scenario's first inject");
    let first = &g.scenario.injects[0];
    assert!(g.transcript().render(&g.scenario).contains(&first.headline));
}

#[test]
fn an_inject_the_table_cannot_read_is_refused_and_says_why() {
    let mut g = istanbul_as_ukraine(4);
    g.run_until_people();
    let count = g.scenario.injects.len();
    assert_eq!(
        g.send(Seat::Facilitator, Command::Inject { index: count }),
        Err(RuleError::NoSuchInject(count + 1, count))
    );
    let blank = g.send(
        Seat::Facilitator,
        Command::InjectCustom {
            headline: "  ".into(),
            effect: Effect::Tension { change: 0.1 },
        },
    );
    assert!(matches!(blank, Err(RuleError::BadInject(_))));
    let too_big = g.send(
        Seat::Facilitator,
        Command::InjectCustom {
            headline: "A big shock".into(),
            effect: Effect::Patience { seat: 0, change: 3.0 },
        },
    );
    assert!(matches!(too_big, Err(RuleError::BadInject(_))));
    let nobody = g.send(
        Seat::Facilitator,
        Command::InjectCustom {
            headline: "News".into(),
            effect: Effect::Patience { seat: 9, change: 0.1 },
        },
    );
    assert!(matches!(nobody, Err(RuleError::BadInject(_))));
}

#[test]
fn the_clock_set_by_the_facilitator_ends_the_talks_in_its_last_round() {
    let mut g = game(Scenario::istanbul(), 5, Controllers::default());
    g.app.update();
    assert_eq!(
        g.send(Seat::Facilitator, Command::SetClock { rounds: 0 }),
        Err(RuleError::ClockOutOfRange(0, 1))
    );
    g.send(Seat::Facilitator, Command::SetClock { rounds: 2 })
        .expect("a shorter session");
    g.run_until_people();
    assert!(g.state().is_over());
    assert!(
        g.state().round <= 2,
        "the talks ended by round 2, not {}",
        g.state().round
    );
    let mut longer = game(Scenario::istanbul(), 5, Controllers::default());
    longer.app.update();
    let rounds = longer.scenario.clock.rounds + 3;
    longer
        .send(Seat::Facilitator, Command::SetClock { rounds })
        .expect("a longer session");
    assert_eq!(longer.state().rounds, rounds);
    longer.run_until(|s| s.round == 2 || s.is_over());
    let text = longer.transcript().render(&longer.scenario);
    assert!(
        text.contains(&format!("== Round 2 of {rounds} ")),
        "the transcript counts the rounds as the facilitator set them:\n{text}"
    );
    let d = redline::debrief::debrief(&longer.scenario, 5, longer.transcript(), &[]);
    assert_eq!(d.of_rounds, rounds, "and so does the debrief");
}

#[test]
fn the_facilitator_takes_the_chair_plays_it_as_the_facilitator_and_hands_it_back() {
    let s = Scenario::istanbul();
    let mut sitting = Sitting::new(s.clone(), 6, vec![Seat::Facilitator], Keeping::default());
    sitting.step();
    assert_eq!(sitting.send(Seat::Mediator, Command::Pass), Err(RuleError::NotYourSeat));
    sitting
        .send(Seat::Facilitator, Command::TakeSeat { seat: Seat::Mediator })
        .expect("the chair is the AI's");
    assert_eq!(sitting.state().controllers.of(Seat::Mediator), Controller::Human);
    assert!(sitting.seats.contains(&Seat::Mediator));
    sitting.run_until_people();
    assert_eq!(
        sitting.to_move(),
        Some(Seat::Mediator),
        "the table waits for the facilitator's chair"
    );
    sitting.send(Seat::Mediator, Command::Pass).expect("the chair passes");
    assert_eq!(
        sitting.send(Seat::Facilitator, Command::HandBack { seat: RUSSIA }),
        Err(RuleError::NotTaken)
    );
    sitting
        .send(Seat::Facilitator, Command::HandBack { seat: Seat::Mediator })
        .expect("handed back");
    assert_eq!(sitting.state().controllers.of(Seat::Mediator), Controller::Ai);
    let replay = sitting.replay();
    let chair: Vec<_> = replay.commands.iter().filter(|r| r.seat == Seat::Mediator).collect();
    assert!(
        chair.iter().any(|r| r.by == By::Facilitator),
        "the chair's move is the facilitator's"
    );
    let text = sitting.transcript().render(&s);
    assert!(text.contains("The facilitator takes over the mediator's chair"));
    assert!(text.contains("The facilitator hands the mediator's chair"));
}

#[test]
fn ending_the_talks_closes_the_table_with_no_agreement() {
    let mut g = istanbul_as_ukraine(7);
    g.run_until_people();
    g.send(Seat::Facilitator, Command::EndTalks)
        .expect("the facilitator ends them");
    assert!(g.state().is_over());
    assert!(g.transcript().events.contains(&Event::Ended));
    assert_eq!(g.send(Seat::Facilitator, Command::Resume), Err(RuleError::TableClosed));
}

#[test]
fn a_class_of_three_groups_records_each_game_with_the_facilitators_moves_and_they_replay() {
    let dir = Scratch::new("class-three");
    let file = ClassFile {
        title: "Year 12".into(),
        table: "istanbul_2025".into(),
        folder: None,
        groups: ["red", "green", "blue"]
            .iter()
            .enumerate()
            .map(|(i, name)| GroupFile {
                name: (*name).into(),
                people: vec!["ukraine".into(), "russia".into()],
                seed: 10 + i as u64,
                table: None,
            })
            .collect(),
    };
    let plan = Plan::from_file(&file, "year12.ron", &dir, "year12").expect("a valid class");
    let mut class = Class::start(&plan).expect("the class starts");
    class.step();
    // Red: paused in round 2, and nobody can move until it resumes.
    play_on(&mut class.tables[0].sitting, |s| s.state().round >= 2);
    class.facilitate(0, Command::Pause).expect("pause red");
    let red = &mut class.tables[0].sitting;
    let seat = red.awaited().first().copied().unwrap_or(UKRAINE);
    assert_eq!(red.send(seat, Command::Pass), Err(RuleError::Paused));
    assert!(class.overview()[0].paused);
    class.facilitate(0, Command::Resume).expect("resume red");
    // Green: the facilitator's own news in round 1.
    class
        .facilitate(
            1,
            Command::InjectCustom {
                headline: "Kyiv hit overnight".into(),
                effect: Effect::Patience { seat: 0, change: -0.1 },
            },
        )
        .expect("news for green");
    // Blue: the facilitator takes the mediator's chair and plays it.
    class
        .facilitate(2, Command::TakeSeat { seat: Seat::Mediator })
        .expect("the chair at blue");
    for t in &mut class.tables {
        play_on(&mut t.sitting, |_| false);
        assert!(t.sitting.state().is_over());
        t.sitting.save_now();
    }
    type Shows = fn(&Event) -> bool;
    let expected: [(&str, Shows); 3] = [
        ("red", |e| matches!(e, Event::Paused)),
        ("green", |e| matches!(e, Event::Injected { index: None, .. })),
        ("blue", |e| matches!(e, Event::TakenOver { seat: Seat::Mediator })),
    ];
    for (group, shows) in expected {
        let path = dir.join("year12").join(format!("{group}-istanbul_2025.ron"));
        let replay = Replay::load(&path).expect("the group's recording is on disk");
        assert!(
            replay
                .commands
                .iter()
                .any(|r| r.seat == Seat::Facilitator && r.by == By::Facilitator),
            "{group}: the facilitator's moves are recorded"
        );
        verify(&replay, &path.display().to_string());
        let (game, _) = play_back(&replay, "", None).expect("plays back");
        assert!(
            game.transcript().events.iter().any(shows),
            "{group}: the facilitator's move shows"
        );
    }
    let blue = Replay::load(&dir.join("year12").join("blue-istanbul_2025.ron")).expect("blue");
    assert!(
        blue.commands
            .iter()
            .any(|r| r.seat == Seat::Mediator && r.by == By::Facilitator),
        "blue: the chair's moves are the facilitator's"
    );
}

#[test]
fn a_table_nobody_sits_at_plays_a_round_each_time_the_facilitator_says_so() {
    let dir = Scratch::new("class-unattended");
    let file = ClassFile {
        title: "Demo".into(),
        table: "istanbul_2025".into(),
        folder: None,
        groups: vec![
            GroupFile {
                name: "watched".into(),
                people: vec![],
                seed: 4,
                table: None,
            },
            GroupFile {
                name: "played".into(),
                people: vec!["ukraine".into()],
                seed: 5,
                table: None,
            },
        ],
    };
    let plan = Plan::from_file(&file, "demo.ron", &dir, "demo").expect("a valid class");
    let mut class = Class::start(&plan).expect("the class starts");
    class.step();
    class.step();
    let row = &class.overview()[0];
    assert_eq!(
        (row.round, row.outcome.clone(), row.held),
        (1, None, true),
        "it opens and waits"
    );
    class.next_round(0).expect("the next round");
    assert_eq!(class.overview()[0].round, 2);
    class.step();
    assert_eq!(class.overview()[0].round, 2, "the class's own steps do not move it");
    assert!(class.next_round(1).is_err(), "a table with students moves as they play");
    class.facilitate(0, Command::Pause).expect("pause");
    assert!(class.next_round(0).unwrap_err().contains("paused"));
    class.facilitate(0, Command::Resume).expect("resume");
    class.save_all();
    let again = Class::start(&plan).expect("the class starts again");
    assert_eq!(
        again.overview()[0].round,
        2,
        "taken up again, it waits where it was saved"
    );
    assert!(again.overview()[0].held);
    while class.overview()[0].outcome.is_none() {
        class.next_round(0).expect("the next round");
    }
    assert!(class.next_round(0).unwrap_err().contains("over"));

    // A seat taken at such a table is the facilitator's from that moment: the AI makes no move in its name.
    let mut fresh =
        Class::start(&Plan::from_file(&file, "demo.ron", &dir, "demo-again").expect("valid")).expect("starts");
    fresh.step();
    fresh.next_round(0).expect("a round");
    fresh
        .facilitate(0, Command::TakeSeat { seat: RUSSIA })
        .expect("Russia's seat");
    let log = fresh.tables[0].sitting.replay().commands;
    assert!(
        !log.iter().any(|r| r.seat == RUSSIA && r.by == By::Facilitator),
        "no move of Russia's is made for the facilitator"
    );
    assert_eq!(
        fresh.tables[0].sitting.to_move(),
        Some(RUSSIA),
        "Russia's move waits for the facilitator"
    );
    let path = dir.join("demo").join("watched-istanbul_2025.ron");
    verify(&Replay::load(&path).expect("saved"), &path.display().to_string());
}

#[test]
fn the_class_files_shown_in_the_docs_and_shipped_read_as_written() {
    let dir = Scratch::new("class-docs");
    let docs = std::fs::read_to_string("docs/class-format.md").expect("the class format's page");
    let example = docs
        .split("```ron")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the page shows a class file");
    let path = dir.join("year12.ron");
    std::fs::write(&path, example).expect("write");
    let plan = Plan::load(&path).expect("the documented class file reads");
    assert_eq!(plan.groups.len(), 3);
    assert_eq!(
        plan.groups[2].scenario.id, "reykjavik_1986",
        "a group may play its own table"
    );
    assert!(plan.folder.ends_with("year12-games"));
    let shipped =
        Plan::load(std::path::Path::new("assets/classes/istanbul-three-groups.ron")).expect("the shipped class");
    assert_eq!(shipped.groups.len(), 3);
}

#[test]
fn a_class_started_again_takes_up_every_group_where_it_was_saved_and_never_writes_over_a_damaged_game() {
    let dir = Scratch::new("class-again");
    let file = ClassFile {
        title: "After the break".into(),
        table: "istanbul_2025".into(),
        folder: None,
        groups: vec![GroupFile {
            name: "a".into(),
            people: vec!["ukraine".into()],
            seed: 8,
            table: None,
        }],
    };
    let plan = Plan::from_file(&file, "after.ron", &dir, "after").expect("a valid class");
    let mut class = Class::start(&plan).expect("the class starts");
    class.step();
    class
        .facilitate(0, Command::TakeSeat { seat: Seat::Mediator })
        .expect("the chair");
    play_on(&mut class.tables[0].sitting, |s| s.state().round >= 3);
    class.save_all();
    let events = class.tables[0].sitting.transcript().events.len();
    let round = class.tables[0].sitting.state().round;
    drop(class);

    let mut again = Class::start(&plan).expect("the class starts again");
    let t = &again.tables[0];
    assert_eq!(
        t.sitting.transcript().events.len(),
        events,
        "the game is where it was left"
    );
    assert_eq!(t.sitting.state().round, round);
    assert!(
        t.sitting.seats.contains(&Seat::Mediator),
        "the facilitator still holds the chair"
    );
    play_on(&mut again.tables[0].sitting, |_| false);
    again.save_all();
    let path = dir.join("after").join("a-istanbul_2025.ron");
    verify(&Replay::load(&path).expect("saved"), &path.display().to_string());

    std::fs::write(&path, "Replay(format: 1, this is not a game").expect("damage it");
    let refused = Class::start(&plan)
        .err()
        .expect("a damaged game is refused")
        .to_string();
    assert!(refused.contains("a-istanbul_2025.ron"), "{refused}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "Replay(format: 1, this is not a game",
        "and left as it was"
    );
}

#[test]
fn a_class_file_with_a_mistake_says_what_to_write_instead() {
    let dir = Scratch::new("class-bad");
    let write = |text: &str| {
        let path = dir.join("bad.ron");
        std::fs::write(&path, text).expect("write");
        Plan::load(&path).map(|_| ()).expect_err("refused").to_string()
    };
    assert!(write("Class(table: \"istanbul_2025\", groups: [").contains("bad.ron:1:"));
    assert!(write("Class(table: \"istanbul_2025\", groups: [])").contains("no groups"));
    let unknown = write("Class(table: \"istanbul_2025\", groups: [(name: \"a\", people: [\"narnia\"], seed: 1)])");
    assert!(unknown.contains("people") && unknown.contains("narnia"), "{unknown}");
    let twice = write(
        "Class(table: \"istanbul_2025\", groups: [(name: \"a\", people: [], seed: 1), (name: \"A\", people: [], seed: 2)])",
    );
    assert!(twice.contains("two groups"), "{twice}");
    let nowhere = write("Class(table: \"atlantis\", groups: [(name: \"a\", people: [], seed: 1)])");
    assert!(nowhere.contains("atlantis"), "{nowhere}");
}

#[test]
fn two_people_at_one_terminal_hand_over_with_a_clear_screen_between_seats() {
    let home = Scratch::new("hot-seat");
    let mut child = redline_at(&home)
        .args(["play", "--terminal", "--seats", "ukraine,russia", "--seed", "3"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("redline runs");
    // Every handover is answered with Enter, every move with pass, then quit.
    let script = "\npass\n".repeat(12) + "quit\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("the script is typed");
    let out = child.wait_with_output().expect("redline ends");
    let text = String::from_utf8_lossy(&out.stdout);
    let handovers: Vec<&str> = text.split("Hand over to ").skip(1).collect();
    assert!(
        handovers.len() >= 3,
        "the screen is handed over at every change of seat:\n{text}"
    );
    for part in &handovers {
        let seat = if part.starts_with("Ukraine") {
            "Ukraine"
        } else {
            "Russia"
        };
        let other = if seat == "Ukraine" { "Russia" } else { "Ukraine" };
        // Between two handovers only the seat handed to is prompted for, after a cleared screen.
        assert!(
            !part.contains(&format!("] {other}>")),
            "{other} is prompted on {seat}'s screen:\n{part}"
        );
    }
    assert!(
        text.matches("\u{1b}[2J").count() >= handovers.len(),
        "the screen is cleared at every handover"
    );
}

#[test]
fn a_class_runs_at_the_terminal_and_leaves_every_game_on_disk_to_verify() {
    let dir = Scratch::new("class-terminal");
    let file = dir.join("period3.ron");
    std::fs::write(
        &file,
        r#"Class(
    title: "Period 3",
    table: "istanbul_2025",
    groups: [
        (name: "a", people: ["ukraine"], seed: 1),
        (name: "b", people: [], seed: 2),
    ],
)"#,
    )
    .expect("the class file");
    let mut child = redline_at(&dir)
        .args(["class", "--terminal"])
        .arg(&file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("redline runs");
    let script = "pause 1\nnews 1 russia walkaway -10 Sanctions bite\nresume 1\ntake 2 mediator\nend 2\ny\nplay 1\n\npass\nback\nquit\n";
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("typed");
    let out = child.wait_with_output().expect("redline ends");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("Table 1: paused."), "{text}");
    assert!(text.contains("Refused") || text.contains("paused"), "{text}");
    assert!(text.contains("Hand over to Ukraine"), "{text}");
    assert!(
        text.contains("you: `next 2`"),
        "the table nobody sits at waits for the facilitator:\n{text}"
    );
    for group in ["a", "b"] {
        let recording = dir.join("period3").join(format!("{group}-istanbul_2025.ron"));
        assert!(recording.exists(), "{} is saved", recording.display());
        let replay = Replay::load(&recording).expect("loads");
        let (game, _) = play_back(&replay, "", None).expect("verifies");
        if group == "b" {
            assert!(game.state().is_over(), "table b was ended by the facilitator");
        }
        assert!(replay.commands.iter().any(|r| r.seat == Seat::Facilitator));
    }
}

#[test]
fn the_handouts_give_each_seat_its_own_page_and_the_facilitator_a_guide() {
    let dir = Scratch::new("briefs");
    let out = redline_at(&dir)
        .args(["briefs", "istanbul_2025", "--out"])
        .arg(dir.join("handouts"))
        .output()
        .expect("redline runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for file in [
        "ukraine.html",
        "russia.html",
        "mediator.html",
        "all-seats.html",
        "facilitator.html",
        "index.html",
    ] {
        let html = std::fs::read_to_string(dir.join("handouts").join(file)).expect(file);
        assert!(
            html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
            "{file}"
        );
    }
    let ukraine = std::fs::read_to_string(dir.join("handouts/ukraine.html")).expect("ukraine");
    assert!(ukraine.contains("Україна") || ukraine.contains("Ukraine"));
    let s: Arc<Scenario> = Scenario::istanbul();
    let guide = std::fs::read_to_string(dir.join("handouts/facilitator.html")).expect("guide");
    for inject in &s.injects {
        assert!(guide.contains(&inject.headline.replace('"', "&quot;")) || guide.contains(&inject.headline));
    }
}
