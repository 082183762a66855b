//! Scheduled events: each fires in a round of the session, comes from a known party, and changes
//! only delegations (and the mediator, for trust) that sit at the table.

use super::Checker;
use super::seats::Seats;
use crate::sim::scenario::raw::{RawEffect, RawScenario};
use crate::sim::scenario::{Effect, ScheduledEvent, Voice, locate};

/// The most scheduled events a scenario may have.
pub const MAX_EVENTS: usize = 500;

/// Checks the scheduled events against the session's `rounds` and builds those from a known party.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, seats: &Seats, rounds: u32) -> Vec<ScheduledEvent> {
    let n = seats.delegations;
    let mut events = Vec::new();
    let ev_anchor = locate::key(c.src, 0, "events").unwrap_or(0);
    if raw.events.len() > MAX_EVENTS {
        c.at(
            ev_anchor,
            None,
            "events",
            format!("{} scheduled events; at most {MAX_EVENTS}", raw.events.len()),
            "keep the events that change the table; a session has few rounds",
        );
    }
    // Events are found one after the other, each after the previous one's `round:`.
    let mut ev_from = ev_anchor;
    for (e, ev) in raw.events.iter().enumerate() {
        let path = format!("events[{e}]");
        let ea = locate::key(c.src, ev_from, "round").unwrap_or(ev_from);
        ev_from = ea + 1;
        if !(1..=rounds.max(1)).contains(&ev.round) {
            c.at(
                ea,
                None,
                &format!("{path}.round"),
                format!("round {} is not in 1..={rounds}", ev.round),
                "fire the event in a round of the session",
            );
        }
        let voice = seats.voice(ev.actor.as_str());
        if voice.is_none() {
            c.at_key(
                ea,
                "actor",
                &format!("{path}.actor"),
                format!("\"{}\" is not an outside actor, delegation or mediator", ev.actor),
                "name an id from outside_actors, delegations or the mediator",
            );
        }
        let mut effects = Vec::new();
        for (k, eff) in ev.effects.iter().enumerate() {
            let epath = format!("{path}.effects[{k}]");
            let seat = |c: &mut Checker, id: &str| {
                let s = seats.seat_of(id);
                if s.is_none() {
                    c.at(
                        ea,
                        Some(&format!("\"{id}\"")),
                        &epath,
                        format!("\"{id}\" is not a delegation"),
                        "effects change a delegation at the table",
                    );
                }
                s
            };
            let change = match eff {
                RawEffect::WalkAway { change, .. }
                | RawEffect::Patience { change, .. }
                | RawEffect::Trust { change, .. }
                | RawEffect::Tension { change } => *change,
            };
            if !(-1.0..=1.0).contains(&change) {
                c.at(
                    ea,
                    None,
                    &epath,
                    format!("change {change} is outside -1..=1"),
                    "changes are small steps on a 0..1 scale",
                );
            }
            let effect = match eff {
                RawEffect::WalkAway { delegation, change } => seat(c, delegation).map(|s| Effect::WalkAway {
                    seat: s,
                    change: *change,
                }),
                RawEffect::Patience { delegation, change } => seat(c, delegation).map(|s| Effect::Patience {
                    seat: s,
                    change: *change,
                }),
                RawEffect::Trust { from, towards, change } => {
                    let f = seat(c, from);
                    let t = match seats.voice(towards.as_str()) {
                        Some(Voice::Delegation(t)) => Some(t),
                        Some(Voice::Mediator) => Some(n),
                        _ => {
                            c.at(
                                ea,
                                Some(&format!("\"{towards}\"")),
                                &epath,
                                format!("\"{towards}\" is not a delegation or the mediator"),
                                "trust is held towards delegations and the mediator",
                            );
                            None
                        }
                    };
                    f.zip(t).map(|(from, towards)| Effect::Trust {
                        from,
                        towards,
                        change: *change,
                    })
                }
                RawEffect::Tension { change } => Some(Effect::Tension { change: *change }),
            };
            effects.extend(effect);
        }
        if let Some(voice) = voice {
            events.push(ScheduledEvent {
                round: ev.round,
                voice,
                headline: ev.headline.clone(),
                text: ev.text.clone(),
                effects,
            });
        }
    }
    events
}
