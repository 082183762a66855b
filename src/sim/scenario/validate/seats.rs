//! Who sits where: the number of delegations, one id per party (delegations, mediator, outside actors),
//! the mediator's chair and the outside actors.

use std::collections::BTreeMap;

use super::Checker;
use crate::sim::delegation::Person;
use crate::sim::scenario::raw::{RawMediatorStrategy, RawPerson, RawScenario};
use crate::sim::scenario::{ActorSpec, MediatorSpec, MediatorStrategy, Voice, locate};

/// The parties of a scenario by id, and where in the text each delegation and the mediator begin.
pub(super) struct Seats<'a> {
    /// Party id -> who it is (the first one, if an id is used twice: that is reported already).
    voices: BTreeMap<&'a str, Voice>,
    /// Where each delegation's entry begins, by seat.
    pub(super) delegation_anchor: Vec<usize>,
    /// Where the `mediator:` field is.
    pub(super) mediator_anchor: usize,
    /// How many delegations sit at the table; the mediator's number in trust tables.
    pub(super) delegations: usize,
}

impl Seats<'_> {
    /// Who the party with this id is.
    pub(super) fn voice(&self, id: &str) -> Option<Voice> {
        self.voices.get(id).copied()
    }

    /// The seat of the delegation with this id.
    pub(super) fn seat_of(&self, id: &str) -> Option<usize> {
        match self.voices.get(id) {
            Some(Voice::Delegation(d)) => Some(*d),
            _ => None,
        }
    }
}

/// Checks the number of delegations and that every party has its own, well-formed id.
pub(super) fn check<'a>(c: &mut Checker, raw: &'a RawScenario) -> Seats<'a> {
    if !(2..=8).contains(&raw.delegations.len()) {
        c.at_key(
            0,
            "delegations",
            "delegations",
            format!("{} delegations; a table needs 2 to 8", raw.delegations.len()),
            "",
        );
    }
    let mut voices: BTreeMap<&str, Voice> = BTreeMap::new();
    let deleg_anchor: Vec<usize> = raw
        .delegations
        .iter()
        .map(|d| locate::field_value(c.src, 0, "id", &d.id).unwrap_or(0))
        .collect();
    let med_anchor = locate::key(c.src, 0, "mediator").unwrap_or(0);
    let actor_anchor: Vec<usize> = raw
        .outside_actors
        .iter()
        .map(|a| locate::field_value(c.src, 0, "id", &a.id).unwrap_or(0))
        .collect();
    let mut seat_ids: Vec<(usize, String, &str, Voice)> = Vec::new();
    for (d, del) in raw.delegations.iter().enumerate() {
        seat_ids.push((
            deleg_anchor[d],
            format!("delegations[{d}]"),
            &del.id,
            Voice::Delegation(d),
        ));
    }
    seat_ids.push((med_anchor, "mediator".into(), &raw.mediator.id, Voice::Mediator));
    for (a, act) in raw.outside_actors.iter().enumerate() {
        seat_ids.push((
            actor_anchor[a],
            format!("outside_actors[{a}]"),
            &act.id,
            Voice::Outside(a),
        ));
    }
    for (anchor, path, id, voice) in &seat_ids {
        c.id(*anchor, path, id);
        if voices.contains_key(*id) {
            c.at(
                *anchor,
                None,
                path,
                format!("id \"{id}\" is used by another delegation, the mediator or an outside actor"),
                "give every party its own id",
            );
        } else {
            voices.insert(id, *voice);
        }
    }
    Seats {
        voices,
        delegation_anchor: deleg_anchor,
        mediator_anchor: med_anchor,
        delegations: raw.delegations.len(),
    }
}

/// Checks that the mediator's first proposal falls in one of the session's `rounds`, and builds its chair.
pub(super) fn mediator(
    c: &mut Checker,
    raw: &RawScenario,
    seats: &Seats,
    rounds: u32,
    index: &super::issues::IssueIndex,
) -> MediatorSpec {
    let fpr = raw.mediator.first_proposal_round.value;
    if !(1..=rounds.max(1)).contains(&fpr) {
        c.at_key(
            seats.mediator_anchor,
            "first_proposal_round",
            "mediator.first_proposal_round",
            format!("round {fpr} is not in 1..={rounds}"),
            "name a round of the session",
        );
    }
    MediatorSpec {
        id: raw.mediator.id.clone(),
        name: raw.mediator.name.clone(),
        native: raw.mediator.native.clone(),
        delegates: raw.mediator.delegates.iter().map(person).collect(),
        strategy: match raw.mediator.strategy {
            RawMediatorStrategy::SplitTheDifference => MediatorStrategy::SplitTheDifference,
            RawMediatorStrategy::NashBargaining => MediatorStrategy::NashBargaining,
            RawMediatorStrategy::KalaiSmorodinsky => MediatorStrategy::KalaiSmorodinsky,
            RawMediatorStrategy::AdjustedWinner => MediatorStrategy::AdjustedWinner,
            RawMediatorStrategy::SingleNegotiatingText => MediatorStrategy::SingleNegotiatingText,
            RawMediatorStrategy::ConfidenceBuilding => MediatorStrategy::ConfidenceBuilding,
        },
        first_proposal_round: fpr,
        red_lines: super::red_lines::check_lines(
            c,
            &raw.mediator.red_lines,
            &raw.mediator.id,
            seats.mediator_anchor,
            "mediator",
            index,
        ),
    }
}

/// The outside actors, who need no checks beyond their ids.
pub(super) fn actors(raw: &RawScenario) -> Vec<ActorSpec> {
    raw.outside_actors
        .iter()
        .map(|a| ActorSpec {
            id: a.id.clone(),
            name: a.name.clone(),
            people: a.people.iter().map(person).collect(),
            stance: a.stance.clone(),
        })
        .collect()
}

/// A person of a delegation, the mediator's team or an outside actor.
pub(super) fn person(p: &RawPerson) -> Person {
    Person {
        name: p.name.clone(),
        native: p.native.clone(),
        role: p.role.clone(),
    }
}
