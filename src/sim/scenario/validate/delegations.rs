//! Each delegation: its colour, walk-away and patience, its position on every issue, its red lines
//! (see `red_lines.rs`), its trust in the others, the lines it may say and how it concedes.

use std::collections::BTreeMap;

use super::issues::IssueIndex;
use super::seats::{Seats, person};
use super::{Checker, red_lines};
use crate::sim::delegation::{DelegationSpec, Posture, StatementKind, Strategy};
use crate::sim::rules::MAX_STATEMENT;
use crate::sim::scenario::Voice;
use crate::sim::scenario::locate;
use crate::sim::scenario::raw::{RawDelegation, RawPosture, RawScenario, RawStatementKind, RawStrategy};

/// One delegation being checked: what the parts of its check share.
pub(super) struct Entry<'a> {
    /// Its seat.
    pub(super) seat: usize,
    pub(super) del: &'a RawDelegation,
    /// Where its entry begins in the text.
    pub(super) anchor: usize,
    /// How problems name it, e.g. `delegations[1] (russia)`.
    pub(super) path: String,
}

/// Checks every delegation and builds its runtime form, in seat order.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, index: &IssueIndex, seats: &Seats) -> Vec<DelegationSpec> {
    let mut delegations = Vec::new();
    for (d, del) in raw.delegations.iter().enumerate() {
        let e = Entry {
            seat: d,
            del,
            anchor: seats.delegation_anchor[d],
            path: format!("delegations[{d}] ({})", del.id),
        };
        let rgb = colour(&del.colour);
        if rgb.is_none() {
            c.at_key(
                e.anchor,
                "colour",
                &format!("{}.colour", e.path),
                format!("\"{}\" is not a colour", del.colour),
                "write \"#RRGGBB\", e.g. \"#0057B7\"",
            );
        }
        c.unit(
            e.anchor,
            "walk_away",
            &format!("{}.walk_away", e.path),
            del.walk_away.value,
        );
        c.unit(
            e.anchor,
            "patience",
            &format!("{}.patience", e.path),
            del.patience.value,
        );

        let (demands, weights, values) = positions(c, &e, index);
        let red_lines = red_lines::check(c, &e, index);
        let trust = trust(c, &e, seats);
        let lines = lines(c, &e);
        let strategy = strategy(c, &e);
        delegations.push(DelegationSpec {
            id: del.id.clone(),
            name: del.name.clone(),
            native: del.native.clone(),
            colour: rgb.unwrap_or([128, 128, 128]),
            delegates: del.delegates.iter().map(person).collect(),
            strategy,
            posture: match del.posture {
                RawPosture::Conciliatory => Posture::Conciliatory,
                RawPosture::Firm => Posture::Firm,
                RawPosture::Hardline => Posture::Hardline,
            },
            demands,
            weights,
            values,
            red_lines,
            walk_away: del.walk_away.value,
            patience: del.patience.value,
            trust,
            lines,
        });
    }
    delegations
}

/// A seat colour written "#RRGGBB".
fn colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// The largest weight an issue may have (weights only count relative to each other; a bound keeps their sum
/// finite).
const MAX_WEIGHT: f64 = 1e6;

