//! Scenarios: a `.ron` file is parsed into raw serde shapes, validated, and turned into a `Scenario` with ids.

mod locate;
pub mod raw;
mod validate;

use std::path::Path;
use std::sync::Arc;

use super::delegation::{DelegationSpec, Person, StatementKind};
use super::issue::{Issue, IssueOption, Package};
use crate::sim::transcript::fnv1a;

pub use validate::{Problem, ScenarioError};

/// The Istanbul talks of 16 May 2025, compiled in so the program runs from any folder.
pub const ISTANBUL_2025: &str = include_str!("../../../assets/scenarios/istanbul-2025.ron");
/// The file name the compiled-in scenario is reported under.
pub const ISTANBUL_2025_NAME: &str = "assets/scenarios/istanbul-2025.ron";

/// The session clock: real minutes mapped onto rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Minutes after midnight when the talks open.
    pub start: u32,
    pub minutes: u32,
    pub rounds: u32,
}

impl Clock {
    /// Local time ("HH:MM") at the start of `round` (1-based).
    pub fn time_at(&self, round: u32) -> String {
        let elapsed = self.minutes * round.saturating_sub(1) / self.rounds.max(1);
        let t = self.start + elapsed;
        format!("{:02}:{:02}", (t / 60) % 24, t % 60)
    }

    /// Local time when the session's time runs out.
    pub fn end_time(&self) -> String {
        let t = self.start + self.minutes;
        format!("{:02}:{:02}", (t / 60) % 24, t % 60)
    }
}

/// The mediator's chair.
#[derive(Debug, Clone, PartialEq)]
pub struct MediatorSpec {
    pub id: String,
    pub name: String,
    pub native: Option<String>,
    pub delegates: Vec<Person>,
    pub strategy: MediatorStrategy,
    pub first_proposal_round: u32,
}

/// How the mediator builds its proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MediatorStrategy {
    /// Meets in the middle issue by issue; where that fails, builds confidence on what can be agreed.
    SplitTheDifference,
    /// The signable package with the greatest product of gains over walking away.
    NashBargaining,
    /// The signable package giving every side the same share of the most it could hope for.
    KalaiSmorodinsky,
    /// Brams and Taylor's point allocation for two parties, with at most one issue split.
    AdjustedWinner,
    /// One draft, improved every round from the parties' objections.
    SingleNegotiatingText,
    /// The largest set of issues that has a zone of agreement, the rest left open.
    ConfidenceBuilding,
}

impl MediatorStrategy {
    /// Every strategy, in menu order.
    pub const CHOICES: [MediatorStrategy; 6] = [
        MediatorStrategy::SplitTheDifference,
        MediatorStrategy::NashBargaining,
        MediatorStrategy::KalaiSmorodinsky,
        MediatorStrategy::AdjustedWinner,
        MediatorStrategy::SingleNegotiatingText,
        MediatorStrategy::ConfidenceBuilding,
    ];

    pub fn label(self) -> &'static str {
        match self {
            MediatorStrategy::SplitTheDifference => "Split the difference",
            MediatorStrategy::NashBargaining => "Nash bargaining point",
            MediatorStrategy::KalaiSmorodinsky => "Kalai-Smorodinsky point",
            MediatorStrategy::AdjustedWinner => "Adjusted Winner",
            MediatorStrategy::SingleNegotiatingText => "Single negotiating text",
            MediatorStrategy::ConfidenceBuilding => "Confidence-building",
        }
    }

    /// The short word the terminal uses.
    pub fn id(self) -> &'static str {
        match self {
            MediatorStrategy::SplitTheDifference => "split",
            MediatorStrategy::NashBargaining => "nash",
            MediatorStrategy::KalaiSmorodinsky => "kalai",
            MediatorStrategy::AdjustedWinner => "adjusted-winner",
            MediatorStrategy::SingleNegotiatingText => "single-text",
            MediatorStrategy::ConfidenceBuilding => "confidence",
        }
    }

    pub fn parse(word: &str) -> Option<MediatorStrategy> {
        let w = word.trim().to_lowercase().replace('_', "-");
        MediatorStrategy::CHOICES.into_iter().find(|s| s.id() == w)
    }
}

