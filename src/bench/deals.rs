//! How good the AI's bids and the deals are, per mediator: the share of games that agree, that agree on the
//! Pareto frontier and as history did, the mean distance to the Nash point, how many AI proposals another
//! package beats for every party, how many agreements another signable package beats, and how long a draft takes.

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;

use crate::sim::analysis::frontier::nash;
use crate::sim::analysis::{Parties, index_of, pareto_frontier, point_package, present_walk_away};
use crate::sim::batch::{TableResult, run_batch_with};
use crate::sim::command::Seat;
use crate::sim::mediator;
use crate::sim::scenario::{MediatorStrategy, Scenario};
use crate::sim::table::{Controllers, TableState};
use crate::sim::transcript::Event;

/// The most packages a table may have for the exact dominance counts (every pair is compared once).
pub const MAX_PACKAGES: usize = 20_000;

/// One mediator's games at one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DealsRow {
    /// The mediator's strategy id.
    pub mediator: String,
    /// Games played (seeds `seed..seed + games`).
    pub games: u64,
    /// Games that ended in an agreement, full or partial.
    pub agreements: u64,
    /// Agreements on the Pareto frontier of the packages every delegation could sign at the start.
    pub on_frontier: u64,
    /// Games that ended as history did.
    pub as_happened: u64,
    /// Mean distance, in utility, from where the games ended to the Nash bargaining point.
    pub nash_distance: f64,
    /// Packages the AI delegations tabled.
    pub proposals: u64,
    /// Of those, packages another package beats: no worse for any delegation, better for one, and crossing
    /// no red line the tabled one does not cross.
    pub dominated_proposals: u64,
    /// Agreements another package every delegation could sign beats in the same way.
    pub dominated_agreements: u64,
    /// Packages the mediator tabled.
    pub mediator_proposals: u64,
    /// Rounds in which the mediator was due to table and a package every side present could sign existed.
    pub mediator_due: u64,
    /// Of those, rounds in which it tabled nothing.
    pub mediator_silent: u64,
    /// Time of the mediator's first draft at the table, in milliseconds.
    pub draft_ms: f64,
}

/// Which packages another package beats for every party, and which another signable package beats.
struct Dominance {
    by_any: Vec<bool>,
    by_signable: Vec<bool>,
}

impl Dominance {
    fn of(s: &Scenario) -> Dominance {
        let space = &s.space;
        let n = space.packages.len();
        let seats = s.delegations.len();
        let signable = |k: usize| (0..seats).all(|d| space.allowed[d][k]);
        let beats = |q: usize, k: usize| {
            let mut strict = false;
            for d in 0..seats {
                let (a, b) = (space.utility[d][q], space.utility[d][k]);
                if a < b {
                    return false;
                }
                strict |= a > b;
            }
            strict
        };
        let mut by_any = vec![false; n];
        let mut by_signable = vec![false; n];
        for k in 0..n {
            for q in 0..n {
                if q == k || !beats(q, k) {
                    continue;
                }
                if (0..seats).all(|d| space.allowed[d][q] || !space.allowed[d][k]) {
                    by_any[k] = true;
                }
                if signable(q) {
                    by_signable[k] = true;
                }
                if by_any[k] && by_signable[k] {
                    break;
                }
            }
        }
        Dominance { by_any, by_signable }
    }
}