/// Checks the delegation's positions and returns, per issue, its demand, its weight (normalised to sum
/// to 1 when any is positive) and its values (open first, then each option).
fn positions(c: &mut Checker, e: &Entry, index: &IssueIndex) -> (Vec<usize>, Vec<f64>, Vec<Vec<f64>>) {
    let (del, anchor, path) = (e.del, e.anchor, &e.path);
    let issues = index.issues;
    let mut demands = vec![0; issues.len()];
    let mut weights = vec![0.0; issues.len()];
    let mut values: Vec<Vec<f64>> = issues.iter().map(|i| vec![0.0; i.options.len() + 1]).collect();
    let pos_anchor = locate::key(c.src, anchor, "positions").unwrap_or(anchor);
    for (issue_id, pos) in &del.positions {
        let ppath = format!("{path}.positions.{issue_id}");
        let pa = locate::after(c.src, pos_anchor, &format!("\"{issue_id}\"")).unwrap_or(pos_anchor);
        let Some(i) = index.get(issue_id.as_str()) else {
            c.at(
                pa,
                None,
                &ppath,
                format!("there is no issue \"{issue_id}\""),
                &format!("positions are keyed by issue id: {}", index.id_list()),
            );
            continue;
        };
        let what = if pos.weight.is_nan() {
            Some(format!("weight {} is not a number", pos.weight))
        } else if pos.weight < 0.0 {
            Some(format!("weight {} is negative", pos.weight))
        } else if pos.weight > MAX_WEIGHT {
            Some(format!("weight {} is more than {MAX_WEIGHT}", pos.weight))
        } else {
            None
        };
        if let Some(what) = what {
            c.at_key(
                pa,
                "weight",
                &format!("{ppath}.weight"),
                what,
                "weights are numbers from 0 to 1,000,000; they are normalised to sum to 1",
            );
        }
        weights[i] = if pos.weight.is_finite() {
            pos.weight.clamp(0.0, MAX_WEIGHT)
        } else {
            0.0
        };
        match index.option_of(i, &pos.demand) {
            Some(o) => demands[i] = o,
            None => c.at_key(
                pa,
                "demand",
                &format!("{ppath}.demand"),
                format!("\"{}\" is not an option of {issue_id}", pos.demand),
                &format!("its options are {}", index.option_list(i)),
            ),
        }
        let va = locate::key(c.src, pa, "values").unwrap_or(pa);
        for (key, &v) in &pos.values {
            let slot = if key == "open" {
                Some(0)
            } else {
                index.option_of(i, key).map(|o| o + 1)
            };
            match slot {
                Some(s) => {
                    values[i][s] = v;
                    if !(0.0..=1.0).contains(&v) {
                        c.at(
                            va,
                            Some(&format!("\"{key}\"")),
                            &format!("{ppath}.values.{key}"),
                            format!("{v} is outside 0..=1"),
                            "write a number from 0.0 to 1.0",
                        );
                    }
                }
                None => c.at(
                    va,
                    Some(&format!("\"{key}\"")),
                    &format!("{ppath}.values"),
                    format!("\"{key}\" is not an option of {issue_id}"),
                    &format!("give values for \"open\" and {}", index.option_list(i)),
                ),
            }
        }
        for key in std::iter::once("open").chain(issues[i].options.iter().map(|o| o.id.as_str())) {
            if !pos.values.contains_key(key) {
                c.at(
                    va,
                    None,
                    &format!("{ppath}.values"),
                    format!("no value for \"{key}\""),
                    "give a value from 0.0 to 1.0 for \"open\" and every option",
                );
            }
        }
        // A demand with no value of its own is reported above as a missing value; comparing its stand-in 0
        // with the other values would add a second, misleading problem.
        if let Some(dem) = index.option_of(i, &pos.demand)
            && pos.values.contains_key(pos.demand.as_str())
        {
            let best = values[i][1..].iter().cloned().fold(f64::MIN, f64::max);
            if values[i][dem + 1] < best {
                c.at_key(
                    pa,
                    "demand",
                    &format!("{ppath}.demand"),
                    format!(
                        "the demand \"{}\" is valued {} but another option is valued {best}",
                        pos.demand,
                        values[i][dem + 1]
                    ),
                    "demand the option you value most, or change the values",
                );
            }
        }
    }
    for issue in issues {
        if !del.positions.contains_key(&issue.id) {
            c.at_key(
                anchor,
                "positions",
                &format!("{path}.positions"),
                format!("no position on issue \"{}\"", issue.id),
                "give every delegation a position on every issue",
            );
        }
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        c.at_key(
            anchor,
            "positions",
            &format!("{path}.positions"),
            "all weights are zero, so nothing matters to this delegation".into(),
            "give at least one issue a positive weight",
        );
    } else {
        weights.iter_mut().for_each(|w| *w /= total);
    }
    (demands, weights, values)
}

