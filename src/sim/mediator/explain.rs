//! The mediator's reasons in plain words: which red lines bind, where there is no zone of agreement and
//! why, and what each side gains over walking away.

use crate::sim::analysis::{Parties, issue_zone};
use crate::sim::issue::Package;
use crate::sim::outcome::names;
use crate::sim::scenario::Scenario;
pub use crate::sim::transcript::pct;

/// "Each side gains over walking away: Ukraine +12, Russia +8."
pub fn gains(s: &Scenario, parties: &Parties, package: Package) -> String {
    let parts: Vec<String> = parties
        .present
        .iter()
        .map(|&d| {
            let gain = s.delegations[d].utility(package) - parties.walk_away[d];
            let sign = if gain >= 0.0 { "+" } else { "-" };
            format!("{} {sign}{}", s.delegations[d].name, pct(gain.abs()))
        })
        .collect();
    format!(
        "Each side gains over walking away (points of 100): {}.",
        parts.join(", ")
    )
}

/// Why a package cannot be signed: the red lines it crosses and the walk-away values it falls below.
pub fn blocked(s: &Scenario, parties: &Parties, package: Package) -> Vec<String> {
    let mut why = Vec::new();
    for &d in &parties.present {
        let del = &s.delegations[d];
        if let Some(line) = del.crossed(package) {
            why.push(format!(
                "{}'s red line binds: {} ({}).",
                del.name,
                line.why.trim_end_matches('.'),
                line.describe(&s.issues)
            ));
        } else if del.utility(package) < parties.walk_away[d] {
            why.push(format!(
                "It is worth less to {} than walking away ({} against {}).",
                del.name,
                pct(del.utility(package)),
                pct(parties.walk_away[d])
            ));
        }
    }
    why
}

/// The issues that have a zone of possible agreement, and for each that has none, a sentence on why:
/// the red lines that settling it would cross, or that every way of settling it leaves someone worse off.
pub fn zones(s: &Scenario, parties: &Parties) -> (Vec<usize>, Vec<String>) {
    let mut zone = Vec::new();
    let mut why = Vec::new();
    for (i, issue) in s.issues.iter().enumerate() {
        if !issue_zone(s, parties, i).is_empty() {
            zone.push(i);
            continue;
        }
        let mut lines: Vec<String> = Vec::new();
        for o in 0..issue.options.len() {
            let p = Package::OPEN.with(i, Some(o));
            for &d in &parties.present {
                if let Some(line) = s.delegations[d].crossed(p) {
                    let text = format!("{}'s red line ({})", s.delegations[d].name, line.describe(&s.issues));
                    if !lines.contains(&text) {
                        lines.push(text);
                    }
                }
            }
        }
        why.push(if lines.is_empty() {
            format!(
                "There is no zone of possible agreement on {}: every way of settling it leaves a side worse off than leaving it open.",
                issue.name
            )
        } else {
            format!(
                "There is no zone of possible agreement on {}: {} {} it.",
                issue.name,
                names(lines.iter().map(String::as_str)),
                if lines.len() == 1 { "blocks" } else { "block" }
            )
        });
    }
    (zone, why)
}

/// The names of the issues a package settles.
pub fn settled(s: &Scenario, package: Package) -> String {
    names(
        s.issues
            .iter()
            .enumerate()
            .filter(|(i, _)| package.choice(*i).is_some())
            .map(|(_, issue)| issue.name.as_str()),
    )
}

/// What the mediator says when no package can be signed by every side.
pub fn nothing_signable(s: &Scenario, parties: &Parties) -> String {
    let (_, why) = zones(s, parties);
    let mut text = why.join(" ");
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str("No package is yet acceptable to every side; I table nothing this round.");
    text
}
