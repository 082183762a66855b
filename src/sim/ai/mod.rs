//! AI delegations: each decides its move for the phase its table is in, in parallel across tables,
//! and posts Commands like any other seat. One file per strategy, plus the opponent model.

pub mod conduct;
pub mod delegation;
pub mod hardliner;
pub mod opponent;
pub mod time_dependent;
pub mod tit_for_tat;

use bevy::prelude::*;
use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::command::{Command, Reason, Seat};
use super::delegation::{Controller, Delegation, Posture, Presence, Priorities, RedLines, Strategy};
use super::issue::Package;
use super::rng::SeatRng;
use super::scenario::Scenario;
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::transcript::Proposal;
use super::turn::{Phase, awaits, holds_for_a_person};
use opponent::OpponentModel;

pub use time_dependent::{aspiration, aspiration_at};

/// What an AI delegation knows of itself and of the room when it decides.
pub struct Me<'a> {
    /// Its seat number.
    pub seat: usize,
    /// How much each issue matters to it and what each option is worth.
    pub priorities: &'a Priorities,
    /// The lines it will not cross.
    pub red_lines: &'a RedLines,
    /// Its walk-away value as it stands now, 0 to 1: it accepts no package worth less.
    pub walk_away: f64,
    /// The walk-away value it sat down with.
    pub anchor: f64,
    /// How much frustration it can still bear, 0 to 1; at 0 it walks out.
    pub patience: f64,
    /// Whether it is still at the table, has warned it may leave, or has used its recess.
    pub presence: Presence,
    /// Its general tone: conciliatory, firm or hardline.
    pub posture: Posture,
    /// How the AI plays it at this table.
    pub strategy: Strategy,
    /// Trust towards each seat: delegations by seat, then the mediator.
    pub trust: &'a [f64],
    /// Other delegations still at the table that have warned they may leave.
    pub warnings: usize,
    /// Another delegation threatened in this round or the last.
    pub threatened: bool,
}

impl Me<'_> {
    /// The most a package inside its red lines can be worth to it.
    pub fn best(&self, scenario: &Scenario) -> f64 {
        scenario.space.best[self.seat]
    }
}

