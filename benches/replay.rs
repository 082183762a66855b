//! Replay benchmarks: how fast recordings verify, how big they are per round, and how long a save
//! takes to load and resume. Run with `cargo bench --bench replay`.

use std::time::Instant;

use redline::replay::{Replay, play_back, verify};
use redline::sim::game::Game;
use redline::sim::scenario::Scenario;
use redline::sim::table::Controllers;

fn main() {
    let scenario = Scenario::istanbul();
    let games = 200;
    let recordings: Vec<String> = (0..games)
        .map(|seed| {
            let mut game = Game::new(scenario.clone(), seed, Controllers::default());
            game.run_until_people();
            Replay::of(&game, &Controllers::default(), None, None)
                .to_text()
                .expect("a replay writes as text")
        })
        .collect();
    let bytes: usize = recordings.iter().map(String::len).sum();
    let replays: Vec<Replay> = recordings
        .iter()
        .map(|t| Replay::from_text("bench.ron", t).expect("reads"))
        .collect();
    let rounds: usize = replays.iter().map(Replay::rounds).sum();
    println!(
        "replay size: {:.0} bytes per round ({} games, {rounds} rounds, the embedded scenario included)",
        bytes as f64 / rounds as f64,
        games
    );

    let started = Instant::now();
    for r in &replays {
        verify(r, "bench.ron").expect("every recording verifies");
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "verify: {:.0} rounds per second ({rounds} rounds in {secs:.3} s)",
        rounds as f64 / secs
    );

    // A save half-way through a game with a person at the table: parse it and replay it to where it stopped.
    let people = Controllers {
        humans: vec![0],
        human_mediator: false,
    };
    let mut game = Game::new(scenario, 7, people.clone());
    while game.state().round < 5 && !game.state().is_over() {
        game.run_until_people();
        let moves: Vec<_> = match game.state().phase {
            redline::sim::turn::Phase::Responses => game
                .state()
                .unanswered(0)
                .map(|p| redline::sim::command::Command::Reject {
                    proposal: p.id,
                    reason: redline::sim::command::Reason::Said("".into()),
                })
                .collect(),
            _ => vec![redline::sim::command::Command::Pass],
        };
        for m in moves {
            let _ = game.send(redline::sim::command::Seat::Delegation(0), m);
        }
    }
    let save = Replay::of(&game, &people, None, None)
        .to_text()
        .expect("a replay writes as text");
    let runs = 50;
    let started = Instant::now();
    for _ in 0..runs {
        let r = Replay::from_text("autosave.ron", &save).expect("reads");
        let (resumed, _) = play_back(&r, "autosave.ron", None).expect("resumes");
        assert_eq!(resumed.state().round, game.state().round);
    }
    println!(
        "load and resume a save at round {}: {:.2} ms",
        game.state().round,
        started.elapsed().as_secs_f64() * 1000.0 / runs as f64
    );
}
