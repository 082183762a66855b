//! The phases of a round, whose move is awaited, and the step that moves a table on: round starts,
//! scheduled events, resolution, the session clock running out.

use bevy::prelude::*;
use rand::RngExt;
use serde::{Deserialize, Serialize};

use super::command::Seat;
use super::delegation::Controller;
use super::outcome::Outcome;
use super::rng::{SeatRng, TableRng, position};
use super::rules::apply;
use super::scenario::{Effect, Scenario};
use super::table::{Table, TableState, state_hash};
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
    /// The phase's name in a player's words, e.g. "statements".
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

/// Whether the mediator tables a proposal this round: from the scenario's first proposal round, when asked,
/// and in every round when a person sits in the chair.
pub fn mediator_proposes(scenario: &Scenario, state: &TableState) -> bool {
    state.round >= scenario.mediator.first_proposal_round || state.mediator_asked
}

/// Whether the table is waiting for `seat`'s move.
pub fn awaits(scenario: &Scenario, state: &TableState, seat: Seat) -> bool {
    if state.paused {
        return false;
    }
    match (state.phase, seat) {
        (_, Seat::Delegation(d)) if state.has_left(d) => false,
        (Phase::Statements | Phase::Proposals, Seat::Delegation(_)) => !state.has_acted(seat),
        (Phase::Mediation, Seat::Mediator) => {
            let chair_is_a_person = state.controllers.of(Seat::Mediator) == Controller::Human;
            (chair_is_a_person || mediator_proposes(scenario, state)) && !state.has_acted(seat)
        }
        (Phase::Responses, Seat::Delegation(d)) => state.unanswered(d).next().is_some(),
        _ => false,
    }
}

/// The seats whose move the table is waiting for.
pub fn awaiting(scenario: &Scenario, state: &TableState) -> Vec<Seat> {
    (0..state.seats.len())
        .map(Seat::Delegation)
        .chain(std::iter::once(Seat::Mediator))
        .filter(|&seat| awaits(scenario, state, seat))
        .collect()
}

/// Whether an AI seat should hold its move: a person in an earlier seat has yet to move in this phase, and
/// moves are made in seat order.
pub fn holds_for_a_person(scenario: &Scenario, state: &TableState, seat: Seat) -> bool {
    let Seat::Delegation(d) = seat else { return false };
    (0..d).any(|o| {
        let earlier = Seat::Delegation(o);
        state.controllers.of(earlier) == Controller::Human && awaits(scenario, state, earlier)
    })
}

/// How much patience a round without agreement wears away, before tension and chance.
const ROUND_WEAR: f64 = 0.045;
/// The rounds `ROUND_WEAR` is a round's wear for: a session of this many rounds wears each by exactly that.
const REFERENCE_ROUNDS: u32 = 8;
/// How much tension a round without agreement adds.
const ROUND_STRAIN: f64 = 0.02;

/// Moves every table on as far as it can go without a seat's move: a thin adapter around [`run`].
pub fn advance(mut tables: Query<(&Table, &mut TableState, &mut TableRng, &mut Transcript)>, rngs: Query<&SeatRng>) {
    for (table, mut state, mut rng, mut transcript) in &mut tables {
        if state.is_over() && matches!(transcript.events.last(), Some(Event::RoundEnded { .. })) {
            continue;
        }
        let streams = Streams {
            seats: table
                .seats
                .iter()
                .map(|&e| rngs.get(e).map(|r| position(&r.0)).unwrap_or(0))
                .collect(),
            mediator: rngs.get(table.mediator).map(|r| position(&r.0)).unwrap_or(0),
        };
        run(
            &table.scenario,
            table.seed,
            &mut state,
            &mut rng.0,
            &streams,
            &mut transcript.events,
        );
    }
}

/// How far each seat's own random stream has been drawn (they are not drawn while a table moves on).
pub struct Streams {
    /// Each delegation's, by seat.
    pub seats: Vec<u64>,
    /// The mediator's.
    pub mediator: u64,
}

