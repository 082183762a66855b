//! The rules, in three steps: `check` says whether a seat may make a move now and why not,
//! `consequences` turns an allowed move into Events, and `apply` is the only way table state changes.
//! `exec` runs the three in order; the ECS system below is a thin adapter around it.

pub mod apply;
pub mod check;
pub mod consequences;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::command::{Command, CommandMsg, RefusedMsg, Seat};
use super::delegation::Controller;
use super::scenario::Scenario;
use super::table::{Table, TableState};
use super::transcript::{Event, Transcript};
use super::turn::Phase;

pub use apply::apply;
pub use check::{MAX_STATEMENT, View, check};
pub use consequences::consequences;

/// Why a move is not allowed, in words a player understands.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    /// Any move once the talks have ended.
    #[error("The talks are over; nothing more can be done at this table.")]
    TableClosed,
    /// A move from, or a strategy for, a delegation seat number the scenario does not have.
    #[error("There is no delegation in seat {0} at this table.")]
    UnknownSeat(usize),
    /// Any move from a delegation that has walked out.
    #[error("Your delegation has left the table.")]
    Left,
    /// A move made outside the phase it belongs to (or a walk-out before the table opens); holds the current phase.
    #[error("Not now: this is the {} phase. {}", .0.label(), .0.hint())]
    WrongPhase(Phase),
    /// A second move from a seat that has already had its move in this phase.
    #[error("You have already acted in the {} phase; wait for the others.", .0.label())]
    AlreadyActed(Phase),
    /// A delegation tries to table a mediator's proposal.
    #[error("Only the mediator can table a mediator's proposal.")]
    MediatorOnly,
    /// The mediator's chair tries a delegation's move: propose, accept, reject, counter, ask, recess, walk out.
    #[error("The mediator does not accept, reject, propose as a party, recess or walk out.")]
    DelegationsOnly,
    /// An answer names a proposal number that is not standing this round.
    #[error("There is no proposal #{0} on the table this round.")]
    NoSuchProposal(u32),
    /// A delegation tries to accept, reject or counter its own proposal.
    #[error("Proposal #{0} is your own; you stand by it.")]
    OwnProposal(u32),
    /// A delegation answers the same proposal a second time.
    #[error("You have already answered proposal #{0}.")]
    AlreadyAnswered(u32),
    /// A proposal, counter-proposal or mediator's proposal leaves every issue open.
    #[error("A proposal must settle at least one issue.")]
    EmptyPackage,
    /// A package names an issue or option outside the scenario.
    #[error("That package names an option this table does not have.")]
    BadPackage,
    /// A delegation proposes, counters or accepts a package across its own red lines; holds each line's reason.
    #[error("That package crosses your red line: {0}")]
    CrossesRedLine(String),
    /// A person in the mediator's chair tables a package across the mediator's own red lines.
    #[error("The chair will not table that package: {0}")]
    ChairLine(String),
    /// A package settles an option without the other issue its terms need; holds the terms in words.
    #[error("Those terms mean nothing on their own: {0}. Settle that issue too, or leave the option out.")]
    BrokenTerms(String),
    /// A delegation tables a second counter-proposal in the same round.
    #[error("You have already tabled a counter-proposal this round.")]
    AlreadyCountered,
    /// A delegation asks for a second recess; each gets one per game.
    #[error("Your delegation has already had its recess.")]
    RecessUsed,
    /// A delegation asks the mediator when someone has already asked this round.
    #[error("The mediator has already been asked this round.")]
    AlreadyAsked,
    /// A statement is blank.
    #[error("A statement needs words; write what you say to the room.")]
    EmptyStatement,
    /// A statement is longer than `MAX_STATEMENT`; holds its length in characters.
    #[error("That statement is {0} characters long; the table hears at most 600. Say it in fewer words.")]
    StatementTooLong(usize),
    /// The mediator makes a second statement in the same mediation phase.
    #[error("The mediator has already spoken in this mediation phase; table a proposal or pass.")]
    AlreadySpoke,
    /// A delegation passes in the responses phase with no proposal left to answer.
    #[error("There is no proposal left for you to answer this round.")]
    NothingToAnswer,
    /// A delegation asks the mediator in a round where the mediator tables a proposal anyway.
    #[error("The mediator tables a proposal this round anyway; there is no need to ask.")]
    MediatorProposesAnyway,
    /// A person tries to give a strategy to a seat (or the mediator's chair) that a person plays.
    #[error("A person plays that seat; only the AI's seats can be given a strategy.")]
    PlayedByPerson,
    /// The mediator's chair makes a walk-out warning.
    #[error("Only a delegation can warn that it may walk out.")]
    MediatorCannotWarn,
    /// An AI seat tries to change a strategy; only people at the table can.
    #[error("Only a person at the table can change how the AI plays.")]
    PeopleOnly,
    /// A person changes a strategy while the table is not waiting for their move.
    #[error("Strategies can be changed when it is your move; wait for your turn.")]
    NotYourTurn,
    /// A front end sends a move for a seat it does not sit in.
    #[error("That seat is not yours to play.")]
    NotYourSeat,
    /// A delegation or the mediator's chair sends a move only the facilitator may make.
    #[error(
        "Only the facilitator can pause the talks, inject news, move the clock, take over a seat or end the talks."
    )]
    FacilitatorOnly,
    /// The facilitator makes a move of the talks in its own name.
    #[error("The facilitator does not negotiate in its own name; take over a seat to play it.")]
    FacilitatorNegotiates,
    /// Any seat's move while the facilitator has paused the table.
    #[error("The facilitator has paused the talks; wait until they resume.")]
    Paused,
    /// The facilitator pauses a table already paused.
    #[error("The talks are already paused.")]
    AlreadyPaused,
    /// The facilitator resumes a table that is not paused.
    #[error("The talks are not paused.")]
    NotPaused,
    /// The facilitator fires an inject the scenario does not have; holds the number asked for (from 1) and how
    /// many the scenario has.
    #[error("This table has no inject {0}; it has {1}.")]
    NoSuchInject(usize, usize),
    /// A custom inject without a headline, with too long a headline, or with a change out of range; says which.
    #[error("That inject cannot be read to the table: {0}")]
    BadInject(String),
    /// The facilitator sets the session to end before the round under way, or beyond the longest session; holds
    /// the rounds asked for and the round under way.
    #[error("The session cannot be {0} rounds long: round {1} is under way, and a session has at most 50 rounds.")]
    ClockOutOfRange(u32, u32),
    /// The facilitator hands back a seat it has not taken.
    #[error("The facilitator has not taken that seat; only a seat it took can be handed back.")]
    NotTaken,
    /// The facilitator tries to take a seat that a person (a student, or the facilitator already) plays.
    #[error("A person already plays that seat; the facilitator can take only a seat the AI plays.")]
    SeatTaken,
    /// The facilitator tries to take the facilitator's own seat.
    #[error("The facilitator can take a delegation's seat or the mediator's chair.")]
    NotASeat,
}

