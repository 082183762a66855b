//! The debrief: each seat's result, the deal against the fair points `analyze` finds, the game among the
//! AI-only games `simulate` plays, the evidence and its questions, and the HTML report of a class.

use std::process::Command;
use std::sync::Arc;

use redline::debrief::{Debrief, debrief, versus};
use redline::sim::batch::{play, run_batch};
use redline::sim::command::Seat;
use redline::sim::scenario::raw::QuestionAbout;
use redline::sim::scenario::{Scenario, library};

use crate::support::{Scratch, played_by_a_person_who_rejects};

fn ai_debrief(s: &Arc<Scenario>, seed: u64) -> Debrief {
    let r = play(s, seed);
    debrief(s, seed, &r.transcript, &[])
}

/// The first seed from 1 whose AI-only game ends with `kind`.
fn seed_ending(s: &Arc<Scenario>, kind: &str) -> u64 {
    run_batch(s, 1, 400, 100, |_| {})
        .into_iter()
        .find(|r| r.outcome.kind() == kind)
        .unwrap_or_else(|| panic!("{} ends in a {kind} within 400 seeds", s.id))
        .seed
}

#[test]
fn each_seat_gets_what_the_deal_is_worth_to_it_against_its_walk_away() {
    let s = Scenario::istanbul();
    let r = play(&s, 4);
    let d = debrief(&s, 4, &r.transcript, &[]);
    let package = r.outcome.package();
    for (seat, del) in d.seats.iter().zip(&s.delegations) {
        let worth = package.map_or(del.walk_away, |p| del.utility(p));
        assert_eq!(seat.value, worth);
        assert_eq!(seat.walk_away, del.walk_away);
        assert_eq!(seat.gain, worth - del.walk_away);
        assert!(
            seat.best.is_some_and(|b| b >= del.walk_away),
            "something is signable at Istanbul"
        );
    }
    assert_eq!(d.outcome, r.outcome.kind());
}

#[test]
fn the_fair_points_are_the_ones_analyze_reports() {
    for s in library::all() {
        let d = ai_debrief(s, 2);
        let a = redline::analyze::analyze(s, 1, 1, |_| {});
        assert_eq!(
            d.fairness.nash.as_ref().map(|p| (p.package.clone(), p.values.clone())),
            a.nash,
            "{}",
            s.id
        );
        assert_eq!(
            d.fairness
                .kalai_smorodinsky
                .as_ref()
                .map(|p| (p.package.clone(), p.values.clone())),
            a.kalai_smorodinsky,
            "{}",
            s.id
        );
        assert_eq!(d.fairness.signable.len(), a.signable, "{}", s.id);
        assert_eq!(d.fairness.frontier.len(), a.frontier, "{}", s.id);
    }
}

#[test]
fn a_deal_below_the_frontier_names_a_package_every_side_preferred() {
    let s = Scenario::istanbul();
    for seed in 1..40 {
        let d = ai_debrief(&s, seed);
        match &d.fairness.better {
            Some(b) => {
                assert!(
                    b.values.iter().zip(&d.fairness.deal).all(|(x, y)| x >= y),
                    "no side is worse off"
                );
                assert!(
                    b.values.iter().zip(&d.fairness.deal).any(|(x, y)| x > y),
                    "some side is better off"
                );
                let w = &d.fairness.words[0];
                assert!(
                    w.starts_with("There was a deal every side preferred") || w.starts_with("Nothing was agreed"),
                    "{w}"
                );
            }
            None => {
                // No signable package beats the deal for everyone.
                assert!(!d.fairness.signable.iter().any(|v| {
                    v.iter().zip(&d.fairness.deal).all(|(x, y)| x >= y)
                        && v.iter().zip(&d.fairness.deal).any(|(x, y)| *x > y + 1e-9)
                }));
            }
        }
    }
}