/// Decides the move of every AI delegation whose table waits for it: in parallel across tables, or in order
/// where the World runs on one thread ([`crate::sim::OneThread`]).
#[allow(clippy::type_complexity)]
pub fn decide(
    mut ais: Query<
        (
            &Delegation,
            &AtTable,
            &Priorities,
            &RedLines,
            &Posture,
            &mut SeatRng,
            &mut Outbox,
        ),
        Without<Mediator>,
    >,
    tables: Query<(&Table, &TableState)>,
    one_thread: Option<Res<crate::sim::OneThread>>,
) {
    #[allow(clippy::type_complexity)]
    let decide = |(delegation, at, priorities, red_lines, posture, mut rng, mut outbox): (
        &Delegation,
        &AtTable,
        &Priorities,
        &RedLines,
        &Posture,
        Mut<SeatRng>,
        Mut<Outbox>,
    )| {
        let Ok((table, state)) = tables.get(at.0) else { return };
        let seat = delegation.seat;
        let here = Seat::Delegation(seat);
        if state.controllers.of(here) != Controller::Ai
            || !awaits(&table.scenario, state, here)
            || holds_for_a_person(&table.scenario, state, here)
        {
            return;
        }
        let Some(mine) = state.seats.get(seat) else { return };
        let present = |d: usize| !state.has_left(d);
        let me = Me {
            seat,
            priorities,
            red_lines,
            walk_away: mine.walk_away,
            anchor: mine.anchor,
            patience: mine.patience,
            presence: mine.presence,
            posture: *posture,
            strategy: state.strategies.get(seat).copied().unwrap_or(Strategy::Delegation),
            trust: &mine.trust,
            warnings: (0..state.seats.len())
                .filter(|&d| d != seat && present(d) && state.seats[d].presence.warned)
                .count(),
            threatened: state
                .threatened
                .iter()
                .enumerate()
                .any(|(d, &r)| d != seat && r > 0 && r + 1 >= state.round),
        };
        let s = &table.scenario;
        let rng = &mut rng.0;
        match state.phase {
            Phase::Statements => outbox.0.push(match me.strategy {
                Strategy::Delegation => conduct::statement(s, state, &me, rng),
                _ => Command::Pass,
            }),
            Phase::Proposals => {
                // A delegation that must consult its capital tables nothing, so it cannot author a deal.
                if me.strategy == Strategy::Delegation && delegation::stalls(&me) {
                    outbox.0.push(Command::Pass);
                    return;
                }
                let learn = || OpponentModel::learn(s, state, seat);
                let package = match me.strategy {
                    Strategy::TimeDependent { .. } => time_dependent::propose(s, state, &me, rng),
                    Strategy::TitForTat => propose_near(s, &me, tit_for_tat::aim(s, state, &me), Some(&learn()), rng),
                    Strategy::Hardliner => propose_near(s, &me, hardliner::aim(s, &me), Some(&learn()), rng),
                    Strategy::Delegation => propose_near(s, &me, delegation::aim(s, state, &me), Some(&learn()), rng),
                };
                outbox
                    .0
                    .push(package.map_or(Command::Pass, |package| Command::Propose { package }));
            }
            Phase::Responses => {
                let open: Vec<_> = state.unanswered(seat).cloned().collect();
                if me.strategy == Strategy::Delegation && delegation::stalls(&me) {
                    // Stalling, it still takes an offer better than its own latest and than walking away.
                    let own = state
                        .offers
                        .iter()
                        .rev()
                        .find(|o| o.author == here)
                        .map_or(me.best(s), |o| me.priorities.utility(o.package));
                    for p in open {
                        let value = me.priorities.utility(p.package);
                        let takes = me.red_lines.crossed(p.package).is_none() && value >= me.walk_away && value >= own;
                        outbox.0.push(if takes {
                            Command::Accept { proposal: p.id }
                        } else {
                            Command::Reject {
                                proposal: p.id,
                                reason: Reason::Said(
                                    "it stalls: it must consult its capital before it agrees to anything".into(),
                                ),
                            }
                        });
                    }
                    return;
                }
                // One aim for the phase; the delegation accepts a little less from an author it trusts and
                // asks more of one it distrusts, but what it says it aims for is that one aim.
                let aim = match me.strategy {
                    Strategy::TimeDependent { .. } => time_dependent::aim(s, state, &me),
                    Strategy::TitForTat => tit_for_tat::aim(s, state, &me),
                    Strategy::Hardliner => hardliner::aim(s, &me),
                    Strategy::Delegation => delegation::aim(s, state, &me),
                };
                for p in open {
                    let threshold = match me.strategy {
                        Strategy::Delegation => delegation::acceptance(s, state, &me, &p),
                        _ => aim,
                    };
                    outbox.0.push(respond(&me, &p, threshold, aim));
                }
            }
            _ => {}
        }
    };
    if one_thread.is_some() {
        ais.iter_mut().for_each(decide);
    } else {
        ais.par_iter_mut().for_each(decide);
    }
}

/// How far above its aim a delegation still counts a package as "about what we ask".
const BAND: f64 = 0.08;