/// Who made a recorded move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum By {
    /// The seat's AI strategy (or the AI mediator) chose the move.
    Ai,
    /// A person at the table chose the move.
    Person,
    /// The facilitator chose the move: a facilitator's Command, or a move for a seat the facilitator took.
    Facilitator,
}

/// One accepted Command, where it fell in the game, and who made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    /// The round the move was made in (0 while the table opens, then from 1).
    pub round: u32,
    /// The phase of that round the move was made in.
    pub phase: Phase,
    /// The seat that made the move.
    pub seat: Seat,
    /// Whether a person or the AI made it.
    pub by: By,
    /// The move itself, exactly as sent.
    pub command: Command,
}

/// Every Command a table accepted, in order: what a replay feeds again.
#[derive(Component, Debug, Clone, Default, PartialEq)]
pub struct CommandLog(pub Vec<Recorded>);

/// Checks `command` for `seat` and, if the rules allow it, applies its Events to `state` and returns them.
/// The whole of a move, with no World: what the ECS adapter, a test or a network host calls.
pub fn exec(
    scenario: &Scenario,
    state: &mut TableState,
    seat: Seat,
    command: &Command,
) -> Result<Vec<Event>, RuleError> {
    let view = View { scenario, state };
    check(&view, seat, command)?;
    let events = consequences(&view, seat, command);
    for event in &events {
        apply(state, event);
    }
    Ok(events)
}

/// Who a move by `seat` at this table comes from.
pub fn sender(state: &TableState, seat: Seat) -> By {
    if seat == Seat::Facilitator || state.taken_by_facilitator(seat) {
        return By::Facilitator;
    }
    match state.controllers.of(seat) {
        Controller::Human => By::Person,
        Controller::Ai => By::Ai,
    }
}

/// Checks every Command sent this step, in order, and applies the allowed ones.
pub fn apply_commands(
    mut commands: MessageReader<CommandMsg>,
    mut tables: Query<(&Table, &mut TableState, &mut Transcript, &mut CommandLog)>,
    mut refused: MessageWriter<RefusedMsg>,
) {
    for msg in commands.read() {
        let Ok((table, mut state, mut transcript, mut log)) = tables.get_mut(msg.table) else {
            continue;
        };
        // A move the AI decided for a seat a person took over earlier in this same step (the facilitator's
        // TakeSeat comes first) is not the AI's to make any more: the person makes that seat's moves.
        if msg.decided_by_ai && state.controllers.of(msg.seat) == crate::sim::delegation::Controller::Human {
            continue;
        }
        let recorded = Recorded {
            round: state.round,
            phase: state.phase,
            seat: msg.seat,
            by: sender(&state, msg.seat),
            command: msg.command.clone(),
        };
        match exec(&table.scenario, &mut state, msg.seat, &msg.command) {
            Ok(events) => {
                log.0.push(recorded);
                transcript.events.extend(events);
            }
            // An AI that decides a move the rules refuse lets the phase pass instead, so no table ever waits
            // forever on a seat that keeps asking for the same refused move. (A move sent for an AI seat from
            // outside is refused as any other.)
            Err(_) if msg.decided_by_ai && recorded.by == By::Ai && msg.command != Command::Pass => {
                if let Ok(events) = exec(&table.scenario, &mut state, msg.seat, &Command::Pass) {
                    log.0.push(Recorded {
                        command: Command::Pass,
                        ..recorded
                    });
                    transcript.events.extend(events);
                }
            }
            Err(error) => {
                refused.write(RefusedMsg {
                    table: msg.table,
                    seat: msg.seat,
                    command: msg.command.clone(),
                    error,
                });
            }
        }
    }
}
