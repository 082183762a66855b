//! AI delegations: each decides its move for the phase its table is in, in parallel across tables,
//! and posts Commands like any other seat.

mod conduct;
mod time_dependent;

use bevy::prelude::*;

use super::command::{Command, Seat};
use super::delegation::{
    Controller, Delegation, Patience, Posture, Presence, Priorities, RedLines, Reservation, Strategy,
};
use super::rng::SeatRng;
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::turn::{Phase, awaits};

pub use time_dependent::aspiration;

/// What an AI delegation knows of itself when it decides.
pub struct Me<'a> {
    pub seat: usize,
    pub priorities: &'a Priorities,
    pub red_lines: &'a RedLines,
    pub walk_away: f64,
    pub patience: f64,
    pub presence: Presence,
    pub posture: Posture,
    pub strategy: Strategy,
}

/// Decides the move of every AI delegation whose table waits for it.
#[allow(clippy::type_complexity)]
pub fn decide(
    mut ais: Query<
        (
            &Delegation,
            &AtTable,
            &Controller,
            &Priorities,
            &RedLines,
            &Reservation,
            &Patience,
            &Presence,
            &Posture,
            &mut SeatRng,
            &mut Outbox,
        ),
        Without<Mediator>,
    >,
    tables: Query<(&Table, &TableState)>,
) {
    ais.par_iter_mut().for_each(
        |(
            delegation,
            at,
            controller,
            priorities,
            red_lines,
            reservation,
            patience,
            presence,
            posture,
            mut rng,
            mut outbox,
        )| {
            if *controller != Controller::Ai {
                return;
            }
            let Ok((table, state)) = tables.get(at.0) else { return };
            if !awaits(table, state, Seat::Delegation(delegation.seat), presence.left) {
                return;
            }
            let me = Me {
                seat: delegation.seat,
                priorities,
                red_lines,
                walk_away: reservation.0,
                patience: patience.0,
                presence: *presence,
                posture: *posture,
                strategy: table.scenario.delegations[delegation.seat].strategy,
            };
            let rng = &mut rng.0;
            match state.phase {
                Phase::Statements => outbox.0.push(conduct::statement(&table.scenario, state, &me, rng)),
                Phase::Proposals => outbox
                    .0
                    .push(match time_dependent::propose(&table.scenario, state, &me, rng) {
                        Some(package) => Command::Propose { package },
                        None => Command::Pass,
                    }),
                Phase::Responses => {
                    let open: Vec<_> = state.unanswered(me.seat).cloned().collect();
                    for p in open {
                        outbox.0.push(time_dependent::respond(&table.scenario, state, &me, &p));
                    }
                }
                _ => {}
            }
        },
    );
}
