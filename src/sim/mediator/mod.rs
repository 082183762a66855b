//! The mediator's chair: when it tables a proposal, and which strategy drafts it (one file each).
//! Every proposal carries its reasons in plain words.

pub mod adjusted_winner;
pub mod confidence_building;
pub mod explain;
pub mod kalai_smorodinsky;
pub mod nash;
pub mod single_text;
pub mod split_the_difference;

use bevy::prelude::*;

use super::analysis::Parties;
use super::command::{Command, Seat};
use super::delegation::{Controller, Presence, Reservation, StatementKind};
use super::issue::Package;
use super::scenario::{MediatorStrategy, Scenario};
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::turn::awaits;

/// A drafted proposal with its reasons, or why there is none.
pub type Draft = Result<(Package, Vec<String>), String>;

/// Drafts a proposal with `strategy` for the parties present.
pub fn draft(strategy: MediatorStrategy, s: &Scenario, parties: &Parties, state: &TableState) -> Draft {
    match strategy {
        MediatorStrategy::SplitTheDifference => split_the_difference::draft(s, parties),
        MediatorStrategy::NashBargaining => nash::draft(s, parties),
        MediatorStrategy::KalaiSmorodinsky => kalai_smorodinsky::draft(s, parties),
        MediatorStrategy::AdjustedWinner => adjusted_winner::draft(s, parties),
        MediatorStrategy::SingleNegotiatingText => single_text::draft(s, parties, state),
        MediatorStrategy::ConfidenceBuilding => confidence_building::draft(s, parties),
    }
}

/// Drafts the AI mediator's move at every table whose mediation phase waits for it.
pub fn decide(
    mut mediators: Query<(&AtTable, &Controller, &mut Outbox), With<Mediator>>,
    tables: Query<(&Table, &TableState)>,
    delegations: Query<(&Reservation, &Presence)>,
) {
    for (at, controller, mut outbox) in &mut mediators {
        if *controller != Controller::Ai {
            continue;
        }
        let Ok((table, state)) = tables.get(at.0) else { continue };
        if !awaits(table, state, Seat::Mediator, false) {
            continue;
        }
        let presence: Vec<Presence> = table
            .seats
            .iter()
            .map(|&e| delegations.get(e).map(|d| *d.1).unwrap_or_default())
            .collect();
        let parties = Parties {
            present: (0..presence.len()).filter(|&d| !presence[d].left).collect(),
            walk_away: table
                .seats
                .iter()
                .map(|&e| delegations.get(e).map(|d| d.0.0).unwrap_or(1.0))
                .collect(),
        };
        match draft(state.mediator_strategy, &table.scenario, &parties, state) {
            Ok((package, explanation)) => outbox.0.push(Command::Mediate { package, explanation }),
            Err(why) => {
                outbox.0.push(Command::Statement {
                    kind: StatementKind::Firm,
                    text: why.chars().take(600).collect(),
                });
                outbox.0.push(Command::Pass);
            }
        }
    }
}
