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
mod ratification;
mod red_lines;
mod seats;
mod sizes;

use std::fmt;

use miette::{Diagnostic, NamedSource, SourceSpan};

use super::locate;
use super::raw::RawScenario;
use super::{OutcomeSpace, Scenario};
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
    /// The lines around the problem (a long line only around the problem), so the report can show them.
    #[source_code]
    pub src: NamedSource<Excerpt>,
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
    /// The file is larger than any scenario; it is not read.
    #[error("{file}: the file is {bytes} bytes; a scenario is at most {limit} bytes (4 MiB)")]
    #[diagnostic(help("is this the right file? A scenario with every source fits in a few dozen kilobytes"))]
    TooLarge {
        /// The path as the user gave it.
        file: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The file parses, but breaks the scenario's rules: every problem found, in the order of the text.
    #[error("{}{}", ProblemList(.problems), More(*.more))]
    #[diagnostic(help("see docs/scenario-format.md for every field"))]
    Invalid {
        /// The scenario file, as the user named it.
        file: String,
        /// The first problems found, sorted by line and column (at most [`MAX_PROBLEMS`]).
        #[related]
        problems: Vec<Problem>,
        /// How many more problems were found and are not listed.
        more: usize,
    },
}

/// The longest id, in characters.
pub const MAX_ID: usize = 64;

/// The largest scenario file, in bytes (the Istanbul table, with every source, is about 30 KB).
pub const MAX_SCENARIO_BYTES: u64 = 4 << 20;

/// The most problems one report lists; a file with more is far from a scenario, and the first ones say why.
pub const MAX_PROBLEMS: usize = 100;

/// The longest stretch of one line an error report shows, in bytes, around the problem.
const EXCERPT_WIDTH: usize = 240;

/// The longest path or message a problem keeps, in bytes (an id of megabytes is cut in the middle).
const MAX_WORDS: usize = 400;

/// A few lines of a scenario file around a problem, with where they stand in the file. An error report
/// shows these, so it never holds or prints a whole file per problem, nor a line of 70,000 characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    text: String,
    /// Byte offset of `text` in the file.
    offset: usize,
    /// 0-based line and column (in characters) of the start of `text` in the file.
    line: usize,
    column: usize,
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let start = span.offset().saturating_sub(self.offset).min(self.text.len());
        let len = span.len().min(self.text.len() - start);
        let local = SourceSpan::new(start.into(), len);
        let inner = self
            .text
            .as_str()
            .read_span(&local, context_lines_before, context_lines_after)?;
        let column = if inner.line() == 0 {
            inner.column() + self.column
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new(
            inner.data(),
            SourceSpan::new((inner.span().offset() + self.offset).into(), inner.span().len()),
            inner.line() + self.line,
            column,
            inner.line_count(),
        )))
    }
}

/// A file's text with the offset of each line, so a problem is placed without scanning the file again.
pub(crate) struct Source<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source { text, starts }
    }

    /// 0-based line of a byte offset, and the byte range of that line (without its newline).
    fn line_of(&self, offset: usize) -> (usize, usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let end = self.starts.get(line + 1).map_or(self.text.len(), |&next| next - 1);
        (line, start, end.max(start))
    }

    /// The excerpt a report shows for a problem at `offset`: its line, cut to a window around the problem
    /// when long, with the lines before and after when they are short.
    fn excerpt(&self, offset: usize) -> (Excerpt, usize, usize) {
        let t = self.text;
        let (line, start, end) = self.line_of(offset);
        let floor = |mut i: usize| {
            while !t.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let ceil = |mut i: usize| {
            while !t.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let from = floor(offset.saturating_sub(EXCERPT_WIDTH / 2).max(start));
        let to = ceil((offset + EXCERPT_WIDTH / 2).min(end));
        let col = t[start..offset].chars().count();
        let (mut a, mut b, mut first_line) = (from, to, line);
        let short = |s: usize, e: usize| e - s <= EXCERPT_WIDTH;
        if from == start && to == end && line > 0 {
            let (_, ps, pe) = self.line_of(start - 1);
            if short(ps, pe) {
                a = ps;
                first_line = line - 1;
            }
        }
        if from == start && to == end && end < t.len() {
            let (_, ns, ne) = self.line_of(end + 1);
            if short(ns, ne) {
                b = ne;
            }
        }
        let column = if a == from { t[start..from].chars().count() } else { 0 };
        let excerpt = Excerpt {
            text: t[a..b].to_string(),
            offset: a,
            line: first_line,
            column,
        };
        (excerpt, line + 1, col + 1)
    }
}

/// `words`, cut in the middle to at most [`MAX_WORDS`] bytes.
fn clip(words: String) -> String {
    if words.len() <= MAX_WORDS {
        return words;
    }
    let mut head = MAX_WORDS / 2;
    while !words.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = words.len() - MAX_WORDS / 2;
    while !words.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{} … {}", &words[..head], &words[tail..])
}

struct ProblemList<'a>(&'a [Problem]);

