//! `apply`: the only way a table's state ever changes, one Event at a time. A pure function of the state
//! and the Event, so a front end (here or on another machine) can keep its own copy by applying the same Events.

use crate::sim::command::Seat;
use crate::sim::delegation::StatementKind;
use crate::sim::scenario::Effect;
use crate::sim::table::{Offer, TableState, seat_bit};
use crate::sim::transcript::Event;
use crate::sim::turn::Phase;

/// Applies one Event. This is the only place table state changes.
pub fn apply(state: &mut TableState, event: &Event) {
    let n = state.seats.len();
    macro_rules! seat {
        ($d:expr) => {
            state.seats.get_mut($d)
        };
    }
    match event {
        Event::Opened { .. } | Event::Scheduled { .. } | Event::RoundEnded { .. } => {}
        Event::RoundStarted { round } => {
            state.round = *round;
            state.proposals = std::mem::take(&mut state.queued);
            state.answers.clear();
            state.mediator_asked = false;
        }
        Event::PhaseStarted { phase } => {
            state.phase = *phase;
            state.acted = 0;
            state.spoke = false;
            if *phase == Phase::Proposals {
                // A delegation that countered last round has already tabled its proposal for this one.
                for p in &state.proposals {
                    state.acted |= seat_bit(p.author);
                }
            }
        }
        Event::Changed { effect } => match *effect {
            Effect::WalkAway { seat: d, change } => {
                if let Some(s) = seat!(d) {
                    s.walk_away = (s.walk_away + change).clamp(0.0, 1.0);
                }
            }
            Effect::Patience { seat: d, change } => {
                if let Some(s) = seat!(d) {
                    s.patience = (s.patience + change).clamp(0.0, 1.0);
                }
            }
            Effect::Trust { from, towards, change } => {
                if let Some(s) = seat!(from)
                    && let Some(t) = s.trust.get_mut(towards.min(n))
                {
                    *t = (*t + change).clamp(0.0, 1.0);
                }
            }
            Effect::Tension { change } => state.tension = (state.tension + change).clamp(0.0, 1.0),
        },
        Event::Statement { seat: who, kind, .. } => {
            if *who == Seat::Mediator {
                state.spoke = true;
            }
            if let Seat::Delegation(d) = who {
                state.acted |= seat_bit(*who);
                if *kind == StatementKind::Threat
                    && let Some(t) = state.threatened.get_mut(*d)
                {
                    *t = state.round;
                }
                if *kind == StatementKind::WalkoutWarning
                    && let Some(s) = seat!(*d)
                {
                    s.presence.warned = true;
                }
            }
        }
        Event::Proposed { proposal } => {
            state.next_proposal = proposal.id + 1;
            state.offers.push(Offer {
                round: proposal.round,
                author: proposal.author,
                package: proposal.package,
            });
            if proposal.author == Seat::Mediator {
                state.objections.clear();
            }
            if proposal.round > state.round {
                state.queued.push(proposal.clone());
            } else {
                state.acted |= seat_bit(proposal.author);
                state.proposals.push(proposal.clone());
            }
        }
        Event::Accepted { seat: d, proposal } => {
            state.answers.insert((*proposal, *d), true);
        }
        Event::Rejected {
            seat: d,
            proposal,
            reason,
        } => {
            state.answers.insert((*proposal, *d), false);
            if state
                .proposals
                .iter()
                .any(|p| p.id == *proposal && p.author == Seat::Mediator)
            {
                state.objections.push((*d, reason.clone()));
            }
        }
        Event::Passed { seat: who } => state.acted |= seat_bit(*who),
        Event::MediatorAsked { .. } => state.mediator_asked = true,
        Event::Recess { seat: d } => {
            state.acted |= seat_bit(Seat::Delegation(*d));
            if let Some(s) = seat!(*d) {
                s.presence.recess_used = true;
            }
        }
        Event::WalkedOut { seat: d, .. } => {
            state.acted |= seat_bit(Seat::Delegation(*d));
            if let Some(s) = seat!(*d) {
                s.presence.left = true;
            }
        }
        // Who carried the deal is for the record; the outcome that follows closes the table.
        Event::Ratified { .. } => {}
        Event::Concluded { outcome } => {
            state.outcome = Some(*outcome);
            state.phase = Phase::Closed;
        }
        Event::StrategySet { seat, strategy } => {
            if let Some(s) = state.strategies.get_mut(*seat) {
                *s = *strategy;
            }
        }
        Event::MediatorStrategySet { strategy } => state.mediator_strategy = *strategy,
        Event::Controlled { seat, by } => state.controllers.set(*seat, *by),
        Event::Paused | Event::Resumed => {
            state.paused = *event == Event::Paused;
            state.facilitated |= seat_bit(Seat::Facilitator);
        }
        Event::Injected { .. } | Event::Ended => {}
        Event::ClockSet { rounds } => {
            state.rounds = *rounds;
            state.facilitated |= seat_bit(Seat::Facilitator);
        }
        Event::TakenOver { seat } => {
            state.controllers.set(*seat, crate::sim::delegation::Controller::Human);
            state.facilitated |= seat_bit(*seat) | seat_bit(Seat::Facilitator);
        }
        Event::HandedBack { seat } => {
            state.controllers.set(*seat, crate::sim::delegation::Controller::Ai);
            state.facilitated &= !seat_bit(*seat);
        }
    }
}
