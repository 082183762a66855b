//! The serde shapes of a scenario `.ron` file, exactly as a designer writes them (see docs/scenario-format.md).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A number with the public source (or the modelling reason) it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The number itself.
    pub value: T,
    /// Where the number comes from: a citation such as "[17]" into `sources`, or "Modelling judgement: ...".
    pub source: String,
}

/// A whole scenario file (written `Scenario( ... )` or just `( ... )`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct RawScenario {
    /// The scenario's id: lowercase letters, digits and '_'.
    pub id: String,
    /// The title shown to the player.
    pub title: String,
    /// The date of the talks, "YYYY-MM-DD".
    pub date: String,
    /// Where the talks are held.
    pub place: String,
    /// A short paragraph on what the talks are about, shown when the table opens.
    pub summary: String,
    /// What the table teaches, in one line, for the scenario picker (optional).
    #[serde(default)]
    pub teaches: String,
    /// When the session opens, how long it lasts and in how many rounds it is played.
    pub clock: RawClock,
    /// Tension in the room when the talks open, 0 (calm) to 1 (explosive).
    pub tension: Sourced<f64>,
    /// What is negotiated: 1 to 16 issues.
    pub issues: Vec<RawIssue>,
    /// The parties at the table, 2 to 8; their order is the seat order.
    pub delegations: Vec<RawDelegation>,
    /// The chair who runs the talks and tables its own proposals.
    pub mediator: RawMediator,
    /// Powers not at the table whose moves can be scheduled as events (optional).
    #[serde(default)]
    pub outside_actors: Vec<RawActor>,
    /// Things that happen at the start of given rounds (optional).
    #[serde(default)]
    pub events: Vec<RawScheduledEvent>,
    /// News the facilitator of a class may read to the table at any moment (optional): never fired by
    /// itself, only when the facilitator says `inject N`.
    #[serde(default)]
    pub injects: Vec<RawInject>,
    /// How much delegations vary from one seed to the next.
    pub variation: RawVariation,
    /// Who must accept a package for it to be agreed (optional; when absent, every delegation still at the
    /// table must).
    #[serde(default)]
    pub ratification: Option<RawRatification>,
    /// What really happened, so a batch of games can say how often the table repeats it.
    #[serde(default)]
    pub history: Option<RawHistory>,
    /// Questions for the debrief, each placed beside the evidence it asks about (optional).
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    /// The source list that "[n]" citations point into (optional).
    #[serde(default)]
    pub sources: Vec<RawSource>,
}

/// A rule other than unanimity for agreeing a package: every condition written must hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Ratification")]
pub struct RawRatification {
    /// How many delegations must accept, counted among all the table's delegations (optional; 0: no count).
    #[serde(default)]
    pub at_least: u32,
    /// Delegations that must always be among those who accept (optional).
    #[serde(default)]
    pub including: Vec<String>,
    /// Groups of delegations in each of which those accepting must hold more than half the weight (optional).
    #[serde(default)]
    pub blocs: Vec<RawBloc>,
    /// Where the rule comes from, or "Modelling judgement: ...".
    pub source: String,
}

/// A group of delegations whose weights (seats or votes) decide whether a majority of it accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Bloc")]
pub struct RawBloc {
    /// The group's name, e.g. "Unionist parties".
    pub name: String,
    /// Delegation id -> its weight in the group, e.g. its share of the vote; above zero.
    #[serde(deserialize_with = "unique::map")]
    pub members: BTreeMap<String, f64>,
}

/// The historical outcome as a pattern: for each issue named, the choices ("open" or option ids) that
/// agree with what happened. Issues not named may end any way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "History")]
pub struct RawHistory {
    /// What happened, in a phrase, e.g. "The prisoner exchange agreed, no ceasefire".
    pub text: String,
    /// Where the account of what happened comes from.
    pub source: String,
    /// Issue id -> the choices that agree with history: option ids, or "open" for an issue left open.
    #[serde(deserialize_with = "unique::map")]
    pub outcome: BTreeMap<String, Vec<String>>,
}