/// "… and N more problems", when the list was cut.
struct More(usize);

impl fmt::Display for More {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => Ok(()),
            1 => write!(f, "\n… and 1 more problem"),
            n => write!(f, "\n… and {n} more problems"),
        }
    }
}

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

fn problem(file: &str, src: &Source, offset: usize, path: &str, message: String, help: Option<String>) -> Problem {
    let offset = offset.min(src.text.len());
    let (excerpt, line, col) = src.excerpt(offset);
    let rest = &src.text[offset..];
    let len = rest
        .find(['\n', ','])
        .unwrap_or(0)
        .max(1)
        .min(rest.len())
        .min(EXCERPT_WIDTH / 2);
    Problem {
        file: file.into(),
        line,
        col,
        path: clip(path.to_string()),
        message: clip(message),
        help,
        src: NamedSource::new(file, excerpt),
        span: SourceSpan::new(offset.into(), len),
    }
}

/// A file that is not UTF-8 text, located at its first byte that cannot be read (`text` is the file read
/// with such bytes replaced, `offset` where the first one was).
pub fn not_utf8(file: &str, text: &str, offset: usize) -> ScenarioError {
    let source = Source::new(text);
    ScenarioError::Syntax(Box::new(problem(
        file,
        &source,
        offset,
        "text",
        "the file is not UTF-8 text: the byte here cannot be read".into(),
        Some("save the file as UTF-8 text (any text editor can); a scenario file is plain text".into()),
    )))
}

/// Parses RON text into the raw shapes, turning syntax errors into a located problem.
pub fn parse(file: &str, src: &str) -> Result<RawScenario, ScenarioError> {
    long_line(file, src)?;
    ron::Options::default().from_str::<RawScenario>(src).map_err(|e| {
        let offset = locate::offset_of(src, e.span.start.line, e.span.start.col);
        let help = syntax_help(&e.code.to_string());
        let source = Source::new(src);
        ScenarioError::Syntax(Box::new(problem(
            file,
            &source,
            offset,
            "syntax",
            match e.code.to_string() {
                m if m == "Expected option" => "expected an optional value, written `Some(...)` or `None`".into(),
                // Name the entry a field is missing from: "the delegation \"south\" has no `walk_away`".
                m if m.contains("missing field") => match (
                    m.split('`').nth(1),
                    m.split('`').nth(3),
                    locate::enclosing_id(src, offset),
                ) {
                    (Some(field), Some(kind), Some(id)) => {
                        format!("the {} \"{id}\" has no `{field}`", kind.to_lowercase())
                    }
                    _ => m,
                },
                m => m,
            },
            help,
        )))
    })
}

/// Refuses a file with a line longer than [`sizes::MAX_LINE`] characters, at the first character past the limit.
fn long_line(file: &str, src: &str) -> Result<(), ScenarioError> {
    let mut start = 0;
    for line in src.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if body.len() > sizes::MAX_LINE
            && let Some((past, _)) = body.char_indices().nth(sizes::MAX_LINE)
        {
            let chars = body.chars().count();
            return Err(ScenarioError::Syntax(Box::new(problem(
                file,
                &Source::new(src),
                start + past,
                "text",
                format!("a line of {chars} characters; at most {}", sizes::MAX_LINE),
                Some("break the line: RON allows a new line between any two values".into()),
            ))));
        }
        start += line.len();
    }
    Ok(())
}