/// Moves one table on as far as it can go without a seat's move: opens it, moves from phase to phase,
/// resolves rounds (a deal, or patience and tension wearing), fires scheduled events and runs the clock
/// out. Every Event is applied to `state` and appended to `events`; randomness comes only from `rng`.
pub fn run(
    s: &Scenario,
    seed: u64,
    state: &mut TableState,
    rng: &mut rand_chacha::ChaCha8Rng,
    streams: &Streams,
    events: &mut Vec<Event>,
) {
    let mut hashed = matches!(events.last(), Some(Event::RoundEnded { .. }));
    let mut out = |ev: Event, state: &mut TableState| {
        apply(state, &ev);
        events.push(ev);
    };
    loop {
        // A table closed by resolution ends on its round's hash; one closed mid-round (a walkout) does
        // not yet, and the round still gets its hash.
        if state.phase == Phase::Closed && state.round > 0 && !hashed {
            let hash = state_hash(state, rng, &streams.seats, streams.mediator);
            let round = state.round;
            out(Event::RoundEnded { round, hash }, state);
            hashed = true;
        }
        match state.phase {
            Phase::Closed => break,
            _ if state.paused => break,
            Phase::Opening => {
                out(Event::Opened { seed }, state);
                start_round(1, s, state, &mut out);
                continue;
            }
            _ if !awaiting(s, state).is_empty() => break,
            Phase::Statements => out(
                Event::PhaseStarted {
                    phase: Phase::Proposals,
                },
                state,
            ),
            Phase::Proposals => out(
                Event::PhaseStarted {
                    phase: Phase::Mediation,
                },
                state,
            ),
            Phase::Mediation => out(
                Event::PhaseStarted {
                    phase: Phase::Responses,
                },
                state,
            ),
            Phase::Responses | Phase::Resolution => {
                out(
                    Event::PhaseStarted {
                        phase: Phase::Resolution,
                    },
                    state,
                );
                // The first proposal accepted by those the table's rule needs (every present delegation,
                // unless the scenario says otherwise), each inside its own red lines, is the deal.
                let signs = |p: &crate::sim::transcript::Proposal, d: usize| {
                    let agrees = p.author == Seat::Delegation(d) || state.answers.get(&(p.id, d)) == Some(&true);
                    !state.has_left(d) && agrees && s.delegations[d].crossed(p.package).is_none()
                };
                // Of the proposals agreed, the one the most delegations signed; of those, the first tabled. (Under
                // unanimity every proposal agreed has every delegation present behind it: the first tabled.)
                let deal = state
                    .proposals
                    .iter()
                    .filter(|p| s.agreed_by(|d| !state.has_left(d), |d| signs(p, d)))
                    .map(|p| {
                        let seats: Vec<usize> = (0..state.seats.len()).filter(|&d| signs(p, d)).collect();
                        (p.package, p.id, seats)
                    })
                    .fold(
                        None,
                        |best: Option<(crate::sim::issue::Package, u32, Vec<usize>)>, next| match best {
                            Some(b) if b.2.len() >= next.2.len() => Some(b),
                            _ => Some(next),
                        },
                    );
                if let Some((package, id, seats)) = deal {
                    let outcome = Outcome::for_package(package, id, s.issues.len());
                    if s.ratification.is_some() {
                        out(Event::Ratified { seats }, state);
                    }
                    out(Event::Concluded { outcome }, state);
                } else {
                    let tension = state.tension;
                    // Patience wears with the share of the session a round takes, not with the count of
                    // rounds: a session cut into more rounds wears no faster.
                    let wear_share = f64::from(REFERENCE_ROUNDS) / f64::from(s.clock.rounds.max(1));
                    let present: Vec<usize> = (0..state.seats.len()).filter(|&d| !state.has_left(d)).collect();
                    for d in present {
                        let chance = 0.75 + 0.5 * rng.random::<f64>();
                        let change = -ROUND_WEAR * wear_share * (0.6 + tension) * chance;
                        out(
                            Event::Changed {
                                effect: Effect::Patience { seat: d, change },
                            },
                            state,
                        );
                    }
                    out(
                        Event::Changed {
                            effect: Effect::Tension { change: ROUND_STRAIN },
                        },
                        state,
                    );
                    if state.round >= state.rounds {
                        out(
                            Event::Concluded {
                                outcome: Outcome::Deadlock,
                            },
                            state,
                        );
                    }
                }
                let hash = state_hash(state, rng, &streams.seats, streams.mediator);
                let round = state.round;
                out(Event::RoundEnded { round, hash }, state);
                hashed = true;
                if state.is_over() {
                    break;
                }
                start_round(round + 1, s, state, &mut out);
            }
        }
    }
}

fn start_round(round: u32, s: &Scenario, state: &mut TableState, out: &mut impl FnMut(Event, &mut TableState)) {
    out(Event::RoundStarted { round }, state);
    for (index, ev) in s.events.iter().enumerate().filter(|(_, e)| e.round == round) {
        out(Event::Scheduled { index }, state);
        for effect in &ev.effects {
            out(Event::Changed { effect: *effect }, state);
        }
    }
    out(
        Event::PhaseStarted {
            phase: Phase::Statements,
        },
        state,
    );
}
