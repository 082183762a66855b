//! A game against the AI-only games of the same table: how often the AI alone reaches the same ending, played
//! exactly as `redline simulate --runs N --seed S` plays them, so the shares are the ones it prints.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::sim::batch::run_batch_counting;
use crate::sim::issue::Package;
use crate::sim::outcome::Outcome;
use crate::sim::scenario::Scenario;

/// How many AI-only games a debrief plays unless told otherwise.
pub const GAMES: u64 = 1000;

/// The seed of the first of them unless told otherwise (as `simulate`'s default).
pub const SEED: u64 = 1;

/// Tables per chunk, as `simulate` plays them.
const CHUNK: u64 = 256;

/// The AI-only distribution of a table, and where one game's ending falls in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Versus {
    /// AI-only games played.
    pub games: u64,
    /// The seed of the first; game i plays seed + i.
    pub seed: u64,
    /// Share of full agreements, 0..1.
    pub agreement: f64,
    /// Share of partial agreements.
    pub partial_agreement: f64,
    /// Share of deadlocks.
    pub deadlock: f64,
    /// Share of walkouts.
    pub walkout: f64,
    /// Share that ended as history did, for a table with a history.
    pub as_happened: Option<f64>,
    /// Share that ended with the same kind of outcome as this game.
    pub same_kind: f64,
    /// Share that agreed exactly this game's package (for a deal), or, without a deal, ended the same way.
    pub same_ending: f64,
}

impl Versus {
    /// The share of one outcome kind.
    pub fn share(&self, kind: &str) -> f64 {
        match kind {
            "agreement" => self.agreement,
            "partial_agreement" => self.partial_agreement,
            "deadlock" => self.deadlock,
            _ => self.walkout,
        }
    }
}

/// The AI-only games of a table, counted once so any number of games of it can be placed among them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Played {
    /// Games played.
    pub games: u64,
    /// The seed of the first.
    pub seed: u64,
    /// Agreements, partial agreements, deadlocks, walkouts.
    pub kinds: [u64; 4],
    /// Games that ended as history did.
    pub history: Option<u64>,
    /// How many games agreed each package.
    pub packages: BTreeMap<Package, u64>,
}

fn kind_index(kind: &str) -> usize {
    match kind {
        "agreement" => 0,
        "partial_agreement" => 1,
        "deadlock" => 2,
        _ => 3,
    }
}

/// Plays `games` AI-only games of `s` from `seed`, as `simulate` does; `progress` hears how many have ended.
pub fn play(s: &Arc<Scenario>, seed: u64, games: u64, progress: impl FnMut(u64)) -> Played {
    let mut out = Played {
        games,
        seed,
        history: s.history.as_ref().map(|_| 0),
        ..Played::default()
    };
    run_batch_counting(s, seed, games, CHUNK, progress, |r| {
        out.kinds[kind_index(r.outcome.kind())] += 1;
        if let (Some(h), Some(n)) = (&s.history, out.history.as_mut()) {
            *n += u64::from(h.matches(r.outcome.package()));
        }
        if let Some(p) = r.outcome.package() {
            *out.packages.entry(p).or_default() += 1;
        }
    });
    out
}

impl Played {
    /// Places one game's ending among these games.
    pub fn place(&self, outcome: Option<Outcome>) -> Versus {
        let share = |n: u64| n as f64 / self.games.max(1) as f64;
        let kind = outcome.map_or(0, |o| self.kinds[kind_index(o.kind())]);
        let ending = match outcome.and_then(|o| o.package()) {
            Some(p) => self.packages.get(&p).copied().unwrap_or(0),
            None => kind,
        };
        Versus {
            games: self.games,
            seed: self.seed,
            agreement: share(self.kinds[0]),
            partial_agreement: share(self.kinds[1]),
            deadlock: share(self.kinds[2]),
            walkout: share(self.kinds[3]),
            as_happened: self.history.map(share),
            same_kind: share(kind),
            same_ending: share(ending),
        }
    }
}

/// Plays `games` AI-only games of `s` from `seed` and places `outcome` among them.
pub fn versus(s: &Arc<Scenario>, outcome: Option<Outcome>, seed: u64, games: u64, progress: impl FnMut(u64)) -> Versus {
    play(s, seed, games, progress).place(outcome)
}

/// Shares as a reader says them: "79 %", "0.4 %".
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        format!("{p:.1} %")
    } else {
        format!("{p:.0} %")
    }
}

/// This game against the AI-only games and history, in a sentence: "Your table reached a partial agreement
/// on …, as 79 % of AI tables did, and as history did."
pub fn sentence(reached: &str, outcome: Option<Outcome>, v: &Versus, history: Option<(&str, bool)>) -> String {
    let Some(o) = outcome else {
        return format!(
            "The game is not over; of {} AI-only games, {} ended in agreement.",
            v.games,
            percent(v.agreement + v.partial_agreement)
        );
    };
    let same = if o.package().is_some() {
        format!(
            "as {} of {} AI-only tables did ({} reached a {} of some kind)",
            percent(v.same_ending),
            v.games,
            percent(v.same_kind),
            o.kind().replace('_', " ")
        )
    } else {
        format!("as {} of {} AI-only tables did", percent(v.same_kind), v.games)
    };
    let history = match history {
        Some((_, true)) => ", and as history did".to_string(),
        Some((text, false)) => format!("; history ended otherwise: {}", text.trim_end_matches('.')),
        None => String::new(),
    };
    format!("This table reached {reached}, {same}{history}.")
}
