//! The single negotiating text: one draft, tabled and improved each round from the parties' objections
//! (Fisher's one-text procedure, as at Camp David). A red line objection changes the issue it names; a side
//! that finds the draft worth too little gets the one change that helps it most and costs the others least.

use super::explain::{gains, pct, settled, zones};
use super::{Draft, confidence_building};
use crate::sim::analysis::{Parties, acceptable, index_of};
use crate::sim::command::{Reason, Seat};
use crate::sim::delegation::RedLineKind;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

/// The issues a red line speaks of.
fn issues_of(kind: &RedLineKind) -> Vec<usize> {
    match kind {
        RedLineKind::Forbid { issue, .. } | RedLineKind::AtLeast { issue, .. } | RedLineKind::AtMost { issue, .. } => {
            vec![*issue]
        }
        RedLineKind::Precondition { issue, requires, .. } => vec![*issue, *requires],
    }
}

/// Every package one issue away from `text`, crossing no present side's red line.
fn neighbours(s: &Scenario, parties: &Parties, text: Package, issues: &[usize]) -> Vec<(usize, Package)> {
    let mut out = Vec::new();
    for &i in issues {
        for choice in std::iter::once(None).chain((0..s.issues[i].options.len()).map(Some)) {
            let p = text.with(i, choice);
            if p != text && !p.is_open() && parties.present.iter().all(|&d| s.delegations[d].crossed(p).is_none()) {
                out.push((i, p));
            }
        }
    }
    out
}

fn option_text(s: &Scenario, p: Package, i: usize) -> String {
    match p.choice(i) {
        Some(o) => format!("\"{}\"", s.issues[i].options[o].text),
        None => "open".into(),
    }
}

/// The next draft of the single negotiating text: the confidence-building package first, then the last draft
/// revised from the objections raised to it, with what changed and why.
pub fn draft(s: &Scenario, parties: &Parties, state: &TableState) -> Draft {
    let drafts = state.offers.iter().filter(|o| o.author == Seat::Mediator).count();
    let Some(last) = state.offers.iter().rev().find(|o| o.author == Seat::Mediator) else {
        let (package, mut why) = confidence_building::draft(s, parties)?;
        why.insert(
            0,
            "First draft of a single negotiating text: I will table one text and improve it each round from your objections.".into(),
        );
        return Ok((package, why));
    };
    let mut text = last.package;
    let mut why = vec![format!(
        "Draft {} of the single negotiating text, revised from the objections to draft {drafts}.",
        drafts + 1
    )];
    let mut objections = state.objections.clone();
    objections.sort_by_key(|(d, _)| *d);
    objections.dedup_by_key(|(d, _)| *d);
    for (d, reason) in objections {
        if !parties.present.contains(&d) {
            continue;
        }
        let del = &s.delegations[d];
        let gain = |p: Package| del.utility(p) - del.utility(text);
        let others_loss = |p: Package| {
            parties
                .present
                .iter()
                .filter(|&&o| o != d)
                .map(|&o| (s.delegations[o].utility(text) - s.delegations[o].utility(p)).max(0.0))
                .fold(0.0, f64::max)
        };
        let (issues, complaint) = match &reason {
            Reason::RedLine(_) => match del.crossed(text) {
                Some(line) => (
                    issues_of(&line.kind),
                    format!("it crosses its red line ({})", line.describe(&s.issues)),
                ),
                None => continue,
            },
            Reason::BelowWalkAway { value, walk_away } => (
                (0..s.issues.len()).collect(),
                format!(
                    "it is worth {} to it, less than walking away ({})",
                    pct(*value),
                    pct(*walk_away)
                ),
            ),
            Reason::AsksTooMuch { value, aim } => (
                (0..s.issues.len()).collect(),
                format!(
                    "it is worth {} to it against the {} it aims for",
                    pct(*value),
                    pct(*aim)
                ),
            ),
            Reason::Said(words) => (
                (0..s.issues.len()).collect(),
                format!("\"{}\"", words.trim_end_matches('.')),
            ),
        };
        let fix = neighbours(s, parties, text, &issues)
            .into_iter()
            .filter(|&(_, p)| matches!(reason, Reason::RedLine(_)) || gain(p) > 1e-9)
            .max_by(|a, b| {
                (gain(a.1) - others_loss(a.1))
                    .total_cmp(&(gain(b.1) - others_loss(b.1)))
                    .then(b.1.cmp(&a.1))
            });
        match fix {
            Some((i, p)) => {
                why.push(format!(
                    "{} objected that {complaint}; {} now reads {}.",
                    del.name,
                    s.issues[i].name,
                    option_text(s, p, i)
                ));
                text = p;
            }
            None => why.push(format!(
                "{} objected that {complaint}; no single change helps it without crossing a red line.",
                del.name
            )),
        }
    }
    let changed = why.len() > 1;
    if !changed {
        why.push("No side objected to the last draft; I table it again.".into());
    }
    let (_, zones) = zones(s, parties);
    why.extend(zones);
    if !index_of(s, text).is_some_and(|k| acceptable(s, parties, k)) {
        why.push(format!(
            "The text settles {} but not yet to every side's satisfaction; objections will shape the next draft.",
            settled(s, text)
        ));
    }
    why.push(gains(s, parties, text));
    why.push(if changed {
        "Why this text and not a new one: it keeps everything no side objected to and changes only what was objected to, one issue per objection.".into()
    } else {
        "Why this text and not a new one: one text that every side has already read is easier to agree on than a new one.".into()
    });
    Ok((text, why))
}
