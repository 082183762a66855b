//! The rules room: headless and deterministic. Commands come in, are checked and applied, Events go out.

pub mod ai;
pub mod analysis;
pub mod batch;
pub mod command;
pub mod delegation;
pub mod event;
pub mod game;
pub mod issue;
pub mod mediator;
pub mod outcome;
pub mod rng;
pub mod rules;
pub mod scenario;
pub mod table;
pub mod transcript;
pub mod turn;

use bevy::prelude::*;

use command::{CommandMsg, RefusedMsg};
use delegation::Delegation;
use table::{AtTable, Outbox, Table};

/// The order every step of the simulation runs in, for all tables at once.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSet {
    /// AI delegations and the mediator choose their moves (in parallel).
    Decide,
    /// Their choices are posted as Commands, in seat order.
    Send,
    /// Commands are checked and applied into Events.
    Apply,
    /// Tables move on: phases, resolution, scheduled events, the clock.
    Advance,
}

/// While this resource exists the AI seats and the AI mediator do not decide: every move is fed from
/// outside, as when a recording made by another version of the AI is shown as it was played.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Scripted;

/// While this resource exists the AI seats and the mediators of the World decide one after the other on the
/// thread that runs its schedule, not in parallel on the compute pool: a batch gives each worker thread a
/// World of its own, and parallel turns inside every World would only contend for the same cores.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct OneThread;

/// Adds the negotiation core to an app.
pub fn plugin(app: &mut App) {
    app.add_message::<CommandMsg>()
        .add_message::<RefusedMsg>()
        .configure_sets(
            Update,
            (SimSet::Decide, SimSet::Send, SimSet::Apply, SimSet::Advance).chain(),
        )
        .add_systems(
            Update,
            (
                (ai::decide, mediator::decide)
                    .in_set(SimSet::Decide)
                    .run_if(not(resource_exists::<Scripted>)),
                send.in_set(SimSet::Send),
                rules::apply_commands.in_set(SimSet::Apply),
                turn::advance.in_set(SimSet::Advance),
            ),
        );
}

/// Posts every AI seat's decided Commands, ordered by table and seat so the order never depends on
/// how the ECS happens to iterate. The outboxes are emptied in place, so they keep their room for the next move.
fn send(
    mut outboxes: Query<(Entity, &AtTable, Option<&Delegation>, &mut Outbox)>,
    tables: Query<&Table>,
    mut writer: MessageWriter<CommandMsg>,
    mut pending: Local<Vec<(u32, Entity, command::Seat, Entity)>>,
) {
    pending.clear();
    for (seat_entity, at, delegation, outbox) in outboxes.iter() {
        if outbox.0.is_empty() {
            continue;
        }
        let Ok(table) = tables.get(at.0) else { continue };
        let seat = match delegation {
            Some(d) => command::Seat::Delegation(d.seat),
            None => command::Seat::Mediator,
        };
        pending.push((table.index, at.0, seat, seat_entity));
    }
    pending.sort_by_key(|(index, entity, seat, _)| (*index, *entity, *seat));
    for &(_, table, seat, seat_entity) in pending.iter() {
        let Ok((_, _, _, mut outbox)) = outboxes.get_mut(seat_entity) else {
            continue;
        };
        for command in outbox.0.drain(..) {
            writer.write(CommandMsg {
                table,
                seat,
                command,
                decided_by_ai: true,
            });
        }
    }
}
