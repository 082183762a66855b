//! A delegation's red lines: each names real issues and options, and no precondition is one the
//! delegation's own lines make impossible.

use super::Checker;
use super::delegations::Entry;
use super::issues::IssueIndex;
use crate::sim::delegation::{RedLine, RedLineKind};
use crate::sim::issue::Package;
use crate::sim::scenario::locate;
use crate::sim::scenario::raw::RawRedLine;

/// Checks the delegation's red lines and returns those that name real issues and options.
pub(super) fn check(c: &mut Checker, e: &Entry, index: &IssueIndex) -> Vec<RedLine> {
    check_lines(c, &e.del.red_lines, &e.del.id, e.anchor, &e.path, index)
}

/// Checks the red lines `lines` of `owner` (a delegation or the mediator), whose entry begins at `anchor`
/// and whose problems are named from `path`, and returns those that name real issues and options.
pub(super) fn check_lines(
    c: &mut Checker,
    lines: &[RawRedLine],
    owner: &str,
    anchor: usize,
    path: &str,
    index: &IssueIndex,
) -> Vec<RedLine> {
    // Each line with where it was found and how problems name it, for the second pass below.
    let mut red_lines = Vec::new();
    let rl_anchor = locate::key(c.src, anchor, "red_lines").unwrap_or(anchor);
    let mut search_from = rl_anchor;
    for (r, line) in lines.iter().enumerate() {
        let rpath = format!("{path}.red_lines[{r}]");
        let variant = match line {
            RawRedLine::Forbid { .. } => "Forbid",
            RawRedLine::AtLeast { .. } => "AtLeast",
            RawRedLine::AtMost { .. } => "AtMost",
            RawRedLine::Precondition { .. } => "Precondition",
        };
        let ra = locate::after(c.src, search_from, variant).unwrap_or(search_from);
        search_from = ra + 1;
        let find_issue = |c: &mut Checker, key: &str, id: &str| -> Option<usize> {
            let found = index.get(id);
            if found.is_none() {
                c.at_key(
                    ra,
                    key,
                    &format!("{rpath}.{key}"),
                    format!("there is no issue \"{id}\""),
                    &format!("name one of {}", index.id_list()),
                );
            }
            found
        };
        let find_opt = |c: &mut Checker, key: &str, issue: usize, id: &str| -> Option<usize> {
            let found = index.option_of(issue, id);
            if found.is_none() {
                c.at(
                    ra,
                    Some(&format!("\"{id}\"")),
                    &format!("{rpath}.{key}"),
                    format!("\"{id}\" is not an option of {}", index.issues[issue].id),
                    &format!("its options are {}", index.option_list(issue)),
                );
            }
            found
        };
        let kind = match line {
            RawRedLine::Forbid { issue, option, .. }
            | RawRedLine::AtLeast { issue, option, .. }
            | RawRedLine::AtMost { issue, option, .. } => find_issue(c, "issue", issue).and_then(|i| {
                find_opt(c, "option", i, option).map(|o| match line {
                    RawRedLine::Forbid { .. } => RedLineKind::Forbid { issue: i, option: o },
                    RawRedLine::AtLeast { .. } => RedLineKind::AtLeast { issue: i, option: o },
                    _ => RedLineKind::AtMost { issue: i, option: o },
                })
            }),
            RawRedLine::Precondition {
                issue,
                options,
                requires,
                requires_options,
                ..
            } => {
                let i = find_issue(c, "issue", issue);
                let q = find_issue(c, "requires", requires);
                if options.is_empty() {
                    c.at_key(
                        ra,
                        "options",
                        &format!("{rpath}.options"),
                        "no options: the precondition would never apply".into(),
                        "list the options that need the precondition",
                    );
                }
                if requires_options.is_empty() {
                    c.at_key(
                        ra,
                        "requires_options",
                        &format!("{rpath}.requires_options"),
                        "no required options: the precondition can never hold".into(),
                        "list the options of the required issue that satisfy it",
                    );
                }
                if i.is_some() && i == q {
                    c.at_key(
                        ra,
                        "requires",
                        &format!("{rpath}.requires"),
                        "a precondition cannot require the issue it guards".into(),
                        "name another issue, or use Forbid / AtLeast / AtMost",
                    );
                }
                match (i, q) {
                    (Some(i), Some(q)) if i != q => {
                        let os: Vec<Option<usize>> = options.iter().map(|o| find_opt(c, "options", i, o)).collect();
                        let rs: Vec<Option<usize>> = requires_options
                            .iter()
                            .map(|o| find_opt(c, "requires_options", q, o))
                            .collect();
                        (os.iter().all(Option::is_some)
                            && rs.iter().all(Option::is_some)
                            && !os.is_empty()
                            && !rs.is_empty())
                        .then(|| RedLineKind::Precondition {
                            issue: i,
                            options: os.into_iter().flatten().collect(),
                            requires: q,
                            requires_options: rs.into_iter().flatten().collect(),
                        })
                    }
                    _ => None,
                }
            }
        };
        let why = match line {
            RawRedLine::Forbid { why, .. }
            | RawRedLine::AtLeast { why, .. }
            | RawRedLine::AtMost { why, .. }
            | RawRedLine::Precondition { why, .. } => why.clone(),
        };
        if let Some(kind) = kind {
            red_lines.push((ra, rpath, RedLine { kind, why: why.into() }));
        }
    }
    // A precondition whose every required option the delegation itself forbids can never hold.
    for (ra, rpath, line) in &red_lines {
        if let RedLineKind::Precondition {
            requires,
            requires_options,
            ..
        } = &line.kind
        {
            let all_forbidden = requires_options.iter().all(|&o| {
                let p = Package::OPEN.with(*requires, Some(o));
                red_lines
                    .iter()
                    .any(|(_, _, other)| !matches!(other.kind, RedLineKind::Precondition { .. }) && other.crossed_by(p))
            });
            if all_forbidden {
                c.at_key(
                    *ra,
                    "requires_options",
                    &format!("{rpath}.requires_options"),
                    format!("can never hold: {owner} forbids every required option itself"),
                    "drop the precondition, or allow one of its required options",
                );
            }
        }
    }
    red_lines.into_iter().map(|(_, _, l)| l).collect()
}
