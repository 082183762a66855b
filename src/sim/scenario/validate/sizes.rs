//! How long a scenario's texts and lists may be: every name, text and list has a bound, so a table that
//! passes `check` is one a screen can show and a round can resolve quickly.

use super::Checker;
use super::seats::Seats;
use crate::sim::issue::MAX_OPTIONS;
use crate::sim::scenario::locate;
use crate::sim::scenario::raw::{RawPerson, RawRedLine, RawScenario};

/// The longest name, title, date, place, role, colour or headline, in characters.
pub const MAX_NAME: usize = 200;

/// The longest summary, description, stance, event text, source note or reason, in characters.
pub const MAX_TEXT: usize = 2_000;

/// The longest line of a scenario file, in characters (checked before the file is parsed).
pub const MAX_LINE: usize = 10_000;

/// The most sources a scenario may list.
pub const MAX_SOURCES: usize = 1_000;

/// The most outside actors (the parties pressing from outside the room).
pub const MAX_ACTORS: usize = 16;

/// The most people one delegation, the mediator or an outside actor may name.
pub const MAX_PEOPLE: usize = 32;

/// The most red lines one delegation may hold (every package the AI weighs is tested against each).
pub const MAX_RED_LINES: usize = 64;

/// The most lines one delegation may have to say.
pub const MAX_LINES: usize = 200;

/// The most questions for the debrief a scenario may hold.
pub const MAX_QUESTIONS: usize = 20;

/// The longest question for the debrief, in characters.
pub const MAX_QUESTION: usize = 400;

/// The most effects one scheduled event may have.
pub const MAX_EFFECTS: usize = 32;

/// A string literal in the file: where it starts, the field it is the value of, and its length in characters.
struct Literal<'a> {
    offset: usize,
    key: &'a str,
    chars: usize,
}

