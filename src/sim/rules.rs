//! The rules: `check` says whether a seat may make a move now and why not, `consequences` turns an
//! allowed move into Events, and `apply` is the only way any table state ever changes.

use bevy::ecs::query::QueryData;
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::command::{Command, CommandMsg, Reason, RefusedMsg, Seat};
use super::delegation::{Controller, Delegation, Patience, Presence, RedLines, Reservation, StatementKind, Trust};
use super::issue::Package;
use super::outcome::Outcome;
use super::scenario::{Effect, Scenario};
use super::table::{Offer, Table, TableState, seat_bit};
use super::transcript::{Event, Proposal, Transcript};
use super::turn::Phase;

/// Why a move is not allowed, in words a player understands.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RuleError {
    #[error("The talks are over; nothing more can be done at this table.")]
    TableClosed,
    #[error("There is no delegation in seat {0} at this table.")]
    UnknownSeat(usize),
    #[error("Your delegation has left the table.")]
    Left,
    #[error("Not now: this is the {} phase. {}", .0.label(), .0.hint())]
    WrongPhase(Phase),
    #[error("You have already acted in the {} phase; wait for the others.", .0.label())]
    AlreadyActed(Phase),
    #[error("Only the mediator can table a mediator's proposal.")]
    MediatorOnly,
    #[error("The mediator does not accept, reject, propose as a party, recess or walk out.")]
    DelegationsOnly,
    #[error("There is no proposal #{0} on the table this round.")]
    NoSuchProposal(u32),
    #[error("Proposal #{0} is your own; you stand by it.")]
    OwnProposal(u32),
    #[error("You have already answered proposal #{0}.")]
    AlreadyAnswered(u32),
    #[error("A proposal must settle at least one issue.")]
    EmptyPackage,
    #[error("That package names an option this table does not have.")]
    BadPackage,
    #[error("That package crosses your red line: {0}")]
    CrossesRedLine(String),
    #[error("You have already tabled a counter-proposal this round.")]
    AlreadyCountered,
    #[error("Your delegation has already had its recess.")]
    RecessUsed,
    #[error("The mediator has already been asked this round.")]
    AlreadyAsked,
    #[error("A statement needs words (at most 600 characters).")]
    BadStatement,
    #[error("Only a delegation can warn that it may walk out.")]
    MediatorCannotWarn,
    #[error("Only a person at the table can change how the AI plays.")]
    PeopleOnly,
    #[error("Strategies can be changed when it is your move; wait for your turn.")]
    NotYourTurn,
}

/// What the rules can see of a table when they judge a move.
pub struct View<'a> {
    pub scenario: &'a Scenario,
    pub state: &'a TableState,
    /// Presence of every delegation, by seat.
    pub presence: &'a [Presence],
    /// The red lines of the delegation making the move (none for the mediator).
    pub red_lines: Option<&'a RedLines>,
    /// Whether a person (not the AI) sends the move.
    pub by_person: bool,
    /// Whether the table is waiting for the sender's move right now.
    pub sender_awaited: bool,
}

impl View<'_> {
    fn present(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.presence.len()).filter(|&d| !self.presence[d].left)
    }

    fn package_ok(&self, package: Package) -> Result<(), RuleError> {
        if !package.fits(&self.scenario.issues) {
            return Err(RuleError::BadPackage);
        }
        if package.is_open() {
            return Err(RuleError::EmptyPackage);
        }
        self.own_red_lines(package)
    }

    fn own_red_lines(&self, package: Package) -> Result<(), RuleError> {
        match self.red_lines.and_then(|r| r.crossed(package)) {
            Some(line) => Err(RuleError::CrossesRedLine(format!(
                "{} ({})",
                line.why,
                line.describe(&self.scenario.issues)
            ))),
            None => Ok(()),
        }
    }

    fn standing(&self, id: u32, d: usize) -> Result<&Proposal, RuleError> {
        let p = self
            .state
            .proposals
            .iter()
            .find(|p| p.id == id)
            .ok_or(RuleError::NoSuchProposal(id))?;
        if p.author == Seat::Delegation(d) {
            return Err(RuleError::OwnProposal(id));
        }
        if self.state.answers.contains_key(&(id, d)) {
            return Err(RuleError::AlreadyAnswered(id));
        }
        Ok(p)
    }
}

