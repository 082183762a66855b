//! Checks a parsed scenario and turns it into runtime types with ids; every problem names file:line:col.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use miette::{Diagnostic, NamedSource, SourceSpan};

use super::locate;
use super::raw::*;
use super::{
    ActorSpec, Clock, Effect, History, MediatorSpec, MediatorStrategy, OutcomeSpace, Scenario, ScheduledEvent, Voice,
};
use crate::sim::delegation::{DelegationSpec, Person, Posture, RedLine, RedLineKind, StatementKind, Strategy};
use crate::sim::issue::{Issue, IssueOption, MAX_ISSUES, MAX_OPTIONS, Package};

/// The largest package space a scenario may have (the AI scans it every turn).
pub const MAX_PACKAGES: usize = 1 << 20;

/// One thing wrong with a scenario file.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{col}: {path}: {message}")]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// Where in the scenario, e.g. `delegations[1] (russia).red_lines[0]`.
    pub path: String,
    pub message: String,
    #[help]
    pub help: Option<String>,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("here")]
    pub span: SourceSpan,
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ScenarioError {
    #[error("{file}: cannot read the scenario: {reason}")]
    #[diagnostic(help("check the path; `redline check FILE` validates a scenario file"))]
    Unreadable { file: String, reason: String },
    #[error("{}", .0)]
    #[diagnostic(transparent)]
    Syntax(Box<Problem>),
    #[error("{}", ProblemList(.problems))]
    #[diagnostic(help("see docs/scenario-format.md for every field"))]
    Invalid {
        file: String,
        #[related]
        problems: Vec<Problem>,
    },
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
            if let Some(help) = &p.help {
                write!(f, " ({help})")?;
            }
        }
        Ok(())
    }
}

impl ScenarioError {
    pub(super) fn unreadable(file: &str, e: &std::io::Error) -> ScenarioError {
        ScenarioError::Unreadable {
            file: file.into(),
            reason: e.to_string(),
        }
    }
}

fn problem(file: &str, src: &str, offset: usize, path: &str, message: String, help: Option<String>) -> Problem {
    let (line, col) = locate::line_col(src, offset);
    let len = src[offset.min(src.len())..].find(['\n', ',']).unwrap_or(0).max(1);
    Problem {
        file: file.into(),
        line,
        col,
        path: path.into(),
        message,
        help,
        src: NamedSource::new(file, src.to_string()),
        span: SourceSpan::new(offset.into(), len.min(src.len().saturating_sub(offset))),
    }
}

/// Parses RON text into the raw shapes, turning syntax errors into a located problem.
pub fn parse(file: &str, src: &str) -> Result<RawScenario, ScenarioError> {
    ron::Options::default().from_str::<RawScenario>(src).map_err(|e| {
        let offset = locate::offset_of(src, e.span.start.line, e.span.start.col);
        let help = syntax_help(&e.code.to_string());
        ScenarioError::Syntax(Box::new(problem(file, src, offset, "syntax", e.code.to_string(), help)))
    })
}

fn syntax_help(message: &str) -> Option<String> {
    if message.contains("Unexpected missing field") || message.contains("missing field") {
        Some("add the missing field; docs/scenario-format.md lists every field".into())
    } else if message.contains("Unexpected field") || message.contains("unknown field") {
        Some("remove or rename the field; docs/scenario-format.md lists the allowed names".into())
    } else if message.contains("variant") {
        Some("use one of the listed variants, spelled exactly".into())
    } else {
        Some("RON syntax: structs are `(field: value, ...)`, maps `{\"key\": value}`, lists `[a, b]`".into())
    }
}

