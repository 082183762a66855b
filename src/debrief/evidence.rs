//! The evidence of a game a debrief points at: news and warnings on the time line, red lines tested, turning
//! points, and the questions for the discussion placed beside them.

use serde::Serialize;

use super::{Debrief, ProposalPoint, signed};
use crate::sim::command::Seat;
use crate::sim::delegation::StatementKind;
use crate::sim::scenario::Scenario;
use crate::sim::scenario::raw::QuestionAbout;
use crate::sim::transcript::{Event, Transcript, pct};

use super::Mark;

/// A red line some proposals crossed: whose, in its words, who proposed across it and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedLineTest {
    /// The seat whose line it is.
    pub seat: usize,
    /// That delegation's name.
    pub name: String,
    /// The line, in the delegation's words.
    pub line: String,
    /// Who proposed across it.
    pub by: String,
    /// The rounds in which they did, in order, each once.
    pub rounds: Vec<u32>,
    /// The proposals that did.
    pub proposals: Vec<u32>,
}

/// A moment that turned the talks, or might have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TurningPoint {
    /// The round.
    pub round: u32,
    /// `moved_most`, `first_signable`, `warning`, `threat` or `last_offer`.
    pub kind: String,
    /// The proposal it is about, if any.
    pub proposal: Option<u32>,
    /// What happened, in a sentence.
    pub text: String,
}

/// A question for the discussion, beside the evidence it asks about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The part of the debrief it belongs to.
    pub about: QuestionAbout,
    /// The question.
    pub ask: String,
    /// Whether the game itself prompted it (true) or the scenario's teacher wrote it (false).
    pub from_game: bool,
}