/// Whether `seat` may make `command` now.
pub fn check(view: &View, seat: Seat, command: &Command) -> Result<(), RuleError> {
    let state = view.state;
    if state.is_over() {
        return Err(RuleError::TableClosed);
    }
    let phase = state.phase;
    let in_phase = |wanted: Phase| {
        if phase != wanted {
            Err(RuleError::WrongPhase(phase))
        } else if state.has_acted(seat) {
            Err(RuleError::AlreadyActed(phase))
        } else {
            Ok(())
        }
    };
    let d = match seat {
        Seat::Delegation(d) => {
            let presence = view.presence.get(d).ok_or(RuleError::UnknownSeat(d))?;
            if presence.left {
                return Err(RuleError::Left);
            }
            Some(d)
        }
        Seat::Mediator => None,
    };
    match (command, d) {
        (Command::SetStrategy { seat: target, .. }, _) => {
            if !view.by_person {
                Err(RuleError::PeopleOnly)
            } else if !view.sender_awaited {
                Err(RuleError::NotYourTurn)
            } else if *target >= view.presence.len() {
                Err(RuleError::UnknownSeat(*target))
            } else {
                Ok(())
            }
        }
        (Command::SetMediatorStrategy { .. }, _) => {
            if !view.by_person {
                Err(RuleError::PeopleOnly)
            } else if !view.sender_awaited {
                Err(RuleError::NotYourTurn)
            } else {
                Ok(())
            }
        }
        (Command::Statement { kind, text }, _) => {
            if text.trim().is_empty() || text.chars().count() > 600 {
                return Err(RuleError::BadStatement);
            }
            match d {
                Some(_) => in_phase(Phase::Statements),
                None if *kind == StatementKind::WalkoutWarning => Err(RuleError::MediatorCannotWarn),
                None => in_phase(Phase::Mediation),
            }
        }
        (Command::Mediate { package, .. }, None) => {
            in_phase(Phase::Mediation)?;
            view.package_ok(*package)
        }
        (Command::Mediate { .. }, Some(_)) => Err(RuleError::MediatorOnly),
        (Command::Pass, Some(_)) if phase == Phase::Responses => Err(RuleError::WrongPhase(phase)),
        (Command::Pass, Some(_)) if phase == Phase::Proposals => in_phase(Phase::Proposals),
        (Command::Pass, Some(_)) => in_phase(Phase::Statements),
        (Command::Pass, None) => in_phase(Phase::Mediation),
        (_, None) => Err(RuleError::DelegationsOnly),
        (Command::Propose { package }, Some(_)) => {
            in_phase(Phase::Proposals)?;
            view.package_ok(*package)
        }
        (Command::Accept { proposal }, Some(d)) => {
            in_phase(Phase::Responses)?;
            let p = view.standing(*proposal, d)?;
            view.own_red_lines(p.package)
        }
        (Command::Reject { proposal, .. }, Some(d)) => {
            in_phase(Phase::Responses)?;
            view.standing(*proposal, d).map(|_| ())
        }
        (Command::Counter { proposal, package }, Some(d)) => {
            in_phase(Phase::Responses)?;
            view.standing(*proposal, d)?;
            if state.queued.iter().any(|q| q.author == seat) {
                return Err(RuleError::AlreadyCountered);
            }
            view.package_ok(*package)
        }
        (Command::AskMediator, Some(_)) => {
            in_phase(Phase::Statements)?;
            if state.mediator_asked {
                Err(RuleError::AlreadyAsked)
            } else {
                Ok(())
            }
        }
        (Command::RequestRecess, Some(d)) => {
            in_phase(Phase::Statements)?;
            if view.presence[d].recess_used {
                Err(RuleError::RecessUsed)
            } else {
                Ok(())
            }
        }
        (Command::WalkOut { .. }, Some(_)) => {
            if phase == Phase::Opening {
                Err(RuleError::WrongPhase(phase))
            } else {
                Ok(())
            }
        }
    }
}

/// How much a statement moves the room: (tension, others' trust in the speaker, others' patience).
fn statement_weight(kind: StatementKind) -> (f64, f64, f64) {
    match kind {
        StatementKind::Conciliatory => (-0.04, 0.03, 0.02),
        StatementKind::Firm => (0.02, 0.0, 0.0),
        StatementKind::Threat => (0.08, -0.05, -0.04),
        StatementKind::WalkoutWarning => (0.05, -0.02, -0.02),
    }
}

