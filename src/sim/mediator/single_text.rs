//! The single negotiating text: one draft, tabled and improved each round from the parties' objections
//! (Fisher's one-text procedure, as at Camp David). A red line objection changes the issues it names, and a
//! side that finds the draft worth too little gets the change that helps it most and costs the others least;
//! a change may move two issues at once, so one side can be paid on another issue for what it gives.

use super::claim::{self, Claim};
use super::{Reasoned, confidence_building};
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

/// Every package one or two issues away from `text` that changes at least one of `issues`, none of `locked`,
/// settles something and crosses no present side's red line (nor, for the chair, the mediator's own), with how
/// many issues it changes and its place in the outcome space.
fn neighbours(
    s: &Scenario,
    parties: &Parties,
    text: Package,
    issues: &[usize],
    locked: &[usize],
) -> Vec<(usize, Package, usize)> {
    let choices = |i: usize| std::iter::once(None).chain((0..s.issues[i].options.len()).map(Some));
    let space = &s.space;
    // Read from the outcome space: a package every present side's lines allow also meets the linked terms.
    let fine = |p: Package| {
        if p.is_open() {
            return None;
        }
        let k = index_of(s, p)?;
        (space.terms_met[k]
            && parties.present.iter().all(|&d| space.allowed[d][k])
            && (!parties.chair || space.tableable[k]))
            .then_some(k)
    };
    let mut out = Vec::new();
    for &i in issues.iter().filter(|i| !locked.contains(i)) {
        for a in choices(i).filter(|&a| a != text.choice(i)) {
            let one = text.with(i, Some(a).flatten());
            if let Some(k) = fine(one) {
                out.push((1, one, k));
            }
            // The same change, paid for (or made possible) on another issue.
            for j in (0..s.issues.len()).filter(|&j| j != i && !locked.contains(&j) && !(issues.contains(&j) && j < i))
            {
                for b in choices(j).filter(|&b| b != text.choice(j)) {
                    let two = one.with(j, b);
                    if let Some(k) = fine(two) {
                        out.push((2, two, k));
                    }
                }
            }
        }
    }
    out
}

/// An objection in words that reveal none of the objector's private numbers.
fn complaint(s: &Scenario, seat: usize, text: Package, reason: &Reason) -> Option<(Vec<usize>, String)> {
    let all = (0..s.issues.len()).collect();
    Some(match reason {
        Reason::RedLine(_) => {
            let line = s.delegations[seat].crossed(text)?;
            (
                issues_of(&line.kind),
                format!("it crosses its red line ({})", line.describe(&s.issues)),
            )
        }
        Reason::BelowWalkAway { .. } => (all, "it is worth less to it than no agreement".into()),
        Reason::AsksTooMuch { .. } => (all, "it asks too much of it".into()),
        Reason::Said(words) => (all, format!("\"{}\"", words.trim_end_matches('.'))),
    })
}

/// The next draft of the single negotiating text: the confidence-building package first; then the last draft
/// revised from every objection raised to it, taken in seat order from a seat that moves on by one each draft
/// (so no side is always heard first). For each, the change of one or two issues that helps the objector most
/// for the least cost to any other side (a side already answered this round included), leaving alone the
/// issues already changed this round for another side: objections combine instead of undoing each other.
/// Its reasons name every change, so they describe exactly the text tabled.
pub fn draft(s: &Scenario, parties: &Parties, state: &TableState) -> Reasoned {
    let drafts = state.offers.iter().filter(|o| o.author == Seat::Mediator).count();
    let Some(last) = state.offers.iter().rev().find(|o| o.author == Seat::Mediator) else {
        let (package, mut why) = confidence_building::draft(s, parties)?;
        why.insert(
            0,
            Claim::Method("First draft of a single negotiating text: I will table one text and improve it each round from your objections.".into()),
        );
        return Ok((package, why));
    };
    let mut text = last.package;
    let mut why = vec![Claim::Method(format!(
        "Draft {} of the single negotiating text, revised from the objections to draft {drafts}.",
        drafts + 1
    ))];
    let mut objections = state.objections.clone();
    objections.sort_by_key(|(d, _)| *d);
    objections.dedup_by_key(|(d, _)| *d);
    let seats = s.delegations.len().max(1);
    let first = drafts % seats;
    objections.sort_by_key(|(d, _)| (d + seats - first) % seats);
    let mut locked: Vec<usize> = Vec::new();
    let tabled: Vec<Package> = state
        .offers
        .iter()
        .filter(|o| o.author == Seat::Mediator)
        .map(|o| o.package)
        .collect();
    let mut changed = false;
    for (d, reason) in objections {
        if !parties.present.contains(&d) {
            continue;
        }
        let Some((issues, words)) = complaint(s, d, text, &reason) else {
            continue;
        };
        let utility = &s.space.utility;
        let now: Vec<f64> = (0..s.delegations.len())
            .map(|o| s.delegations[o].utility(text))
            .collect();
        let gain = |k: usize| utility[d][k] - now[d];
        let others_loss = |k: usize| {
            parties
                .present
                .iter()
                .filter(|&&o| o != d)
                .map(|&o| (now[o] - utility[o][k]).max(0.0))
                .fold(0.0, f64::max)
        };
        let red_line = matches!(reason, Reason::RedLine(_));
        // A text tabled before was objected to already: the text moves on to one not yet tabled where it can,
        // so two sides' objections do not swing it back and forth between the same two drafts.
        let fix = neighbours(s, parties, text, &issues, &locked)
            .into_iter()
            .filter(|&(_, _, k)| red_line || gain(k) > 1e-9)
            .map(|(changes, p, k)| (!tabled.contains(&p), gain(k) - others_loss(k), changes, p))
            .max_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then(b.2.cmp(&a.2))
                    .then(b.3.cmp(&a.3))
            })
            .map(|(_, _, changes, p)| (changes, p));
        match fix {
            Some((_, p)) => {
                why.push(Claim::Revised {
                    seat: d,
                    complaint: words,
                    before: text,
                    after: p,
                });
                locked.extend(claim::differences(s, text, p));
                text = p;
                changed = true;
            }
            None => why.push(Claim::Unmet {
                seat: d,
                complaint: words,
            }),
        }
    }
    if !changed && why.len() == 1 {
        why.push(Claim::Method(
            "No side objected to the last draft; I table it again.".into(),
        ));
    }
    if !index_of(s, text).is_some_and(|k| acceptable(s, parties, k)) {
        why.push(Claim::NotYetSignable { package: text });
    }
    why.extend(claim::trades(s, parties, text));
    why.extend(claim::left_open(s, parties, text));
    why.push(claim::gains(s, parties, text));
    why.push(Claim::Method(if changed {
        "Why this text and not a new one: it keeps everything no side objected to and changes only what was objected to, one or two issues per objection.".into()
    } else {
        "Why this text and not a new one: one text that every side has already read is easier to agree on than a new one.".into()
    }));
    Ok((text, why))
}
