//! Every way outside text reaches Redline, one function each: a scenario file, a scenario played, a
//! replay, a save, and lines typed in the terminal. Each answers with a report or a game and never panics;
//! the fuzz targets in `fuzz/` and the corpus test in `tests/` call these, so both try the same paths a
//! user's file or keyboard takes.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use crate::replay::{Replay, play_back_or_as_recorded, verify};
use crate::sim::scenario::Scenario;

/// What became of one input: refused with a report, or taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Refused; the report as a user reads it.
    Refused(String),
    /// Taken: read, played or continued.
    Taken,
}

/// The report a user reads for an error, drawn as the command line draws it (with the source excerpt).
pub fn report(e: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    if miette::GraphicalReportHandler::new()
        .render_report(&mut out, e)
        .is_err()
    {
        let _ = write!(out, "{e}");
    }
    out
}

/// Checks scenario bytes as `redline check` does: the report of a refusal drawn, or the warnings of a
/// scenario that passes written out.
pub fn check_scenario(bytes: &[u8]) -> Answer {
    match Scenario::from_bytes("input.ron", bytes) {
        Ok(s) => {
            for warning in crate::sim::scenario::warnings(&s) {
                let _ = warning.to_string();
            }
            Answer::Taken
        }
        Err(e) => Answer::Refused(report(&e)),
    }
}

/// Checks scenario bytes and, when they pass, plays one whole game on them with every seat in the AI's
/// hands (at most the scenario's rounds, at most 50).
pub fn simulate_scenario(bytes: &[u8], seed: u64) -> Answer {
    match Scenario::from_bytes("input.ron", bytes) {
        Ok(s) => {
            crate::sim::batch::play(&Arc::new(s), seed);
            Answer::Taken
        }
        Err(e) => Answer::Refused(report(&e)),
    }
}

/// Reads a replay as `redline replay` reads a file, verifies it, and plays it back to its second round (as `replay --fork-at 2` would).
pub fn replay(bytes: &[u8]) -> Answer {
    let replay = match Replay::from_bytes("input.ron", bytes) {
        Ok(r) => r,
        Err(e) => return Answer::Refused(report(&e)),
    };
    let verified = verify(&replay, "input.ron");
    let played = play_back_or_as_recorded(&replay, "input.ron", Some(2));
    match (verified, played) {
        (Ok(_), Ok(_)) => Answer::Taken,
        (Err(e), _) | (_, Err(e)) => Answer::Refused(report(&e)),
    }
}

/// A folder of this call's own for a save slot (calls may run at once on several threads).
fn slot_folder() -> PathBuf {
    static CALLS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir().join(format!("redline-intake-{}-{call}", std::process::id()))
}

/// Writes bytes as the newest save of a slot (with no previous one) and continues that game as
/// `redline play --continue` does, then leaves it at once, which saves it again.
pub fn save(bytes: &[u8]) -> Answer {
    let dir = slot_folder();
    if std::fs::create_dir_all(&dir).is_err() {
        return Answer::Refused("no folder for the save".into());
    }
    let latest = dir.join("game.ron");
    let (_, previous) = crate::replay::slot_paths(&latest);
    let _ = std::fs::remove_file(&previous);
    if std::fs::write(&latest, bytes).is_err() {
        return Answer::Refused("the save could not be written".into());
    }
    let answer = match crate::play::sitting::continue_slot(&latest, None) {
        Ok(continued) => {
            let mut nothing = std::io::empty();
            match crate::terminal::resume(continued.sitting, &mut nothing, &mut std::io::sink()) {
                Ok(()) => Answer::Taken,
                Err(e) => Answer::Refused(report(&e)),
            }
        }
        Err(e) => Answer::Refused(report(&e)),
    };
    let _ = std::fs::remove_dir_all(&dir);
    answer
}

/// Types `bytes` into the terminal game, line by line, as Ukraine at the Istanbul table (seed 1), with no
/// save slot or recording; the game goes until the lines or the table end.
pub fn terminal(bytes: &[u8]) -> Answer {
    let options = crate::terminal::Options {
        seat: Some("ukraine".into()),
        seed: 1,
        ..Default::default()
    };
    let mut input = bytes;
    match crate::terminal::run(&options, &mut input, &mut std::io::sink()) {
        Ok(()) => Answer::Taken,
        Err(e) => Answer::Refused(report(&e)),
    }
}
