//! Tournaments: every delegation strategy against every other at a table, seats swapped so each plays each
//! side, and (as a second axis) every mediator; the same games for the same seed, and a league table of how
//! each did.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::Serialize;

use crate::sim::analysis::frontier::nash;
use crate::sim::analysis::{Parties, index_of, pareto_frontier, point_package, present_walk_away};
use crate::sim::batch::{Stretch, TableResult, run_stretches};
use crate::sim::delegation::Strategy;
use crate::sim::outcome::Outcome;
use crate::sim::scenario::{MediatorStrategy, Scenario, ScenarioError};

/// What to play.
#[derive(Debug, Clone)]
pub struct Config {
    /// The strategies that meet; each plays against each, itself included.
    pub strategies: Vec<Strategy>,
    /// The mediators to play every pairing under; empty: the scenario's own mediator only.
    pub mediators: Vec<MediatorStrategy>,
    /// Games per pairing (and mediator), seeds `seed..seed + games`.
    pub games: u64,
    /// The first seed of every pairing, so every pairing meets the same tables.
    pub seed: u64,
}

/// One meeting: a strategy on one seat, another on every other seat, under one mediator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pairing {
    /// The strategy on `seat`.
    pub strategy: String,
    /// The strategy on every other seat.
    pub against: String,
    /// The seat `strategy` plays, by delegation id.
    pub seat: String,
    /// The mediator's strategy.
    pub mediator: String,
    /// Games played.
    pub games: u64,
    /// Games that ended in an agreement, full or partial.
    pub agreements: u64,
    /// Games in which some delegation walked out.
    pub walkouts: u64,
    /// Mean gain over its walk-away value of the delegation on `seat`.
    pub mean_gain: f64,
    /// Mean gain of the delegations on the other seats.
    pub mean_gain_against: f64,
}

/// One line of a league table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The strategy or mediator.
    pub name: String,
    /// Seat-games it played (for a mediator: games it chaired).
    pub games: u64,
    /// Mean gain over walk-away of the seats it played (for a mediator: of every seat).
    pub mean_gain: f64,
    /// Share of its games that ended in an agreement, full or partial.
    pub agreement_rate: f64,
    /// Share of its agreements that lie on the Pareto frontier of the packages every party could sign.
    pub frontier_share: f64,
    /// Mean distance, in utility, from where its games ended to the Nash bargaining point (an ending with
    /// no agreement sits at the walk-away values).
    pub nash_distance: f64,
    /// Games in which another delegation walked out on it (for a mediator: any walkout).
    pub walkouts_caused: u64,
    /// Games in which it walked out itself (for a mediator: 0).
    pub walked_out: u64,
}

/// A tournament at one table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct League {
    /// The scenario's id.
    pub scenario: String,
    /// Its title.
    pub title: String,
    /// The first seed of every pairing.
    pub seed: u64,
    /// Games per pairing.
    pub games_per_pairing: u64,
    /// The strategies, best mean gain first.
    pub strategies: Vec<Standing>,
    /// The mediators, most agreements first.
    pub mediators: Vec<Standing>,
    /// Every pairing, in the order played.
    pub pairings: Vec<Pairing>,
}

/// Sums for one standing.
#[derive(Debug, Clone, Default)]
struct Tally {
    games: u64,
    gain: f64,
    agreements: u64,
    on_frontier: u64,
    nash_distance: f64,
    walkouts_caused: u64,
    walked_out: u64,
}

impl Tally {
    fn standing(&self, name: String) -> Standing {
        let per = |x: f64, n: u64| if n == 0 { 0.0 } else { x / n as f64 };
        Standing {
            name,
            games: self.games,
            mean_gain: per(self.gain, self.games),
            agreement_rate: per(self.agreements as f64, self.games),
            frontier_share: per(self.on_frontier as f64, self.agreements),
            nash_distance: per(self.nash_distance, self.games),
            walkouts_caused: self.walkouts_caused,
            walked_out: self.walked_out,
        }
    }
}

/// What every game at a table is measured against: the walk-away values, the frontier and the Nash point
/// of the packages every delegation could sign (the same whoever plays which seat).
struct Yardstick {
    walk_away: Vec<f64>,
    frontier: BTreeSet<usize>,
    nash: Vec<f64>,
}

