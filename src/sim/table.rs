//! A negotiating table: the entity that owns its delegations, issues, mediator and outside actors.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::prelude::*;
use rand::RngExt;

use super::command::Seat;
use super::delegation::{Controller, Delegation, Demands, Presence, Priorities, RedLines, Strategy};
use super::outcome::Outcome;
use super::rng::{SeatRng, TableRng, position, stream};
use super::scenario::{MediatorStrategy, Scenario};
use super::transcript::{Proposal, StateHasher, Transcript};
use super::turn::Phase;
use rand_chacha::ChaCha8Rng;

/// Marks an entity that sits at (or belongs to) a table.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
#[relationship(relationship_target = TableMembers)]
pub struct AtTable(pub Entity);

/// Everything that belongs to a table; despawning the table despawns them.
#[derive(Component, Debug, Default)]
#[relationship_target(relationship = AtTable, linked_spawn)]
pub struct TableMembers(Vec<Entity>);

/// A table: which scenario it plays, its seed, and its seats in scenario order.
#[derive(Component, Debug, Clone)]
pub struct Table {
    /// Position in a batch (0 for a single game).
    pub index: u32,
    /// The seed that varies the delegations and drives every random choice at this table.
    pub seed: u64,
    /// The scenario played, shared by every table of a batch.
    pub scenario: Arc<Scenario>,
    /// Delegation entities by seat number.
    pub seats: Vec<Entity>,
    /// The mediator's chair entity.
    pub mediator: Entity,
}

/// The mediator's chair at a table.
#[derive(Component, Debug, Clone, Copy)]
pub struct Mediator;

/// An issue on a table's agenda (index into the scenario's issues).
#[derive(Component, Debug, Clone, Copy)]
pub struct IssueOnTable {
    /// Which issue: its position in the scenario's list of issues.
    pub index: usize,
}

/// An outside actor pressing on a table (index into the scenario's actors).
#[derive(Component, Debug, Clone, Copy)]
pub struct OutsideActor {
    /// Which actor: its position in the scenario's list of outside actors.
    pub index: usize,
}

/// Commands an AI seat has decided on this step, waiting to be sent in seat order.
#[derive(Component, Debug, Clone, Default)]
pub struct Outbox(pub Vec<super::command::Command>);

/// The changing state of a table: its clock, phase, mood and what lies on it.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct TableState {
    /// The round under way, counted from 1 (0 before the talks open).
    pub round: u32,
    /// The phase of the round under way.
    pub phase: Phase,
    /// 0 (calm) to 1 (explosive).
    pub tension: f64,
    /// Proposals standing this round, by id.
    pub proposals: Vec<Proposal>,
    /// Counter-proposals waiting for the next round.
    pub queued: Vec<Proposal>,
    /// (proposal, seat) -> accepted?
    pub answers: BTreeMap<(u32, usize), bool>,
    /// Seats that have finished the current phase: bit `d` for delegation `d`, bit 31 for the mediator.
    pub acted: u32,
    /// Whether a delegation has asked the mediator to table a proposal this round.
    pub mediator_asked: bool,
    /// The number the next proposal tabled will get (proposals are numbered from 1).
    pub next_proposal: u32,
    /// How the talks ended, once they have.
    pub outcome: Option<Outcome>,
    /// Every package tabled so far, in order: what the opponent models and tit-for-tat learn from.
    pub offers: Vec<Offer>,
    /// The last round in which each delegation made a threat (0: never).
    pub threatened: Vec<u32>,
    /// Each delegation's strategy when the AI plays it; a person at the table may change it.
    pub strategies: Vec<Strategy>,
    /// How the mediator drafts its proposals when the AI has the chair; a person at the table may change it.
    pub mediator_strategy: MediatorStrategy,
    /// The objections to the mediator's latest draft: (seat, reason).
    pub objections: Vec<(usize, super::command::Reason)>,
    /// Whether the mediator has spoken in the current phase (it may speak once before it tables or passes).
    pub spoke: bool,
    /// Each delegation's changing state, by seat.
    pub seats: Vec<SeatState>,
    /// Who plays each seat: a person or the AI.
    pub controllers: Controllers,
    /// Whether the facilitator has paused the table: no seat moves and the table does not move on.
    pub paused: bool,
    /// The session's number of rounds: the scenario's, until the facilitator extends or shortens it.
    pub rounds: u32,
    /// Seats the facilitator has taken from the AI, by `seat_bit`; the facilitator's own bit once it has
    /// paused the table or moved the clock (so a game the facilitator never touched hashes as it always did).
    pub facilitated: u32,
}

