//! Checks a parsed scenario and turns it into runtime types with ids; every problem names file:line:col.
//!
//! Each part of the file is checked by its own module, in the order below. Problems are sorted by
//! position at the end, and the sort is stable, so problems at the same place keep the order in which
//! the sections found them: that order is part of what a user sees, so keep the calls in `validate` in order.

mod clock;
mod delegations;
mod events;
mod history;
mod ids;
mod issues;
mod red_lines;
mod seats;

use std::fmt;

use miette::{Diagnostic, NamedSource, SourceSpan};

use super::Scenario;
use super::locate;
use super::raw::RawScenario;
use crate::sim::analysis::space::outcome_space;

/// The largest package space a scenario may have (the AI scans it every turn).
pub const MAX_PACKAGES: usize = 1 << 20;

/// One thing wrong with a scenario file.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{col}: {path}: {message}")]
pub struct Problem {
    /// The scenario file the problem is in, as the user named it.
    pub file: String,
    /// The line of the problem, counted from 1.
    pub line: usize,
    /// The column of the problem, in characters, counted from 1.
    pub col: usize,
    /// Where in the scenario, e.g. `delegations[1] (russia).red_lines[0]`.
    pub path: String,
    /// What is wrong, e.g. "1.4 is outside 0..=1".
    pub message: String,
    /// What to write instead, where the checker can say.
    #[help]
    pub help: Option<String>,
    /// The whole file text, so the report can show the lines around the problem.
    #[source_code]
    pub src: NamedSource<String>,
    /// The stretch of text the report underlines.
    #[label("here")]
    pub span: SourceSpan,
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ScenarioError {
    /// The file could not be read at all (missing, no permission, not UTF-8 ...).
    #[error("{file}: cannot read the scenario: {reason}")]
    #[diagnostic(help("check the path; `redline check FILE` validates a scenario file"))]
    Unreadable {
        /// The path as the user gave it.
        file: String,
        /// What the operating system said.
        reason: String,
    },
    /// The file is not valid RON, or not shaped like a scenario (a missing or unknown field, a misspelt variant).
    #[error("{}", .0)]
    #[diagnostic(transparent)]
    Syntax(Box<Problem>),
    /// The file parses, but breaks the scenario's rules: every problem found, in the order of the text.
    #[error("{}", ProblemList(.problems))]
    #[diagnostic(help("see docs/scenario-format.md for every field"))]
    Invalid {
        /// The scenario file, as the user named it.
        file: String,
        /// Every problem found, sorted by line and column.
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

/// Collects problems while checking, each anchored in the text; every section writes into the same one.
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

/// Checks a parsed scenario and builds its runtime form.
pub fn validate(file: &str, src: &str, raw: RawScenario) -> Result<Scenario, ScenarioError> {
    let mut c = Checker {
        file,
        src,
        problems: Vec::new(),
    };

    ids::check(&mut c, &raw);
    let index = issues::check(&mut c, &raw);
    let seating = seats::check(&mut c, &raw);
    let clock = clock::check(&mut c, &raw);
    // The mediator's first proposal must fall within the clock's rounds, so it is checked after the clock.
    let mediator = seats::mediator(&mut c, &raw, &seating, clock.rounds);
    let delegations = delegations::check(&mut c, &raw, &index, &seating);
    let events = events::check(&mut c, &raw, &seating, clock.rounds);
    let history = history::check(&mut c, &raw);
    issues::check_package_count(&mut c, &raw);

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.col));
        return Err(ScenarioError::Invalid {
            file: file.into(),
            problems: c.problems,
        });
    }

    // Everything is valid: build the runtime form; the analysis computes the outcome space from it.
    let issues = issues::build(&raw);
    let space = outcome_space(&issues, &delegations);
    Ok(Scenario {
        id: raw.id.clone(),
        title: raw.title.clone(),
        date: raw.date.clone(),
        place: raw.place.clone(),
        summary: raw.summary.clone(),
        clock,
        tension: raw.tension.value,
        issues,
        delegations,
        mediator,
        actors: seats::actors(&raw),
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
