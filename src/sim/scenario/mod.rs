//! Scenarios: a `.ron` file is parsed into raw serde shapes, validated, and turned into a `Scenario` with ids.

pub mod library;
mod locate;
pub mod raw;
mod validate;

use std::path::Path;
use std::sync::Arc;

use super::delegation::{DelegationSpec, Person, StatementKind};
use super::issue::{Issue, IssueOption, Package};
use crate::sim::transcript::fnv1a;

pub use validate::{Problem, ScenarioError, warnings};

/// The Istanbul talks of 16 May 2025, compiled in so the program runs from any folder.
pub const ISTANBUL_2025: &str = include_str!("../../../assets/scenarios/istanbul-2025.ron");
/// The file name the compiled-in scenario is reported under.
pub const ISTANBUL_2025_NAME: &str = "assets/scenarios/istanbul-2025.ron";

/// The session clock: real minutes mapped onto rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Minutes after midnight when the talks open.
    pub start: u32,
    /// How long the session lasts, in minutes.
    pub minutes: u32,
    /// How many rounds the session is played in, 1 to 50; the minutes are spread evenly over them.
    pub rounds: u32,
    /// The scenario's date (year, month, day), where it is a valid "YYYY-MM-DD": a session that runs over
    /// several days names each day's date.
    pub date: Option<(i64, u32, u32)>,
}

impl Clock {
    /// Minutes after the opening at which `round` (1-based) starts.
    pub fn minute_of(&self, round: u32) -> u64 {
        u64::from(self.minutes) * u64::from(round.saturating_sub(1)) / u64::from(self.rounds.max(1))
    }

    /// The round in play `minute` minutes after the opening (the last round for any time past it).
    /// Where several rounds start at the same minute (fewer minutes than rounds), the first of them.
    pub fn round_at(&self, minute: u64) -> u32 {
        let last = (1..=self.rounds.max(1))
            .rev()
            .find(|&r| self.minute_of(r) <= minute)
            .unwrap_or(1);
        (1..=last)
            .find(|&r| self.minute_of(r) == self.minute_of(last))
            .unwrap_or(last)
    }

    /// Local time at the start of `round` (1-based): "HH:MM" for a session within one day; for one that
    /// runs past midnight, with the day ("day 2, HH:MM"), or its date when the scenario has one
    /// ("Wed 6 Sep 1978, 10:00").
    pub fn time_at(&self, round: u32) -> String {
        self.text(u64::from(self.start) + self.minute_of(round))
    }

    /// Local time when the session's time runs out.
    pub fn end_time(&self) -> String {
        self.text(u64::from(self.start) + u64::from(self.minutes))
    }

    /// Minutes after midnight of the first day as a time of day, with the day once the session spans several.
    fn text(&self, t: u64) -> String {
        let time = format!("{:02}:{:02}", (t / 60) % 24, t % 60);
        let day = t / (24 * 60);
        let several = u64::from(self.start) + u64::from(self.minutes) >= 24 * 60;
        match self.date {
            Some((y, m, d)) if several => {
                let (y, m, d, weekday) = civil_from_days(days_from_civil(y, m, d) + day as i64);
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                ];
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                format!("{} {d} {} {y}, {time}", DAYS[weekday], MONTHS[(m - 1) as usize])
            }
            _ if !several => time,
            _ => format!("day {}, {time}", day + 1),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a count of days since 1970-01-01, with its weekday (0 Monday).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32, usize) {
    let weekday = (z + 3).rem_euclid(7) as usize;
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, weekday)
}

/// A valid "YYYY-MM-DD" date.
pub fn parse_date(text: &str) -> Option<(i64, u32, u32)> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize]).then_some((y, m, d))
}

/// The mediator's chair.
#[derive(Debug, Clone, PartialEq)]
pub struct MediatorSpec {
    /// The mediator's id, as delegations name it in their trust.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// The name in the mediator's own language, where it differs.
    pub native: Option<String>,
    /// Who chairs; the chair first.
    pub delegates: Vec<Person>,
    /// How the AI mediator drafts its proposals, unless a person at the table changes it.
    pub strategy: MediatorStrategy,
    /// The first round in which the mediator tables its own proposal unasked, 1 to the number of rounds.
    pub first_proposal_round: u32,
    /// Lines the chair will not table a package across (the parties may still agree one between themselves).
    pub red_lines: Vec<crate::sim::delegation::RedLine>,
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

    /// The strategy's name as a player reads it in menus and the transcript, e.g. "Nash bargaining point".
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