/// Tables a package worth at least `aim` and close to it. It never picks one that another package worth at
/// least its aim beats for itself and, by its opponent model, for every other side and their public red lines
/// (the ANAC bidding rule: it bids on the modelled frontier); of the rest near its aim, the one the
/// least-liked other side is modelled to like best, by lot among equals.
/// Without a model, one the other delegations' public red lines allow, by lot. With nothing close, the
/// cheapest one above the aim.
pub fn propose_near(
    scenario: &Scenario,
    me: &Me,
    aim: f64,
    model: Option<&OpponentModel>,
    rng: &mut ChaCha8Rng,
) -> Option<Package> {
    let space = &scenario.space;
    let mine = &space.utility[me.seat];
    let target = aim.max(me.walk_away);
    let candidates: Vec<usize> = (0..space.packages.len())
        .filter(|&k| space.allowed[me.seat][k] && !space.packages[k].is_open() && mine[k] >= target)
        .collect();
    let allowed_by_others = |k: usize| {
        (0..scenario.delegations.len())
            .filter(|&d| d != me.seat && space.allowed[d][k])
            .count() as f64
    };
    // With a model of the others, bid on the modelled frontier: drop every package another beats for
    // itself, for every other side by the model, and by how many of each other side's public red lines
    // it crosses.
    let candidates = match model {
        Some(m) if !m.others.is_empty() => {
            let parts: Vec<Vec<Vec<f64>>> = m.others.iter().map(|o| o.parts()).collect();
            undominated(candidates, 1 + 2 * m.others.len(), |k, v| {
                let p = space.packages[k];
                v[0] = mine[k];
                for (n, o) in m.others.iter().enumerate() {
                    // The same sum as `Model::value`, in the same order, from the looked-up parts.
                    v[1 + 2 * n] = parts[n]
                        .iter()
                        .enumerate()
                        .map(|(i, row)| row[p.choice(i).map_or(0, |c| c + 1)])
                        .sum();
                    v[2 + 2 * n] = -f64::from(space.crossed[o.seat][k]);
                }
            })
        }
        _ => candidates,
    };
    let near: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&k| mine[k] <= target + BAND)
        .collect();
    let pool: Vec<usize> = if near.is_empty() {
        let lowest = candidates.iter().map(|&k| mine[k]).fold(f64::INFINITY, f64::min);
        candidates.iter().copied().filter(|&k| mine[k] == lowest).collect()
    } else {
        near
    };
    let score = |k: usize| match model {
        Some(m) => allowed_by_others(k) * 10.0 + m.least_liked(space.packages[k]),
        None => allowed_by_others(k),
    };
    let top = pool.iter().map(|&k| score(k)).fold(f64::NEG_INFINITY, f64::max);
    let best: Vec<usize> = pool.into_iter().filter(|&k| score(k) >= top - 1e-9).collect();
    if best.is_empty() {
        return None;
    }
    let pick = best[rng.random_range(0..best.len())];
    Some(space.packages[pick])
}

/// The packages of `pool` that no other in it beats: at least as good on every one of the `width` counts
/// `value` writes, better on one. In `pool`'s order.
fn undominated(pool: Vec<usize>, width: usize, value: impl Fn(usize, &mut [f64])) -> Vec<usize> {
    let mut values = vec![0.0; pool.len() * width];
    for (n, &k) in pool.iter().enumerate() {
        value(k, &mut values[n * width..(n + 1) * width]);
    }
    let row = |n: usize| &values[n * width..(n + 1) * width];
    let sums: Vec<f64> = (0..pool.len()).map(|n| row(n).iter().sum()).collect();
    // Largest sum first: a package that beats another has the larger sum, so it is kept before it.
    let mut order: Vec<usize> = (0..pool.len()).collect();
    // Equal sums are ordered by their counts, largest first, so one that beats another still comes first.
    order.sort_by(|&a, &b| {
        sums[b]
            .total_cmp(&sums[a])
            .then_with(|| {
                row(b)
                    .iter()
                    .zip(row(a))
                    .fold(std::cmp::Ordering::Equal, |o, (x, y)| o.then(x.total_cmp(y)))
            })
            .then(a.cmp(&b))
    });
    let beats = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| x >= y) && a.iter().zip(b).any(|(x, y)| x > y);
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        if !kept.iter().any(|&j| beats(row(j), row(i))) {
            kept.push(i);
        }
    }
    kept.sort_unstable();
    kept.into_iter().map(|i| pool[i]).collect()
}

/// Accepts a proposal worth `threshold` and inside its red lines; otherwise says why not, naming its one
/// `aim` of the phase.
pub fn respond(me: &Me, proposal: &Proposal, threshold: f64, aim: f64) -> Command {
    let id = proposal.id;
    if let Some(line) = me.red_lines.crossed(proposal.package) {
        return Command::Reject {
            proposal: id,
            reason: Reason::RedLine(line.why.clone()),
        };
    }
    let value = me.priorities.utility(proposal.package);
    if value < me.walk_away {
        return Command::Reject {
            proposal: id,
            reason: Reason::BelowWalkAway {
                value,
                walk_away: me.walk_away,
            },
        };
    }
    if value + 1e-9 < threshold.max(me.walk_away) {
        return Command::Reject {
            proposal: id,
            reason: Reason::AsksTooMuch {
                value,
                aim: aim.max(me.walk_away),
            },
        };
    }
    Command::Accept { proposal: id }
}

/// Share of the session gone at the start of the round under way: 0 in the first round, 1 in the last (of the
/// session as the facilitator may have extended or shortened it).
pub fn time(state: &TableState, round: u32) -> f64 {
    let rounds = state.rounds.max(2);
    (f64::from(round.saturating_sub(1)) / f64::from(rounds - 1)).clamp(0.0, 1.0)
}