/// Someone who presses from outside the room.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorSpec {
    pub id: String,
    pub name: String,
    pub people: Vec<Person>,
    pub stance: String,
}

/// Who a scheduled event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Voice {
    Delegation(usize),
    Mediator,
    Outside(usize),
}

/// Something that happens at the start of a set round.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledEvent {
    pub round: u32,
    pub voice: Voice,
    pub headline: String,
    pub text: String,
    pub effects: Vec<Effect>,
}

/// A change a scheduled event (or a facilitator's inject) makes.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Effect {
    WalkAway { seat: usize, change: f64 },
    Patience { seat: usize, change: f64 },
    Trust { from: usize, towards: usize, change: f64 },
    Tension { change: f64 },
}

/// Every package of a scenario with what each delegation thinks of it, computed once and
/// shared by every table that plays the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeSpace {
    pub packages: Vec<Package>,
    /// `utility[d][k]`: what package `k` is worth to delegation `d`.
    pub utility: Vec<Vec<f64>>,
    /// `allowed[d][k]`: package `k` crosses none of delegation `d`'s red lines.
    pub allowed: Vec<Vec<bool>>,
    /// `best[d]`: the most any package inside delegation `d`'s red lines is worth to it.
    pub best: Vec<f64>,
}

/// What really happened, as a pattern over how a table can end.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub text: String,
    /// Per issue, which choices agree with history: index 0 "open", then each option.
    pub choices: Vec<Vec<bool>>,
}

impl History {
    /// Whether a table that ended with `agreed` (nothing, for a deadlock or a walkout) repeats history.
    pub fn matches(&self, agreed: Option<Package>) -> bool {
        let p = agreed.unwrap_or(Package::OPEN);
        self.choices
            .iter()
            .enumerate()
            .all(|(i, ok)| ok.get(p.choice(i).map_or(0, |o| o + 1)).copied().unwrap_or(false))
    }
}

/// A checked scenario, ready to seat at a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: String,
    pub title: String,
    pub date: String,
    pub place: String,
    pub summary: String,
    pub clock: Clock,
    pub tension: f64,
    pub issues: Vec<Issue>,
    pub delegations: Vec<DelegationSpec>,
    pub mediator: MediatorSpec,
    pub actors: Vec<ActorSpec>,
    pub events: Vec<ScheduledEvent>,
    pub patience_variation: f64,
    pub walk_away_variation: f64,
    pub history: Option<History>,
    pub space: OutcomeSpace,
    /// The file as parsed, for saving back and embedding in replays.
    pub raw: raw::RawScenario,
    /// FNV-1a of the source text.
    pub hash: u64,
    /// The source text itself, for embedding in replays and saves.
    pub text: Arc<str>,
    /// The file it was read from, or the built-in name.
    pub name: String,
}