#[test]
fn the_room_rebuilt_from_the_events_ends_as_the_table_ended() {
    for s in library::all() {
        let mut game = redline::sim::game::Game::new(s.clone(), 7, Default::default());
        game.run_until_people();
        let d = debrief(s, 7, game.transcript(), &[]);
        let last = d.meters.last().expect("a note at the end");
        let state = game.state();
        assert_eq!(last.tension, state.tension, "{}", s.id);
        let patience: Vec<f64> = state.seats.iter().map(|x| x.patience).collect();
        assert_eq!(last.patience, patience, "{}", s.id);
        assert_eq!(d.meters[0].round, 0);
        assert_eq!(d.rounds, state.round);
    }
}

#[test]
fn the_ai_comparison_counts_the_games_simulate_counts() {
    let s = Scenario::istanbul();
    let v = versus::play(&s, 1, 300, |_| {}).place(None);
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["simulate", "--runs", "300", "--seed", "1", "--format", "json"])
        .output()
        .expect("redline runs");
    let sim: serde_json::Value = serde_json::from_slice(&out.stdout).expect("simulate's JSON");
    let count = |k: &str| sim["outcomes"][k].as_u64().unwrap_or(0) as f64 / 300.0;
    assert_eq!(v.agreement, count("agreement"));
    assert_eq!(v.partial_agreement, count("partial_agreement"));
    assert_eq!(v.deadlock, count("deadlock"));
    assert_eq!(v.walkout, count("walkout"));
    assert_eq!(
        v.as_happened,
        Some(sim["historical"]["count"].as_u64().unwrap_or(0) as f64 / 300.0)
    );
}

#[test]
fn a_game_is_placed_among_the_ai_games_that_ended_the_same_way() {
    let s = Scenario::istanbul();
    let played = versus::play(&s, 1, 200, |_| {});
    let results = run_batch(&s, 1, 200, 50, |_| {});
    let mine = results[0].outcome;
    let v = played.place(Some(mine));
    let same = results.iter().filter(|r| r.outcome.package() == mine.package()).count();
    let kind = results.iter().filter(|r| r.outcome.kind() == mine.kind()).count();
    assert_eq!(v.same_kind, kind as f64 / 200.0);
    if mine.package().is_some() {
        assert_eq!(v.same_ending, same as f64 / 200.0);
    }
    assert!(v.same_ending <= v.same_kind);
}

#[test]
fn red_lines_tested_say_who_proposed_across_whose_line_and_when() {
    let s = Scenario::istanbul();
    let d = ai_debrief(&s, 1);
    let across_ukraine = d
        .red_lines
        .iter()
        .find(|t| t.name == "Ukraine" && t.by == "Russia")
        .expect("Russia opens across Ukraine's line on withdrawal");
    assert!(across_ukraine.rounds.contains(&1), "{across_ukraine:?}");
    for id in &across_ukraine.proposals {
        let p = d.proposals.iter().find(|p| p.id == *id).expect("a tabled proposal");
        assert_eq!(p.author, "Russia");
        assert!(p.crosses.contains(&0));
    }
    let asked = d
        .questions
        .iter()
        .any(|q| q.about == QuestionAbout::RedLines && q.from_game && q.ask.contains("Russia"));
    assert!(asked, "the game asks about the red line it tested: {:?}", d.questions);
}

#[test]
fn a_walkout_is_debriefed_with_the_last_offer_before_it_and_its_questions() {
    let s = Scenario::istanbul();
    let seed = seed_ending(&s, "walkout");
    let d = ai_debrief(&s, seed);
    assert_eq!(d.heading, "Walkout");
    assert!(d.deal.is_none());
    assert!(d.seats.iter().any(|x| x.left));
    assert!(
        d.turning_points.iter().any(|t| t.kind == "last_offer"),
        "{:?}",
        d.turning_points
    );
    assert!(d.marks.iter().any(|m| m.kind == "walkout"));
    assert!(
        d.questions
            .iter()
            .any(|q| q.about == QuestionAbout::Walkout && !q.from_game)
    );
    assert_eq!(
        d.fairness.deal, d.fairness.walk_away,
        "no deal: everyone gets its walk-away"
    );
}

