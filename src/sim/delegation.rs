//! A delegation: its profile from the scenario, its red lines, and the components it carries at a table.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::issue::{Issue, Package};

/// A person at the table or behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The name in Latin script.
    pub name: String,
    /// The name in the person's own script, where it differs.
    pub native: Option<String>,
    /// The person's office or role, e.g. "Defence minister, head of delegation".
    pub role: String,
}

/// How an AI delegation bargains: what it asks for each round and what it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Strategy {
    /// Concedes as `a(t) = 1 - t^e` (Boulware e = 4, Linear e = 1, Conceder e = 0.25).
    TimeDependent {
        /// The exponent `e`, above 0: above 1 holds out, below 1 concedes early.
        exponent: f64,
    },
    /// Mirrors the other side's last concession, measured in its own utility.
    TitForTat,
    /// Holds its demands; moves only when pressure lowers its walk-away value or others warn they may leave.
    Hardliner,
    /// Played from the scenario's personality: posture sets the pace, patience and trust bend it,
    /// and it speaks, answers threats, warns and walks out.
    Delegation,
}

impl Strategy {
    /// Holds out and concedes late (`e` = 4).
    pub const BOULWARE: Strategy = Strategy::TimeDependent { exponent: 4.0 };
    /// Concedes evenly from round to round (`e` = 1).
    pub const LINEAR: Strategy = Strategy::TimeDependent { exponent: 1.0 };
    /// Concedes early (`e` = 0.25).
    pub const CONCEDER: Strategy = Strategy::TimeDependent { exponent: 0.25 };

    /// The strategies a player can pick from, in menu order.
    pub const CHOICES: [Strategy; 6] = [
        Strategy::Delegation,
        Strategy::BOULWARE,
        Strategy::LINEAR,
        Strategy::CONCEDER,
        Strategy::TitForTat,
        Strategy::Hardliner,
    ];

    /// A name a player understands.
    pub fn label(&self) -> String {
        match *self {
            Strategy::BOULWARE => "Boulware (concedes late)".into(),
            Strategy::LINEAR => "Linear (concedes evenly)".into(),
            Strategy::CONCEDER => "Conceder (concedes early)".into(),
            Strategy::TimeDependent { exponent } => format!("time-dependent (e = {exponent})"),
            Strategy::TitForTat => "Tit-for-tat (mirrors your concessions)".into(),
            Strategy::Hardliner => "Hardliner (moves only under pressure)".into(),
            Strategy::Delegation => "The delegation (its own personality)".into(),
        }
    }

    /// The short word the terminal and the command line use.
    pub fn id(&self) -> String {
        match *self {
            Strategy::BOULWARE => "boulware".into(),
            Strategy::LINEAR => "linear".into(),
            Strategy::CONCEDER => "conceder".into(),
            Strategy::TimeDependent { exponent } => format!("e={exponent}"),
            Strategy::TitForTat => "tit-for-tat".into(),
            Strategy::Hardliner => "hardliner".into(),
            Strategy::Delegation => "delegation".into(),
        }
    }

    /// Reads a strategy by its short word, or `e=<exponent>` for any time-dependent one.
    pub fn parse(word: &str) -> Option<Strategy> {
        let word = word.trim().to_lowercase();
        if let Some(e) = word.strip_prefix("e=") {
            return e
                .parse::<f64>()
                .ok()
                .filter(|e| e.is_finite() && *e > 0.0)
                .map(|exponent| Strategy::TimeDependent { exponent });
        }
        Strategy::CHOICES
            .into_iter()
            .find(|s| s.id() == word || s.id().replace('-', "") == word.replace(['-', '_'], ""))
    }
}

/// The tone a delegation takes at the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Component)]
pub enum Posture {
    /// Seeks agreement: concedes early and answers threats with a call for calm.
    Conciliatory,
    /// Holds its ground: concedes at a moderate pace and answers threats firmly.
    Firm,
    /// Yields late and answers threats in kind.
    Hardline,
}

