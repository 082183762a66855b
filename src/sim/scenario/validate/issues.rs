//! Issues and their options: how many, their ids, and how large a package space they make.

use std::collections::{BTreeMap, BTreeSet};

use super::{Checker, MAX_PACKAGES};
use crate::sim::issue::{Issue, IssueOption, MAX_ISSUES, MAX_OPTIONS};
use crate::sim::scenario::raw::{RawIssue, RawScenario};
use crate::sim::scenario::{Voice, locate};

/// The issues of a scenario by id, for the sections that name them (positions, red lines).
pub(super) struct IssueIndex<'a> {
    /// The issues as written.
    pub(super) issues: &'a [RawIssue],
    /// Issue id -> its place in `issues` (the first one, if an id is used twice: that is reported already).
    by_id: BTreeMap<&'a str, usize>,
}

impl IssueIndex<'_> {
    /// The place of the issue with this id.
    pub(super) fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The place of option `id` within issue `issue`.
    pub(super) fn option_of(&self, issue: usize, id: &str) -> Option<usize> {
        self.issues[issue].options.iter().position(|o| o.id == id)
    }

    /// The option ids of issue `issue`, quoted and comma-separated, for help texts.
    pub(super) fn option_list(&self, issue: usize) -> String {
        self.issues[issue]
            .options
            .iter()
            .map(|o| format!("\"{}\"", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every issue id, quoted and comma-separated, for help texts.
    pub(super) fn id_list(&self) -> String {
        // Each id once, in file order, even where one is repeated (that is reported at the repeat).
        let mut ids: Vec<String> = Vec::new();
        for i in self.issues {
            let quoted = format!("\"{}\"", i.id);
            if !ids.contains(&quoted) {
                ids.push(quoted);
            }
        }
        ids.join(", ")
    }
}

/// Checks the number of issues, their ids and their options.
pub(super) fn check<'a>(c: &mut Checker, raw: &'a RawScenario) -> IssueIndex<'a> {
    if raw.issues.is_empty() || raw.issues.len() > MAX_ISSUES {
        c.at_key(
            0,
            "issues",
            "issues",
            format!("{} issues; a scenario needs 1 to {MAX_ISSUES}", raw.issues.len()),
            "",
        );
    }
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    // Each issue is found after the one before, so a repeated id points at its own entry.
    let mut from = locate::key(c.src, 0, "issues").unwrap_or(0);
    for (i, issue) in raw.issues.iter().enumerate() {
        let anchor = locate::field_value(c.src, from, "id", &issue.id).unwrap_or(from);
        from = anchor + 1;
        let path = format!("issues[{i}] ({})", issue.id);
        c.id(anchor, &path, &issue.id);
        // The first issue keeps the id, so what names it is checked against that one, not the later copy.
        if by_id.contains_key(issue.id.as_str()) {
            c.duplicate(anchor, &path, "issue", &issue.id, "every issue");
        } else {
            by_id.insert(&issue.id, i);
        }
        if issue.options.is_empty() || issue.options.len() > MAX_OPTIONS {
            c.at_key(
                anchor,
                "options",
                &path,
                format!("{} options; an issue needs 1 to {MAX_OPTIONS}", issue.options.len()),
                "",
            );
        }
        let mut seen = BTreeSet::new();
        for o in &issue.options {
            let oa = locate::field_value(c.src, anchor, "id", &o.id).unwrap_or(anchor);
            c.id(oa, &format!("{path}.options"), &o.id);
            if o.id == "open" {
                c.at(
                    oa,
                    None,
                    &format!("{path}.options"),
                    "\"open\" is reserved for leaving an issue open".into(),
                    "rename the option, e.g. \"none\" or \"no_deal\"",
                );
            }
            if !seen.insert(o.id.as_str()) {
                c.duplicate(
                    oa,
                    &format!("{path}.options"),
                    "option",
                    &o.id,
                    "every option of an issue",
                );
            }
        }
    }
    // Signatories are delegations or the mediator, each once, with at least one delegation.
    for (i, issue) in raw.issues.iter().enumerate() {
        if issue.signatories.is_empty() {
            continue;
        }
        let anchor = locate::field_value(c.src, 0, "id", &issue.id).unwrap_or(0);
        let path = format!("issues[{i}] ({}).signatories", issue.id);
        let known = |id: &str| id == raw.mediator.id || raw.delegations.iter().any(|d| d.id == id);
        let mut seen = BTreeSet::new();
        for id in &issue.signatories {
            if !known(id) {
                c.at(
                    anchor,
                    Some(&format!("\"{id}\"")),
                    &path,
                    format!("\"{id}\" is not a delegation or the mediator"),
                    &format!(
                        "name delegations by id ({}) or the mediator (\"{}\")",
                        raw.delegations
                            .iter()
                            .map(|d| format!("\"{}\"", d.id))
                            .collect::<Vec<_>>()
                            .join(", "),
                        raw.mediator.id
                    ),
                );
            } else if !seen.insert(id.as_str()) {
                c.at(
                    anchor,
                    Some(&format!("\"{id}\"")),
                    &path,
                    format!("\"{id}\" signs twice"),
                    "name each signatory once",
                );
            }
        }
        if !issue
            .signatories
            .iter()
            .any(|id| raw.delegations.iter().any(|d| &d.id == id))
        {
            c.at_key(
                anchor,
                "signatories",
                &path,
                "no delegation signs it".into(),
                "name at least one delegation; leave `signatories` out for an issue every delegation signs",
            );
        }
    }
    // Terms that exist only with another issue settled: the issue and its options must exist.
    for (i, issue) in raw.issues.iter().enumerate() {
        let anchor = locate::field_value(c.src, 0, "id", &issue.id).unwrap_or(0);
        for (o, option) in issue.options.iter().enumerate() {
            let Some(req) = &option.requires else { continue };
            let oa = locate::field_value(c.src, anchor, "id", &option.id).unwrap_or(anchor);
            let path = format!("issues[{i}] ({}).options[{o}] ({}).requires", issue.id, option.id);
            match by_id.get(req.issue.as_str()) {
                None => c.at(
                    oa,
                    Some(&format!("\"{}\"", req.issue)),
                    &format!("{path}.issue"),
                    format!("no issue \"{}\"", req.issue),
                    &format!(
                        "name one of {}",
                        raw.issues
                            .iter()
                            .map(|x| format!("\"{}\"", x.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
                Some(&r) if r == i => c.at(
                    oa,
                    Some("requires"),
                    &format!("{path}.issue"),
                    "an option cannot require its own issue".into(),
                    "name another issue, or drop `requires`",
                ),
                Some(&r) => {
                    if req.options.is_empty() {
                        c.at(
                            oa,
                            Some("options"),
                            &format!("{path}.options"),
                            "no options: the terms could never be met".into(),
                            "list at least one option of the required issue",
                        );
                    }
                    for id in &req.options {
                        if !raw.issues[r].options.iter().any(|x| &x.id == id) {
                            c.at(
                                oa,
                                Some(&format!("\"{id}\"")),
                                &format!("{path}.options"),
                                format!("issue \"{}\" has no option \"{id}\"", req.issue),
                                &format!(
                                    "choose from {}",
                                    raw.issues[r]
                                        .options
                                        .iter()
                                        .map(|x| format!("\"{}\"", x.id))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
    IssueIndex {
        issues: &raw.issues,
        by_id,
    }
}

/// Checks that the issues make no more packages than the AI can scan. Run last, as it always was:
/// its problem sits where the issue count's does, and the stable sort keeps the two in this order.
pub(super) fn check_package_count(c: &mut Checker, raw: &RawScenario) {
    // In u128 and saturating: 16 issues of 15 options make 16^16 = 2^64 packages, one past the largest u64.
    let space_size: u128 = raw
        .issues
        .iter()
        .fold(1u128, |n, i| n.saturating_mul(i.options.len() as u128 + 1));
    if space_size > MAX_PACKAGES as u128 {
        c.at_key(
            0,
            "issues",
            "issues",
            format!("{space_size} possible packages; at most {MAX_PACKAGES} are allowed"),
            "use fewer issues or fewer options",
        );
    }
}

/// The runtime issues of a checked scenario.
pub(super) fn build(raw: &RawScenario) -> Vec<Issue> {
    raw.issues
        .iter()
        .map(|i| Issue {
            // In seat order, the mediator last, each once: the same signers make the same instrument.
            signatories: {
                let mut who: Vec<Voice> = i
                    .signatories
                    .iter()
                    .filter_map(|id| {
                        if *id == raw.mediator.id {
                            Some(Voice::Mediator)
                        } else {
                            raw.delegations.iter().position(|d| &d.id == id).map(Voice::Delegation)
                        }
                    })
                    .collect();
                who.sort_by_key(|v| match v {
                    Voice::Delegation(d) => *d,
                    _ => usize::MAX,
                });
                who.dedup();
                who
            },
            id: i.id.clone(),
            name: i.name.clone(),
            description: i.description.clone(),
            open: i.open.clone(),
            options: i
                .options
                .iter()
                .map(|o| IssueOption {
                    id: o.id.clone(),
                    text: o.text.clone(),
                    requires: o.requires.as_ref().and_then(|r| {
                        let at = raw.issues.iter().position(|x| x.id == r.issue)?;
                        let options = r
                            .options
                            .iter()
                            .filter_map(|id| raw.issues[at].options.iter().position(|x| &x.id == id))
                            .collect();
                        Some((at, options))
                    }),
                })
                .collect(),
        })
        .collect()
}