impl Yardstick {
    fn of(scenario: &Scenario) -> Yardstick {
        let parties = Parties::all(scenario);
        let walk_away = present_walk_away(&parties);
        let frontier = pareto_frontier(scenario, &parties);
        let nash = point_package(&frontier, nash(&frontier, &walk_away))
            .map(|k| (0..walk_away.len()).map(|d| scenario.space.utility[d][k]).collect())
            .unwrap_or_else(|| walk_away.clone());
        Yardstick {
            frontier: (0..frontier.len()).map(|i| frontier.outcome[i] as usize).collect(),
            walk_away,
            nash,
        }
    }

    /// What each seat got from a game: its value of the agreement, or its walk-away value.
    fn ending(&self, scenario: &Scenario, outcome: &Outcome) -> Vec<f64> {
        match outcome.package() {
            Some(p) => (0..self.walk_away.len())
                .map(|d| scenario.delegations[d].utility(p))
                .collect(),
            None => self.walk_away.clone(),
        }
    }

    fn on_frontier(&self, scenario: &Scenario, outcome: &Outcome) -> bool {
        outcome
            .package()
            .and_then(|p| index_of(scenario, p))
            .is_some_and(|k| self.frontier.contains(&k))
    }

    fn nash_distance(&self, ending: &[f64]) -> f64 {
        ending
            .iter()
            .zip(&self.nash)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt()
    }
}

/// One meeting of a tournament: `strategy` on `seat` against `against` on every other seat, playing games
/// `first..first + games` of the pairing (seeds `seed + first` on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Meeting {
    strategy: usize,
    against: usize,
    seat: usize,
    first: u64,
    games: u64,
}

/// The meetings of a tournament at a table of `seats` delegations, `games` games per pairing. With two seats,
/// strategy A on seat 0 against B is the same meeting as B on seat 1 against A, so only seat 0 is named and
/// plays every game; with more, each strategy takes each seat in turn against a field of the other, and the
/// pairing's games are shared among its seats in seat order (the first seats play one more where they do not
/// divide evenly), seeds running on from one seat to the next: every pairing plays each of its seeds once,
/// whatever the table. A seat left with no game is no meeting.
fn meetings(strategies: usize, seats: usize, games: u64) -> Vec<Meeting> {
    let named = if seats == 2 { 1 } else { seats.max(1) } as u64;
    let mut out = Vec::new();
    for strategy in 0..strategies {
        for against in 0..strategies {
            for seat in 0..named {
                let share = games / named + u64::from(seat < games % named);
                let first = seat * (games / named) + seat.min(games % named);
                if share > 0 {
                    out.push(Meeting {
                        strategy,
                        against,
                        seat: seat as usize,
                        first,
                        games: share,
                    });
                }
            }
        }
    }
    out
}

/// How many games a tournament plays at a table of `seats` delegations.
pub fn games(config: &Config, seats: usize) -> u64 {
    meetings(config.strategies.len(), seats, config.games)
        .iter()
        .map(|m| m.games)
        .sum::<u64>()
        * config.mediators.len().max(1) as u64
}

/// A meeting's table: the strategy each seat plays (by its place in the tournament's list), and the scenario
/// with those strategies on their seats.
type Seated = (Vec<usize>, Arc<Scenario>);