fn syntax_help(message: &str) -> Option<String> {
    if message.contains("Unexpected missing field") || message.contains("missing field") {
        Some("add the missing field; docs/scenario-format.md lists every field".into())
    } else if message.contains("Unexpected field") || message.contains("unknown field") {
        Some("remove or rename the field; docs/scenario-format.md lists the allowed names".into())
    } else if message.contains("variant") {
        Some("use one of the listed variants, spelled exactly".into())
    } else if message.contains("Expected option") {
        Some("an optional field takes `Some(...)` or `None`: write `native: Some(\"Україна\")`, not `native: \"Україна\"`".into())
    } else {
        Some("RON syntax: structs are `(field: value, ...)`, maps `{\"key\": value}`, lists `[a, b]`".into())
    }
}

/// Collects problems while checking, each anchored in the text; every section writes into the same one.
struct Checker<'a> {
    file: &'a str,
    src: &'a str,
    source: Source<'a>,
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
            .push(problem(self.file, &self.source, offset, path, message, help));
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
        if id.len() > MAX_ID {
            self.at(
                anchor,
                None,
                path,
                format!("an id of {} characters; at most {MAX_ID}", id.chars().count()),
                "ids are short names, e.g. \"prisoner_exchange\"",
            );
            return;
        }
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
///
/// `space`, when given, is the outcome space of a scenario that differs from this one only in how its seats
/// are played (the AI's strategies, the mediator's): it is shared rather than worked out again.
pub fn validate(
    file: &str,
    src: &str,
    raw: RawScenario,
    space: Option<std::sync::Arc<OutcomeSpace>>,
) -> Result<Scenario, ScenarioError> {
    let mut c = Checker {
        file,
        src,
        source: Source::new(src),
        problems: Vec::new(),
    };

    ids::check(&mut c, &raw);
    let index = issues::check(&mut c, &raw);
    let seating = seats::check(&mut c, &raw);
    sizes::check(&mut c, &raw, &seating);
    let clock = clock::check(&mut c, &raw);
    // The mediator's first proposal must fall within the clock's rounds, so it is checked after the clock.
    let mediator = seats::mediator(&mut c, &raw, &seating, clock.rounds, &index);
    let delegations = delegations::check(&mut c, &raw, &index, &seating);
    let events = events::check(&mut c, &raw, &seating, &clock);
    let injects = events::injects(&mut c, &raw, &seating);
    let ratification = ratification::check(&mut c, &raw, &seating);
    let history = history::check(&mut c, &raw);
    issues::check_package_count(&mut c, &raw);

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|p| (p.line, p.col));
        let more = c.problems.len().saturating_sub(MAX_PROBLEMS);
        c.problems.truncate(MAX_PROBLEMS);
        return Err(ScenarioError::Invalid {
            file: file.into(),
            problems: c.problems,
            more,
        });
    }

    // Everything is valid: build the runtime form; the analysis computes the outcome space from it.
    let issues = issues::build(&raw);
    let space = space.unwrap_or_else(|| std::sync::Arc::new(outcome_space(&issues, &delegations, &mediator.red_lines)));
    Ok(Scenario {
        id: raw.id.clone(),
        title: raw.title.clone(),
        date: raw.date.clone(),
        place: raw.place.clone(),
        summary: raw.summary.clone(),
        teaches: raw.teaches.clone(),
        clock,
        tension: raw.tension.value,
        issues,
        delegations,
        mediator,
        actors: seats::actors(&raw),
        events,
        injects,
        patience_variation: raw.variation.patience.value,
        walk_away_variation: raw.variation.walk_away.value,
        ratification,
        history,
        space,
        raw,
        hash: 0,
        text: std::sync::Arc::from(""),
        name: String::new(),
    })
}

/// The red lines, by field, each of which alone keeps option `o` of issue `i` out of every package the
/// delegations could sign together: without any one of them, some package with that option would cross no
/// line. Empty when no single line does, or the table is too large to ask (over 100,000 packages).
fn lines_together(scenario: &Scenario, i: usize, o: usize) -> Vec<String> {
    let packages = &scenario.space.packages;
    if packages.len() > 100_000 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (d, del) in scenario.delegations.iter().enumerate() {
        for l in 0..del.red_lines.len() {
            let freed = packages
                .iter()
                .any(|&p| p.choice(i) == Some(o) && crate::sim::analysis::free_but_for(scenario, p, d, l));
            if freed {
                out.push(format!("delegations[{d}] ({}).red_lines[{l}]", del.id));
            }
        }
    }
    out
}