/// The kinds of statement a delegation can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StatementKind {
    /// A softening or an offer: it eases tension and earns a little trust and patience from the others.
    Conciliatory,
    /// A restatement of the delegation's position: it raises tension a little.
    Firm,
    /// A threat: it raises tension and costs the speaker the others' trust and patience.
    Threat,
    /// A warning that the delegation may leave the talks: it raises tension, and the speaker counts as having warned.
    WalkoutWarning,
}

impl StatementKind {
    /// The kind in the transcript's words, e.g. "walk-out warning".
    pub fn label(self) -> &'static str {
        match self {
            StatementKind::Conciliatory => "conciliatory",
            StatementKind::Firm => "firm",
            StatementKind::Threat => "threat",
            StatementKind::WalkoutWarning => "walk-out warning",
        }
    }
}

/// A line a delegation will not cross. Typed, so the rules can check any package against it.
#[derive(Debug, Clone, PartialEq)]
pub struct RedLine {
    /// What the line forbids, in terms the rules can check against any package.
    pub kind: RedLineKind,
    /// The delegation's own words for it.
    pub why: crate::sim::command::Text,
}

/// The shape of a red line, with issues and options by index into the scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum RedLineKind {
    /// The issue may never be settled at this option.
    Forbid {
        /// The issue, by index into the scenario's issues.
        issue: usize,
        /// The forbidden option, by index into the issue's options.
        option: usize,
    },
    /// If settled, the issue is at this option or a later one.
    AtLeast {
        /// The issue, by index into the scenario's issues.
        issue: usize,
        /// The least the delegation will settle for, by index into the issue's options.
        option: usize,
    },
    /// If settled, the issue is at this option or an earlier one.
    AtMost {
        /// The issue, by index into the scenario's issues.
        issue: usize,
        /// The most the delegation will go to, by index into the issue's options.
        option: usize,
    },
    /// Settling `issue` at one of `options` needs `requires` settled at one of `requires_options`.
    Precondition {
        /// The issue whose settlement carries the condition, by index.
        issue: usize,
        /// The options of `issue` that trigger the condition, by index.
        options: Vec<usize>,
        /// The issue that must be settled too, by index; leaving it open does not meet the condition.
        requires: usize,
        /// The options of `requires` that meet the condition, by index.
        requires_options: Vec<usize>,
    },
}

impl RedLine {
    /// Whether `package` crosses this red line.
    pub fn crossed_by(&self, package: Package) -> bool {
        match &self.kind {
            RedLineKind::Forbid { issue, option } => package.choice(*issue) == Some(*option),
            RedLineKind::AtLeast { issue, option } => package.choice(*issue).is_some_and(|c| c < *option),
            RedLineKind::AtMost { issue, option } => package.choice(*issue).is_some_and(|c| c > *option),
            RedLineKind::Precondition {
                issue,
                options,
                requires,
                requires_options,
            } => {
                let triggered = package.choice(*issue).is_some_and(|c| options.contains(&c));
                let met = package.choice(*requires).is_some_and(|c| requires_options.contains(&c));
                triggered && !met
            }
        }
    }