/// Collects problems while checking, each anchored in the text.
struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Records a problem found at the first `needle` after `anchor` (or the anchor itself).
    fn at(&mut self, anchor: usize, needle: Option<&str>, path: &str, message: String, help: &str) {
        let offset = needle
            .and_then(|n| locate::after(self.src, anchor, n))
            .unwrap_or(anchor);
        let help = (!help.is_empty()).then(|| help.to_string());
        self.problems
            .push(problem(self.file, self.src, offset, path, message, help));
    }

    /// Records a problem at a field `key:` after `anchor`.
    fn at_key(&mut self, anchor: usize, key: &str, path: &str, message: String, help: &str) {
        let offset = locate::key(self.src, anchor, key).unwrap_or(anchor);
        self.at(offset, None, path, message, help);
    }

    /// Records that `id` is used twice where it must be unique; `among` says where ("every option of an issue").
    fn duplicate(&mut self, anchor: usize, path: &str, kind: &str, id: &str, among: &str) {
        let message = format!("{kind} id \"{id}\" is used twice");
        self.at(anchor, None, path, message, &format!("give {among} its own id"));
    }

    fn unit(&mut self, anchor: usize, key: &str, path: &str, value: f64) {
        if !(0.0..=1.0).contains(&value) {
            self.at_key(
                anchor,
                key,
                path,
                format!("{value} is outside 0..=1"),
                "write a number from 0.0 to 1.0",
            );
        }
    }

    fn id(&mut self, anchor: usize, path: &str, id: &str) {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            self.at(
                anchor,
                None,
                path,
                format!("\"{id}\" is not a valid id"),
                "use lowercase letters, digits and '_', e.g. \"prisoner_exchange\"",
            );
        }
    }
}

fn person(p: &RawPerson) -> Person {
    Person {
        name: p.name.clone(),
        native: p.native.clone(),
        role: p.role.clone(),
    }
}

fn colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn clock_start(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && text.len() == 5).then_some(h * 60 + m)
}

