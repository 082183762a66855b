//! How fast a tournament plays: the six delegation strategies, each against each with seats swapped, at every
//! table that ships with the game, and how long each table took.

use std::time::Instant;

use crate::sim::delegation::Strategy;
use crate::sim::scenario::library;
use crate::tournament::{Config, League, games, run};

/// What one table of the tournament took.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableTime {
    /// The scenario's id.
    pub scenario: String,
    /// Its delegations.
    pub seats: usize,
    /// Games played there.
    pub games: u64,
    /// Seconds they took.
    pub seconds: f64,
    /// Games per second.
    pub games_per_second: f64,
}

/// What the whole tournament took.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TournamentReport {
    /// Games per pairing.
    pub games_per_pairing: u64,
    /// Threads of the compute pool.
    pub threads: usize,
    /// Every table, in the library's order.
    pub tables: Vec<TableTime>,
    /// Games in all.
    pub games: u64,
    /// Seconds in all.
    pub seconds: f64,
    /// The process's peak resident memory, in MiB (Linux only).
    pub peak_rss_mib: Option<f64>,
    /// The league tables, to read what the tournament found.
    #[serde(skip)]
    pub leagues: Vec<League>,
}

/// Plays the six strategies against each other at every shipped table, `games` games per pairing from
/// `seed`; `threads` is how many the compute pool was given (the caller made the pool).
pub fn run_all(games_per_pairing: u64, seed: u64, threads: usize) -> Result<TournamentReport, String> {
    let config = Config {
        strategies: Strategy::CHOICES.to_vec(),
        mediators: Vec::new(),
        games: games_per_pairing,
        seed,
    };
    let started = Instant::now();
    let mut tables = Vec::new();
    let mut leagues = Vec::new();
    for scenario in library::all() {
        let at = Instant::now();
        let league = run(scenario, &config, |_| {}).map_err(|e| format!("{}: {e}", scenario.id))?;
        let seconds = at.elapsed().as_secs_f64();
        let played = games(&config, scenario.delegations.len());
        tables.push(TableTime {
            scenario: scenario.id.clone(),
            seats: scenario.delegations.len(),
            games: played,
            seconds,
            games_per_second: played as f64 / seconds.max(1e-9),
        });
        leagues.push(league);
    }
    Ok(TournamentReport {
        games_per_pairing,
        threads,
        games: tables.iter().map(|t| t.games).sum(),
        tables,
        seconds: started.elapsed().as_secs_f64(),
        peak_rss_mib: super::batch::peak_rss_mib(),
        leagues,
    })
}