/// A delegation's changing state at a table: what the rules read and write about it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatState {
    /// The walk-away value (BATNA): no deal worth less is ever accepted. Scheduled events move it.
    pub walk_away: f64,
    /// The walk-away value the delegation sat down with, to measure how far pressure has moved it.
    pub anchor: f64,
    /// How much frustration the delegation can still bear; at zero it walks out.
    pub patience: f64,
    /// Trust towards each seat at the table: delegations by seat, then the mediator.
    pub trust: Vec<f64>,
    /// Whether it is still at the table, has warned it may leave, or has used its recess.
    pub presence: Presence,
}

/// A package tabled at some point of the game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offer {
    /// The round it was tabled for.
    pub round: u32,
    /// Who tabled it: a delegation or the mediator.
    pub author: Seat,
    /// What it settled, issue by issue.
    pub package: super::issue::Package,
}

impl TableState {
    /// A table as the scenario describes it, before the seed varies anything; the AI at every seat.
    pub fn new(scenario: &Scenario) -> Self {
        let seats = scenario
            .delegations
            .iter()
            .map(|d| SeatState {
                walk_away: d.walk_away,
                anchor: d.walk_away,
                patience: d.patience,
                trust: d.trust.clone(),
                presence: Presence::default(),
            })
            .collect();
        TableState {
            seats,
            controllers: Controllers::default(),
            spoke: false,
            tension: scenario.tension,
            offers: Vec::new(),
            threatened: vec![0; scenario.delegations.len()],
            strategies: scenario.delegations.iter().map(|d| d.strategy).collect(),
            mediator_strategy: scenario.mediator.strategy,
            objections: Vec::new(),
            round: 0,
            phase: Phase::Opening,
            proposals: Vec::new(),
            queued: Vec::new(),
            answers: BTreeMap::new(),
            acted: 0,
            mediator_asked: false,
            next_proposal: 1,
            outcome: None,
            paused: false,
            rounds: scenario.clock.rounds,
            facilitated: 0,
        }
    }

    /// The table `seed` seats for `scenario`: patience and walk-away values vary from seed to seed within
    /// the scenario's `variation`, drawn from the table's stream, which is returned for the table to go on with.
    pub fn seated(scenario: &Scenario, seed: u64, controllers: &Controllers) -> (TableState, ChaCha8Rng) {
        let mut rng = stream(seed, 0);
        let mut state = TableState::new(scenario);
        for (spec, seat) in scenario.delegations.iter().zip(&mut state.seats) {
            let jitter = |rng: &mut ChaCha8Rng, spread: f64| (rng.random::<f64>() * 2.0 - 1.0) * spread;
            seat.patience = (spec.patience * (1.0 + jitter(&mut rng, scenario.patience_variation))).clamp(0.0, 1.0);
            seat.walk_away = (spec.walk_away + jitter(&mut rng, scenario.walk_away_variation)).clamp(0.0, 1.0);
            seat.anchor = seat.walk_away;
        }
        state.controllers = controllers.clone();
        (state, rng)
    }

    /// Presence of every delegation, by seat.
    pub fn presence(&self) -> Vec<Presence> {
        self.seats.iter().map(|s| s.presence).collect()
    }

