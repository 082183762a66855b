//! A negotiating table: the entity that owns its delegations, issues, mediator and outside actors.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::prelude::*;
use rand::RngExt;

use super::command::Seat;
use super::delegation::{
    Anchor, Controller, Delegation, Demands, Patience, Presence, Priorities, RedLines, Reservation, Strategy, Trust,
};
use super::outcome::Outcome;
use super::rng::{SeatRng, TableRng, position, stream};
use super::scenario::{MediatorStrategy, Scenario};
use super::transcript::{Proposal, StateHasher, Transcript};
use super::turn::Phase;

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
    pub seed: u64,
    pub scenario: Arc<Scenario>,
    /// Delegation entities by seat number.
    pub seats: Vec<Entity>,
    pub mediator: Entity,
}

/// The mediator's chair at a table.
#[derive(Component, Debug, Clone, Copy)]
pub struct Mediator;

/// An issue on a table's agenda (index into the scenario's issues).
#[derive(Component, Debug, Clone, Copy)]
pub struct IssueOnTable {
    pub index: usize,
}

/// An outside actor pressing on a table (index into the scenario's actors).
#[derive(Component, Debug, Clone, Copy)]
pub struct OutsideActor {
    pub index: usize,
}

/// Commands an AI seat has decided on this step, waiting to be sent in seat order.
#[derive(Component, Debug, Clone, Default)]
pub struct Outbox(pub Vec<super::command::Command>);

/// The changing state of a table: its clock, phase, mood and what lies on it.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct TableState {
    pub round: u32,
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
    pub mediator_asked: bool,
    pub next_proposal: u32,
    pub outcome: Option<Outcome>,
    /// Every package tabled so far, in order: what the opponent models and tit-for-tat learn from.
    pub offers: Vec<Offer>,
    /// The last round in which each delegation made a threat (0: never).
    pub threatened: Vec<u32>,
    /// Each delegation's strategy when the AI plays it; a person at the table may change it.
    pub strategies: Vec<Strategy>,
    pub mediator_strategy: MediatorStrategy,
    /// The objections to the mediator's latest draft: (seat, reason).
    pub objections: Vec<(usize, super::command::Reason)>,
}

/// A package tabled at some point of the game.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Offer {
    pub round: u32,
    pub author: Seat,
    pub package: super::issue::Package,
}

impl TableState {
    pub fn new(scenario: &Scenario) -> Self {
        TableState {
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
        }
    }

    pub fn has_acted(&self, seat: Seat) -> bool {
        self.acted & seat_bit(seat) != 0
    }

    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// Proposals a delegation has yet to answer this round.
    pub fn unanswered(&self, seat: usize) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .filter(move |p| p.author != Seat::Delegation(seat) && !self.answers.contains_key(&(p.id, seat)))
    }
}

pub fn seat_bit(seat: Seat) -> u32 {
    match seat {
        Seat::Delegation(d) => 1 << d,
        Seat::Mediator => 1 << 31,
    }
}

/// Who is at the controls of each delegation, and of the mediator's chair.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Controllers {
    /// Delegation seats played by a person.
    pub humans: Vec<usize>,
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
            None => Controllers::default(),
        }
    }

    /// Who plays `seat`.
    pub fn of(&self, seat: Seat) -> Controller {
        let human = match seat {
            Seat::Delegation(d) => self.humans.contains(&d),
            Seat::Mediator => self.human_mediator,
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
    let mut table_rng = stream(seed, 0);
    let table = world_commands.spawn_empty().id();
    let n = s.delegations.len();
    let mut seats = Vec::with_capacity(n);
    for (d, spec) in s.delegations.iter().enumerate() {
        let jitter = |rng: &mut rand_chacha::ChaCha8Rng, spread: f64| (rng.random::<f64>() * 2.0 - 1.0) * spread;
        let patience = (spec.patience * (1.0 + jitter(&mut table_rng, s.patience_variation))).clamp(0.0, 1.0);
        let walk_away = (spec.walk_away + jitter(&mut table_rng, s.walk_away_variation)).clamp(0.0, 1.0);
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
                Reservation(walk_away),
                Anchor(walk_away),
                Patience(patience),
                Trust(spec.trust.clone()),
                spec.posture,
                Presence::default(),
                controllers.of(Seat::Delegation(d)),
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
            controllers.of(Seat::Mediator),
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
        TableState::new(s),
        TableRng(table_rng),
        Transcript::default(),
        super::rules::CommandLog::default(),
    ));
    table
}

/// The dynamic state of one delegation, as the hash sees it.
pub struct SeatSnapshot<'a> {
    pub reservation: f64,
    pub patience: f64,
    pub trust: &'a [f64],
    pub presence: Presence,
    pub rng: &'a rand_chacha::ChaCha8Rng,
}

/// Hash of everything about a table that can influence its future.
pub fn state_hash(
    state: &TableState,
    table_rng: &rand_chacha::ChaCha8Rng,
    seats: &[SeatSnapshot],
    mediator_rng: u64,
) -> u64 {
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
    for s in seats {
        h.f64(s.reservation);
        h.f64(s.patience);
        for t in s.trust {
            h.f64(*t);
        }
        h.u64(u64::from(s.presence.left) | u64::from(s.presence.warned) << 1 | u64::from(s.presence.recess_used) << 2);
        h.u64(position(s.rng));
    }
    h.finish()
}