    /// What the strategy does, in a sentence a player reads in a tooltip.
    pub fn hint(self) -> &'static str {
        match self {
            MediatorStrategy::SplitTheDifference => {
                "Meets in the middle issue by issue; where that fails, builds confidence on what can be agreed."
            }
            MediatorStrategy::NashBargaining => {
                "The signable package with the greatest product of the sides' gains over walking away."
            }
            MediatorStrategy::KalaiSmorodinsky => {
                "The signable package giving every side the same share of the most it could hope for."
            }
            MediatorStrategy::AdjustedWinner => {
                "Brams and Taylor's point allocation for two parties: issues go to whoever values them more, at most one split."
            }
            MediatorStrategy::SingleNegotiatingText => "One draft, improved every round from the parties' objections.",
            MediatorStrategy::ConfidenceBuilding => {
                "The largest set of issues that has a zone of agreement; the rest is left open."
            }
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

    /// Reads a strategy from its short word ("nash", "single-text"; '_' for '-' and any case are accepted).
    pub fn parse(word: &str) -> Option<MediatorStrategy> {
        let w = word.trim().to_lowercase().replace('_', "-");
        MediatorStrategy::CHOICES.into_iter().find(|s| s.id() == w)
    }
}

/// Someone who presses from outside the room.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorSpec {
    /// The actor's id, as scheduled events name it.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// Its leading figures.
    pub people: Vec<Person>,
    /// What it wants from the talks and how it acts on them.
    pub stance: String,
}

/// Who a scheduled event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Voice {
    /// A delegation at the table, by seat number.
    Delegation(usize),
    /// The mediator's chair.
    Mediator,
    /// An outside actor, by its index in the scenario's actors.
    Outside(usize),
}

/// Something that happens at the start of a set round.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledEvent {
    /// The round at whose start the event fires, 1 to the number of rounds.
    pub round: u32,
    /// Who the news comes from: an outside actor, a delegation or the mediator.
    pub voice: Voice,
    /// A one-line headline.
    pub headline: String,
    /// What happens, in a sentence or two.
    pub text: String,
    /// What it changes in the room, applied in order.
    pub effects: Vec<Effect>,
}

/// News the facilitator may fire at any moment: a scheduled event's shape, with no round of its own.
pub type Inject = ScheduledEvent;

/// A change a scheduled event (or a facilitator's inject) makes.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Effect {
    /// Moves a delegation's walk-away value (its BATNA): outside pressure making no deal better or worse.
    WalkAway {
        /// The delegation's seat number.
        seat: usize,
        /// Added to the walk-away value (negative lowers it); the result is kept within 0 to 1.
        change: f64,
    },
    /// Wears down or restores a delegation's patience.
    Patience {
        /// The delegation's seat number.
        seat: usize,
        /// Added to its patience (negative wears it down); the result is kept within 0 to 1.
        change: f64,
    },
    /// Changes how far one delegation trusts another delegation or the mediator.
    Trust {
        /// The seat number of the delegation whose trust changes.
        from: usize,
        /// Who the trust is held towards: a delegation's seat number, or the number of delegations for the mediator.
        towards: usize,
        /// Added to the trust (negative lowers it); the result is kept within 0 to 1.
        change: f64,
    },
    /// Raises or eases the tension in the room.
    Tension {
        /// Added to the tension (negative eases it); the result is kept within 0 (calm) to 1 (explosive).
        change: f64,
    },
}

/// Every package of a scenario with what each delegation thinks of it, computed once and
/// shared by every table that plays the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeSpace {
    /// Every package of the scenario, each issue settled at one of its options or left open, in `Package::all` order.
    pub packages: Vec<Package>,
    /// `utility[d][k]`: what package `k` is worth to delegation `d`.
    pub utility: Vec<Vec<f64>>,
    /// `allowed[d][k]`: package `k` crosses none of delegation `d`'s red lines.
    pub allowed: Vec<Vec<bool>>,
    /// `best[d]`: the most any package inside delegation `d`'s red lines is worth to it.
    pub best: Vec<f64>,
    /// `tableable[k]`: package `k` crosses none of the mediator's own red lines.
    pub tableable: Vec<bool>,
    /// `terms_met[k]`: package `k` settles no option without the other issue its terms need.
    pub terms_met: Vec<bool>,
    /// `crossed[d][k]`: how many of delegation `d`'s red lines package `k` crosses (at most 255 counted).
    pub crossed: Vec<Vec<u8>>,
    /// `by_worth[d]`: the packages delegation `d` can table (inside its red lines, settling some issue), most
    /// valuable to it first, equal values in package order. Those worth at least an aim are a prefix of it.
    pub by_worth: Vec<Vec<u32>>,
}

