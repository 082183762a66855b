//! The serde shapes of a scenario `.ron` file, exactly as a designer writes them (see docs/scenario-format.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A number with the public source (or the modelling reason) it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub source: String,
}

/// A whole scenario file (written `Scenario( ... )` or just `( ... )`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct RawScenario {
    pub id: String,
    pub title: String,
    pub date: String,
    pub place: String,
    pub summary: String,
    pub clock: RawClock,
    /// Tension in the room when the talks open, 0 (calm) to 1 (explosive).
    pub tension: Sourced<f64>,
    pub issues: Vec<RawIssue>,
    pub delegations: Vec<RawDelegation>,
    pub mediator: RawMediator,
    #[serde(default)]
    pub outside_actors: Vec<RawActor>,
    #[serde(default)]
    pub events: Vec<RawScheduledEvent>,
    pub variation: RawVariation,
    /// What really happened, so a batch of games can say how often the table repeats it.
    #[serde(default)]
    pub history: Option<RawHistory>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
}

/// The historical outcome as a pattern: for each issue named, the choices ("open" or option ids) that
/// agree with what happened. Issues not named may end any way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "History")]
pub struct RawHistory {
    pub text: String,
    pub source: String,
    pub outcome: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Clock")]
pub struct RawClock {
    /// Local time the talks open, "HH:MM".
    pub start: String,
    /// How long the session lasts, in minutes.
    pub minutes: Sourced<u32>,
    /// How many rounds the session is played in.
    pub rounds: Sourced<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Issue")]
pub struct RawIssue {
    pub id: String,
    pub name: String,
    pub description: String,
    /// What it means when the talks leave this issue open.
    pub open: String,
    /// Options in order, from one side's end of the scale to the other's.
    pub options: Vec<RawOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "IssueOption")]
pub struct RawOption {
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Person")]
pub struct RawPerson {
    pub name: String,
    /// The name in the person's own script, where it differs.
    #[serde(default)]
    pub native: Option<String>,
    pub role: String,
}

/// How an AI delegation concedes over the session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Strategy")]
pub enum RawStrategy {
    /// Holds out and concedes late (aspiration exponent 4).
    Boulware,
    /// Concedes evenly (exponent 1).
    Linear,
    /// Concedes early (exponent 0.25).
    Conceder,
    /// Any exponent: `a(t) = 1 - t^e`.
    TimeDependent(f64),
    /// Mirrors the other side's last concession, measured in its own utility.
    TitForTat,
    /// Holds its demands; moves only when pressure lowers its walk-away value or others warn they may leave.
    Hardliner,
    /// Played from the delegation's personality: posture, patience and trust.
    Delegation,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "Posture")]
pub enum RawPosture {
    Conciliatory,
    Firm,
    Hardline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "StatementKind")]
pub enum RawStatementKind {
    Conciliatory,
    Firm,
    Threat,
    WalkoutWarning,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Delegation")]
pub struct RawDelegation {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub native: Option<String>,
    /// Seat colour, "#RRGGBB".
    pub colour: String,
    pub delegates: Vec<RawPerson>,
    pub strategy: RawStrategy,
    pub posture: RawPosture,
    /// Issue id -> this delegation's position on it.
    pub positions: BTreeMap<String, RawPosition>,
    #[serde(default)]
    pub red_lines: Vec<RawRedLine>,
    /// Utility (0..1) of walking away with no deal: the BATNA.
    pub walk_away: Sourced<f64>,
    /// How many rounds' worth of frustration the delegation bears, 0..1.
    pub patience: Sourced<f64>,
    /// Delegation or mediator id -> trust towards it, 0..1.
    #[serde(default)]
    pub trust: BTreeMap<String, Sourced<f64>>,
    /// Things this delegation says, by kind of statement.
    #[serde(default)]
    pub lines: Vec<RawLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Position")]
pub struct RawPosition {
    /// The option the delegation asks for.
    pub demand: String,
    /// How much the issue matters (any positive scale; weights are normalised).
    pub weight: f64,
    /// Option id (and "open") -> how good it is for the delegation, 0..1.
    pub values: BTreeMap<String, f64>,
    pub source: String,
}

/// A line a delegation cannot cross, typed so the rules can enforce it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "RedLine")]
pub enum RawRedLine {
    /// The issue may never be settled at this option.
    Forbid { issue: String, option: String, why: String },
    /// If settled, the issue must be at this option or one listed after it.
    AtLeast { issue: String, option: String, why: String },
    /// If settled, the issue must be at this option or one listed before it.
    AtMost { issue: String, option: String, why: String },
    /// Settling `issue` at one of `options` requires settling `requires` at one of `requires_options`.
    Precondition {
        issue: String,
        options: Vec<String>,
        requires: String,
        requires_options: Vec<String>,
        why: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Line")]
pub struct RawLine {
    pub kind: RawStatementKind,
    pub text: String,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename = "MediatorStrategy")]
pub enum RawMediatorStrategy {
    /// Meets in the middle issue by issue; where the full package has no zone of agreement,
    /// proposes the largest set of issues that has one.
    SplitTheDifference,
    /// The signable package with the greatest product of gains over walking away.
    NashBargaining,
    /// The signable package giving every side the same share of its best hope.
    KalaiSmorodinsky,
    /// Brams and Taylor's point allocation for two parties.
    AdjustedWinner,
    /// One draft, improved every round from the parties' objections.
    SingleNegotiatingText,
    /// The largest set of issues that has a zone of agreement.
    ConfidenceBuilding,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Mediator")]
pub struct RawMediator {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub native: Option<String>,
    pub delegates: Vec<RawPerson>,
    pub strategy: RawMediatorStrategy,
    /// The first round in which the mediator tables its own proposal unasked.
    pub first_proposal_round: Sourced<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Actor")]
pub struct RawActor {
    pub id: String,
    pub name: String,
    pub people: Vec<RawPerson>,
    pub stance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "ScheduledEvent")]
pub struct RawScheduledEvent {
    /// The round at whose start the event fires.
    pub round: u32,
    /// The outside actor, delegation or mediator it comes from.
    pub actor: String,
    pub headline: String,
    pub text: String,
    pub source: String,
    pub effects: Vec<RawEffect>,
}

/// What a scheduled event changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Effect")]
pub enum RawEffect {
    WalkAway { delegation: String, change: f64 },
    Patience { delegation: String, change: f64 },
    Trust { from: String, towards: String, change: f64 },
    Tension { change: f64 },
}

/// How much a delegation's patience and walk-away value vary from one seed to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Variation")]
pub struct RawVariation {
    pub patience: Sourced<f64>,
    pub walk_away: Sourced<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Source")]
pub struct RawSource {
    pub id: String,
    pub text: String,
}