/// The table of each meeting (its strategies on their seats, under its mediator) with the strategy each seat
/// plays, made on as many threads as the compute pool has.
fn tables_of(
    scenario: &Arc<Scenario>,
    config: &Config,
    wanted: &[(usize, Option<MediatorStrategy>, Meeting)],
) -> Result<Vec<Seated>, ScenarioError> {
    let seats = scenario.delegations.len();
    let make = |&(_, mediator, meeting): &(usize, Option<MediatorStrategy>, Meeting)| {
        let assigned: Vec<usize> = (0..seats)
            .map(|d| {
                if d == meeting.seat {
                    meeting.strategy
                } else {
                    meeting.against
                }
            })
            .collect();
        let strategies: Vec<(usize, Strategy)> = assigned
            .iter()
            .enumerate()
            .map(|(d, &s)| (d, config.strategies[s]))
            .collect();
        let table = scenario.with_strategies(&strategies, mediator)?;
        Ok((assigned, Arc::new(table)))
    };
    let threads = bevy::tasks::ComputeTaskPool::get_or_init(bevy::tasks::TaskPool::default)
        .thread_num()
        .max(1);
    let per = wanted.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = wanted
            .chunks(per)
            .map(|part| scope.spawn(move || part.iter().map(make).collect::<Result<Vec<_>, ScenarioError>>()))
            .collect();
        let mut out = Vec::with_capacity(wanted.len());
        for part in parts {
            match part.join() {
                Ok(tables) => out.extend(tables?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        Ok(out)
    })
}

/// Tables a tournament's worker seats together at most.
const CHUNK: u64 = 256;

/// Plays a tournament at `scenario`; `progress` hears how many games have ended so far. Every meeting's games
/// are played on every thread of the compute pool at once, so many short meetings keep them all busy.
pub fn run(scenario: &Arc<Scenario>, config: &Config, mut progress: impl FnMut(u64)) -> Result<League, ScenarioError> {
    let seats = scenario.delegations.len();
    let yard = Yardstick::of(scenario);
    let mediators: Vec<Option<MediatorStrategy>> = if config.mediators.is_empty() {
        vec![None]
    } else {
        config.mediators.iter().copied().map(Some).collect()
    };
    // Every meeting under every mediator, with its table and its stretches of games.
    struct Played {
        table: Arc<Scenario>,
        mediator: usize,
        seat: usize,
        assigned: Vec<usize>,
        pairing: Pairing,
    }
    // The tables of every meeting, read on every thread of the compute pool at once.
    let wanted: Vec<(usize, Option<MediatorStrategy>, Meeting)> = mediators
        .iter()
        .enumerate()
        .flat_map(|(m, &mediator)| {
            meetings(config.strategies.len(), seats, config.games)
                .into_iter()
                .map(move |meeting| (m, mediator, meeting))
        })
        .collect();
    let tables = tables_of(scenario, config, &wanted)?;
    let mut played = Vec::new();
    let mut stretches = Vec::new();
    let mut owner = Vec::new();
    for ((m, mediator, meeting), (assigned, table)) in wanted.into_iter().zip(tables) {
        for stretch in Stretch::chunks(&table, config.seed.wrapping_add(meeting.first), meeting.games, CHUNK) {
            stretches.push(stretch.counting());
            owner.push(played.len());
        }
        played.push(Played {
            pairing: Pairing {
                strategy: config.strategies[meeting.strategy].id(),
                against: config.strategies[meeting.against].id(),
                seat: scenario.delegations[meeting.seat].id.clone(),
                mediator: mediator.unwrap_or(table.mediator.strategy).id().to_string(),
                games: 0,
                agreements: 0,
                walkouts: 0,
                mean_gain: 0.0,
                mean_gain_against: 0.0,
            },
            table,
            mediator: m,
            seat: meeting.seat,
            assigned,
        });
    }
    let mut by_strategy = vec![Tally::default(); config.strategies.len()];
    let mut by_mediator = vec![Tally::default(); mediators.len()];
    run_stretches(&stretches, &mut progress, |n, r: TableResult| {
        let Played {
            table,
            mediator,
            seat,
            assigned,
            pairing,
        } = &mut played[owner[n]];
        let seat = *seat;
        let ending = yard.ending(table, &r.outcome);
        let agreed = r.outcome.package().is_some();
        let frontier = agreed && yard.on_frontier(table, &r.outcome);
        let distance = yard.nash_distance(&ending);
        let left = match r.outcome {
            Outcome::Walkout { seat } => Some(seat),
            _ => None,
        };
        pairing.games += 1;
        pairing.agreements += u64::from(agreed);
        pairing.walkouts += u64::from(left.is_some());
        for (d, &s) in assigned.iter().enumerate() {
            let gain = ending[d] - yard.walk_away[d];
            if d == seat {
                pairing.mean_gain += gain;
            } else {
                pairing.mean_gain_against += gain / (seats - 1) as f64;
            }
            let t = &mut by_strategy[s];
            t.games += 1;
            t.gain += gain;
            t.agreements += u64::from(agreed);
            t.on_frontier += u64::from(frontier);
            t.nash_distance += distance;
            t.walkouts_caused += u64::from(left.is_some_and(|l| l != d));
            t.walked_out += u64::from(left == Some(d));
        }
        let t = &mut by_mediator[*mediator];
        t.games += 1;
        t.gain += (0..seats).map(|d| ending[d] - yard.walk_away[d]).sum::<f64>() / seats as f64;
        t.agreements += u64::from(agreed);
        t.on_frontier += u64::from(frontier);
        t.nash_distance += distance;
        t.walkouts_caused += u64::from(left.is_some());
    });
    let pairings: Vec<Pairing> = played
        .into_iter()
        .map(|p| {
            let mut pairing = p.pairing;
            if pairing.games > 0 {
                pairing.mean_gain /= pairing.games as f64;
                pairing.mean_gain_against /= pairing.games as f64;
            }
            pairing
        })
        .collect();
    let mut strategies: Vec<Standing> = by_strategy
        .iter()
        .zip(&config.strategies)
        .map(|(t, s)| t.standing(s.id()))
        .collect();
    strategies.sort_by(|x, y| y.mean_gain.total_cmp(&x.mean_gain).then_with(|| x.name.cmp(&y.name)));
    let mut mediator_rows: Vec<Standing> = by_mediator
        .iter()
        .zip(&mediators)
        .map(|(t, m)| t.standing(m.unwrap_or(scenario.mediator.strategy).id().to_string()))
        .collect();
    mediator_rows.sort_by(|x, y| {
        y.agreement_rate
            .total_cmp(&x.agreement_rate)
            .then_with(|| x.name.cmp(&y.name))
    });
    Ok(League {
        scenario: scenario.id.clone(),
        title: scenario.title.clone(),
        seed: config.seed,
        games_per_pairing: config.games,
        strategies,
        mediators: mediator_rows,
        pairings,
    })
}

impl League {
    /// The league tables as text for a person.
    pub fn text(&self) -> String {
        let mut out = format!(
            "{} — {} games per pairing, seeds {}..={}\n\n",
            self.title,
            self.games_per_pairing,
            self.seed,
            self.seed.wrapping_add(self.games_per_pairing.saturating_sub(1))
        );
        out += &table("strategy", &self.strategies);
        if self.mediators.len() > 1 {
            out += "\n";
            out += &table("mediator", &self.mediators);
        }
        out += "\ngain: value of the ending over the walk-away value, in points (0-100); frontier: agreements no\n";
        out += "other signable package beats for every side; Nash: distance of the ending from the Nash point.\n";
        out
    }

    /// Every standing and pairing as CSV rows (kind, name, …), with a header.
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "scenario,kind,name,against,seat,mediator,games,mean_gain,agreement_rate,frontier_share,nash_distance,walkouts_caused,walked_out\n",
        );
        for (kind, rows) in [("strategy", &self.strategies), ("mediator", &self.mediators)] {
            for s in rows {
                out += &format!(
                    "{},{kind},{},,,,{},{:.6},{:.6},{:.6},{:.6},{},{}\n",
                    self.scenario,
                    s.name,
                    s.games,
                    s.mean_gain,
                    s.agreement_rate,
                    s.frontier_share,
                    s.nash_distance,
                    s.walkouts_caused,
                    s.walked_out
                );
            }
        }
        for p in &self.pairings {
            out += &format!(
                "{},pairing,{},{},{},{},{},{:.6},{:.6},,,{},\n",
                self.scenario,
                p.strategy,
                p.against,
                p.seat,
                p.mediator,
                p.games,
                p.mean_gain,
                p.agreements as f64 / p.games.max(1) as f64,
                p.walkouts
            );
        }
        out
    }
}

fn table(kind: &str, rows: &[Standing]) -> String {
    let mut out = format!(
        "  {kind:<16} {:>8} {:>7} {:>7} {:>9} {:>6} {:>9} {:>10}\n",
        "games", "gain", "agreed", "frontier", "Nash", "walkouts", "walked out"
    );
    for s in rows {
        out += &format!(
            "  {:<16} {:>8} {:>7.1} {:>6.1}% {:>8.1}% {:>6.1} {:>9} {:>10}\n",
            s.name,
            s.games,
            s.mean_gain * 100.0,
            s.agreement_rate * 100.0,
            s.frontier_share * 100.0,
            s.nash_distance * 100.0,
            s.walkouts_caused,
            s.walked_out
        );
    }
    out
}
