//! The session clock and the table-wide numbers: opening time, length, rounds, tension, variation.

use super::Checker;
use crate::sim::scenario::raw::RawScenario;
use crate::sim::scenario::{Clock, locate};

/// The longest session a scenario may have, in minutes: thirty days.
pub const MAX_MINUTES: u32 = 30 * 24 * 60;

/// Checks the clock, the tension and the variation, and builds the clock (opening at 00:00 if its time is bad,
/// which only matters while other problems are still being collected).
pub(super) fn check(c: &mut Checker, raw: &RawScenario) -> Clock {
    let clock_anchor = locate::key(c.src, 0, "clock").unwrap_or(0);
    let start = clock_start(&raw.clock.start);
    if start.is_none() {
        c.at_key(
            clock_anchor,
            "start",
            "clock.start",
            format!("\"{}\" is not a time", raw.clock.start),
            "write the local opening time as \"HH:MM\", e.g. \"13:35\"",
        );
    }
    let minutes = raw.clock.minutes.value;
    if minutes == 0 || minutes > MAX_MINUTES {
        c.at_key(
            clock_anchor,
            "minutes",
            "clock.minutes",
            format!("{minutes} minutes; the session lasts 1 to {MAX_MINUTES} minutes (30 days)"),
            "",
        );
    }
    let rounds = raw.clock.rounds.value;
    if !(1..=50).contains(&rounds) {
        c.at_key(
            clock_anchor,
            "rounds",
            "clock.rounds",
            format!("{rounds} rounds; write 1 to 50"),
            "",
        );
    }
    c.unit(0, "tension", "tension", raw.tension.value);
    let var_anchor = locate::key(c.src, 0, "variation").unwrap_or(0);
    c.unit(
        var_anchor,
        "patience",
        "variation.patience",
        raw.variation.patience.value,
    );
    c.unit(
        var_anchor,
        "walk_away",
        "variation.walk_away",
        raw.variation.walk_away.value,
    );
    Clock {
        start: start.unwrap_or(0),
        minutes: raw.clock.minutes.value,
        rounds,
        date: crate::sim::scenario::parse_date(&raw.date),
    }
}

/// Minutes after midnight of a "HH:MM" time.
fn clock_start(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.len() == 5).then_some(h * 60 + m)
}