    /// Walk-away values of every delegation, by seat.
    pub fn walk_aways(&self) -> Vec<f64> {
        self.seats.iter().map(|s| s.walk_away).collect()
    }

    /// Whether delegation `d` has left the table (an unknown seat counts as gone).
    pub fn has_left(&self, d: usize) -> bool {
        self.seats.get(d).is_none_or(|s| s.presence.left)
    }

    /// Whether a seat has finished the current phase.
    pub fn has_acted(&self, seat: Seat) -> bool {
        self.acted & seat_bit(seat) != 0
    }

    /// Whether the talks have ended: agreement, partial agreement, deadlock or walkout.
    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// Whether the facilitator has taken `seat` from the AI and plays it.
    pub fn taken_by_facilitator(&self, seat: Seat) -> bool {
        seat != Seat::Facilitator && self.facilitated & seat_bit(seat) != 0
    }

    /// Proposals a delegation has yet to answer this round.
    pub fn unanswered(&self, seat: usize) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .filter(move |p| p.author != Seat::Delegation(seat) && !self.answers.contains_key(&(p.id, seat)))
    }
}

/// The bit a seat has in `TableState::acted`: bit `d` for delegation `d`, bit 31 for the mediator.
pub fn seat_bit(seat: Seat) -> u32 {
    match seat {
        Seat::Delegation(d) => 1 << d,
        Seat::Mediator => 1 << 31,
        Seat::Facilitator => 1 << 30,
    }
}

/// Who is at the controls of each delegation, and of the mediator's chair.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Controllers {
    /// Delegation seats played by a person.
    pub humans: Vec<usize>,
    /// Whether a person sits in the mediator's chair.
    pub human_mediator: bool,
}

impl Controllers {
    /// One seat in a person's hands and every other seat the AI's; `None`: the AI everywhere.
    pub fn person(seat: Option<Seat>) -> Controllers {
        match seat {
            Some(Seat::Delegation(d)) => Controllers {
                humans: vec![d],
                human_mediator: false,
            },
            Some(Seat::Mediator) => Controllers {
                humans: vec![],
                human_mediator: true,
            },
            Some(Seat::Facilitator) | None => Controllers::default(),
        }
    }

    /// Puts `seat` in a person's hands or the AI's.
    pub fn set(&mut self, seat: Seat, by: Controller) {
        match seat {
            Seat::Delegation(d) => {
                self.humans.retain(|&h| h != d);
                if by == Controller::Human {
                    self.humans.push(d);
                    self.humans.sort_unstable();
                }
            }
            Seat::Mediator => self.human_mediator = by == Controller::Human,
            Seat::Facilitator => {}
        }
    }

    /// Who plays `seat`.
    pub fn of(&self, seat: Seat) -> Controller {
        let human = match seat {
            Seat::Delegation(d) => self.humans.contains(&d),
            Seat::Mediator => self.human_mediator,
            Seat::Facilitator => true,
        };
        if human { Controller::Human } else { Controller::Ai }
    }
}

impl Table {
    /// Every seat with its entity: the delegations in order, then the mediator.
    pub fn seat_entities(&self) -> impl Iterator<Item = (Seat, Entity)> + '_ {
        self.seats
            .iter()
            .enumerate()
            .map(|(d, &e)| (Seat::Delegation(d), e))
            .chain(std::iter::once((Seat::Mediator, self.mediator)))
    }
}

