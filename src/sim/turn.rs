//! The phases of a round, whose move is awaited, and the step that moves a table on: round starts,
//! scheduled events, resolution, the session clock running out.

use bevy::prelude::*;
use rand::RngExt;
use serde::{Deserialize, Serialize};

use super::command::Seat;
use super::delegation::{Delegation, Presence, RedLines};
use super::outcome::Outcome;
use super::rng::{SeatRng, TableRng, position};
use super::rules::{Emitter, SeatStateMut};
use super::scenario::Effect;
use super::table::{SeatSnapshot, Table, TableState, state_hash};
use super::transcript::{Event, Transcript};

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Seated, not yet opened.
    Opening,
    /// Each delegation may speak, ask the mediator, request a recess or walk out.
    Statements,
    /// Each delegation may table a package.
    Proposals,
    /// The mediator tables its package, with reasons.
    Mediation,
    /// Each delegation answers every standing proposal.
    Responses,
    /// Agreements are found, patience wears, the clock moves on.
    Resolution,
    /// The talks are over.
    Closed,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Opening => "opening",
            Phase::Statements => "statements",
            Phase::Proposals => "proposals",
            Phase::Mediation => "mediation",
            Phase::Responses => "responses",
            Phase::Resolution => "resolution",
            Phase::Closed => "closed",
        }
    }

    /// What a seat may do in this phase, in a player's words.
    pub fn hint(self) -> &'static str {
        match self {
            Phase::Opening => "The talks have not opened yet.",
            Phase::Statements => "Now: make a statement, ask the mediator, request a recess, walk out, or pass.",
            Phase::Proposals => "Now: propose a package, or pass.",
            Phase::Mediation => "Now: the mediator tables its proposal.",
            Phase::Responses => "Now: accept, reject or counter each proposal on the table.",
            Phase::Resolution => "The round is being resolved.",
            Phase::Closed => "The talks are over.",
        }
    }
}

/// Whether the mediator tables a proposal this round.
pub fn mediator_proposes(table: &Table, state: &TableState) -> bool {
    state.round >= table.scenario.mediator.first_proposal_round || state.mediator_asked
}

/// Whether the table is waiting for `seat`'s move (`left`: the delegation has left the table).
pub fn awaits(table: &Table, state: &TableState, seat: Seat, left: bool) -> bool {
    match (state.phase, seat) {
        (_, Seat::Delegation(_)) if left => false,
        (Phase::Statements | Phase::Proposals, Seat::Delegation(_)) => !state.has_acted(seat),
        (Phase::Mediation, Seat::Mediator) => mediator_proposes(table, state) && !state.has_acted(seat),
        (Phase::Responses, Seat::Delegation(d)) => state.unanswered(d).next().is_some(),
        _ => false,
    }
}

/// The seats whose move the table is waiting for.
pub fn awaiting(table: &Table, state: &TableState, presence: &[Presence]) -> Vec<Seat> {
    let delegations = (0..presence.len()).map(|d| (Seat::Delegation(d), presence[d].left));
    delegations
        .chain(std::iter::once((Seat::Mediator, false)))
        .filter(|&(seat, left)| awaits(table, state, seat, left))
        .map(|(seat, _)| seat)
        .collect()
}

/// How much patience a round without agreement wears away, before tension and chance.
const ROUND_WEAR: f64 = 0.045;
/// How much tension a round without agreement adds.
const ROUND_STRAIN: f64 = 0.02;