/// What really happened, as a pattern over how a table can end.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// What happened, in a phrase, e.g. "The prisoner exchange agreed, no ceasefire".
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

    /// "In history: … This table ended as history did." (or "differently") for a table that ended with `agreed`.
    pub fn sentence(&self, agreed: Option<Package>) -> String {
        History::told(&self.text, self.matches(agreed))
    }

    /// "In history: `text`. This table ended as history did." (or "differently").
    pub fn told(text: &str, matched: bool) -> String {
        format!(
            "In history: {}. {}",
            text.trim_end_matches('.'),
            if matched {
                "This table ended as history did."
            } else {
                "This table ended differently."
            }
        )
    }
}

/// A rule other than unanimity for agreeing a package: every condition must hold among those who accept.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratification {
    /// How many delegations must accept (0: no count).
    pub at_least: usize,
    /// Seats that must be among those who accept, in seat order.
    pub including: Vec<usize>,
    /// Groups in each of which those who accept must hold more than half the weight.
    pub blocs: Vec<Bloc>,
}

/// A group of delegations, each with its weight in the group.
#[derive(Debug, Clone, PartialEq)]
pub struct Bloc {
    /// The group's name.
    pub name: String,
    /// (seat, weight), in seat order.
    pub members: Vec<(usize, f64)>,
}

impl Ratification {
    /// Whether the delegations for which `accepts` holds (of `seats` in all) satisfy every condition.
    pub fn ratifies(&self, seats: usize, accepts: impl Fn(usize) -> bool) -> bool {
        (0..seats).filter(|&d| accepts(d)).count() >= self.at_least
            && self.including.iter().all(|&d| accepts(d))
            && self.blocs.iter().all(|b| b.carried(&accepts))
    }

    /// The rule in words, e.g. "at least 4 of the 6 delegations, North and South among them, must accept".
    pub fn describe(&self, s: &Scenario) -> String {
        let named = |seats: &mut dyn Iterator<Item = usize>| {
            crate::sim::outcome::names(seats.map(|d| s.delegations[d].name.as_str()))
        };
        let mut parts = Vec::new();
        let who = named(&mut self.including.iter().copied());
        match (self.at_least, self.including.is_empty()) {
            (0, true) => {}
            (0, false) => parts.push(who),
            (n, true) => parts.push(format!("at least {n} of the {} delegations", s.delegations.len())),
            (n, false) => parts.push(format!(
                "at least {n} of the {} delegations, {who} among them",
                s.delegations.len()
            )),
        }
        for b in &self.blocs {
            let weighted = b.members.windows(2).any(|w| w[0].1 != w[1].1);
            parts.push(format!(
                "a majority{} of the {} ({})",
                if weighted { " by weight" } else { "" },
                b.name,
                named(&mut b.members.iter().map(|&(d, _)| d))
            ));
        }
        let text = parts.join(", and ");
        if self.at_least > 0 && !self.including.is_empty() && self.blocs.is_empty() {
            // "at least 4 of the 6 delegations, North and South among them, must accept"
            format!("{text}, must accept")
        } else {
            format!("{text} must accept")
        }
    }
}

impl Bloc {
    /// Whether those for which `accepts` holds carry more than half the group's weight.
    pub fn carried(&self, accepts: impl Fn(usize) -> bool) -> bool {
        let total: f64 = self.members.iter().map(|&(_, w)| w).sum();
        let yes: f64 = self.members.iter().filter(|&&(d, _)| accepts(d)).map(|&(_, w)| w).sum();
        yes * 2.0 > total
    }
}

