//! How long an AI turn takes at a table: one step of a single-table game with the AI on every seat,
//! in which the awaited seats decide, the rules apply their Commands and the table moves on.

use std::sync::Arc;
use std::time::Instant;

use crate::sim::game::Game;
use crate::sim::scenario::Scenario;
use crate::sim::table::Controllers;

/// Step times over many games, in microseconds.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TurnReport {
    /// How many games were played.
    pub games: usize,
    /// How many steps were timed over all the games (the seating step of each game is not counted).
    pub steps: usize,
    /// The mean step time, in microseconds.
    pub mean_us: f64,
    /// The median step time, in microseconds.
    pub median_us: f64,
    /// The 95th-percentile step time, in microseconds.
    pub p95_us: f64,
    /// The slowest step, in microseconds.
    pub max_us: f64,
    /// How many rounds were played to their end over all the games.
    pub rounds: usize,
    /// The mean time of a whole round (every step from its start to the next round's), in milliseconds.
    pub round_mean_ms: f64,
    /// The slowest round, in milliseconds.
    pub round_max_ms: f64,
}

/// Plays `games` games (seeds `seed..seed + games`) step by step and times every step.
pub fn run(scenario: &Arc<Scenario>, seed: u64, games: usize) -> TurnReport {
    let mut times = Vec::new();
    let mut rounds = Vec::new();
    for g in 0..games as u64 {
        let mut game = Game::new(scenario.clone(), seed + g, Controllers::default());
        // The first step seats the table and warms the task pool; it is not a turn.
        game.app.update();
        let mut round = (game.state().round, 0.0);
        for _ in 0..1000 {
            if game.state().is_over() {
                break;
            }
            let start = Instant::now();
            game.app.update();
            let us = start.elapsed().as_secs_f64() * 1e6;
            times.push(us);
            round.1 += us;
            if game.state().round != round.0 {
                rounds.push(round.1 / 1000.0);
                round = (game.state().round, 0.0);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    TurnReport {
        games,
        steps: times.len(),
        mean_us: times.iter().sum::<f64>() / times.len().max(1) as f64,
        median_us: pick(0.5),
        p95_us: pick(0.95),
        max_us: pick(1.0),
        rounds: rounds.len(),
        round_mean_ms: rounds.iter().sum::<f64>() / rounds.len().max(1) as f64,
        round_max_ms: rounds.iter().copied().fold(0.0, f64::max),
    }
}