/// The Events an allowed move produces, in order.
pub fn consequences(view: &View, seat: Seat, command: &Command) -> Vec<Event> {
    let state = view.state;
    let n = view.presence.len();
    let mut events = Vec::new();
    let d = match seat {
        Seat::Delegation(d) => d,
        Seat::Mediator => n,
    };
    let proposal = |round: u32, package: Package, explanation: Vec<String>| Proposal {
        id: state.next_proposal,
        round,
        author: seat,
        package,
        explanation,
    };
    match command {
        Command::Statement { kind, text } => {
            events.push(Event::Statement {
                seat,
                kind: *kind,
                text: text.clone(),
            });
            let (tension, trust, patience) = statement_weight(*kind);
            if tension != 0.0 {
                events.push(Event::Changed {
                    effect: Effect::Tension { change: tension },
                });
            }
            for other in view.present().filter(|&o| o != d) {
                if trust != 0.0 {
                    events.push(Event::Changed {
                        effect: Effect::Trust {
                            from: other,
                            towards: d,
                            change: trust,
                        },
                    });
                }
                if patience != 0.0 {
                    events.push(Event::Changed {
                        effect: Effect::Patience {
                            seat: other,
                            change: patience,
                        },
                    });
                }
            }
        }
        Command::Propose { package } => events.push(Event::Proposed {
            proposal: proposal(state.round, *package, vec![]),
        }),
        Command::Mediate { package, explanation } => events.push(Event::Proposed {
            proposal: proposal(state.round, *package, explanation.clone()),
        }),
        Command::Accept { proposal } => events.push(Event::Accepted {
            seat: d,
            proposal: *proposal,
        }),
        Command::Reject { proposal, reason } => events.push(Event::Rejected {
            seat: d,
            proposal: *proposal,
            reason: reason.clone(),
        }),
        Command::Counter { proposal: id, package } => {
            events.push(Event::Rejected {
                seat: d,
                proposal: *id,
                reason: Reason::Said("we table a counter-proposal".into()),
            });
            events.push(Event::Proposed {
                proposal: proposal(state.round + 1, *package, vec![]),
            });
        }
        Command::AskMediator => events.push(Event::MediatorAsked { seat: d }),
        Command::RequestRecess => {
            events.push(Event::Recess { seat: d });
            events.push(Event::Changed {
                effect: Effect::Tension { change: -0.1 },
            });
            for o in view.present() {
                events.push(Event::Changed {
                    effect: Effect::Patience { seat: o, change: 0.08 },
                });
            }
        }
        Command::WalkOut { reason } => {
            events.push(Event::WalkedOut {
                seat: d,
                reason: reason.clone(),
            });
            if view.present().filter(|&o| o != d).count() < 2 {
                events.push(Event::Concluded {
                    outcome: Outcome::Walkout { seat: d },
                });
            }
        }
        Command::Pass => events.push(Event::Passed { seat }),
        Command::SetStrategy { seat, strategy } => events.push(Event::StrategySet {
            seat: *seat,
            strategy: *strategy,
        }),
        Command::SetMediatorStrategy { strategy } => events.push(Event::MediatorStrategySet { strategy: *strategy }),
    }
    events
}

/// A delegation's changing state, as the rules mutate it.
#[derive(QueryData)]
#[query_data(mutable)]
pub struct SeatStateMut {
    pub reservation: &'static mut Reservation,
    pub patience: &'static mut Patience,
    pub trust: &'static mut Trust,
    pub presence: &'static mut Presence,
}

/// Applies one Event. This is the only place table state changes.
pub fn apply(state: &mut TableState, table: &Table, seats: &mut Query<SeatStateMut, With<Delegation>>, event: &Event) {
    let n = table.seats.len();
    macro_rules! seat {
        ($d:expr) => {
            table.seats.get($d).and_then(|&e| seats.get_mut(e).ok())
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
            if *phase == Phase::Proposals {
                // A delegation that countered last round has already tabled its proposal for this one.
                for p in &state.proposals {
                    state.acted |= seat_bit(p.author);
                }
            }
        }
        Event::Changed { effect } => match *effect {
            Effect::WalkAway { seat: d, change } => {
                if let Some(mut s) = seat!(d) {
                    s.reservation.0 = (s.reservation.0 + change).clamp(0.0, 1.0);
                }
            }
            Effect::Patience { seat: d, change } => {
                if let Some(mut s) = seat!(d) {
                    s.patience.0 = (s.patience.0 + change).clamp(0.0, 1.0);
                }
            }
            Effect::Trust { from, towards, change } => {
                if let Some(mut s) = seat!(from)
                    && let Some(t) = s.trust.0.get_mut(towards.min(n))
                {
                    *t = (*t + change).clamp(0.0, 1.0);
                }
            }
            Effect::Tension { change } => state.tension = (state.tension + change).clamp(0.0, 1.0),
        },
        Event::Statement { seat: who, kind, .. } => {
            if let Seat::Delegation(d) = who {
                state.acted |= seat_bit(*who);
                if *kind == StatementKind::Threat
                    && let Some(t) = state.threatened.get_mut(*d)
                {
                    *t = state.round;
                }
                if *kind == StatementKind::WalkoutWarning
                    && let Some(mut s) = seat!(*d)
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
            if let Some(mut s) = seat!(*d) {
                s.presence.recess_used = true;
            }
        }
        Event::WalkedOut { seat: d, .. } => {
            state.acted |= seat_bit(Seat::Delegation(*d));
            if let Some(mut s) = seat!(*d) {
                s.presence.left = true;
            }
        }
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
    }
}

/// Who made a recorded move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum By {
    Ai,
    Person,
}

