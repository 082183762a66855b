//! The mediator's chair: when it tables a proposal, and which strategy drafts it.

mod split_the_difference;

use bevy::prelude::*;

use super::analysis::Parties;
use super::command::{Command, Seat};
use super::delegation::{Controller, Presence, Reservation};
use super::scenario::MediatorStrategy;
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::turn::awaits;

pub use split_the_difference::draft;

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
        let drafted = match table.scenario.mediator.strategy {
            MediatorStrategy::SplitTheDifference => draft(&table.scenario, &parties),
        };
        match drafted {
            Ok((package, explanation)) => outbox.0.push(Command::Mediate { package, explanation }),
            Err(why) => {
                outbox.0.push(Command::Statement {
                    kind: super::delegation::StatementKind::Firm,
                    text: why,
                });
                outbox.0.push(Command::Pass);
            }
        }
    }
}