/// Checks the length of every text and list in the scenario.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, seats: &Seats) {
    let mut texts = Texts { c, literals: None };
    texts.name("title", "title", &raw.title);
    texts.name("date", "date", &raw.date);
    texts.name("place", "place", &raw.place);
    texts.text("summary", "summary", &raw.summary);
    texts.name("clock.start", "start", &raw.clock.start);
    texts.text("clock.minutes.source", "source", &raw.clock.minutes.source);
    texts.text("clock.rounds.source", "source", &raw.clock.rounds.source);
    texts.text("tension.source", "source", &raw.tension.source);
    for (i, issue) in raw.issues.iter().enumerate() {
        let path = format!("issues[{i}]");
        texts.name(&format!("{path}.name"), "name", &issue.name);
        texts.text(&format!("{path}.description"), "description", &issue.description);
        texts.text(&format!("{path}.open"), "open", &issue.open);
        for (o, option) in issue.options.iter().enumerate() {
            texts.text(&format!("{path}.options[{o}].text"), "text", &option.text);
        }
    }
    for (d, del) in raw.delegations.iter().enumerate() {
        let path = format!("delegations[{d}]");
        let anchor = seats.delegation_anchor.get(d).copied().unwrap_or(0);
        texts.name(&format!("{path}.name"), "name", &del.name);
        if let Some(native) = &del.native {
            texts.name(&format!("{path}.native"), "native", native);
        }
        texts.name(&format!("{path}.colour"), "colour", &del.colour);
        texts.people(&path, "delegates", anchor, &del.delegates);
        for (issue, position) in &del.positions {
            texts.text(&format!("{path}.positions.{issue}.source"), "source", &position.source);
        }
        texts.count(
            anchor,
            "red_lines",
            &path,
            del.red_lines.len(),
            MAX_RED_LINES,
            "red lines",
        );
        for (r, line) in del.red_lines.iter().enumerate() {
            let why = match line {
                RawRedLine::Forbid { why, .. } | RawRedLine::AtLeast { why, .. } | RawRedLine::AtMost { why, .. } => {
                    why
                }
                RawRedLine::Precondition {
                    options,
                    requires_options,
                    why,
                    ..
                } => {
                    let here = locate::key(texts.c.src, anchor, "red_lines").unwrap_or(anchor);
                    let at = format!("{path}.red_lines[{r}]");
                    texts.count(here, "options", &at, options.len(), MAX_OPTIONS, "options");
                    texts.count(
                        here,
                        "requires_options",
                        &at,
                        requires_options.len(),
                        MAX_OPTIONS,
                        "options",
                    );
                    why
                }
            };
            texts.text(&format!("{path}.red_lines[{r}].why"), "why", why);
        }
        texts.text(&format!("{path}.walk_away.source"), "source", &del.walk_away.source);
        texts.text(&format!("{path}.patience.source"), "source", &del.patience.source);
        for (towards, trust) in &del.trust {
            texts.text(&format!("{path}.trust.{towards}.source"), "source", &trust.source);
        }
        texts.count(anchor, "lines", &path, del.lines.len(), MAX_LINES, "lines");
        for (l, line) in del.lines.iter().enumerate() {
            texts.text(&format!("{path}.lines[{l}].source"), "source", &line.source);
        }
    }
    let mediator = &raw.mediator;
    texts.name("mediator.name", "name", &mediator.name);
    if let Some(native) = &mediator.native {
        texts.name("mediator.native", "native", native);
    }
    texts.people("mediator", "delegates", seats.mediator_anchor, &mediator.delegates);
    texts.text(
        "mediator.first_proposal_round.source",
        "source",
        &mediator.first_proposal_round.source,
    );
    let actors_at = texts.top_level("outside_actors", raw.outside_actors.len(), MAX_ACTORS, "outside actors");
    for (a, actor) in raw.outside_actors.iter().enumerate() {
        let path = format!("outside_actors[{a}]");
        texts.name(&format!("{path}.name"), "name", &actor.name);
        texts.people(&path, "people", actors_at, &actor.people);
        texts.text(&format!("{path}.stance"), "stance", &actor.stance);
    }
    let events_at = locate::key(texts.c.src, 0, "events").unwrap_or(0);
    for (e, event) in raw.events.iter().enumerate() {
        let path = format!("events[{e}]");
        texts.name(&format!("{path}.headline"), "headline", &event.headline);
        texts.text(&format!("{path}.text"), "text", &event.text);
        texts.text(&format!("{path}.source"), "source", &event.source);
        texts.count(events_at, "effects", &path, event.effects.len(), MAX_EFFECTS, "effects");
    }
    texts.text("variation.patience.source", "source", &raw.variation.patience.source);
    texts.text("variation.walk_away.source", "source", &raw.variation.walk_away.source);
    if let Some(history) = &raw.history {
        texts.text("history.text", "text", &history.text);
        texts.text("history.source", "source", &history.source);
        let at = locate::key(texts.c.src, 0, "history").unwrap_or(0);
        for (issue, options) in &history.outcome {
            let path = format!("history.outcome.{issue}");
            texts.count(at, "outcome", &path, options.len(), MAX_OPTIONS + 1, "options");
        }
    }
    texts.top_level("questions", raw.questions.len(), MAX_QUESTIONS, "questions");
    for (q, question) in raw.questions.iter().enumerate() {
        let path = format!("questions[{q}].ask");
        texts.length(&path, "ask", &question.ask, MAX_QUESTION, "a question");
        if question.ask.trim().is_empty() {
            let at = locate::key(texts.c.src, 0, "questions").unwrap_or(0);
            texts.c.at_key(
                at,
                "questions",
                &path,
                "an empty question".into(),
                "write the question, or remove it",
            );
        }
    }
    texts.top_level("sources", raw.sources.len(), MAX_SOURCES, "sources");
    for (s, source) in raw.sources.iter().enumerate() {
        texts.text(&format!("sources[{s}].text"), "text", &source.text);
    }
}

/// The checker, with an index of the file's string literals built the first time a text is too long.
struct Texts<'c, 'a> {
    c: &'c mut Checker<'a>,
    literals: Option<Vec<Literal<'a>>>,
}