#[test]
fn questions_about_walkouts_wait_for_a_warning_or_a_walkout() {
    let s = library::find("ferry_contract").expect("the ferry table");
    let seed = seed_ending(&s, "agreement");
    let d = ai_debrief(&s, seed);
    assert_eq!(d.heading, "Agreement");
    let warned = d.marks.iter().any(|m| m.kind == "warning" || m.kind == "walkout");
    let walkout_questions = d.questions.iter().any(|q| q.about == QuestionAbout::Walkout);
    assert_eq!(warned, walkout_questions);
}

#[test]
fn a_deadlock_says_what_everyone_could_have_had_instead() {
    let s = library::find("reykjavik_1986").expect("Reykjavik");
    let seed = seed_ending(&s, "deadlock");
    let d = ai_debrief(&s, seed);
    assert_eq!(d.heading, "Deadlock");
    assert!(d.seats.iter().all(|x| x.gain == 0.0));
    if d.fairness.better.is_some() {
        assert!(
            d.fairness.words[0].starts_with("Nothing was agreed"),
            "{:?}",
            d.fairness.words
        );
    }
}

#[test]
fn a_persons_seat_is_marked_in_the_debrief() {
    let s = Scenario::istanbul();
    let (game, _) = played_by_a_person_who_rejects(s.clone(), 1, 5);
    let d = debrief(&s, 5, game.transcript(), &[Seat::Delegation(1)]);
    assert_eq!(d.people, vec!["Russia".to_string()]);
    assert!(d.seats[1].person && !d.seats[0].person);
}

#[test]
fn every_shipped_table_asks_about_the_outcome_fairness_concessions_red_lines_and_history() {
    for s in library::all() {
        let kinds: Vec<QuestionAbout> = s.raw.questions.iter().map(|q| q.about).collect();
        for k in [
            QuestionAbout::Outcome,
            QuestionAbout::Fairness,
            QuestionAbout::Concessions,
            QuestionAbout::RedLines,
            QuestionAbout::History,
        ] {
            assert!(kinds.contains(&k), "{} has no {k:?} question", s.id);
        }
    }
}

#[test]
fn an_empty_or_overlong_question_is_refused_with_where_it_is() {
    let text = Scenario::istanbul().text.to_string();
    let empty = text.replacen(
        "questions: [",
        "questions: [\n        (about: Outcome, ask: \"  \"),",
        1,
    );
    let err = Scenario::from_ron("empty.ron", &empty).expect_err("an empty question is refused");
    assert!(err.to_string().contains("an empty question"), "{err}");
    let long = text.replacen(
        "questions: [",
        &format!(
            "questions: [\n        (about: Outcome, ask: \"{}\"),",
            "why ".repeat(120)
        ),
        1,
    );
    let err = Scenario::from_ron("long.ron", &long).expect_err("an overlong question is refused");
    assert!(
        err.to_string().contains("a question of 480 characters; at most 400"),
        "{err}"
    );
}

