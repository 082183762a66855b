//! Where games are kept: the data folder, one autosave slot per game (so a new game never overwrites an
//! unfinished one), and the list `redline play --continue` offers.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::replay::{Replay, load_slot};
use crate::sim::command::Seat;

pub use crate::replay::data_dir;

/// The folder of saved games in progress: `<data folder>/saves`.
pub fn saves_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("saves"))
}

/// The folder of recorded games: `<data folder>/replays`.
pub fn replays_dir() -> Option<PathBuf> {
    data_dir().map(|d| d.join("replays"))
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// A file name no other file in `dir` has: `STEM.ron`, else `STEM-2.ron`, `STEM-3.ron` …
fn fresh(dir: &Path, stem: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.ron"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|k| dir.join(format!("{stem}-{k}.ron")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// The word a file name uses for a seat.
fn seat_word(scenario_seat: &str) -> String {
    scenario_seat
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// A new autosave slot in `dir` for a game of `scenario` played from `seat`.
pub fn new_slot(dir: &Path, scenario: &str, seat: &str) -> PathBuf {
    fresh(dir, &format!("{}-{}-{}", seat_word(scenario), seat_word(seat), now()))
}

/// A new file in `dir` for the recording of a game of `scenario` with `seed`.
pub fn new_recording(dir: &Path, scenario: &str, seed: u64) -> PathBuf {
    fresh(dir, &format!("game-{}-{}-seed{seed}", now(), seat_word(scenario)))
}

/// Removes a finished game's slot (its newest save and the previous one).
pub fn remove_slot(latest: &Path) {
    let (latest, previous) = crate::replay::slot_paths(latest);
    let _ = std::fs::remove_file(latest);
    let _ = std::fs::remove_file(previous);
}

/// A game in progress as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedGame {
    /// The slot (its newest file).
    pub path: PathBuf,
    /// The scenario's title (its file name when the embedded scenario no longer reads).
    pub title: String,
    /// The seats people played, by name.
    pub seats: Vec<String>,
    /// The round it stands in.
    pub round: usize,
    /// When it was last saved, as `YYYY-MM-DD HH:MM` (UTC).
    pub saved: String,
    modified: SystemTime,
}

/// The games in progress saved in `dir`, newest first, with a line for each file that could not be read.
pub fn list(dir: &Path) -> (Vec<SavedGame>, Vec<String>) {
    let mut games = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (games, problems);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| !p.to_string_lossy().ends_with(".prev.ron"))
        .collect();
    paths.sort();
    for path in paths {
        let (replay, _, _) = match load_slot(&path) {
            Ok(found) => found,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        if replay.outcome.is_some() {
            continue;
        }
        let modified = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .unwrap_or(UNIX_EPOCH);
        let (title, seats) = match replay.scenario(&path.display().to_string()) {
            Ok(s) => {
                let seats = person_seats(&replay)
                    .into_iter()
                    .map(|seat| super::lookup::seat_name(&s, seat).to_string())
                    .collect();
                (s.title.clone(), seats)
            }
            Err(_) => (replay.scenario_name.clone(), Vec::new()),
        };
        games.push(SavedGame {
            saved: date(modified),
            path,
            title,
            seats,
            round: replay.rounds() + 1,
            modified,
        });
    }
    games.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.path.cmp(&b.path)));
    (games, problems)
}

/// The seats people hold in a recording as it ends: the seat handed over in a fork, else those people sat
/// in from the start.
pub fn person_seats(r: &Replay) -> Vec<Seat> {
    if let Some(h) = &r.handover {
        return vec![h.seat];
    }
    let mut seats: Vec<Seat> = r.humans.iter().map(|&d| Seat::Delegation(d)).collect();
    if r.human_mediator {
        seats.push(Seat::Mediator);
    }
    seats
}

/// `YYYY-MM-DD HH:MM` in UTC.
pub fn date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = (secs / 86_400) as i64;
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let (year, month, day, _) = crate::sim::scenario::civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_the_calendar_does() {
        assert_eq!(date(UNIX_EPOCH), "1970-01-01 00:00");
        let may_16_2025 = UNIX_EPOCH + std::time::Duration::from_secs(1_747_396_800 - 30 * 60);
        assert_eq!(date(may_16_2025), "2025-05-16 11:30");
    }
}
