//! The debrief as text: for the terminal at the end of a game, and for `redline debrief` without `--out`.

use std::fmt::Write as _;

use super::evidence::{Question, about_heading, rounds_words};
use super::versus::{Versus, percent, sentence};
use super::{Debrief, signed};
use crate::sim::scenario::raw::QuestionAbout;
use crate::sim::transcript::pct;

/// The questions of one part of the debrief, as lines to print after its evidence.
fn ask(out: &mut String, d: &Debrief, about: QuestionAbout) {
    let questions: Vec<&Question> = d.questions.iter().filter(|q| q.about == about).collect();
    if questions.is_empty() {
        return;
    }
    let _ = writeln!(out, "  To discuss:");
    for q in questions {
        let _ = writeln!(out, "  ? {}", q.ask);
    }
}

/// A title line and its underline.
fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}\n{}", "-".repeat(title.chars().count()));
}

/// The whole debrief as text: results, the deal against the benchmarks, concessions, the room over time, red
/// lines, turning points, the AI and history, each part followed by its questions. `versus` is the AI-only
/// comparison if it has been played.
pub fn render(d: &Debrief, versus: Option<&Versus>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "DEBRIEF: {} (seed {})", d.title, d.seed);
    let _ = writeln!(out, "{}", d.text);
    if !d.people.is_empty() {
        let _ = writeln!(out, "Played by people: {}.", d.people.join(", "));
    }

    heading(&mut out, about_heading(QuestionAbout::Outcome));
    let width = d
        .seats
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(10);
    let _ = writeln!(
        out,
        "  {:<width$}  {:>5}  {:>9}  {:>5}  {:>4}  {:>12}",
        "Delegation", "deal", "walk-away", "gain", "best", "of the way"
    );
    for s in &d.seats {
        let mut name = s.name.clone();
        if s.person {
            name.push('*');
        }
        let _ = writeln!(
            out,
            "  {:<width$}  {:>5}  {:>9}  {:>5}  {:>4}  {:>12}{}",
            name,
            pct(s.value),
            pct(s.walk_away),
            signed(s.gain),
            s.best.map_or("—".into(), pct),
            s.share.map_or("—".into(), |x| format!("{:.0} %", x * 100.0)),
            match (s.left, s.signed) {
                (true, _) => "  (left the talks)",
                (false, Some(false)) => "  (outvoted)",
                _ => "",
            }
        );
    }
    let _ = writeln!(
        out,
        "  Values out of 100; walk-away as the scenario writes it (the same for every group); \"of the way\": how\n  far the deal went from its walk-away towards its best package every side could sign.{}",
        if d.seats.iter().any(|s| s.person) {
            " * a person played it."
        } else {
            ""
        }
    );
    let moved: Vec<String> = d
        .seats
        .iter()
        .filter(|s| (s.walk_away_here - s.walk_away).abs() >= 0.005)
        .map(|s| format!("{} {}", s.name, pct(s.walk_away_here)))
        .collect();
    if !moved.is_empty() {
        let _ = writeln!(
            out,
            "  Walk-away values at the end of this game (seed and news): {}.",
            moved.join(", ")
        );
    }
    ask(&mut out, d, QuestionAbout::Outcome);

    heading(&mut out, about_heading(QuestionAbout::Fairness));
    for w in &d.fairness.words {
        let _ = writeln!(out, "  {w}");
    }
    let _ = writeln!(
        out,
        "  {} packages every side could sign; {} of them on the frontier.",
        d.fairness.signable.len(),
        d.fairness.frontier.len()
    );
    ask(&mut out, d, QuestionAbout::Fairness);

    heading(&mut out, about_heading(QuestionAbout::Concessions));
    let names: Vec<String> = d.delegations.iter().map(|n| short(n)).collect();
    let _ = writeln!(out, "  {:>3} {:>5}  {:<14} {}", "#", "round", "by", names.join("  "));
    for p in &d.proposals {
        let cells: Vec<String> = p
            .values
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(seat, (v, n))| {
                let mark = if p.crosses.contains(&seat) { "x" } else { " " };
                format!("{:>w$}{mark}", pct(*v), w = n.chars().count().max(3) - 1)
            })
            .collect();
        let _ = writeln!(
            out,
            "  {:>3} {:>5}  {:<14} {}",
            p.id,
            p.round,
            short(&p.author),
            cells.join("  ")
        );
    }
    if d.proposals.is_empty() {
        let _ = writeln!(out, "  No proposal was tabled.");
    } else {
        let _ = writeln!(
            out,
            "  Each proposal's worth to every delegation; x: it crosses that delegation's red line."
        );
    }
    ask(&mut out, d, QuestionAbout::Concessions);

    heading(&mut out, about_heading(QuestionAbout::Events));
    let _ = writeln!(
        out,
        "  {:>5}  {:>7}  patience ({})  trust ({})",
        "round",
        "tension",
        names.join(", "),
        names.join(", ")
    );
    for m in &d.meters {
        let _ = writeln!(
            out,
            "  {:>5}  {:>7}  {}  {}",
            m.round,
            pct(m.tension),
            m.patience
                .iter()
                .map(|x| format!("{:>3}", pct(*x)))
                .collect::<Vec<_>>()
                .join(" "),
            m.trust
                .iter()
                .map(|x| format!("{:>3}", pct(*x)))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    for m in &d.marks {
        let _ = writeln!(out, "  Round {}: {}.", m.round, m.text.trim_end_matches('.'));
    }
    ask(&mut out, d, QuestionAbout::Events);

    heading(&mut out, about_heading(QuestionAbout::RedLines));
    if d.red_lines.is_empty() {
        let _ = writeln!(out, "  No proposal crossed another delegation's red line.");
    }
    for t in &d.red_lines {
        let ids: Vec<String> = t.proposals.iter().map(|p| format!("#{p}")).collect();
        let _ = writeln!(
            out,
            "  {} proposed across {}'s line \"{}\" in {} ({}).",
            t.by,
            t.name,
            t.line.trim_end_matches('.'),
            rounds_words(&t.rounds),
            ids.join(", ")
        );
    }
    ask(&mut out, d, QuestionAbout::RedLines);

    heading(&mut out, about_heading(QuestionAbout::Walkout));
    if d.turning_points.is_empty() {
        let _ = writeln!(out, "  None marked.");
    }
    for t in &d.turning_points {
        let _ = writeln!(out, "  {}", t.text);
    }
    ask(&mut out, d, QuestionAbout::Walkout);

    heading(&mut out, about_heading(QuestionAbout::History));
    match versus {
        Some(v) => {
            let outcome = d.ending;
            let history = d.history.as_ref().map(|h| (h.text.as_str(), h.matched));
            let _ = writeln!(out, "  {}", sentence(&d.reached, outcome, v, history));
            let _ = writeln!(
                out,
                "  AI-only, {} games from seed {}: agreement {}, partial {}, deadlock {}, walkout {}{}.",
                v.games,
                v.seed,
                percent(v.agreement),
                percent(v.partial_agreement),
                percent(v.deadlock),
                percent(v.walkout),
                v.as_happened
                    .map_or(String::new(), |h| format!("; as in history {}", percent(h)))
            );
        }
        None => {
            if let Some(h) = &d.history {
                let _ = writeln!(out, "  {}", h.sentence());
            }
        }
    }
    ask(&mut out, d, QuestionAbout::History);
    out
}

/// A name cut to fit a column: "Ukraine", "United Sta…".
fn short(name: &str) -> String {
    if name.chars().count() <= 12 {
        name.to_string()
    } else {
        name.chars().take(11).collect::<String>() + "…"
    }
}