#[test]
fn the_terminal_offers_the_debrief_when_the_talks_end() {
    let home = Scratch::new("debrief-terminal");
    let out = crate::support::redline_at(&home)
        .args([
            "play",
            "--terminal",
            "--scenario",
            "ferry_contract",
            "--seat",
            "council",
            "--seed",
            "3",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(b"walkout\ny\n\n")?;
            child.wait_with_output()
        })
        .expect("redline runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("DEBRIEF: The Hollin Island ferry contract"), "{text}");
    assert!(text.contains("How good was the deal?"), "{text}");
    assert!(text.contains("AI-only, 1000 games from seed 1"), "{text}");
    assert!(text.contains("To discuss:"), "{text}");
}

/// Every inline SVG of a page, as text.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").expect("every svg closes") + start + 6;
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn the_report_of_a_class_folder_holds_every_group_and_opens_offline() {
    let dir = Scratch::new("debrief-class");
    let class = dir.join("class");
    std::fs::create_dir_all(&class).expect("a class folder");
    let s = Scenario::istanbul();
    for g in 0..12u64 {
        let replay = if g % 3 == 0 {
            played_by_a_person_who_rejects(s.clone(), (g % 2) as usize, 100 + g).1
        } else {
            let mut game = redline::sim::game::Game::new(s.clone(), 100 + g, Default::default());
            game.run_until_people();
            redline::replay::Replay::of(&game, &Default::default(), None, None)
        };
        replay
            .save(&class.join(format!("group{:02}-istanbul.ron", g + 1)))
            .expect("saved");
    }
    let report = dir.join("report.html");
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["debrief"])
        .arg(&class)
        .args(["--games", "200", "--out"])
        .arg(&report)
        .output()
        .expect("redline runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&report).expect("the report");
    for g in 1..=12 {
        assert!(
            html.contains(&format!("group{g:02}-istanbul")),
            "group {g} is in the report"
        );
    }
    assert!(!html.contains("<script"), "no scripts");
    let outside = html.matches("http://").count() + html.matches("https://").count();
    let svg_ns = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(
        outside, svg_ns,
        "nothing is fetched from elsewhere; only SVG's namespace names a URL"
    );
    assert!(html.contains("@font-face"), "the font travels with the file");
    let charts = svgs(&html);
    assert!(charts.len() >= 12 * 4, "every game has its charts: {}", charts.len());
    for svg in charts {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("an SVG that parses: {e}\n{svg}"));
    }
    // The space's figures are the ones `analyze` prints.
    let analysis = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["analyze", "istanbul_2025", "--games", "1", "--format", "json"])
        .output()
        .expect("redline runs");
    let analysis: serde_json::Value = serde_json::from_slice(&analysis.stdout).expect("analyze's JSON");
    let space = format!(
        "{} packages every side could sign, {} on the frontier",
        analysis["signable"], analysis["frontier"]
    );
    assert!(html.contains(&space), "the report says {space}");
    let nash = &analysis["nash"][1];
    let nash_words = format!(
        "Ukraine {:.0} (",
        nash[0].as_f64().expect("Ukraine's value at the Nash point") * 100.0
    );
    assert!(
        html.contains(&nash_words),
        "the report values the Nash point as analyze does: {nash_words}"
    );
    // The class's AI-only figures are the ones `simulate` prints for the same games.
    let sim = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["simulate", "--runs", "200", "--seed", "1", "--format", "json"])
        .output()
        .expect("redline runs");
    let sim: serde_json::Value = serde_json::from_slice(&sim.stdout).expect("simulate's JSON");
    let partial = sim["outcomes"]["partial_agreement"].as_u64().unwrap_or(0) as f64 / 200.0 * 100.0;
    let shown = if partial > 0.0 && partial < 1.0 {
        format!("partial {partial:.1} %")
    } else {
        format!("partial {partial:.0} %")
    };
    assert!(html.contains(&shown), "the report shows {shown}");
}

#[test]
fn debrief_as_json_gives_the_same_numbers_as_the_library() {
    let dir = Scratch::new("debrief-json");
    let s = Scenario::istanbul();
    let mut game = redline::sim::game::Game::new(s.clone(), 9, Default::default());
    game.run_until_people();
    let file = dir.join("game.ron");
    redline::replay::Replay::of(&game, &Default::default(), None, None)
        .save(&file)
        .expect("saved");
    let out = Command::new(env!("CARGO_BIN_EXE_redline"))
        .arg("debrief")
        .arg(&file)
        .args(["--format", "json", "--games", "100"])
        .output()
        .expect("redline runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let d = debrief(&s, 9, game.transcript(), &[]);
    assert_eq!(v["debrief"]["outcome"], d.outcome);
    assert_eq!(v["debrief"]["seats"][0]["gain"].as_f64(), Some(d.seats[0].gain));
    assert_eq!(v["ai_only"]["games"], 100);
    let bad = Command::new(env!("CARGO_BIN_EXE_redline"))
        .args(["debrief", "no-such-game.ron"])
        .output()
        .expect("redline runs");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("neither a recorded game nor a folder"));
}
