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

/// At a table of up to this many packages, a delegation weighs every package worth its aim when it bids.
const EVERY: usize = 512;

/// On a larger table, how many counts a delegation weighs at most when it bids: its candidates are the
/// packages worth its aim closest to it, as many as make this many counts (each candidate has its own worth,
/// then two counts for every other side), between [`FEWEST`] and [`FEW`]. At a two-party table of thousands of
/// packages that is the 128 closest; at a table of eight delegations, the 34 closest.
const WEIGH: usize = 512;

/// The fewest candidates a bid on a large table is searched among.
const FEWEST: usize = 16;

/// How many of the packages worth its aim, those closest to it, a delegation weighs at a table of `packages`
/// packages when each candidate has `counts`.
fn window(packages: usize, counts: usize) -> usize {
    if packages <= EVERY {
        packages
    } else {
        (WEIGH / counts.max(1)).clamp(FEWEST, FEW)
    }
}

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
    // The packages it can table worth at least its target, most valuable first: a prefix of its ranking, so
    // the work follows how many packages are worth the aim, not the size of the whole space.
    let ranked = &space.by_worth[me.seat];
    let worth_it = &ranked[..ranked.partition_point(|&k| mine[k as usize] >= target)];
    // With a model of the others, bid on the modelled frontier: drop every package another beats for
    // itself, for every other side by the model, and by how many of each other side's public red lines
    // it crosses.
    let model = model.filter(|m| !m.others.is_empty());
    let counts = model.map_or(1, |m| 1 + 2 * m.others.len());
    // Of those, the ones closest to the aim: on a large table the bid is searched among a few just above the
    // aim (every one of them at a table of a few hundred packages).
    let candidates = &worth_it[worth_it.len().saturating_sub(window(space.packages.len(), counts))..];
    let allowed_by_others = |k: usize| {
        (0..scenario.delegations.len())
            .filter(|&d| d != me.seat && space.allowed[d][k])
            .count() as f64
    };
    let frontier = model.map(|m| Frontier::of(candidates, mine, space, m));
    let kept = |at: usize| frontier.as_ref().is_none_or(|f| f.kept(at));
    // Of the undominated packages, those close to the aim; with none close, the cheapest undominated ones.
    let close = candidates.partition_point(|&k| mine[k as usize] > target + BAND);
    let mut pool: Vec<usize> = (close..candidates.len()).filter(|&at| kept(at)).collect();
    if pool.is_empty()
        && let Some(cheapest) = (0..close).rev().find(|&at| kept(at))
    {
        let lowest = mine[candidates[cheapest] as usize];
        pool = (0..=cheapest)
            .rev()
            .take_while(|&at| mine[candidates[at] as usize] == lowest)
            .filter(|&at| kept(at))
            .collect();
    }
    // Ties are broken by lot in package order.
    pool.sort_unstable_by_key(|&at| candidates[at]);
    // Scored by the other sides' red lines it keeps clear of, then by the least-liked side's modelled worth
    // (worked out already for the frontier).
    let score = |at: usize| {
        let allowed = allowed_by_others(candidates[at] as usize);
        match &frontier {
            Some(f) => allowed * 10.0 + f.least_liked(at),
            None => allowed,
        }
    };
    let scored: Vec<(usize, f64)> = pool.into_iter().map(|at| (at, score(at))).collect();
    let top = scored.iter().map(|&(_, s)| s).fold(f64::NEG_INFINITY, f64::max);
    let best: Vec<usize> = scored
        .into_iter()
        .filter(|&(_, s)| s >= top - 1e-9)
        .map(|(at, _)| candidates[at] as usize)
        .collect();
    if best.is_empty() {
        return None;
    }
    let pick = best[rng.random_range(0..best.len())];
    Some(space.packages[pick])
}

/// The counts a bid is judged on, for each candidate package: its own worth, then for every other side its
/// modelled worth and minus how many of that side's public red lines it crosses; and which candidates no
/// other beats on every count.
struct Frontier {
    /// How many counts per candidate.
    width: usize,
    /// The counts, candidate after candidate, in the candidates' order (most valuable to the bidder first).
    values: Vec<f64>,
    /// Among many candidates, whether no other candidate beats each, worked out for all at once; among few,
    /// each is compared with the others when asked.
    kept: Option<Vec<bool>>,
}

/// Up to this many candidates, each one asked about is compared with those before it; beyond, the frontier is
/// worked out once for all. Both give the same answer; each is the quicker at its size.
const FEW: usize = 128;

impl Frontier {
    fn of(candidates: &[u32], mine: &[f64], space: &crate::sim::scenario::OutcomeSpace, m: &OpponentModel) -> Frontier {
        let width = 1 + 2 * m.others.len();
        let parts: Vec<Vec<[f64; 16]>> = m.others.iter().map(|o| o.parts()).collect();
        let mut values = Vec::with_capacity(candidates.len() * width);
        for &k in candidates {
            let k = k as usize;
            let p = space.packages[k];
            values.push(mine[k]);
            for (n, o) in m.others.iter().enumerate() {
                // The same sum as `Model::value`, in the same order, from the looked-up parts.
                values.push(
                    parts[n]
                        .iter()
                        .enumerate()
                        .map(|(i, row)| row[p.choice(i).map_or(0, |c| c + 1)])
                        .sum(),
                );
                values.push(-f64::from(space.crossed[o.seat][k]));
            }
        }
        if candidates.len() <= FEW {
            return Frontier {
                width,
                values,
                kept: None,
            };
        }
        let row = |n: usize| &values[n * width..(n + 1) * width];
        let sums: Vec<f64> = (0..candidates.len()).map(|n| row(n).iter().sum()).collect();
        // Largest sum first: a package that beats another has the larger sum (equal sums are ordered by their
        // counts, largest first), so whatever beats a package is weighed before it, and only the packages kept
        // so far need comparing.
        let mut order: Vec<usize> = (0..candidates.len()).collect();
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
        let mut front: Vec<usize> = Vec::new();
        let mut kept = vec![false; candidates.len()];
        for i in order {
            if !front.iter().any(|&j| beats(row(j), row(i))) {
                front.push(i);
                kept[i] = true;
            }
        }
        Frontier {
            width,
            values,
            kept: Some(kept),
        }
    }

    /// The modelled worth of candidate `at` to the other side that would like it least: the same number as
    /// [`OpponentModel::least_liked`], read from the counts.
    fn least_liked(&self, at: usize) -> f64 {
        self.values[at * self.width..(at + 1) * self.width]
            .iter()
            .skip(1)
            .step_by(2)
            .copied()
            .fold(f64::INFINITY, f64::min)
    }

    /// Whether no other candidate is at least as good on every count and better on one. Only a candidate worth
    /// at least as much to the bidder can be, and those come first.
    fn kept(&self, at: usize) -> bool {
        if let Some(kept) = &self.kept {
            return kept[at];
        }
        let row = |n: usize| &self.values[n * self.width..(n + 1) * self.width];
        let me = row(at);
        !(0..self.values.len() / self.width)
            .map(row)
            .take_while(|other| other[0] >= me[0])
            .any(|other| beats(other, me))
    }
}

/// Whether counts `a` beat counts `b`: at least as good on every one, better on one.
fn beats(a: &[f64], b: &[f64]) -> bool {
    a.iter().zip(b).all(|(x, y)| x >= y) && a.iter().zip(b).any(|(x, y)| x > y)
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
