//! Scheduled events: each fires in a round of the session, comes from a known party, and changes
//! only delegations (and the mediator, for trust) that sit at the table.

use super::Checker;
use super::seats::Seats;
use crate::sim::scenario::raw::{RawEffect, RawScenario};
use crate::sim::scenario::{Clock, Effect, ScheduledEvent, Voice, locate, parse_date};

/// The most scheduled events a scenario may have.
pub const MAX_EVENTS: usize = 500;

/// Checks the scheduled events against the session's `rounds` and builds those from a known party.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, seats: &Seats, clock: &Clock) -> Vec<ScheduledEvent> {
    let rounds = clock.rounds;
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
        let by_time = !ev.at.is_empty();
        let ea = locate::key(c.src, ev_from, if by_time { "at" } else { "round" }).unwrap_or(ev_from);
        ev_from = ea + 1;
        let mut round = ev.round;
        if by_time {
            if ev.round != 0 {
                c.at(
                    ea,
                    None,
                    &path,
                    "both a round and a time".into(),
                    "give the event a `round` or an `at` time, not both",
                );
            }
            // With a clock out of range (already reported), the time cannot be placed in a round.
            match minute_at(clock, &ev.at).filter(|_| (1..=50).contains(&rounds)) {
                Some(m) if m < u64::from(clock.minutes) => round = clock.round_at(m),
                Some(_) => c.at(
                    ea,
                    None,
                    &format!("{path}.at"),
                    format!("\"{}\" is after the session ends ({})", ev.at, clock.end_time()),
                    "fire the event while the talks are in session",
                ),
                None => c.at(
                    ea,
                    None,
                    &format!("{path}.at"),
                    format!("\"{}\" is not a time of the session", ev.at),
                    "write \"HH:MM\" on the first day, \"day N, HH:MM\", or \"YYYY-MM-DD HH:MM\" (from the opening on)",
                ),
            }
        } else if !(1..=rounds.max(1)).contains(&ev.round) {
            c.at(
                ea,
                None,
                &format!("{path}.round"),
                format!("round {} is not in 1..={rounds}", ev.round),
                "fire the event in a round of the session, or at a time (`at`)",
            );
        }
        let (voice, effects) = voice_and_effects(c, ea, &path, &ev.actor, &ev.effects, seats);
        if let Some(voice) = voice {
            events.push(ScheduledEvent {
                round,
                voice,
                headline: ev.headline.clone(),
                text: ev.text.clone(),
                effects,
            });
        }
    }
    events
}

/// Who an event or inject comes from and what it changes, each effect checked against the seats.
fn voice_and_effects(
    c: &mut Checker,
    ea: usize,
    path: &str,
    actor: &str,
    raw_effects: &[RawEffect],
    seats: &Seats,
) -> (Option<Voice>, Vec<Effect>) {
    let n = seats.delegations;
    let voice = seats.voice(actor);
    if voice.is_none() {
        c.at_key(
            ea,
            "actor",
            &format!("{path}.actor"),
            format!("\"{}\" is not an outside actor, delegation or mediator", actor),
            "name an id from outside_actors, delegations or the mediator",
        );
    }
    let mut effects = Vec::new();
    for (k, eff) in raw_effects.iter().enumerate() {
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
    (voice, effects)
}

/// The most injects a scenario may have.
pub const MAX_INJECTS: usize = 50;

/// Checks the facilitator's optional injects: each comes from a known party and changes only delegations
/// (and the mediator, for trust) that sit at the table. They fire only when the facilitator says.
pub(super) fn injects(c: &mut Checker, raw: &RawScenario, seats: &Seats) -> Vec<ScheduledEvent> {
    let anchor = locate::key(c.src, 0, "injects").unwrap_or(0);
    if raw.injects.len() > MAX_INJECTS {
        c.at(
            anchor,
            None,
            "injects",
            format!("{} injects; at most {MAX_INJECTS}", raw.injects.len()),
            "keep the injects a facilitator would really use in a class",
        );
    }
    let mut from = anchor;
    let mut injects = Vec::new();
    for (i, inject) in raw.injects.iter().enumerate() {
        let path = format!("injects[{i}]");
        let ea = locate::key(c.src, from, "headline").unwrap_or(from);
        from = ea + 1;
        if inject.headline.trim().is_empty() {
            c.at(
                ea,
                None,
                &format!("{path}.headline"),
                "the headline is empty".into(),
                "write the one line the table reads when the facilitator fires it",
            );
        }
        let (voice, effects) = voice_and_effects(c, ea, &path, &inject.actor, &inject.effects, seats);
        if let Some(voice) = voice {
            injects.push(ScheduledEvent {
                round: 0,
                voice,
                headline: inject.headline.clone(),
                text: inject.text.clone(),
                effects,
            });
        }
    }
    injects
}

/// Minutes after the opening of a time written "HH:MM" (the first day), "day N, HH:MM" or "YYYY-MM-DD HH:MM";
/// none for a time before the opening, one more than a year on, or one that is not a time.
pub(super) fn minute_at(clock: &Clock, text: &str) -> Option<u64> {
    let text = text.trim();
    let (day, time) = if let Some(rest) = text.strip_prefix("day ") {
        let (n, time) = rest.split_once(',')?;
        (
            n.trim().parse::<u64>().ok().filter(|&n| n <= 366)?.checked_sub(1)?,
            time.trim(),
        )
    } else if let Some((date, time)) = text.split_once(' ') {
        let (y, m, d) = parse_date(date)?;
        let (y0, m0, d0) = clock.date?;
        let offset = days_between((y0, m0, d0), (y, m, d));
        (u64::try_from(offset).ok().filter(|&d| d <= 366)?, time.trim())
    } else {
        (0, text)
    };
    let (h, m) = time.split_once(':')?;
    let (h, m): (u64, u64) = (h.parse().ok()?, m.parse().ok()?);
    if h >= 24 || m >= 60 || time.len() != 5 {
        return None;
    }
    (day * 24 * 60 + h * 60 + m).checked_sub(u64::from(clock.start))
}

/// Whole days from one date to another.
fn days_between(from: (i64, u32, u32), to: (i64, u32, u32)) -> i64 {
    crate::sim::scenario::days_from_civil(to.0, to.1, to.2)
        - crate::sim::scenario::days_from_civil(from.0, from.1, from.2)
}