/// Checks the delegation's trust and returns it towards every seat: the other delegations by seat,
/// then the mediator; 0.5 where the file says nothing (and towards itself).
fn trust(c: &mut Checker, e: &Entry, seats: &Seats) -> Vec<f64> {
    let n = seats.delegations;
    let mut trust = vec![0.5; n + 1];
    let ta = locate::key(c.src, e.anchor, "trust").unwrap_or(e.anchor);
    for (other, t) in &e.del.trust {
        let tpath = format!("{}.trust.{other}", e.path);
        match seats.voice(other.as_str()) {
            Some(Voice::Delegation(o)) if o != e.seat => trust[o] = t.value,
            Some(Voice::Mediator) => trust[n] = t.value,
            _ => c.at(
                ta,
                Some(&format!("\"{other}\"")),
                &tpath,
                format!("\"{other}\" is not another delegation or the mediator"),
                "trust is held towards the other delegations and the mediator",
            ),
        }
        if !(0.0..=1.0).contains(&t.value) {
            c.at(
                ta,
                Some(&format!("\"{other}\"")),
                &tpath,
                format!("{} is outside 0..=1", t.value),
                "write a number from 0.0 to 1.0",
            );
        }
    }
    trust
}

/// The delegation's lines, grouped by kind of statement in the order they are written. A line must be one
/// the table would hear: words, and at most as long as any statement may be.
fn lines(c: &mut Checker, entry: &Entry) -> BTreeMap<StatementKind, Vec<crate::sim::command::Text>> {
    let mut lines: BTreeMap<StatementKind, Vec<crate::sim::command::Text>> = BTreeMap::new();
    let mut from = crate::sim::scenario::locate::key(c.src, entry.anchor, "lines").unwrap_or(entry.anchor);
    for (k, l) in entry.del.lines.iter().enumerate() {
        let at = crate::sim::scenario::locate::key(c.src, from, "text").unwrap_or(from);
        from = at + 1;
        let length = l.text.chars().count();
        if l.text.trim().is_empty() || length > MAX_STATEMENT {
            c.at(
                at,
                None,
                &format!("{}.lines[{k}].text", entry.path),
                format!("a line of {length} characters; a statement has words and at most {MAX_STATEMENT}"),
                "shorten the line; the AI says it at the table as it is written",
            );
        }
        let kind = match l.kind {
            RawStatementKind::Conciliatory => StatementKind::Conciliatory,
            RawStatementKind::Firm => StatementKind::Firm,
            RawStatementKind::Threat => StatementKind::Threat,
            RawStatementKind::WalkoutWarning => StatementKind::WalkoutWarning,
        };
        lines.entry(kind).or_default().push(l.text.as_str().into());
    }
    lines
}

/// How the delegation concedes; a time-dependent exponent must be above 0.
fn strategy(c: &mut Checker, entry: &Entry) -> Strategy {
    match entry.del.strategy {
        RawStrategy::Boulware => Strategy::BOULWARE,
        RawStrategy::Linear => Strategy::LINEAR,
        RawStrategy::Conceder => Strategy::CONCEDER,
        RawStrategy::TitForTat => Strategy::TitForTat,
        RawStrategy::Hardliner => Strategy::Hardliner,
        RawStrategy::Delegation => Strategy::Delegation,
        RawStrategy::TimeDependent(e) => {
            if !(e.is_finite() && e > 0.0) {
                c.at_key(
                    entry.anchor,
                    "strategy",
                    &format!("{}.strategy", entry.path),
                    format!("exponent {e} must be above 0"),
                    "e.g. TimeDependent(2.0); 4 concedes late, 0.25 early",
                );
            }
            Strategy::TimeDependent { exponent: e }
        }
    }
}