/// Seats a table for `scenario` with `seed`, AI everywhere except where `controllers` says.
/// Patience and walk-away values vary from seed to seed within the scenario's `variation`.
pub fn spawn_table(
    world_commands: &mut Commands,
    scenario: &Arc<Scenario>,
    seed: u64,
    index: u32,
    controllers: &Controllers,
) -> Entity {
    let s = scenario;
    let (state, table_rng) = TableState::seated(s, seed, controllers);
    let table = world_commands.spawn_empty().id();
    let n = s.delegations.len();
    let mut seats = Vec::with_capacity(n);
    for (d, spec) in s.delegations.iter().enumerate() {
        let e = world_commands
            .spawn((
                Delegation { seat: d },
                AtTable(table),
                Demands(spec.demands.clone().into()),
                Priorities {
                    weights: spec.weights.clone().into(),
                    values: spec.values.clone().into(),
                },
                RedLines(spec.red_lines.clone().into()),
                spec.posture,
                SeatRng(stream(seed, d as u64 + 1)),
                Outbox::default(),
            ))
            .id();
        seats.push(e);
    }
    let mediator = world_commands
        .spawn((
            Mediator,
            AtTable(table),
            super::mediator::DraftMemo::default(),
            SeatRng(stream(seed, n as u64 + 1)),
            Outbox::default(),
        ))
        .id();
    for index in 0..s.issues.len() {
        world_commands.spawn((IssueOnTable { index }, AtTable(table)));
    }
    for index in 0..s.actors.len() {
        world_commands.spawn((OutsideActor { index }, AtTable(table)));
    }
    world_commands.entity(table).insert((
        Table {
            index,
            seed,
            scenario: scenario.clone(),
            seats,
            mediator,
        },
        state,
        TableRng(table_rng),
        Transcript::default(),
        super::rules::CommandLog::default(),
    ));
    table
}

/// Hash of everything about a table that can influence its future: its state, the table's random stream,
/// each delegation's stream position (by seat) and the mediator's. Who plays a seat is left out, so a game
/// handed to a person hashes as the same game.
pub fn state_hash(state: &TableState, table_rng: &ChaCha8Rng, seat_rngs: &[u64], mediator_rng: u64) -> u64 {
    let mut h = StateHasher::new();
    h.u64(u64::from(state.round));
    h.u64(state.phase as u64);
    h.f64(state.tension);
    for p in state.proposals.iter().chain(&state.queued) {
        h.u64(u64::from(p.id));
        h.u64(u64::from(p.round));
        h.u64(match p.author {
            Seat::Delegation(d) => d as u64,
            Seat::Mediator => u64::MAX,
            Seat::Facilitator => u64::MAX - 1,
        });
        h.u64(p.package.bits());
    }
    for (&(p, s), &a) in &state.answers {
        h.u64(u64::from(p));
        h.u64(s as u64);
        h.u64(u64::from(a));
    }
    h.u64(u64::from(state.acted));
    h.u64(u64::from(state.mediator_asked));
    h.u64(u64::from(state.next_proposal));
    h.u64(state.offers.len() as u64);
    for &t in &state.threatened {
        h.u64(u64::from(t));
    }
    for s in &state.strategies {
        match *s {
            Strategy::TimeDependent { exponent } => h.f64(exponent),
            Strategy::TitForTat => h.u64(1),
            Strategy::Hardliner => h.u64(2),
            Strategy::Delegation => h.u64(3),
        }
    }
    h.u64(state.mediator_strategy as u64);
    h.u64(state.objections.len() as u64);
    h.u64(position(table_rng));
    h.u64(mediator_rng);
    for (s, rng) in state.seats.iter().zip(seat_rngs) {
        h.f64(s.walk_away);
        h.f64(s.patience);
        for t in &s.trust {
            h.f64(*t);
        }
        h.u64(u64::from(s.presence.left) | u64::from(s.presence.warned) << 1 | u64::from(s.presence.recess_used) << 2);
        h.u64(*rng);
    }
    if state.facilitated != 0 {
        h.u64(u64::from(state.facilitated));
        h.u64(u64::from(state.paused));
        h.u64(u64::from(state.rounds));
    }
    h.finish()
}

impl super::analysis::Parties {
    /// The delegations still at `state`'s table, with every delegation's current walk-away value.
    pub fn of(state: &TableState) -> super::analysis::Parties {
        super::analysis::Parties::at_table(&state.presence(), state.walk_aways())
    }
}