/// A question for the debrief, and the part of the debrief whose evidence it asks about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Question")]
pub struct RawQuestion {
    /// Which part of the debrief the question sits in.
    pub about: QuestionAbout,
    /// The question, as the teacher would ask it.
    pub ask: String,
}

/// The parts of a debrief a question can sit beside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum QuestionAbout {
    /// How the talks ended and what each seat got.
    Outcome,
    /// The deal against the fair benchmarks: the frontier, the Nash and Kalai-Smorodinsky points.
    Fairness,
    /// Every proposal over the rounds: who moved, when and how far.
    Concessions,
    /// Tension, patience and trust over the rounds, and the news that moved them.
    Events,
    /// The red lines that were tested.
    RedLines,
    /// Warnings and walkouts; shown only when a delegation warned or walked out.
    Walkout,
    /// The game against the AI-only games and against history.
    History,
}

/// The session clock: when the talks open, how long they last and how many rounds that makes.
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

/// One issue under negotiation, with the options it can be settled at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Issue")]
pub struct RawIssue {
    /// The issue's id, used in positions, red lines and history.
    pub id: String,
    /// A short name shown to the player, e.g. "Ceasefire".
    pub name: String,
    /// What the issue is about.
    pub description: String,
    /// What it means when the talks leave this issue open.
    pub open: String,
    /// Options in order, from one side's end of the scale to the other's.
    pub options: Vec<RawOption>,
    /// Who signs what settles this issue, by delegation or mediator id (optional; every delegation when
    /// empty). An issue signed by some of them is a side agreement, reported as its own instrument.
    #[serde(default)]
    pub signatories: Vec<String>,
}

/// One way of settling an issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "IssueOption")]
pub struct RawOption {
    /// The option's id, unique within its issue and never "open".
    pub id: String,
    /// What settling the issue at this option means, shown to the player.
    pub text: String,
    /// Terms that mean something only once another issue is settled: a package may settle this option only
    /// together with one of the named options of that issue. No delegation's red line; the table's terms.
    #[serde(default)]
    pub requires: Option<RawRequires>,
}

/// The other issue's options an option exists only with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Requires")]
pub struct RawRequires {
    /// The issue that must be settled.
    pub issue: String,
    /// The options of that issue it may be settled at, at least one.
    pub options: Vec<String>,
}