/// What a scenario that passes `check` can never do, as warnings at the place in the file they are about: an
/// option no package every delegation's red lines allow can contain (so it can never be agreed), and a table
/// where no package is signable by every delegation (so it can only end in deadlock or a walkout).
pub fn warnings(scenario: &Scenario) -> Vec<Problem> {
    let src: &str = &scenario.text;
    let source = Source::new(src);
    let space = &scenario.space;
    let seats = scenario.delegations.len();
    // One pass over the packages: which options some package every delegation allows contains (`joint`),
    // and which options some package each delegation alone allows contains (`alone[d]`).
    let slot = |i: usize, o: usize| i * 16 + o;
    let mut joint = vec![false; scenario.issues.len() * 16];
    let mut alone = vec![vec![false; scenario.issues.len() * 16]; seats];
    for (k, p) in space.packages.iter().enumerate() {
        // Under a ratification rule, a package is possible when those whose lines allow it can carry it.
        let all = scenario.agreed_by(|_| true, |d| space.allowed[d][k]);
        for i in 0..scenario.issues.len() {
            let Some(o) = p.choice(i) else { continue };
            joint[slot(i, o)] |= all;
            for (d, seen) in alone.iter_mut().enumerate() {
                seen[slot(i, o)] |= space.allowed[d][k];
            }
        }
    }
    let mut out = Vec::new();
    let mut issue_from = locate::key(src, 0, "issues").unwrap_or(0);
    for (i, issue) in scenario.issues.iter().enumerate() {
        let issue_at = locate::field_value(src, issue_from, "id", &issue.id).unwrap_or(issue_from);
        issue_from = issue_at;
        let mut option_from = issue_at;
        for (o, option) in issue.options.iter().enumerate() {
            let at = locate::field_value(src, option_from, "id", &option.id).unwrap_or(option_from);
            option_from = at;
            if joint[slot(i, o)] {
                continue;
            }
            let alone: Vec<&str> = (0..seats)
                .filter(|&d| !alone[d][slot(i, o)])
                .map(|d| scenario.delegations[d].name.as_str())
                .collect();
            let why = if alone.is_empty() {
                let involved = lines_together(scenario, i, o);
                if involved.is_empty() {
                    "the delegations' red lines together rule it out (one's precondition needs what another forbids)"
                        .to_string()
                } else {
                    format!(
                        "the delegations' red lines together rule it out (one's precondition needs what another forbids): {}",
                        involved.join(", ")
                    )
                }
            } else if scenario.ratification.is_some() {
                format!(
                    "the red lines of {} rule it out, and the table's rule cannot carry a package without them",
                    alone.join(" and ")
                )
            } else {
                format!("{}'s red lines rule it out", alone.join(" and "))
            };
            out.push(problem(
                &scenario.name,
                &source,
                at,
                &format!("issues[{i}] ({}).options[{o}] ({})", issue.id, option.id),
                format!("can never be agreed: {why}"),
                Some("if that is the history you model, nothing to do; otherwise loosen a red line".into()),
            ));
        }
    }
    let everyone = crate::sim::analysis::Parties::all(scenario);
    let signable = (0..space.packages.len()).any(|k| {
        !space.packages[k].is_open()
            && scenario.agreed_by(|_| true, |d| crate::sim::analysis::can_sign(scenario, &everyone, d, k))
    });
    if !signable {
        let at = locate::key(src, 0, "delegations").unwrap_or(0);
        out.push(problem(
            &scenario.name,
            &source,
            at,
            "delegations",
            format!(
                "no package is signable by every delegation, so the table can only end in deadlock or a walkout. {}",
                crate::sim::mediator::claim::none_signable(scenario, &crate::sim::analysis::Parties::all(scenario))
                    .render(scenario)
                    .replace("by every side now", "by every delegation")
            ),
            Some("lower a walk-away value or loosen a red line, unless a certain deadlock is the point".into()),
        ));
    }
    out
}