/// Plays `games` games of `scenario` under each of `mediators` (the AI on every seat) and counts.
pub fn run(
    scenario: &Scenario,
    mediators: &[MediatorStrategy],
    seed: u64,
    games: u64,
) -> Result<Vec<DealsRow>, String> {
    let n = scenario.space.packages.len();
    if n > MAX_PACKAGES {
        return Err(format!(
            "{} has {n} packages; the exact dominance counts compare every pair and take at most {MAX_PACKAGES}",
            scenario.title
        ));
    }
    let dominance = Dominance::of(scenario);
    let all = Parties::all(scenario);
    let walk_away = present_walk_away(&all);
    let frontier = pareto_frontier(scenario, &all);
    let on_front: std::collections::BTreeSet<usize> =
        (0..frontier.len()).map(|i| frontier.outcome[i] as usize).collect();
    let nash_point: Vec<f64> = point_package(&frontier, nash(&frontier, &walk_away))
        .map(|k| {
            (0..scenario.delegations.len())
                .map(|d| scenario.space.utility[d][k])
                .collect()
        })
        .unwrap_or_else(|| walk_away.clone());
    let mut rows = Vec::new();
    for &m in mediators {
        let table = Arc::new(scenario.with_strategies(&[], Some(m)).map_err(|e| e.to_string())?);
        let started = Instant::now();
        let _ = mediator::draft(
            m,
            &table,
            &all,
            &TableState::seated(&table, seed, &Controllers::default()).0,
        );
        let draft_ms = started.elapsed().as_secs_f64() * 1000.0;
        let mut row = DealsRow {
            mediator: m.id().to_string(),
            games: 0,
            agreements: 0,
            on_frontier: 0,
            as_happened: 0,
            nash_distance: 0.0,
            proposals: 0,
            dominated_proposals: 0,
            dominated_agreements: 0,
            mediator_proposals: 0,
            mediator_due: 0,
            mediator_silent: 0,
            draft_ms,
        };
        run_batch_with(
            &table,
            seed,
            games,
            256,
            |_| {},
            |r: TableResult| {
                row.games += 1;
                let agreed = r.outcome.package();
                let ending: Vec<f64> = match agreed.and_then(|p| index_of(&table, p)) {
                    Some(k) => {
                        row.agreements += 1;
                        row.on_frontier += u64::from(on_front.contains(&k));
                        row.dominated_agreements += u64::from(dominance.by_signable[k]);
                        (0..table.delegations.len())
                            .map(|d| table.space.utility[d][k])
                            .collect()
                    }
                    None => walk_away.clone(),
                };
                row.nash_distance += ending
                    .iter()
                    .zip(&nash_point)
                    .map(|(a, b)| (a - b).powi(2))
                    .sum::<f64>()
                    .sqrt();
                row.as_happened += u64::from(table.history.as_ref().is_some_and(|h| h.matches(agreed)));
                let (mut state, _) = TableState::seated(&table, r.seed, &Controllers::default());
                for ev in &r.transcript.events {
                    if let Event::PhaseStarted {
                        phase: crate::sim::turn::Phase::Responses,
                    } = ev
                        && crate::sim::turn::mediator_proposes(&table, &state)
                        && state.controllers.of(Seat::Mediator) == crate::sim::delegation::Controller::Ai
                    {
                        let parties = Parties::of(&state).for_chair(&table);
                        if !crate::sim::analysis::zopa(&table, &parties).is_empty() {
                            row.mediator_due += 1;
                            let tabled = state
                                .proposals
                                .iter()
                                .any(|p| p.author == Seat::Mediator && p.round == state.round);
                            row.mediator_silent += u64::from(!tabled);
                        }
                    }
                    if let Event::Proposed { proposal } = ev {
                        match proposal.author {
                            Seat::Delegation(_) => {
                                row.proposals += 1;
                                if index_of(&table, proposal.package).is_some_and(|k| dominance.by_any[k]) {
                                    row.dominated_proposals += 1;
                                }
                            }
                            Seat::Mediator | Seat::Facilitator => row.mediator_proposals += 1,
                        }
                    }
                    crate::sim::rules::apply(&mut state, ev);
                }
            },
        );
        if row.games > 0 {
            row.nash_distance /= row.games as f64;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The rows as a table in text.
pub fn text(scenario: &Scenario, rows: &[DealsRow]) -> String {
    let pct = |a: u64, b: u64| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
    let mut out = format!(
        "{} — AI on every seat, {} games per mediator\n{:<26} {:>7} {:>9} {:>9} {:>9} {:>6} {:>11} {:>11} {:>9} {:>9}\n",
        scenario.title,
        rows.first().map_or(0, |r| r.games),
        "mediator",
        "agreed",
        "frontier",
        "history",
        "Nash",
        "silent",
        "dominated",
        "dom. deals",
        "proposals",
        "draft ms"
    );
    for r in rows {
        out += &format!(
            "{:<26} {:>6.1}% {:>8.1}% {:>8.1}% {:>9.1} {:>6} {:>10.2}% {:>11} {:>9} {:>9.2}\n",
            r.mediator,
            pct(r.agreements, r.games),
            pct(r.on_frontier, r.agreements),
            pct(r.as_happened, r.games),
            r.nash_distance * 100.0,
            format!("{}/{}", r.mediator_silent, r.mediator_due),
            pct(r.dominated_proposals, r.proposals),
            r.dominated_agreements,
            r.proposals,
            r.draft_ms
        );
    }
    out += "\nagreed: share of games with an agreement; frontier: share of agreements no signable package beats for every\n\
            delegation; history: share ending as it happened; Nash: mean distance of the ending from the Nash point\n\
            (points of 100); silent: rounds the mediator tabled nothing of those it was due and a signable package\n\
            existed; dominated: share of AI proposals another package beats for every delegation without crossing\n\
            a further red line; dom. deals: agreements another signable package beats.\n";
    out
}