impl Scenario {
    /// Parses and validates scenario text; `name` is how errors refer to the file.
    pub fn from_ron(name: &str, text: &str) -> Result<Scenario, ScenarioError> {
        let raw = validate::parse(name, text)?;
        let mut scenario = validate::validate(name, text, raw)?;
        scenario.hash = fnv1a(text.as_bytes());
        scenario.text = Arc::from(text);
        scenario.name = name.to_string();
        Ok(scenario)
    }

    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ScenarioError::unreadable(&name, &e))?;
        Scenario::from_ron(&name, &text)
    }

    /// The Istanbul 2025 table that ships inside the binary.
    pub fn istanbul() -> Arc<Scenario> {
        // The compiled-in file is checked by the test suite; failing here would be a build defect.
        Arc::new(
            Scenario::from_ron(ISTANBUL_2025_NAME, ISTANBUL_2025)
                .unwrap_or_else(|e| panic!("the built-in scenario is invalid: {e}")),
        )
    }

    /// The same scenario with other strategies for some delegations and, if given, the mediator. The
    /// file text is rewritten to match, so replays of games on it embed what was really played.
    pub fn with_strategies(
        &self,
        delegations: &[(usize, super::delegation::Strategy)],
        mediator: Option<MediatorStrategy>,
    ) -> Result<Scenario, ScenarioError> {
        use super::delegation::Strategy;
        use raw::{RawMediatorStrategy, RawStrategy};
        let mut raw = self.raw.clone();
        for &(d, strategy) in delegations {
            if let Some(del) = raw.delegations.get_mut(d) {
                del.strategy = match strategy {
                    Strategy::BOULWARE => RawStrategy::Boulware,
                    Strategy::LINEAR => RawStrategy::Linear,
                    Strategy::CONCEDER => RawStrategy::Conceder,
                    Strategy::TimeDependent { exponent } => RawStrategy::TimeDependent(exponent),
                    Strategy::TitForTat => RawStrategy::TitForTat,
                    Strategy::Hardliner => RawStrategy::Hardliner,
                    Strategy::Delegation => RawStrategy::Delegation,
                };
            }
        }
        if let Some(m) = mediator {
            raw.mediator.strategy = match m {
                MediatorStrategy::SplitTheDifference => RawMediatorStrategy::SplitTheDifference,
                MediatorStrategy::NashBargaining => RawMediatorStrategy::NashBargaining,
                MediatorStrategy::KalaiSmorodinsky => RawMediatorStrategy::KalaiSmorodinsky,
                MediatorStrategy::AdjustedWinner => RawMediatorStrategy::AdjustedWinner,
                MediatorStrategy::SingleNegotiatingText => RawMediatorStrategy::SingleNegotiatingText,
                MediatorStrategy::ConfidenceBuilding => RawMediatorStrategy::ConfidenceBuilding,
            };
        }
        let text = ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::new()).unwrap_or_default();
        Scenario::from_ron(&self.name, &text)
    }

    /// Writes the scenario back as RON text.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new();
        ron::ser::to_string_pretty(&self.raw, config).unwrap_or_default()
    }

    /// Finds a delegation by id.
    pub fn delegation_index(&self, id: &str) -> Option<usize> {
        self.delegations.iter().position(|d| d.id == id)
    }

    /// Lines of a given kind a delegation may say.
    pub fn lines(&self, seat: usize, kind: StatementKind) -> &[String] {
        self.delegations[seat].lines.get(&kind).map_or(&[], |v| v.as_slice())
    }

    /// The issues a package settles, each with its chosen option.
    pub fn settled(&self, package: Package) -> impl Iterator<Item = (&Issue, &IssueOption)> {
        self.issues
            .iter()
            .enumerate()
            .filter_map(move |(i, issue)| package.choice(i).map(|c| (issue, &issue.options[c])))
    }

    /// Describes what a package settles ("Prisoner exchange: 1,000 prisoners for 1,000; ...").
    pub fn describe(&self, package: Package) -> String {
        let settled: Vec<String> = self
            .settled(package)
            .map(|(issue, option)| format!("{}: {}", issue.name, option.text))
            .collect();
        if settled.is_empty() {
            "nothing settled".into()
        } else {
            settled.join("; ")
        }
    }

    /// The short option ids of a package, issue id -> option id, for machine-readable output.
    pub fn package_ids(&self, package: Package) -> std::collections::BTreeMap<String, String> {
        self.issues
            .iter()
            .enumerate()
            .filter_map(|(i, issue)| {
                package
                    .choice(i)
                    .map(|c| (issue.id.clone(), issue.options[c].id.clone()))
            })
            .collect()
    }

    /// Display name of a seat's voice.
    pub fn voice_name(&self, voice: Voice) -> &str {
        match voice {
            Voice::Delegation(d) => &self.delegations[d].name,
            Voice::Mediator => &self.mediator.name,
            Voice::Outside(a) => &self.actors[a].name,
        }
    }
}