/// A checked scenario, ready to seat at a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The scenario's id.
    pub id: String,
    /// The title shown to the player.
    pub title: String,
    /// The date of the talks, "YYYY-MM-DD".
    pub date: String,
    /// Where the talks are held.
    pub place: String,
    /// A short paragraph on what the talks are about.
    pub summary: String,
    /// What the table teaches, in one line (empty if the file does not say).
    pub teaches: String,
    /// When the session opens, how long it lasts, and in how many rounds.
    pub clock: Clock,
    /// Tension in the room when the talks open, 0 (calm) to 1 (explosive).
    pub tension: f64,
    /// What is negotiated, in file order; a package holds one choice for each.
    pub issues: Vec<Issue>,
    /// The parties at the table, by seat number (the order of the file).
    pub delegations: Vec<DelegationSpec>,
    /// The chair of the talks.
    pub mediator: MediatorSpec,
    /// Powers outside the room whose moves arrive as scheduled events.
    pub actors: Vec<ActorSpec>,
    /// Things that happen at the start of given rounds, in file order.
    pub events: Vec<ScheduledEvent>,
    /// News the facilitator may read to the table at any moment (round 0: they have no round of their own).
    pub injects: Vec<Inject>,
    /// How far a delegation's patience varies from seed to seed, as a share of itself, 0 to 1.
    pub patience_variation: f64,
    /// How far a delegation's walk-away value varies from seed to seed, either way, in utility, 0 to 1.
    pub walk_away_variation: f64,
    /// Who must accept a package for it to be agreed; `None`: every delegation still at the table.
    pub ratification: Option<Ratification>,
    /// What really happened, if the file says, so a batch can count how often the table repeats it.
    pub history: Option<History>,
    /// Every package and what each delegation thinks of it, computed once when the scenario is loaded.
    pub space: Arc<OutcomeSpace>,
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
    /// Whether a package is agreed when the delegations for which `accepts` holds accept it, of those for
    /// which `present` holds: by the table's ratification rule, or else by every delegation present.
    pub fn agreed_by(&self, present: impl Fn(usize) -> bool, accepts: impl Fn(usize) -> bool) -> bool {
        let n = self.delegations.len();
        match &self.ratification {
            None => (0..n).filter(|&d| present(d)).all(&accepts),
            Some(rule) => rule.ratifies(n, |d| present(d) && accepts(d)),
        }
    }

    /// Whether the delegations for which `present` holds could still agree a package if all of them accepted.
    pub fn can_still_agree(&self, present: impl Fn(usize) -> bool) -> bool {
        self.agreed_by(&present, |_| true)
    }

    /// The table's rule for agreeing a package, as a sentence: "Every delegation at the table must accept".
    pub fn rule_text(&self) -> String {
        let text = self.rule_phrase();
        let mut chars = text.chars();
        chars
            .next()
            .map_or(text.clone(), |c| c.to_uppercase().chain(chars).collect())
    }

    /// The same rule as a phrase to go inside a sentence: "at least 4 of the 6 delegations, … must accept".
    pub fn rule_phrase(&self) -> String {
        match &self.ratification {
            None => "every delegation at the table must accept".into(),
            Some(rule) => rule.describe(self),
        }
    }

    /// Parses and validates scenario text; `name` is how errors refer to the file.
    pub fn from_ron(name: &str, text: &str) -> Result<Scenario, ScenarioError> {
        Scenario::from_ron_sharing(name, text, None)
    }

    /// Reads and validates scenario text like [`Scenario::from_ron`], sharing `space` as its outcome space if
    /// given (for the same table with its seats played otherwise).
    fn from_ron_sharing(name: &str, text: &str, space: Option<Arc<OutcomeSpace>>) -> Result<Scenario, ScenarioError> {
        too_large(name, text.len() as u64)?;
        let raw = validate::parse(name, text)?;
        let mut scenario = validate::validate(name, text, raw, space)?;
        scenario.hash = fnv1a(text.as_bytes());
        scenario.text = Arc::from(text);
        scenario.name = name.to_string();
        Ok(scenario)
    }

    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let name = path.display().to_string();
        if let Ok(meta) = std::fs::metadata(path) {
            too_large(&name, meta.len())?;
        }
        let bytes = std::fs::read(path).map_err(|e| ScenarioError::unreadable(&name, &e))?;
        Scenario::from_bytes(&name, &bytes)
    }

    /// Reads and validates the bytes of a scenario file: text that is not UTF-8 is refused at its first
    /// unreadable byte; `name` is how errors refer to the file.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
        too_large(name, bytes.len() as u64)?;
        let text = std::str::from_utf8(bytes)
            .map_err(|e| validate::not_utf8(name, &String::from_utf8_lossy(bytes), e.valid_up_to()))?;
        Scenario::from_ron(name, text)
    }

    /// The Istanbul 2025 table that ships inside the binary (the first of the [`library`]).
    pub fn istanbul() -> Arc<Scenario> {
        library::shelved(0).clone()
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
        let text =
            ron::ser::to_string_pretty(&raw, ron::ser::PrettyConfig::new()).map_err(|e| ScenarioError::Unreadable {
                file: self.name.clone(),
                reason: format!("the scenario with the new strategies could not be written as text ({e})"),
            })?;
        // How the seats are played does not enter the outcome space, so the table's own is shared.
        Scenario::from_ron_sharing(&self.name, &text, Some(self.space.clone()))
    }

    /// The same scenario read again from its text, sharing nothing with this one but the outcome space: for a
    /// worker thread that plays it on its own, so the counters of its shared strings are that thread's alone.
    /// A scenario whose text cannot be read again (one built in code) is shared as it is.
    pub fn copy_for_a_thread(self: &Arc<Self>) -> Arc<Scenario> {
        match Scenario::from_ron_sharing(&self.name, &self.text, Some(self.space.clone())) {
            Ok(copy) if copy == **self => Arc::new(copy),
            _ => self.clone(),
        }
    }

    /// Writes the scenario back as RON text, or says why it cannot be.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new();
        ron::ser::to_string_pretty(&self.raw, config)
    }

    /// Finds a delegation by id.
    pub fn delegation_index(&self, id: &str) -> Option<usize> {
        self.delegations.iter().position(|d| d.id == id)
    }

    /// Lines of a given kind a delegation may say.
    pub fn lines(&self, seat: usize, kind: StatementKind) -> &[crate::sim::command::Text] {
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

    /// Who signs issue `issue`: its signatories, or every delegation.
    pub fn signatories(&self, issue: usize) -> Vec<Voice> {
        match &self.issues[issue].signatories {
            some if !some.is_empty() => some.clone(),
            _ => (0..self.delegations.len()).map(Voice::Delegation).collect(),
        }
    }

    /// The instruments a package makes: the issues it settles grouped by who signs them, the one every
    /// delegation signs first, then each side agreement in the order of its first issue.
    pub fn instruments(&self, package: Package) -> Vec<(Vec<Voice>, Vec<usize>)> {
        let everyone: Vec<Voice> = (0..self.delegations.len()).map(Voice::Delegation).collect();
        let mut out: Vec<(Vec<Voice>, Vec<usize>)> = Vec::new();
        for i in (0..self.issues.len()).filter(|&i| package.choice(i).is_some()) {
            let who = self.signatories(i);
            match out.iter_mut().find(|(w, _)| *w == who) {
                Some((_, issues)) => issues.push(i),
                None => out.push((who, vec![i])),
            }
        }
        out.sort_by_key(|(who, _)| *who != everyone);
        out
    }

    /// The name of whoever speaks with `voice`.
    pub fn voice_name(&self, voice: Voice) -> &str {
        match voice {
            Voice::Delegation(d) => &self.delegations[d].name,
            Voice::Mediator => &self.mediator.name,
            Voice::Outside(a) => &self.actors[a].name,
        }
    }
}