/// One accepted Command, where it fell in the game, and who made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub round: u32,
    pub phase: Phase,
    pub seat: Seat,
    pub by: By,
    pub command: Command,
}

/// Every Command a table accepted, in order: what a replay feeds again.
#[derive(Component, Debug, Clone, Default, PartialEq)]
pub struct CommandLog(pub Vec<Recorded>);

/// Tells every front end that a table recorded an Event: it is `events[index]` of the table's `Transcript`
/// (announced by position, so the Event itself is stored once).
#[derive(Message, Debug, Clone, Copy)]
pub struct EventMsg {
    pub table: Entity,
    pub index: usize,
}

/// Applies Events, records them in the transcript and tells the front ends.
#[derive(SystemParam)]
pub struct Emitter<'w> {
    events: MessageWriter<'w, EventMsg>,
}

impl Emitter<'_> {
    pub fn event(
        &mut self,
        entity: Entity,
        table: &Table,
        state: &mut TableState,
        seats: &mut Query<SeatStateMut, With<Delegation>>,
        transcript: &mut Transcript,
        event: Event,
    ) {
        apply(state, table, seats, &event);
        self.events.write(EventMsg {
            table: entity,
            index: transcript.events.len(),
        });
        transcript.events.push(event);
    }
}

/// Checks every Command sent this step, in order, and applies the allowed ones.
#[allow(clippy::too_many_arguments)]
pub fn apply_commands(
    mut commands: MessageReader<CommandMsg>,
    mut tables: Query<(&Table, &mut TableState, &mut Transcript, &mut CommandLog)>,
    mut seats: Query<SeatStateMut, With<Delegation>>,
    red_lines: Query<&RedLines>,
    controllers: Query<&Controller>,
    mut refused: MessageWriter<RefusedMsg>,
    mut emit: Emitter,
) {
    for msg in commands.read() {
        let Ok((table, mut state, mut transcript, mut log)) = tables.get_mut(msg.table) else {
            continue;
        };
        let presence: Vec<Presence> = table
            .seats
            .iter()
            .map(|&e| seats.get(e).map(|q| *q.presence).unwrap_or_default())
            .collect();
        let actor_lines = match msg.seat {
            Seat::Delegation(d) => table.seats.get(d).and_then(|&e| red_lines.get(e).ok()),
            Seat::Mediator => None,
        };
        let seat_entity = match msg.seat {
            Seat::Delegation(d) => table.seats.get(d).copied(),
            Seat::Mediator => Some(table.mediator),
        };
        let by = match seat_entity.and_then(|e| controllers.get(e).ok()) {
            Some(Controller::Human) => By::Person,
            _ => By::Ai,
        };
        let view = View {
            scenario: &table.scenario,
            state: &state,
            presence: &presence,
            red_lines: actor_lines,
            by_person: by == By::Person,
            sender_awaited: super::turn::awaits(
                table,
                &state,
                msg.seat,
                matches!(msg.seat, Seat::Delegation(d) if presence.get(d).is_some_and(|p| p.left)),
            ),
        };
        match check(&view, msg.seat, &msg.command) {
            Ok(()) => {
                log.0.push(Recorded {
                    round: state.round,
                    phase: state.phase,
                    seat: msg.seat,
                    by,
                    command: msg.command.clone(),
                });
                for event in consequences(&view, msg.seat, &msg.command) {
                    emit.event(msg.table, table, &mut state, &mut seats, &mut transcript, event);
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