/// Moves every table on as far as it can go without a seat's move.
#[allow(clippy::type_complexity)]
pub fn advance(
    mut tables: Query<(Entity, &Table, &mut TableState, &mut TableRng, &mut Transcript)>,
    mut seats: Query<SeatStateMut, With<Delegation>>,
    red_lines: Query<&RedLines>,
    rngs: Query<&SeatRng>,
    mut emit: Emitter,
) {
    for (entity, table, mut state, mut rng, mut transcript) in &mut tables {
        let s = &table.scenario;
        loop {
            let presence: Vec<Presence> = table
                .seats
                .iter()
                .map(|&e| seats.get(e).map(|q| *q.presence).unwrap_or_default())
                .collect();
            // A table closed by resolution ends on its round's hash; one closed mid-round (a walkout) does
            // not yet, and the round still gets its hash.
            if state.phase == Phase::Closed
                && state.round > 0
                && !matches!(transcript.events.last(), Some(Event::RoundEnded { .. }))
            {
                let hash = round_hash(table, &state, &rng.0, &seats, &rngs);
                let round = state.round;
                emit.event(
                    entity,
                    table,
                    &mut state,
                    &mut seats,
                    &mut transcript,
                    Event::RoundEnded { round, hash },
                );
            }
            let mut out = |ev: Event, state: &mut TableState, seats: &mut Query<SeatStateMut, With<Delegation>>| {
                emit.event(entity, table, state, seats, &mut transcript, ev);
            };
            match state.phase {
                Phase::Closed => break,
                Phase::Opening => {
                    out(Event::Opened { seed: table.seed }, &mut state, &mut seats);
                    start_round(1, table, &mut state, &mut seats, &mut out);
                    continue;
                }
                _ if !awaiting(table, &state, &presence).is_empty() => break,
                Phase::Statements => out(
                    Event::PhaseStarted {
                        phase: Phase::Proposals,
                    },
                    &mut state,
                    &mut seats,
                ),
                Phase::Proposals => out(
                    Event::PhaseStarted {
                        phase: Phase::Mediation,
                    },
                    &mut state,
                    &mut seats,
                ),
                Phase::Mediation => out(
                    Event::PhaseStarted {
                        phase: Phase::Responses,
                    },
                    &mut state,
                    &mut seats,
                ),
                Phase::Responses | Phase::Resolution => {
                    out(
                        Event::PhaseStarted {
                            phase: Phase::Resolution,
                        },
                        &mut state,
                        &mut seats,
                    );
                    // The first proposal every present delegation accepted, and no red line forbids, is the deal.
                    let deal = state.proposals.iter().find(|p| {
                        (0..presence.len()).filter(|&d| !presence[d].left).all(|d| {
                            let agrees =
                                p.author == Seat::Delegation(d) || state.answers.get(&(p.id, d)) == Some(&true);
                            let allowed = red_lines
                                .get(table.seats[d])
                                .map(|r| r.crossed(p.package).is_none())
                                .unwrap_or(false);
                            agrees && allowed
                        })
                    });
                    if let Some(p) = deal {
                        let outcome = Outcome::for_package(p.package, p.id, s.issues.len());
                        out(Event::Concluded { outcome }, &mut state, &mut seats);
                    } else {
                        let tension = state.tension;
                        for d in (0..presence.len()).filter(|&d| !presence[d].left) {
                            let chance = 0.75 + 0.5 * rng.0.random::<f64>();
                            let change = -ROUND_WEAR * (0.6 + tension) * chance;
                            out(
                                Event::Changed {
                                    effect: Effect::Patience { seat: d, change },
                                },
                                &mut state,
                                &mut seats,
                            );
                        }
                        out(
                            Event::Changed {
                                effect: Effect::Tension { change: ROUND_STRAIN },
                            },
                            &mut state,
                            &mut seats,
                        );
                        if state.round >= s.clock.rounds {
                            out(
                                Event::Concluded {
                                    outcome: Outcome::Deadlock,
                                },
                                &mut state,
                                &mut seats,
                            );
                        }
                    }
                    let hash = round_hash(table, &state, &rng.0, &seats, &rngs);
                    let round = state.round;
                    out(Event::RoundEnded { round, hash }, &mut state, &mut seats);
                    if state.is_over() {
                        break;
                    }
                    start_round(round + 1, table, &mut state, &mut seats, &mut out);
                }
            }
        }
    }
}

/// The state hash of a table at the end of a round: its state, its random streams and its seats'.
fn round_hash(
    table: &Table,
    state: &TableState,
    table_rng: &rand_chacha::ChaCha8Rng,
    seats: &Query<SeatStateMut, With<Delegation>>,
    rngs: &Query<&SeatRng>,
) -> u64 {
    let snaps: Vec<SeatSnapshot> = table
        .seats
        .iter()
        .filter_map(|&e| {
            let q = seats.get(e).ok()?;
            let rng = &rngs.get(e).ok()?.0;
            Some(SeatSnapshot {
                reservation: q.reservation.0,
                patience: q.patience.0,
                trust: &q.trust.0,
                presence: *q.presence,
                rng,
            })
        })
        .collect();
    let med = rngs.get(table.mediator).map(|r| position(&r.0)).unwrap_or(0);
    state_hash(state, table_rng, &snaps, med)
}

fn start_round(
    round: u32,
    table: &Table,
    state: &mut TableState,
    seats: &mut Query<SeatStateMut, With<Delegation>>,
    out: &mut impl FnMut(Event, &mut TableState, &mut Query<SeatStateMut, With<Delegation>>),
) {
    out(Event::RoundStarted { round }, state, seats);
    for (index, ev) in table
        .scenario
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.round == round)
    {
        out(Event::Scheduled { index }, state, seats);
        for effect in &ev.effects {
            out(Event::Changed { effect: *effect }, state, seats);
        }
    }
    out(
        Event::PhaseStarted {
            phase: Phase::Statements,
        },
        state,
        seats,
    );
}
