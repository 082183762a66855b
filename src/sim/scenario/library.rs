//! The tables that ship inside the binary, so the game runs from anywhere: their files, ids and a listing
//! (title, date, seats, length, what each teaches) for the scenario pickers and `redline scenarios`.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use super::{Scenario, ScenarioError};

/// One shipped table: where its file lives in the repository, and the file's text compiled in.
#[derive(Debug, Clone, Copy)]
pub struct Shelved {
    /// The file's path in the repository, e.g. `assets/scenarios/istanbul-2025.ron`; how errors name it.
    pub file: &'static str,
    /// The file's text.
    pub text: &'static str,
}

/// A file of `assets/scenarios/`, shelved with its text compiled in.
macro_rules! shelved {
    ($name:literal) => {
        Shelved {
            file: concat!("assets/scenarios/", $name),
            text: include_str!(concat!("../../../assets/scenarios/", $name)),
        }
    };
}

/// Every shipped table, in the order the pickers list them: the default first, then the two classroom cases
/// (a first lesson, then a table of six), then history by date.
pub const SHELF: &[Shelved] = &[
    Shelved {
        file: super::ISTANBUL_2025_NAME,
        text: super::ISTANBUL_2025,
    },
    shelved!("ferry-contract.ron"),
    shelved!("river-compact.ron"),
    shelved!("camp-david-1978.ron"),
    shelved!("reykjavik-1986.ron"),
    shelved!("good-friday-1998.ron"),
];

/// Shipped table `i` of the [`SHELF`], checked the first time it is asked for and kept: a game on one table
/// reads no other.
pub fn shelved(i: usize) -> &'static Arc<Scenario> {
    static LOADED: [OnceLock<Arc<Scenario>>; SHELF.len()] = [const { OnceLock::new() }; SHELF.len()];
    let s = &SHELF[i];
    // The shipped files are checked by the test suite; failing here would be a build defect.
    LOADED[i].get_or_init(|| {
        Arc::new(
            Scenario::from_ron(s.file, s.text)
                .unwrap_or_else(|e| panic!("the built-in scenario {} is invalid: {e}", s.file)),
        )
    })
}

/// Every shipped table, in shelf order.
pub fn all() -> Vec<&'static Arc<Scenario>> {
    (0..SHELF.len()).map(shelved).collect()
}

/// The shipped table with this id (`reykjavik_1986`), or whose file is named so (`reykjavik-1986`,
/// `reykjavik-1986.ron`).
pub fn find(word: &str) -> Option<Arc<Scenario>> {
    let w = word.trim().to_lowercase();
    let stem = w.strip_suffix(".ron").unwrap_or(&w).replace('-', "_");
    all().into_iter().find(|s| s.id == stem).cloned()
}

/// The ids of the shipped tables, for messages.
pub fn ids() -> Vec<&'static str> {
    all().into_iter().map(|s| s.id.as_str()).collect()
}

/// Whether `text` is the text of a shipped table (so a picker does not list its file twice).
pub fn is_shelved(text: &str) -> bool {
    SHELF.iter().any(|s| s.text == text)
}

/// A table named on a command line or in a picker: a file if one exists at `word`, else a shipped table by
/// id or file name; an error that lists the shipped ids when it is neither.
pub fn resolve(word: &Path) -> Result<Arc<Scenario>, ScenarioError> {
    if word.exists() {
        return Scenario::load(word).map(Arc::new);
    }
    if let Some(found) = word.to_str().and_then(find) {
        return Ok(found);
    }
    Err(ScenarioError::Unreadable {
        file: word.display().to_string(),
        reason: format!(
            "no such file, and no built-in table of that name (built in: {}; `redline scenarios` lists them)",
            ids().join(", ")
        ),
    })
}

/// What a picker shows of a table before it is chosen: never how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// The id, which `--scenario` takes.
    pub id: String,
    /// The title.
    pub title: String,
    /// The date, as the file gives it.
    pub date: String,
    /// The delegations' seats.
    pub seats: Vec<String>,
    /// Who holds the mediator's chair.
    pub chair: String,
    /// How long it plays: rounds, and the time the session spans.
    pub length: String,
    /// What it teaches, in a line.
    pub teaches: String,
}

impl Listing {
    /// The listing of a table.
    pub fn of(s: &Scenario) -> Listing {
        Listing {
            id: s.id.clone(),
            title: s.title.clone(),
            date: s.date.clone(),
            seats: s.delegations.iter().map(|d| d.name.clone()).collect(),
            chair: s.mediator.name.clone(),
            length: length(s),
            teaches: s.teaches.clone(),
        }
    }

    /// The seats in a line: "Ukraine, Russia; chair: Türkiye".
    pub fn seats_line(&self) -> String {
        format!("{}; chair: {}", self.seats.join(", "), self.chair)
    }
}

/// "8 rounds, 105 minutes at the table" or "26 rounds over 13 days".
fn length(s: &Scenario) -> String {
    let rounds = s.clock.rounds;
    let minutes = s.clock.minutes;
    let span = if minutes >= 24 * 60 {
        format!("over {} days", minutes.div_ceil(24 * 60))
    } else if minutes >= 120 {
        format!("over {} hours", (minutes + 30) / 60)
    } else {
        format!("over {minutes} minutes")
    };
    format!("{rounds} round{} {span}", if rounds == 1 { "" } else { "s" })
}
