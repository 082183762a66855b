//! Lookups every front end needs: seats by name, the scenario files to pick from, strategy words, and the
//! few fixed phrases (a walk-out's default reason, how presence reads) said the same way everywhere.

use std::path::{Path, PathBuf};

use crate::sim::command::Seat;
use crate::sim::delegation::{Presence, Strategy};
use crate::sim::scenario::{MediatorStrategy, Scenario};

/// What a delegation says when it walks out and gives no reason of its own.
pub const DEFAULT_WALKOUT_REASON: &str = "We see no point in going on.";

/// Reads a seat by delegation id, "mediator" / the mediator's id, or its number in the seat list
/// (delegations first, then the mediator's chair).
pub fn seat_by_name(scenario: &Scenario, word: &str) -> Option<Seat> {
    let word = word.trim().to_lowercase();
    let n = scenario.delegations.len();
    if word == "mediator" || word == scenario.mediator.id {
        return Some(Seat::Mediator);
    }
    if let Some(d) = scenario.delegation_index(&word) {
        return Some(Seat::Delegation(d));
    }
    match word.parse::<usize>() {
        Ok(k) if (1..=n).contains(&k) => Some(Seat::Delegation(k - 1)),
        Ok(k) if k == n + 1 => Some(Seat::Mediator),
        _ => None,
    }
}

/// Reads a comma-separated list of seats (`ukraine,russia`), refusing unknown and repeated ones.
pub fn seats_by_name(scenario: &Scenario, words: &str) -> Result<Vec<Seat>, String> {
    let mut seats = Vec::new();
    for word in words.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let seat = seat_by_name(scenario, word).ok_or_else(|| unknown_seat(scenario, word))?;
        if seats.contains(&seat) {
            return Err(format!("\"{word}\" is named twice; name each seat once"));
        }
        seats.push(seat);
    }
    if seats.is_empty() {
        return Err(format!("name a seat: {}", seat_words(scenario)));
    }
    Ok(seats)
}

/// The words that name this table's seats, for a message.
pub fn seat_words(scenario: &Scenario) -> String {
    let mut ids: Vec<&str> = scenario.delegations.iter().map(|d| d.id.as_str()).collect();
    ids.push("mediator");
    ids.join(", ")
}

/// Why `word` names no seat, and what does.
pub fn unknown_seat(scenario: &Scenario, word: &str) -> String {
    format!(
        "no seat called \"{word}\" at this table; name one of {} (or its number, 1 to {})",
        seat_words(scenario),
        scenario.delegations.len() + 1
    )
}

/// A seat's name as the table says it.
pub fn seat_name(scenario: &Scenario, seat: Seat) -> &str {
    match seat {
        Seat::Delegation(d) => scenario.delegations.get(d).map_or("?", |x| x.name.as_str()),
        Seat::Mediator => &scenario.mediator.name,
        Seat::Facilitator => "the facilitator",
    }
}

/// How a delegation's presence reads beside its name, if there is anything to say.
pub fn presence_words(presence: Presence) -> Option<&'static str> {
    if presence.left {
        Some("has left the table")
    } else if presence.warned {
        Some("has warned it may leave")
    } else {
        None
    }
}

/// Reads a delegation strategy by its word, or says which words there are.
pub fn strategy(word: &str) -> Result<Strategy, String> {
    if let Some(e) = word.trim().to_lowercase().strip_prefix("e=")
        && Strategy::parse(word).is_none()
    {
        return Err(format!(
            "the exponent in \"e={e}\" must be a positive, finite number, e.g. e=2 (above 1 concedes late, below 1 early)"
        ));
    }
    Strategy::parse(word).ok_or_else(|| {
        let ids: Vec<String> = Strategy::CHOICES.iter().map(Strategy::id).collect();
        format!("no strategy \"{word}\"; choose from {} or e=<exponent>", ids.join(", "))
    })
}

/// Reads a mediator strategy by its word, or says which words there are.
pub fn mediator_strategy(word: &str) -> Result<MediatorStrategy, String> {
    MediatorStrategy::parse(word).ok_or_else(|| {
        let ids: Vec<&str> = MediatorStrategy::CHOICES.iter().map(|m| m.id()).collect();
        format!("no mediator strategy \"{word}\"; choose from {}", ids.join(", "))
    })
}

/// Scenario files in `folder` other than the built-in ones, for the picker, in name order.
pub fn scenario_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .filter(|p| {
                    std::fs::read_to_string(p)
                        .map(|t| !crate::sim::scenario::library::is_shelved(&t))
                        .unwrap_or(false)
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