    /// The red line in words, naming issues and options.
    pub fn describe(&self, issues: &[Issue]) -> String {
        let opt = |i: usize, o: usize| format!("{} ({})", issues[i].options[o].text, issues[i].name);
        let opts = |i: usize, os: &[usize]| {
            os.iter()
                .map(|&o| format!("\"{}\"", issues[i].options[o].text))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        match &self.kind {
            RedLineKind::Forbid { issue, option } => format!("never {}", opt(*issue, *option)),
            RedLineKind::AtLeast { issue, option } => format!("at least {}", opt(*issue, *option)),
            RedLineKind::AtMost { issue, option } => format!("at most {}", opt(*issue, *option)),
            RedLineKind::Precondition {
                issue,
                options,
                requires,
                requires_options,
            } => format!(
                "no {} of {} unless {} is settled at {}",
                opts(*issue, options),
                issues[*issue].name,
                issues[*requires].name,
                opts(*requires, requires_options)
            ),
        }
    }
}

/// Everything the scenario says about one delegation.
#[derive(Debug, Clone, PartialEq)]
pub struct DelegationSpec {
    /// The delegation's id in the scenario file.
    pub id: String,
    /// The name shown to the player.
    pub name: String,
    /// The name in the delegation's own language or script, where it differs.
    pub native: Option<String>,
    /// Seat colour as red, green and blue, 0 to 255 each.
    pub colour: [u8; 3],
    /// Who sits at the table; the head of delegation first.
    pub delegates: Vec<Person>,
    /// How the AI plays this delegation when no person sits in its seat.
    pub strategy: Strategy,
    /// Its general tone at the table.
    pub posture: Posture,
    /// The option asked for, per issue.
    pub demands: Vec<usize>,
    /// Issue weights, summing to 1.
    pub weights: Vec<f64>,
    /// Per issue: the value of leaving it open, then of each option.
    pub values: Vec<Vec<f64>>,
    /// Lines it will not cross: it accepts no package that crosses one.
    pub red_lines: Vec<RedLine>,
    /// Utility of walking away with no deal (its BATNA), 0 to 1: it accepts no package worth less.
    pub walk_away: f64,
    /// How much frustration it bears before it gives up, 0 (none) to 1 (most patient).
    pub patience: f64,
    /// Trust towards each seat: delegations by index, then the mediator.
    pub trust: Vec<f64>,
    /// Things it says, by kind of statement.
    pub lines: BTreeMap<StatementKind, Vec<crate::sim::command::Text>>,
}

impl DelegationSpec {
    /// What `package` is worth to this delegation, 0..1.
    pub fn utility(&self, package: Package) -> f64 {
        utility(&self.weights, &self.values, package)
    }

    /// The first of this delegation's red lines that `package` crosses.
    pub fn crossed(&self, package: Package) -> Option<&RedLine> {
        self.all_crossed(package).next()
    }

    /// Every one of this delegation's red lines that `package` crosses, in the scenario's order.
    pub fn all_crossed(&self, package: Package) -> impl Iterator<Item = &RedLine> {
        self.red_lines.iter().filter(move |r| r.crossed_by(package))
    }
}

/// Weighted additive utility; an open issue counts at its "open" value.
pub fn utility(weights: &[f64], values: &[Vec<f64>], package: Package) -> f64 {
    weights
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (w, v))| w * v[package.choice(i).map_or(0, |c| c + 1)])
        .sum()
}

/// Marks a delegation entity and gives its seat number at its table.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delegation {
    /// The seat number: its place in the scenario's delegations.
    pub seat: usize,
}

/// The option this delegation asks for on each issue.
#[derive(Component, Debug, Clone)]
pub struct Demands(pub Arc<[usize]>);

/// Issue weights (normalised) and the value of each option: the delegation's priorities.
#[derive(Component, Debug, Clone)]
pub struct Priorities {
    /// How much each issue matters, summing to 1.
    pub weights: Arc<[f64]>,
    /// Per issue: the value (0 to 1) of leaving it open, then of each option.
    pub values: Arc<[Vec<f64>]>,
}

impl Priorities {
    /// What `package` is worth to this delegation, 0 to 1.
    pub fn utility(&self, package: Package) -> f64 {
        utility(&self.weights, &self.values, package)
    }
}

/// The lines this delegation will not cross; the rules check every acceptance against them.
#[derive(Component, Debug, Clone)]
pub struct RedLines(pub Arc<[RedLine]>);

impl RedLines {
    /// The first of these red lines that `package` crosses, if any.
    pub fn crossed(&self, package: Package) -> Option<&RedLine> {
        self.0.iter().find(|r| r.crossed_by(package))
    }
}

/// Whether the delegation is still at the table, has warned it may leave, or has used its recess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Presence {
    /// It has walked out and takes no further part.
    pub left: bool,
    /// It has warned that it may leave the talks.
    pub warned: bool,
    /// It has had its one recess.
    pub recess_used: bool,
}

/// Who sends a seat's Commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Controller {
    /// The seat's strategy (or the mediator's) decides its moves.
    Ai,
    /// A person at the table decides.
    Human,
}