impl<'a> Texts<'_, 'a> {
    fn name(&mut self, path: &str, key: &str, value: &str) {
        self.length(path, key, value, MAX_NAME, "a name");
    }

    fn text(&mut self, path: &str, key: &str, value: &str) {
        self.length(path, key, value, MAX_TEXT, "a text");
    }

    fn people(&mut self, path: &str, key: &str, anchor: usize, people: &[RawPerson]) {
        self.count(anchor, key, path, people.len(), MAX_PEOPLE, "people");
        for (p, person) in people.iter().enumerate() {
            self.name(&format!("{path}.{key}[{p}].name"), "name", &person.name);
            if let Some(native) = &person.native {
                self.name(&format!("{path}.{key}[{p}].native"), "native", native);
            }
            self.name(&format!("{path}.{key}[{p}].role"), "role", &person.role);
        }
    }

    /// Refuses a top-level list of more than `limit` items at its field; returns where the field is.
    fn top_level(&mut self, key: &str, len: usize, limit: usize, what: &str) -> usize {
        let at = locate::key(self.c.src, 0, key).unwrap_or(0);
        self.count(at, key, key, len, limit, what);
        at
    }

    /// Refuses a list of more than `limit` items, at its field `key:` after `anchor`.
    fn count(&mut self, anchor: usize, key: &str, path: &str, len: usize, limit: usize, what: &str) {
        if len > limit {
            let path = if path.ends_with(key) {
                path.to_string()
            } else {
                format!("{path}.{key}")
            };
            self.c.at_key(
                anchor,
                key,
                &path,
                format!("{len} {what}; at most {limit}"),
                "keep the ones the table needs; docs/scenario-format.md lists every limit",
            );
        }
    }

    /// Refuses a string of more than `limit` characters, at the string itself.
    fn length(&mut self, path: &str, key: &str, value: &str, limit: usize, what: &str) {
        // A string of at most `limit` bytes has at most `limit` characters: only long ones are counted.
        if value.len() <= limit {
            return;
        }
        let chars = value.chars().count();
        if chars <= limit {
            return;
        }
        let src = self.c.src;
        let literals = self.literals.get_or_insert_with(|| literals(src));
        let offset = literals
            .iter()
            .find(|l| l.key == key && l.chars == chars)
            .map_or(0, |l| l.offset);
        self.c.at(
            offset,
            None,
            path,
            format!("{what} of {chars} characters; at most {limit}"),
            "shorten it; docs/scenario-format.md lists every limit",
        );
    }
}

/// Every string literal in a RON text that parsed: where it starts, the field it is the value of (empty for a
/// list item or a map key), and its length in characters once escapes are read. Comments are skipped.
fn literals(src: &str) -> Vec<Literal<'_>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                let mut chars = 0;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                        match b.get(i) {
                            Some(b'u') => {
                                while i < b.len() && b[i] != b'}' {
                                    i += 1;
                                }
                            }
                            Some(b'x') => i += 2,
                            _ => {}
                        }
                        i += 1;
                    } else {
                        i += utf8_len(b[i]);
                    }
                    chars += 1;
                }
                out.push(Literal {
                    offset: start,
                    key: key_before(src, start),
                    chars,
                });
                i += 1;
            }
            b'r' if (i == 0 || !is_ident(b[i - 1])) && matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                let start = i;
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i = j;
                    continue;
                }
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let body = j + 1;
                let end = src[body..].find(&close).map_or(b.len(), |rel| body + rel);
                out.push(Literal {
                    offset: start,
                    key: key_before(src, start),
                    chars: src[body..end].chars().count(),
                });
                i = end + close.len();
            }
            _ => i += 1,
        }
    }
    out
}

/// The field name a value at `at` belongs to: `name: "…"` or `name: Some("…")`; empty if there is none.
fn key_before(src: &str, at: usize) -> &str {
    let mut before = src[..at].trim_end();
    if let Some(rest) = before.strip_suffix('(') {
        match rest.trim_end().strip_suffix("Some") {
            Some(rest) => before = rest.trim_end(),
            None => return "",
        }
    }
    let Some(before) = before.strip_suffix(':') else {
        return "";
    };
    let before = before.trim_end();
    let start = before.bytes().rposition(|c| !is_ident(c)).map_or(0, |p| p + 1);
    &before[start..]
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The length in bytes of the UTF-8 character starting with `lead`.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_know_their_field_and_length_once_escapes_are_read() {
        let src = "( // \"not a string\"\n name: \"a\\\"b\", native: Some(\"é\\u{1F600}\"), /* \"no\" */ list: [\"x\"], raw: r#\"q\"q\"# )";
        let found: Vec<(&str, usize)> = literals(src).iter().map(|l| (l.key, l.chars)).collect();
        assert_eq!(found, vec![("name", 3), ("native", 2), ("", 1), ("raw", 3)]);
    }
}