/// Refuses a scenario text larger than [`validate::MAX_SCENARIO_BYTES`] before any work is done on it.
fn too_large(file: &str, bytes: u64) -> Result<(), ScenarioError> {
    if bytes > validate::MAX_SCENARIO_BYTES {
        return Err(ScenarioError::TooLarge {
            file: file.into(),
            bytes,
            limit: validate::MAX_SCENARIO_BYTES,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Clock;

    #[test]
    fn a_clock_that_runs_past_midnight_says_which_day_it_is() {
        let days = Clock {
            start: 10 * 60,
            minutes: 3 * 24 * 60,
            rounds: 3,
            date: None,
        };
        assert_eq!(days.time_at(1), "day 1, 10:00");
        assert_eq!(days.time_at(2), "day 2, 10:00");
        assert_eq!(days.time_at(3), "day 3, 10:00");
        assert_eq!(days.end_time(), "day 4, 10:00");
        let evening = Clock {
            start: 22 * 60,
            minutes: 180,
            rounds: 3,
            date: None,
        };
        assert_eq!(evening.time_at(3), "day 2, 00:00");
        let afternoon = Clock {
            start: 13 * 60 + 35,
            minutes: 105,
            rounds: 8,
            date: super::parse_date("2025-05-16"),
        };
        assert_eq!(afternoon.time_at(2), "13:48", "one afternoon needs no date");
    }

    #[test]
    fn thirteen_days_at_camp_david_run_from_tuesday_5_to_sunday_17_september_1978() {
        let camp = Clock {
            start: 10 * 60,
            minutes: 12 * 24 * 60,
            rounds: 13,
            date: super::parse_date("1978-09-05"),
        };
        assert_eq!(camp.time_at(1), "Tue 5 Sep 1978, 10:00");
        assert_eq!(camp.end_time(), "Sun 17 Sep 1978, 10:00");
        assert_eq!(camp.round_at(0), 1);
        assert_eq!(camp.round_at(12 * 24 * 60), 13);
        let leap = Clock {
            start: 23 * 60,
            minutes: 120,
            rounds: 2,
            date: super::parse_date("2000-02-28"),
        };
        assert_eq!(leap.end_time(), "Tue 29 Feb 2000, 01:00");
        assert_eq!(super::parse_date("1999-02-29"), None);
        assert_eq!(super::parse_date("16 May 2025"), None);
    }
}
