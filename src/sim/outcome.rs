//! How a table ends: agreement, partial agreement, deadlock or walkout.

use serde::{Deserialize, Serialize};

use super::issue::Package;
use super::scenario::{Scenario, Voice};

/// The end of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Every issue settled, accepted by every delegation at the table.
    Agreement {
        /// The package agreed.
        package: Package,
        /// The number of the proposal that every delegation still at the table accepted.
        proposal: u32,
    },
    /// Some issues settled and the rest left open.
    PartialAgreement {
        /// The package agreed; the issues it leaves open stay unsettled.
        package: Package,
        /// The number of the proposal that every delegation still at the table accepted.
        proposal: u32,
    },
    /// The clock ran out with nothing agreed.
    Deadlock,
    /// A delegation left the table.
    Walkout {
        /// The seat number of the delegation that left.
        seat: usize,
    },
}

impl Outcome {
    /// The outcome for an accepted package: full or partial by how many issues it settles.
    pub fn for_package(package: Package, proposal: u32, issues: usize) -> Outcome {
        if package.settled() == issues {
            Outcome::Agreement { package, proposal }
        } else {
            Outcome::PartialAgreement { package, proposal }
        }
    }

    /// Machine-readable kind: `agreement`, `partial_agreement`, `deadlock` or `walkout`.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Agreement { .. } => "agreement",
            Outcome::PartialAgreement { .. } => "partial_agreement",
            Outcome::Deadlock => "deadlock",
            Outcome::Walkout { .. } => "walkout",
        }
    }

    /// The outcome as a heading: "Agreement", "Partial agreement", "Deadlock" or "Walkout".
    pub fn heading(&self) -> &'static str {
        match self {
            Outcome::Agreement { .. } => "Agreement",
            Outcome::PartialAgreement { .. } => "Partial agreement",
            Outcome::Deadlock => "Deadlock",
            Outcome::Walkout { .. } => "Walkout",
        }
    }

    /// What was agreed, if anything.
    pub fn package(&self) -> Option<Package> {
        match self {
            Outcome::Agreement { package, .. } | Outcome::PartialAgreement { package, .. } => Some(*package),
            _ => None,
        }
    }

    /// The outcome in a short paragraph.
    pub fn describe(&self, scenario: &Scenario, rounds: u32) -> String {
        // Under a ratification rule not every delegation need have accepted: the transcript's "carried" line
        // names who did, so the outcome does not name them all as parties to it.
        let parties = names(scenario.delegations.iter().map(|d| d.name.as_str()));
        let when = format!("after {rounds} round{}", if rounds == 1 { "" } else { "s" });
        match self {
            Outcome::Agreement { package, .. } if scenario.ratification.is_some() => format!(
                "Agreement {when}, carried under the table's rule: every issue settled. {}.",
                settled(scenario, *package)
            ),
            Outcome::Agreement { package, .. } => match side_agreements(scenario, *package) {
                None => format!(
                    "Agreement {when}: {parties} settled every issue. {}.",
                    settled(scenario, *package)
                ),
                Some(instruments) => format!("Agreement {when}: every issue settled. {instruments}"),
            },
            Outcome::PartialAgreement { package, .. } => {
                let open: Vec<&str> = scenario
                    .issues
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| package.choice(*i).is_none())
                    .map(|(_, issue)| issue.name.as_str())
                    .collect();
                match side_agreements(scenario, *package).filter(|_| scenario.ratification.is_none()) {
                    None if scenario.ratification.is_some() => format!(
                        "Partial agreement {when}, carried under the table's rule, on {}. Left open: {}.",
                        settled(scenario, *package),
                        names(open.into_iter())
                    ),
                    None => format!(
                        "Partial agreement {when}: {parties} agreed on {}. Left open: {}.",
                        settled(scenario, *package),
                        names(open.into_iter())
                    ),
                    Some(instruments) => format!(
                        "Partial agreement {when}: {instruments} Left open: {}.",
                        names(open.into_iter())
                    ),
                }
            }
            Outcome::Deadlock if rounds == scenario.clock.rounds => format!(
                "Deadlock: the clock ran out at {} {when} with nothing agreed. Every delegation falls back on its walk-away alternative.",
                scenario.clock.end_time()
            ),
            // The facilitator extended the session, or ended it (or shortened it) early.
            Outcome::Deadlock if rounds > scenario.clock.rounds => format!(
                "Deadlock {when} of a session the facilitator extended, with nothing agreed. Every delegation falls back on its walk-away alternative."
            ),
            Outcome::Deadlock => format!(
                "Deadlock: the talks ended {when}, before the scenario's {} rounds were up, with nothing agreed. Every delegation falls back on its walk-away alternative.",
                scenario.clock.rounds
            ),
            Outcome::Walkout { seat } if scenario.ratification.is_some() => format!(
                "Walkout {when}: {} left the table, and those still at it can no longer meet the table's rule ({}). Nothing was agreed.",
                scenario.delegations[*seat].name,
                scenario.rule_phrase()
            ),
            Outcome::Walkout { seat } => format!(
                "Walkout {when}: {} left the table. Nothing was agreed.",
                scenario.delegations[*seat].name
            ),
        }
    }
}

/// Each instrument of a package in a sentence, who signed and what, when it settles an issue that not every
/// delegation signs; none when every issue it settles is signed by every delegation.
fn side_agreements(scenario: &Scenario, package: Package) -> Option<String> {
    let everyone: Vec<Voice> = (0..scenario.delegations.len()).map(Voice::Delegation).collect();
    let instruments = scenario.instruments(package);
    if instruments.iter().all(|(who, _)| *who == everyone) {
        return None;
    }
    let sentences: Vec<String> = instruments
        .into_iter()
        .map(|(who, issues)| {
            let signers = names(who.iter().map(|&v| scenario.voice_name(v)));
            let only = issues.iter().fold(Package::OPEN, |p, &i| p.with(i, package.choice(i)));
            let what = settled(scenario, only);
            if who == everyone {
                format!("{signers} agreed on {what}.")
            } else {
                format!("Side agreement signed by {signers}: {what}.")
            }
        })
        .collect();
    Some(sentences.join(" "))
}

fn settled(scenario: &Scenario, package: Package) -> String {
    let parts: Vec<String> = scenario
        .settled(package)
        // Issue names as written: lowercasing them would break acronyms and proper names ("INF", "Jerusalem").
        .map(|(issue, option)| format!("{} ({})", issue.name, option.text))
        .collect();
    let mut s = names(parts.iter().map(String::as_str));
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

/// "a", "a and b", "a, b and c".
pub fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.collect();
    match items.len() {
        0 => "nothing".into(),
        1 => items[0].into(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}
