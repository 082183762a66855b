//! `check`: whether a seat may make a move now, and if not, why not in a player's words. The same dry run
//! enables the window's buttons, lists the terminal's open moves and refuses a move that arrives too late.

use super::RuleError;
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::{Controller, StatementKind};
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;
use crate::sim::transcript::Proposal;
use crate::sim::turn::{Phase, awaits, mediator_proposes};

/// The longest statement the table hears, in characters.
pub const MAX_STATEMENT: usize = 600;

/// What the rules see of a table when they judge a move: its scenario and its state.
#[derive(Clone, Copy)]
pub struct View<'a> {
    /// The scenario the table plays.
    pub scenario: &'a Scenario,
    /// The table as it stands.
    pub state: &'a TableState,
}

impl View<'_> {
    /// The delegations still at the table.
    pub fn present(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.state.seats.len()).filter(|&d| !self.state.has_left(d))
    }

    fn package_ok(&self, seat: Seat, package: Package) -> Result<(), RuleError> {
        if !package.fits(&self.scenario.issues) {
            return Err(RuleError::BadPackage);
        }
        if package.is_open() {
            return Err(RuleError::EmptyPackage);
        }
        let issues = &self.scenario.issues;
        if let Some((i, o, _)) = crate::sim::issue::broken_term(issues, package) {
            return Err(RuleError::BrokenTerms(
                crate::sim::issue::describe_term(issues, i, o).unwrap_or_default(),
            ));
        }
        if seat == Seat::Mediator {
            let crossed: Vec<String> = self
                .scenario
                .mediator
                .red_lines
                .iter()
                .filter(|l| l.crossed_by(package))
                .map(|l| format!("{} ({})", l.why, l.describe(issues)))
                .collect();
            if !crossed.is_empty() {
                return Err(RuleError::ChairLine(crossed.join("; ")));
            }
        }
        self.own_red_lines(seat, package)
    }

    /// Every red line of the seat's delegation that `package` crosses, as one refusal.
    fn own_red_lines(&self, seat: Seat, package: Package) -> Result<(), RuleError> {
        let Seat::Delegation(d) = seat else { return Ok(()) };
        let Some(del) = self.scenario.delegations.get(d) else {
            return Ok(());
        };
        let crossed: Vec<String> = del
            .all_crossed(package)
            .map(|l| format!("{} ({})", l.why, l.describe(&self.scenario.issues)))
            .collect();
        if crossed.is_empty() {
            Ok(())
        } else {
            Err(RuleError::CrossesRedLine(crossed.join("; ")))
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
    if seat == Seat::Facilitator || command.is_facilitators() {
        return facilitator(view, seat, command);
    }
    if state.paused {
        return Err(RuleError::Paused);
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
            let s = state.seats.get(d).ok_or(RuleError::UnknownSeat(d))?;
            if s.presence.left {
                return Err(RuleError::Left);
            }
            Some(d)
        }
        Seat::Mediator => None,
        Seat::Facilitator => return Err(RuleError::FacilitatorNegotiates),
    };
    let by_person = state.controllers.of(seat) == Controller::Human;
    match (command, d) {
        (Command::SetStrategy { seat: target, .. }, _) => {
            if !by_person {
                Err(RuleError::PeopleOnly)
            } else if !awaits(view.scenario, state, seat) {
                Err(RuleError::NotYourTurn)
            } else if *target >= state.seats.len() {
                Err(RuleError::UnknownSeat(*target))
            } else if state.controllers.of(Seat::Delegation(*target)) == Controller::Human {
                Err(RuleError::PlayedByPerson)
            } else {
                Ok(())
            }
        }
        (Command::SetMediatorStrategy { .. }, _) => {
            if !by_person {
                Err(RuleError::PeopleOnly)
            } else if !awaits(view.scenario, state, seat) {
                Err(RuleError::NotYourTurn)
            } else if state.controllers.of(Seat::Mediator) == Controller::Human {
                Err(RuleError::PlayedByPerson)
            } else {
                Ok(())
            }
        }
        (Command::Statement { kind, text }, _) => {
            if text.trim().is_empty() {
                return Err(RuleError::EmptyStatement);
            }
            let length = text.chars().count();
            if length > MAX_STATEMENT {
                return Err(RuleError::StatementTooLong(length));
            }
            match d {
                Some(_) => in_phase(Phase::Statements),
                None if *kind == StatementKind::WalkoutWarning => Err(RuleError::MediatorCannotWarn),
                None => {
                    in_phase(Phase::Mediation)?;
                    if state.spoke {
                        Err(RuleError::AlreadySpoke)
                    } else {
                        Ok(())
                    }
                }
            }
        }
        (Command::Mediate { package, .. }, None) => {
            in_phase(Phase::Mediation)?;
            view.package_ok(seat, *package)
        }
        (Command::Mediate { .. }, Some(_)) => Err(RuleError::MediatorOnly),
        (Command::Pass, Some(d)) if phase == Phase::Responses => {
            if state.unanswered(d).next().is_none() {
                Err(RuleError::NothingToAnswer)
            } else {
                Ok(())
            }
        }
        (Command::Pass, Some(_)) if phase == Phase::Proposals => in_phase(Phase::Proposals),
        (Command::Pass, Some(_)) => in_phase(Phase::Statements),
        (Command::Pass, None) => in_phase(Phase::Mediation),
        (_, None) => Err(RuleError::DelegationsOnly),
        (Command::Propose { package }, Some(_)) => {
            in_phase(Phase::Proposals)?;
            view.package_ok(seat, *package)
        }
        (Command::Accept { proposal }, Some(d)) => {
            in_phase(Phase::Responses)?;
            let p = view.standing(*proposal, d)?;
            view.own_red_lines(seat, p.package)
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
            view.package_ok(seat, *package)
        }
        (Command::AskMediator, Some(_)) => {
            in_phase(Phase::Statements)?;
            if state.mediator_asked {
                Err(RuleError::AlreadyAsked)
            } else if mediator_proposes(view.scenario, state) {
                Err(RuleError::MediatorProposesAnyway)
            } else {
                Ok(())
            }
        }
        (Command::RequestRecess, Some(d)) => {
            in_phase(Phase::Statements)?;
            if state.seats[d].presence.recess_used {
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
        // Handled before the seat is looked at.
        (_, Some(_)) => Err(RuleError::FacilitatorOnly),
    }
}

/// The longest headline of a facilitator's own inject, in characters.
pub const MAX_HEADLINE: usize = 200;

/// Whether the facilitator may make `command` now (and that nobody else makes a facilitator's move).
fn facilitator(view: &View, seat: Seat, command: &Command) -> Result<(), RuleError> {
    let state = view.state;
    if seat != Seat::Facilitator {
        return Err(RuleError::FacilitatorOnly);
    }
    let n = state.seats.len();
    let ai_seat = |target: Seat| match target {
        Seat::Facilitator => Err(RuleError::NotASeat),
        Seat::Delegation(d) if d >= n => Err(RuleError::UnknownSeat(d)),
        Seat::Delegation(d) if state.has_left(d) => Err(RuleError::Left),
        _ if state.controllers.of(target) == Controller::Human => Err(RuleError::PlayedByPerson),
        _ => Ok(()),
    };
    match command {
        Command::Pause if state.paused => Err(RuleError::AlreadyPaused),
        Command::Resume if !state.paused => Err(RuleError::NotPaused),
        Command::Pause | Command::Resume | Command::EndTalks => Ok(()),
        Command::Inject { index } => {
            let count = view.scenario.injects.len();
            if *index < count {
                Ok(())
            } else {
                Err(RuleError::NoSuchInject(index.saturating_add(1), count))
            }
        }
        Command::InjectCustom { headline, effect } => custom_inject(n, headline, effect),
        Command::SetClock { rounds } => {
            let now = state.round.max(1);
            if (now..=50).contains(rounds) {
                Ok(())
            } else {
                Err(RuleError::ClockOutOfRange(*rounds, now))
            }
        }
        Command::TakeSeat { seat } => ai_seat(*seat).map_err(|e| match e {
            RuleError::PlayedByPerson => RuleError::SeatTaken,
            other => other,
        }),
        Command::HandBack { seat } => {
            if state.taken_by_facilitator(*seat) {
                Ok(())
            } else {
                Err(RuleError::NotTaken)
            }
        }
        Command::SetStrategy { seat, .. } => ai_seat(Seat::Delegation(*seat)),
        Command::SetMediatorStrategy { .. } => ai_seat(Seat::Mediator),
        _ => Err(RuleError::FacilitatorNegotiates),
    }
}

/// Whether a facilitator's own inject can be read to a table of `n` delegations.
fn custom_inject(n: usize, headline: &str, effect: &crate::sim::scenario::Effect) -> Result<(), RuleError> {
    use crate::sim::scenario::Effect;
    let bad = |why: &str| Err(RuleError::BadInject(why.into()));
    if headline.trim().is_empty() {
        return bad("give it a headline the table reads");
    }
    if headline.chars().count() > MAX_HEADLINE {
        return bad("the headline is longer than 200 characters; say it in fewer words");
    }
    let (seats, change) = match *effect {
        Effect::WalkAway { seat, change } | Effect::Patience { seat, change } => (vec![seat], change),
        Effect::Trust { from, towards, change } => {
            if towards > n || towards == from {
                return bad("trust is held towards another delegation at the table or the mediator");
            }
            (vec![from], change)
        }
        Effect::Tension { change } => (vec![], change),
    };
    if seats.iter().any(|&d| d >= n) {
        return bad("it names a delegation this table does not have");
    }
    if !change.is_finite() || !(-1.0..=1.0).contains(&change) {
        return bad("a change is a step between -1 and 1 on a 0 to 1 scale");
    }
    Ok(())
}