/// Checks a parsed scenario and builds its runtime form.
pub fn validate(file: &str, src: &str, raw: RawScenario) -> Result<Scenario, ScenarioError> {
    let mut c = Checker {
        file,
        src,
        problems: Vec::new(),
    };

    let scenario_anchor = locate::key(src, 0, "id").unwrap_or(0);
    c.id(scenario_anchor, "id", &raw.id);
    let mut source_ids = BTreeSet::new();
    for (k, source) in raw.sources.iter().enumerate() {
        let anchor = locate::field_value(src, 0, "id", &source.id).unwrap_or(0);
        c.id(anchor, &format!("sources[{k}]"), &source.id);
        if !source_ids.insert(source.id.as_str()) {
            c.duplicate(anchor, &format!("sources[{k}]"), "source", &source.id, "every source");
        }
    }

    // Issues and their options.
    if raw.issues.is_empty() || raw.issues.len() > MAX_ISSUES {
        c.at_key(
            0,
            "issues",
            "issues",
            format!("{} issues; a scenario needs 1 to {MAX_ISSUES}", raw.issues.len()),
            "",
        );
    }
    let mut issue_index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut issue_anchor = Vec::new();
    for (i, issue) in raw.issues.iter().enumerate() {
        let anchor = locate::field_value(src, 0, "id", &issue.id).unwrap_or(0);
        issue_anchor.push(anchor);
        let path = format!("issues[{i}] ({})", issue.id);
        c.id(anchor, &path, &issue.id);
        if issue_index.insert(&issue.id, i).is_some() {
            c.duplicate(anchor, &path, "issue", &issue.id, "every issue");
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
            let oa = locate::field_value(src, anchor, "id", &o.id).unwrap_or(anchor);
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
    let option_of = |issue: usize, id: &str| raw.issues[issue].options.iter().position(|o| o.id == id);
    let option_list = |issue: usize| {
        raw.issues[issue]
            .options
            .iter()
            .map(|o| format!("\"{}\"", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    };

    // Seats: delegations, the mediator, outside actors.
    if !(2..=8).contains(&raw.delegations.len()) {
        c.at_key(
            0,
            "delegations",
            "delegations",
            format!("{} delegations; a table needs 2 to 8", raw.delegations.len()),
            "",
        );
    }
    let n = raw.delegations.len();
    let mut voices: BTreeMap<&str, Voice> = BTreeMap::new();
    let deleg_anchor: Vec<usize> = raw
        .delegations
        .iter()
        .map(|d| locate::field_value(src, 0, "id", &d.id).unwrap_or(0))
        .collect();
    let med_anchor = locate::key(src, 0, "mediator").unwrap_or(0);
    let actor_anchor: Vec<usize> = raw
        .outside_actors
        .iter()
        .map(|a| locate::field_value(src, 0, "id", &a.id).unwrap_or(0))
        .collect();
    let mut seat_ids: Vec<(usize, String, &str, Voice)> = Vec::new();
    for (d, del) in raw.delegations.iter().enumerate() {
        seat_ids.push((
            deleg_anchor[d],
            format!("delegations[{d}]"),
            &del.id,
            Voice::Delegation(d),
        ));
    }
    seat_ids.push((med_anchor, "mediator".into(), &raw.mediator.id, Voice::Mediator));
    for (a, act) in raw.outside_actors.iter().enumerate() {
        seat_ids.push((
            actor_anchor[a],
            format!("outside_actors[{a}]"),
            &act.id,
            Voice::Outside(a),
        ));
    }
    for (anchor, path, id, voice) in &seat_ids {
        c.id(*anchor, path, id);
        if voices.insert(id, *voice).is_some() {
            c.at(
                *anchor,
                None,
                path,
                format!("id \"{id}\" is used by another delegation, the mediator or an outside actor"),
                "give every party its own id",
            );
        }
    }
    let seat_of = |id: &str| match voices.get(id) {
        Some(Voice::Delegation(d)) => Some(*d),
        _ => None,
    };

    // Clock and table-wide numbers.
    let clock_anchor = locate::key(src, 0, "clock").unwrap_or(0);
    let start = clock_start(&raw.clock.start);
    if start.is_none() {
        c.at_key(
            clock_anchor,
            "start",
            "clock.start",
            format!("\"{}\" is not a time", raw.clock.start),
            "write the local opening time as \"HH:MM\", e.g. \"13:35\"",
        );
    }
    if raw.clock.minutes.value == 0 {
        c.at_key(
            clock_anchor,
            "minutes",
            "clock.minutes",
            "the session must last at least 1 minute".into(),
            "",
        );
    }
    let rounds = raw.clock.rounds.value;
    if !(1..=50).contains(&rounds) {
        c.at_key(
            clock_anchor,
            "rounds",
            "clock.rounds",
            format!("{rounds} rounds; write 1 to 50"),
            "",
        );
    }
    c.unit(0, "tension", "tension", raw.tension.value);
    let var_anchor = locate::key(src, 0, "variation").unwrap_or(0);
    c.unit(
        var_anchor,
        "patience",
        "variation.patience",
        raw.variation.patience.value,
    );
    c.unit(
        var_anchor,
        "walk_away",
        "variation.walk_away",
        raw.variation.walk_away.value,
    );
    let fpr = raw.mediator.first_proposal_round.value;
    if !(1..=rounds.max(1)).contains(&fpr) {
        c.at_key(
            med_anchor,
            "first_proposal_round",
            "mediator.first_proposal_round",
            format!("round {fpr} is not in 1..={rounds}"),
            "name a round of the session",
        );
    }

    // Delegations.
    let mut delegations = Vec::new();
    for (d, del) in raw.delegations.iter().enumerate() {
        let anchor = deleg_anchor[d];
        let path = format!("delegations[{d}] ({})", del.id);
        let rgb = colour(&del.colour);
        if rgb.is_none() {
            c.at_key(
                anchor,
                "colour",
                &format!("{path}.colour"),
                format!("\"{}\" is not a colour", del.colour),
                "write \"#RRGGBB\", e.g. \"#0057B7\"",
            );
        }
        c.unit(anchor, "walk_away", &format!("{path}.walk_away"), del.walk_away.value);
        c.unit(anchor, "patience", &format!("{path}.patience"), del.patience.value);

        let mut demands = vec![0; raw.issues.len()];
        let mut weights = vec![0.0; raw.issues.len()];
        let mut values: Vec<Vec<f64>> = raw.issues.iter().map(|i| vec![0.0; i.options.len() + 1]).collect();
        let pos_anchor = locate::key(src, anchor, "positions").unwrap_or(anchor);
        for (issue_id, pos) in &del.positions {
            let ppath = format!("{path}.positions.{issue_id}");
            let pa = locate::after(src, pos_anchor, &format!("\"{issue_id}\"")).unwrap_or(pos_anchor);
            let Some(&i) = issue_index.get(issue_id.as_str()) else {
                c.at(
                    pa,
                    None,
                    &ppath,
                    format!("there is no issue \"{issue_id}\""),
                    &format!(
                        "positions are keyed by issue id: {}",
                        raw.issues
                            .iter()
                            .map(|i| format!("\"{}\"", i.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                continue;
            };
            if !pos.weight.is_finite() || pos.weight < 0.0 {
                c.at_key(
                    pa,
                    "weight",
                    &format!("{ppath}.weight"),
                    format!("weight {} is negative", pos.weight),
                    "weights are zero or more; they are normalised to sum to 1",
                );
            }
            weights[i] = pos.weight.max(0.0);
            match option_of(i, &pos.demand) {
                Some(o) => demands[i] = o,
                None => c.at_key(
                    pa,
                    "demand",
                    &format!("{ppath}.demand"),
                    format!("\"{}\" is not an option of {issue_id}", pos.demand),
                    &format!("its options are {}", option_list(i)),
                ),
            }
            let va = locate::key(src, pa, "values").unwrap_or(pa);
            for (key, &v) in &pos.values {
                let slot = if key == "open" {
                    Some(0)
                } else {
                    option_of(i, key).map(|o| o + 1)
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
                        &format!("give values for \"open\" and {}", option_list(i)),
                    ),
                }
            }
            for key in std::iter::once("open").chain(raw.issues[i].options.iter().map(|o| o.id.as_str())) {
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
            if let Some(dem) = option_of(i, &pos.demand) {
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
        for issue in &raw.issues {
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

        // Red lines.
        let mut red_lines = Vec::new();
        let rl_anchor = locate::key(src, anchor, "red_lines").unwrap_or(anchor);
        let mut search_from = rl_anchor;
        for (r, line) in del.red_lines.iter().enumerate() {
            let rpath = format!("{path}.red_lines[{r}]");
            let variant = match line {
                RawRedLine::Forbid { .. } => "Forbid",
                RawRedLine::AtLeast { .. } => "AtLeast",
                RawRedLine::AtMost { .. } => "AtMost",
                RawRedLine::Precondition { .. } => "Precondition",
            };
            let ra = locate::after(src, search_from, variant).unwrap_or(search_from);
            search_from = ra + 1;
            let find_issue = |c: &mut Checker, key: &str, id: &str| -> Option<usize> {
                let found = issue_index.get(id).copied();
                if found.is_none() {
                    c.at_key(
                        ra,
                        key,
                        &format!("{rpath}.{key}"),
                        format!("there is no issue \"{id}\""),
                        &format!(
                            "name one of {}",
                            raw.issues
                                .iter()
                                .map(|i| format!("\"{}\"", i.id))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
                found
            };
            let find_opt = |c: &mut Checker, key: &str, issue: usize, id: &str| -> Option<usize> {
                let found = option_of(issue, id);
                if found.is_none() {
                    c.at(
                        ra,
                        Some(&format!("\"{id}\"")),
                        &format!("{rpath}.{key}"),
                        format!("\"{id}\" is not an option of {}", raw.issues[issue].id),
                        &format!("its options are {}", option_list(issue)),
                    );
                }
                found
            };
            let kind = match line {
                RawRedLine::Forbid { issue, option, .. }
                | RawRedLine::AtLeast { issue, option, .. }
                | RawRedLine::AtMost { issue, option, .. } => find_issue(&mut c, "issue", issue).and_then(|i| {
                    find_opt(&mut c, "option", i, option).map(|o| match line {
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
                    let i = find_issue(&mut c, "issue", issue);
                    let q = find_issue(&mut c, "requires", requires);
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
                            let os: Vec<Option<usize>> =
                                options.iter().map(|o| find_opt(&mut c, "options", i, o)).collect();
                            let rs: Vec<Option<usize>> = requires_options
                                .iter()
                                .map(|o| find_opt(&mut c, "requires_options", q, o))
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
                red_lines.push((ra, rpath, RedLine { kind, why }));
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
                    red_lines.iter().any(|(_, _, other)| {
                        !matches!(other.kind, RedLineKind::Precondition { .. }) && other.crossed_by(p)
                    })
                });
                if all_forbidden {
                    c.at_key(
                        *ra,
                        "requires_options",
                        &format!("{rpath}.requires_options"),
                        format!("can never hold: {} forbids every required option itself", del.id),
                        "drop the precondition, or allow one of its required options",
                    );
                }
            }
        }

        // Trust.
        let mut trust = vec![0.5; n + 1];
        let ta = locate::key(src, anchor, "trust").unwrap_or(anchor);
        for (other, t) in &del.trust {
            let tpath = format!("{path}.trust.{other}");
            match voices.get(other.as_str()) {
                Some(Voice::Delegation(o)) if *o != d => trust[*o] = t.value,
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

        let mut lines: BTreeMap<StatementKind, Vec<String>> = BTreeMap::new();
        for l in &del.lines {
            let kind = match l.kind {
                RawStatementKind::Conciliatory => StatementKind::Conciliatory,
                RawStatementKind::Firm => StatementKind::Firm,
                RawStatementKind::Threat => StatementKind::Threat,
                RawStatementKind::WalkoutWarning => StatementKind::WalkoutWarning,
            };
            lines.entry(kind).or_default().push(l.text.clone());
        }
        let strategy = match del.strategy {
            RawStrategy::Boulware => Strategy::BOULWARE,
            RawStrategy::Linear => Strategy::LINEAR,
            RawStrategy::Conceder => Strategy::CONCEDER,
            RawStrategy::TitForTat => Strategy::TitForTat,
            RawStrategy::Hardliner => Strategy::Hardliner,
            RawStrategy::Delegation => Strategy::Delegation,
            RawStrategy::TimeDependent(e) => {
                if !(e.is_finite() && e > 0.0) {
                    c.at_key(
                        anchor,
                        "strategy",
                        &format!("{path}.strategy"),
                        format!("exponent {e} must be above 0"),
                        "e.g. TimeDependent(2.0); 4 concedes late, 0.25 early",
                    );
                }
                Strategy::TimeDependent { exponent: e }
            }
        };
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
            red_lines: red_lines.into_iter().map(|(_, _, l)| l).collect(),
            walk_away: del.walk_away.value,
            patience: del.patience.value,
            trust,
            lines,
        });
    }

    // Scheduled events.
    let mut events = Vec::new();
    let ev_anchor = locate::key(src, 0, "events").unwrap_or(0);
    let mut ev_from = ev_anchor;
    for (e, ev) in raw.events.iter().enumerate() {
        let path = format!("events[{e}]");
        let ea = locate::key(src, ev_from, "round").unwrap_or(ev_from);
        ev_from = ea + 1;
        if !(1..=rounds.max(1)).contains(&ev.round) {
            c.at(
                ea,
                None,
                &format!("{path}.round"),
                format!("round {} is not in 1..={rounds}", ev.round),
                "fire the event in a round of the session",
            );
        }
        let voice = voices.get(ev.actor.as_str()).copied();
        if voice.is_none() {
            c.at_key(
                ea,
                "actor",
                &format!("{path}.actor"),
                format!("\"{}\" is not an outside actor, delegation or mediator", ev.actor),
                "name an id from outside_actors, delegations or the mediator",
            );
        }
        let mut effects = Vec::new();
        for (k, eff) in ev.effects.iter().enumerate() {
            let epath = format!("{path}.effects[{k}]");
            let seat = |c: &mut Checker, id: &str| {
                let s = seat_of(id);
                if s.is_none() {
                    c.at(
                        ea,
                        Some(&format!("\"{id}\"")),
                        &epath,
                        format!("\"{id}\" is not a delegation"),
                        "effects change a delegation at the table",
                    );
                }
                s
            };
            let change = match eff {
                RawEffect::WalkAway { change, .. }
                | RawEffect::Patience { change, .. }
                | RawEffect::Trust { change, .. }
                | RawEffect::Tension { change } => *change,
            };
            if !(-1.0..=1.0).contains(&change) {
                c.at(
                    ea,
                    None,
                    &epath,
                    format!("change {change} is outside -1..=1"),
                    "changes are small steps on a 0..1 scale",
                );
            }
            let effect = match eff {
                RawEffect::WalkAway { delegation, change } => seat(&mut c, delegation).map(|s| Effect::WalkAway {
                    seat: s,
                    change: *change,
                }),
                RawEffect::Patience { delegation, change } => seat(&mut c, delegation).map(|s| Effect::Patience {
                    seat: s,
                    change: *change,
                }),
                RawEffect::Trust { from, towards, change } => {
                    let f = seat(&mut c, from);
                    let t = match voices.get(towards.as_str()) {
                        Some(Voice::Delegation(t)) => Some(*t),
                        Some(Voice::Mediator) => Some(n),
                        _ => {
                            c.at(
                                ea,
                                Some(&format!("\"{towards}\"")),
                                &epath,
                                format!("\"{towards}\" is not a delegation or the mediator"),
                                "trust is held towards delegations and the mediator",
                            );
                            None
                        }
                    };
                    f.zip(t).map(|(from, towards)| Effect::Trust {
                        from,
                        towards,
                        change: *change,
                    })
                }
                RawEffect::Tension { change } => Some(Effect::Tension { change: *change }),
            };
            effects.extend(effect);
        }
        if let Some(voice) = voice {
            events.push(ScheduledEvent {
                round: ev.round,
                voice,
                headline: ev.headline.clone(),
                text: ev.text.clone(),
                effects,
            });
        }
    }

    let history = raw.history.as_ref().map(|h| {
        let anchor = locate::key(src, 0, "history").unwrap_or(0);
        let mut choices: Vec<Vec<bool>> = raw.issues.iter().map(|i| vec![true; i.options.len() + 1]).collect();
        for (issue_id, allowed) in &h.outcome {
            let path = format!("history.outcome[\"{issue_id}\"]");
            let Some(i) = raw.issues.iter().position(|i| &i.id == issue_id) else {
                c.at(
                    anchor,
                    Some(&format!("\"{issue_id}\"")),
                    &path,
                    format!("there is no issue \"{issue_id}\""),
                    "name an issue id from `issues`",
                );
                continue;
            };
            let row = &mut choices[i];
            row.iter_mut().for_each(|x| *x = false);
            for word in allowed {
                if word == "open" {
                    row[0] = true;
                } else if let Some(o) = raw.issues[i].options.iter().position(|o| &o.id == word) {
                    row[o + 1] = true;
                } else {
                    c.at(
                        anchor,
                        Some(&format!("\"{word}\"")),
                        &path,
                        format!("issue \"{issue_id}\" has no option \"{word}\""),
                        "use one of the issue's option ids, or \"open\"",
                    );
                }
            }
        }
        History {
            text: h.text.clone(),
            choices,
        }
    });

    let space_size: usize = raw.issues.iter().map(|i| i.options.len() + 1).product();
    if space_size > MAX_PACKAGES {
        c.at_key(
            0,
            "issues",
            "issues",
            format!("{space_size} possible packages; at most {MAX_PACKAGES} are allowed"),
            "use fewer issues or fewer options",
        );
    }

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.col));
        return Err(ScenarioError::Invalid {
            file: file.into(),
            problems: c.problems,
        });
    }

    let issues: Vec<Issue> = raw
        .issues
        .iter()
        .map(|i| Issue {
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
                })
                .collect(),
        })
        .collect();
    let packages = Package::all(&issues);
    let utility: Vec<Vec<f64>> = delegations
        .iter()
        .map(|d| packages.iter().map(|&p| d.utility(p)).collect())
        .collect();
    let allowed: Vec<Vec<bool>> = delegations
        .iter()
        .map(|d| packages.iter().map(|&p| d.crossed(p).is_none()).collect())
        .collect();
    let best = utility
        .iter()
        .zip(&allowed)
        .map(|(u, a)| {
            u.iter()
                .zip(a)
                .filter(|(_, ok)| **ok)
                .map(|(u, _)| *u)
                .fold(0.0, f64::max)
        })
        .collect();
    let space = OutcomeSpace {
        packages,
        utility,
        allowed,
        best,
    };
    Ok(Scenario {
        id: raw.id.clone(),
        title: raw.title.clone(),
        date: raw.date.clone(),
        place: raw.place.clone(),
        summary: raw.summary.clone(),
        clock: Clock {
            start: start.unwrap_or(0),
            minutes: raw.clock.minutes.value,
            rounds,
        },
        tension: raw.tension.value,
        issues,
        delegations,
        mediator: MediatorSpec {
            id: raw.mediator.id.clone(),
            name: raw.mediator.name.clone(),
            native: raw.mediator.native.clone(),
            delegates: raw.mediator.delegates.iter().map(person).collect(),
            strategy: match raw.mediator.strategy {
                RawMediatorStrategy::SplitTheDifference => MediatorStrategy::SplitTheDifference,
                RawMediatorStrategy::NashBargaining => MediatorStrategy::NashBargaining,
                RawMediatorStrategy::KalaiSmorodinsky => MediatorStrategy::KalaiSmorodinsky,
                RawMediatorStrategy::AdjustedWinner => MediatorStrategy::AdjustedWinner,
                RawMediatorStrategy::SingleNegotiatingText => MediatorStrategy::SingleNegotiatingText,
                RawMediatorStrategy::ConfidenceBuilding => MediatorStrategy::ConfidenceBuilding,
            },
            first_proposal_round: fpr,
        },
        actors: raw
            .outside_actors
            .iter()
            .map(|a| ActorSpec {
                id: a.id.clone(),
                name: a.name.clone(),
                people: a.people.iter().map(person).collect(),
                stance: a.stance.clone(),
            })
            .collect(),
        events,
        patience_variation: raw.variation.patience.value,
        walk_away_variation: raw.variation.walk_away.value,
        history,
        space,
        raw,
        hash: 0,
        text: std::sync::Arc::from(""),
        name: String::new(),
    })
}