/// A person: a delegate, a chair, or a leading figure of an outside actor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Person")]
pub struct RawPerson {
    /// The name in Latin script.
    pub name: String,
    /// The name in the person's own script, where it differs.
    #[serde(default)]
    pub native: Option<String>,
    /// The person's office or role, e.g. "Defence minister, head of delegation".
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

/// A delegation's general tone, from softest to hardest; it sets the pace of the `Delegation` strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "Posture")]
pub enum RawPosture {
    /// Seeks agreement: concedes early and answers threats with a call for calm.
    Conciliatory,
    /// Holds its ground: concedes at a steady pace and answers threats firmly.
    Firm,
    /// Yields late and answers threats in kind.
    Hardline,
}

/// The kind of thing a delegation says, so lines can be picked to fit the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename = "StatementKind")]
pub enum RawStatementKind {
    /// A softening or an offer.
    Conciliatory,
    /// A restatement of the delegation's position.
    Firm,
    /// A threat to the other side.
    Threat,
    /// A warning that the delegation may leave the talks.
    WalkoutWarning,
}

/// One party at the table: who sits there, what it wants, and how far it will go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Delegation")]
pub struct RawDelegation {
    /// The delegation's id, used in trust, events and history.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// The name in the delegation's own language or script, where it differs (optional).
    #[serde(default)]
    pub native: Option<String>,
    /// Seat colour, "#RRGGBB".
    pub colour: String,
    /// Who sits at the table; the head of delegation first.
    pub delegates: Vec<RawPerson>,
    /// How the AI plays this delegation when no person sits in its seat.
    pub strategy: RawStrategy,
    /// Its general tone at the table.
    pub posture: RawPosture,
    /// Issue id -> this delegation's position on it.
    #[serde(deserialize_with = "unique::map")]
    pub positions: BTreeMap<String, RawPosition>,
    /// Lines it will not cross: it accepts no package that crosses one (optional).
    #[serde(default)]
    pub red_lines: Vec<RawRedLine>,
    /// Utility (0..1) of walking away with no deal: the BATNA.
    pub walk_away: Sourced<f64>,
    /// How many rounds' worth of frustration the delegation bears, 0..1.
    pub patience: Sourced<f64>,
    /// Delegation or mediator id -> trust towards it, 0..1.
    #[serde(default, deserialize_with = "unique::map")]
    pub trust: BTreeMap<String, Sourced<f64>>,
    /// Things this delegation says, by kind of statement.
    #[serde(default)]
    pub lines: Vec<RawLine>,
}

/// Where a delegation stands on one issue: what it asks for, how much the issue matters, and what each
/// outcome is worth to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Position")]
pub struct RawPosition {
    /// The option the delegation asks for.
    pub demand: String,
    /// How much the issue matters (any positive scale; weights are normalised).
    pub weight: f64,
    /// Option id (and "open") -> how good it is for the delegation, 0..1.
    #[serde(deserialize_with = "unique::map")]
    pub values: BTreeMap<String, f64>,
    /// The source or reasoning behind the demand, weight and values.
    pub source: String,
}

/// A line a delegation cannot cross, typed so the rules can enforce it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "RedLine")]
pub enum RawRedLine {
    /// The issue may never be settled at this option.
    Forbid {
        /// The issue's id.
        issue: String,
        /// The forbidden option's id.
        option: String,
        /// The reason in the delegation's own words, shown to the player; cite a source where one exists.
        why: String,
    },
    /// If settled, the issue must be at this option or one listed after it.
    AtLeast {
        /// The issue's id.
        issue: String,
        /// The id of the least the delegation will settle for, in the issue's option order.
        option: String,
        /// The reason in the delegation's own words, shown to the player; cite a source where one exists.
        why: String,
    },
    /// If settled, the issue must be at this option or one listed before it.
    AtMost {
        /// The issue's id.
        issue: String,
        /// The id of the most the delegation will go to, in the issue's option order.
        option: String,
        /// The reason in the delegation's own words, shown to the player; cite a source where one exists.
        why: String,
    },
    /// Settling `issue` at one of `options` requires settling `requires` at one of `requires_options`.
    Precondition {
        /// The id of the issue whose settlement carries the condition.
        issue: String,
        /// The option ids of `issue` that trigger the condition (at least one).
        options: Vec<String>,
        /// The id of the issue that must be settled first; leaving it open does not meet the condition.
        requires: String,
        /// The option ids of `requires` that meet the condition (at least one).
        requires_options: Vec<String>,
        /// The reason in the delegation's own words, shown to the player; cite a source where one exists.
        why: String,
    },
}

/// Something a delegation says at the table, with its kind and its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Line")]
pub struct RawLine {
    /// When the line fits: conciliatory, firm, threat or walk-out warning.
    pub kind: RawStatementKind,
    /// What the delegation says; real quotes only where a source has them, otherwise a plain paraphrase.
    pub text: String,
    /// Where the line comes from; say when the text is a paraphrase.
    pub source: String,
}

/// How the AI mediator drafts its proposals.
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

/// The chair of the talks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Mediator")]
pub struct RawMediator {
    /// The mediator's id; delegations may name it in `trust`.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// The name in the mediator's own language, where it differs (optional).
    #[serde(default)]
    pub native: Option<String>,
    /// Who chairs; the chair first.
    pub delegates: Vec<RawPerson>,
    /// How it builds its proposals.
    pub strategy: RawMediatorStrategy,
    /// The first round in which the mediator tables its own proposal unasked.
    pub first_proposal_round: Sourced<u32>,
    /// Lines the chair will not table a package across (optional); the parties may still agree such a
    /// package between themselves.
    #[serde(default)]
    pub red_lines: Vec<RawRedLine>,
}

/// A power not at the table whose moves reach the room as scheduled events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Actor")]
pub struct RawActor {
    /// The actor's id, named by events as their `actor`.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// Its leading figures.
    pub people: Vec<RawPerson>,
    /// What it wants from the talks and how it acts on them.
    pub stance: String,
}

/// Something that happens at the start of a given round: news, pressure from outside, a move by a party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "ScheduledEvent")]
pub struct RawScheduledEvent {
    /// The round at whose start the event fires (give this or `at`).
    #[serde(default)]
    pub round: u32,
    /// Or the time it happens: "HH:MM" on the first day, "day N, HH:MM" or "YYYY-MM-DD HH:MM"; it fires at
    /// the start of the round in play at that time.
    #[serde(default)]
    pub at: String,
    /// The outside actor, delegation or mediator it comes from.
    pub actor: String,
    /// A one-line headline.
    pub headline: String,
    /// What happens, in a sentence or two.
    pub text: String,
    /// Where it comes from; say when the timing or the size of the effects is a modelling judgement.
    pub source: String,
    /// What it changes in the room.
    pub effects: Vec<RawEffect>,
}

/// News the facilitator may read to a table at any moment of a class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Inject")]
pub struct RawInject {
    /// The outside actor, delegation or mediator it comes from.
    pub actor: String,
    /// A one-line headline: what the table reads.
    pub headline: String,
    /// What happens, in a sentence or two.
    pub text: String,
    /// Where it comes from; say when it is a what-if rather than something that happened.
    pub source: String,
    /// What it changes in the room.
    pub effects: Vec<RawEffect>,
}

/// What a scheduled event changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Effect")]
pub enum RawEffect {
    /// Moves a delegation's walk-away value (its BATNA): outside pressure making no deal better or worse.
    WalkAway {
        /// The delegation's id.
        delegation: String,
        /// Added to the walk-away value, -1 to 1 (negative lowers it); the result is kept within 0 to 1.
        change: f64,
    },
    /// Wears down or restores a delegation's patience.
    Patience {
        /// The delegation's id.
        delegation: String,
        /// Added to its patience, -1 to 1 (negative wears it down); the result is kept within 0 to 1.
        change: f64,
    },
    /// Changes how far one delegation trusts another delegation or the mediator.
    Trust {
        /// The id of the delegation whose trust changes.
        from: String,
        /// The id of the delegation, or the mediator, that the trust is held towards.
        towards: String,
        /// Added to the trust, -1 to 1 (negative lowers it); the result is kept within 0 to 1.
        change: f64,
    },
    /// Raises or eases the tension in the room.
    Tension {
        /// Added to the tension, -1 to 1 (negative eases it); the result is kept within 0 (calm) to 1 (explosive).
        change: f64,
    },
}

/// How much a delegation's patience and walk-away value vary from one seed to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Variation")]
pub struct RawVariation {
    /// How far a delegation's patience may vary, as a share of itself, 0 to 1 (0.1: up to 10% either way).
    pub patience: Sourced<f64>,
    /// How far a delegation's walk-away value may move either way, in utility, 0 to 1.
    pub walk_away: Sourced<f64>,
}

/// One entry of the source list that citations point into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Source")]
pub struct RawSource {
    /// The source's id, e.g. "17" or "news"; cite it as "[17]" in any text or `source`.
    pub id: String,
    /// The reference itself: "outlet, date — URL".
    pub text: String,
}

/// Reads a map of ids, refusing a key written twice (a plain map would keep the last one silently).
mod unique {
    use std::collections::BTreeMap;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

    struct Unique<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map from ids to values, `{\"id\": value, ...}`")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = access.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(A::Error::custom(format!(
                        "the key \"{key}\" is written twice in this map; keep one of them"
                    )));
                }
                let value = access.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    /// Deserializes a map whose keys are all different.
    pub fn map<'de, D: Deserializer<'de>, V: Deserialize<'de>>(d: D) -> Result<BTreeMap<String, V>, D::Error> {
        d.deserialize_map(Unique(PhantomData))
    }
}