/// Rounds as a reader says them: "3", "1–4", "2, 5 and 7".
pub fn rounds_words(rounds: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &r in rounds {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == r => *end = r,
            Some((_, end)) if *end == r => {}
            _ => runs.push((r, r)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}–{b}") })
        .collect();
    let word = if rounds.len() == 1 { "round" } else { "rounds" };
    format!(
        "{word} {}",
        crate::sim::outcome::names(parts.iter().map(String::as_str))
    )
}

/// News, warnings, threats, recesses and walkouts, with the round each happened in.
pub fn marks(s: &Scenario, transcript: &Transcript) -> Vec<Mark> {
    let mut round = 0;
    let mut out = Vec::new();
    let name = |d: usize| s.delegations.get(d).map_or("?", |x| x.name.as_str()).to_string();
    for event in &transcript.events {
        let (kind, text) = match event {
            Event::RoundStarted { round: r } => {
                round = *r;
                continue;
            }
            Event::Scheduled { index } => match s.events.get(*index) {
                Some(e) => ("news", e.headline.clone()),
                None => continue,
            },
            Event::Statement {
                seat: Seat::Delegation(d),
                kind: StatementKind::WalkoutWarning,
                ..
            } => ("warning", format!("{} warns it may leave", name(*d))),
            Event::Statement {
                seat: Seat::Delegation(d),
                kind: StatementKind::Threat,
                ..
            } => ("threat", format!("{} threatens", name(*d))),
            Event::Recess { seat } => ("recess", format!("{} calls a recess", name(*seat))),
            Event::WalkedOut { seat, .. } => ("walkout", format!("{} walks out", name(*seat))),
            _ => continue,
        };
        out.push(Mark {
            round,
            kind: kind.into(),
            text,
        });
    }
    out
}

/// Every red line some proposal crossed, by whose line and who proposed across it, in the order first crossed.
pub fn red_lines(s: &Scenario, proposals: &[ProposalPoint]) -> Vec<RedLineTest> {
    let mut out: Vec<RedLineTest> = Vec::new();
    for p in proposals {
        for &d in &p.crosses {
            if p.seat == Some(d) {
                continue;
            }
            let Some(line) = s.delegations[d].crossed(p.terms) else {
                continue;
            };
            let found = out
                .iter_mut()
                .find(|t| t.seat == d && *t.line == *line.why && t.by == p.author);
            match found {
                Some(t) => {
                    if t.rounds.last() != Some(&p.round) {
                        t.rounds.push(p.round);
                    }
                    t.proposals.push(p.id);
                }
                None => out.push(RedLineTest {
                    seat: d,
                    name: s.delegations[d].name.clone(),
                    line: line.why.to_string(),
                    by: p.author.clone(),
                    rounds: vec![p.round],
                    proposals: vec![p.id],
                }),
            }
        }
    }
    out
}

/// The proposal that moved most, the first every side could sign, warnings and threats, and the last offer
/// before a walkout.
pub fn turning_points(s: &Scenario, transcript: &Transcript, proposals: &[ProposalPoint]) -> Vec<TurningPoint> {
    let n = s.delegations.len();
    let mut out = Vec::new();
    // The move of an offer: how much more it gives the others, on average, than its author's previous one.
    let mut moved: Option<(f64, &ProposalPoint, &ProposalPoint)> = None;
    for (i, p) in proposals.iter().enumerate() {
        let Some(prev) = proposals[..i].iter().rev().find(|q| q.author == p.author) else {
            continue;
        };
        let others: Vec<usize> = (0..n).filter(|&d| Some(d) != p.seat).collect();
        if others.is_empty() {
            continue;
        }
        let change = others.iter().map(|&d| p.values[d] - prev.values[d]).sum::<f64>() / others.len() as f64;
        if change > 0.005 && moved.is_none_or(|(m, _, _)| change > m + 1e-12) {
            moved = Some((change, p, prev));
        }
    }
    if let Some((change, p, prev)) = moved {
        let others: Vec<&str> = (0..n)
            .filter(|&d| Some(d) != p.seat)
            .map(|d| s.delegations[d].name.as_str())
            .collect();
        let who = match others.as_slice() {
            [one] => (*one).to_string(),
            _ if p.seat.is_some() => "the others".to_string(),
            _ => "the delegations".to_string(),
        };
        let on_average = if others.len() > 1 { " on average" } else { "" };
        out.push(TurningPoint {
            round: p.round,
            kind: "moved_most".into(),
            proposal: Some(p.id),
            text: format!(
                "The biggest move: {}'s #{} in round {} gave {who} {} points more{on_average} than its #{} (round {}).",
                p.author,
                p.id,
                p.round,
                signed(change).trim_start_matches('+'),
                prev.id,
                prev.round
            ),
        });
    }
    let walk: Vec<f64> = s.delegations.iter().map(|d| d.walk_away).collect();
    if let Some(p) = proposals
        .iter()
        .find(|p| p.crosses.is_empty() && p.values.iter().zip(&walk).all(|(v, w)| v >= w) && !p.terms.is_open())
    {
        out.push(TurningPoint {
            round: p.round,
            kind: "first_signable".into(),
            proposal: Some(p.id),
            text: format!(
                "The first package every side could sign (at walk-away values as written): {}'s #{} in round {}.",
                p.author, p.id, p.round
            ),
        });
    }
    let mut round = 0;
    let mut last: Option<&crate::sim::transcript::Proposal> = None;
    for event in &transcript.events {
        match event {
            Event::RoundStarted { round: r } => round = *r,
            Event::Proposed { proposal } => last = Some(proposal),
            Event::Statement {
                seat: Seat::Delegation(d),
                kind: kind @ (StatementKind::WalkoutWarning | StatementKind::Threat),
                text,
            } => {
                let (k, verb) = if *kind == StatementKind::Threat {
                    ("threat", "threatens")
                } else {
                    ("warning", "warns it may leave")
                };
                out.push(TurningPoint {
                    round,
                    kind: k.into(),
                    proposal: None,
                    text: format!("Round {round}: {} {verb}: \"{}\"", s.delegations[*d].name, text.trim()),
                });
            }
            Event::WalkedOut { seat, .. } => {
                let who = &s.delegations[*seat];
                let text = match last {
                    Some(p) => format!(
                        "The last offer before {} walked out (round {round}): {}'s #{}, worth {} to it against its \
                         walk-away of {} ({}).",
                        who.name,
                        crate::play::lookup::seat_name(s, p.author),
                        p.id,
                        pct(who.utility(p.package)),
                        pct(who.walk_away),
                        s.describe(p.package)
                    ),
                    None => format!("{} walked out in round {round} before any offer was tabled.", who.name),
                };
                out.push(TurningPoint {
                    round,
                    kind: "last_offer".into(),
                    proposal: last.map(|p| p.id),
                    text,
                });
            }
            _ => {}
        }
    }
    out.sort_by_key(|t| t.round);
    out
}

/// Questions the game prompts, then the scenario's own, each beside its evidence; questions about warnings and
/// walkouts only when someone warned or walked out.
pub fn questions(s: &Scenario, d: &Debrief) -> Vec<Question> {
    let mut out = Vec::new();
    let mut ask = |about, ask: String| {
        out.push(Question {
            about,
            ask,
            from_game: true,
        })
    };
    for t in d.red_lines.iter().take(3) {
        ask(
            QuestionAbout::RedLines,
            format!(
                "{} tabled packages across {}'s red line (\"{}\") in {}: what did that signal, and to whom?",
                t.by,
                t.name,
                t.line.trim_end_matches('.'),
                rounds_words(&t.rounds)
            ),
        );
    }
    if let Some(t) = d.turning_points.iter().find(|t| t.kind == "moved_most")
        && let Some(p) = d.proposals.iter().find(|p| Some(p.id) == t.proposal)
    {
        ask(
            QuestionAbout::Concessions,
            format!(
                "What made {} move in round {}, and did the others answer the move?",
                p.author, p.round
            ),
        );
    }
    if d.fairness.better.is_some() {
        ask(
            QuestionAbout::Fairness,
            "There was a package every side preferred to this ending. Why did nobody table it, or why was it \
             turned down?"
                .into(),
        );
    }
    for seat in d.seats.iter().filter(|x| x.left) {
        ask(
            QuestionAbout::Walkout,
            format!(
                "What could the others have offered, or said, to keep {} at the table?",
                seat.name
            ),
        );
    }
    let warned = d.marks.iter().any(|m| m.kind == "warning" || m.kind == "walkout");
    for q in &s.raw.questions {
        if q.about == QuestionAbout::Walkout && !warned {
            continue;
        }
        out.push(Question {
            about: q.about,
            ask: q.ask.clone(),
            from_game: false,
        });
    }
    out
}

/// The part of the debrief a question sits in, as a heading.
pub fn about_heading(about: QuestionAbout) -> &'static str {
    match about {
        QuestionAbout::Outcome => "Results",
        QuestionAbout::Fairness => "How good was the deal?",
        QuestionAbout::Concessions => "Concessions",
        QuestionAbout::Events => "The room over time",
        QuestionAbout::RedLines => "Red lines tested",
        QuestionAbout::Walkout => "Turning points",
        QuestionAbout::History => "Against the AI and history",
    }
}
