//! The debrief as one self-contained HTML file: no scripts, no links out, charts as inline SVG and the font
//! embedded, so it opens offline and prints on A4 or Letter. One game, or a whole class folder: a table of
//! every group, the class's outcomes against the AI alone, then a page per game.

use std::fmt::Write as _;

use super::evidence::{about_heading, rounds_words};
use super::svg::{self, esc};
use super::versus::{Versus, percent, sentence};
use super::{Debrief, signed};
use crate::sim::scenario::raw::QuestionAbout;
use crate::sim::transcript::pct;

/// One game of a report: a name (the file's, for a class: the group), its debrief, and its table's AI-only
/// comparison if one was played.
pub struct Game<'a> {
    /// What the game is called in the report: the recording's file name without `.ron`.
    pub name: String,
    /// The debrief.
    pub debrief: &'a Debrief,
    /// The AI-only games of the same table.
    pub versus: Option<&'a Versus>,
}

/// Standard base64 of `bytes`, for the embedded font.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "Redline Sans", sans-serif; color: #1d1d1d; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { font-size: 1.3rem; margin-top: 1.6rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: .4rem 0; font-size: .9rem; }
table.wide { width: 100%; } table.proposals { font-size: .8rem; } td.pkg { font-size: .74rem; color: #333; }
th, td { border: 1px solid #ccc; padding: .2rem .45rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.ask { background: #fff8e1; border-left: 4px solid #e0a800; padding: .35rem .7rem; margin: .5rem 0; }
.ask p { margin: .2rem 0; } .ask .from { color: #6d5a00; font-size: .8rem; }
.charts { display: flex; flex-wrap: wrap; gap: .8rem; }
svg.chart { max-width: 100%; height: auto; border: 1px solid #ddd; }
.outcome { font-size: 1.05rem; }
.verdict { font-weight: bold; }
.game { break-before: page; }
.game:first-of-type { break-before: auto; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; } svg.chart, table, .ask { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { margin: 14mm; }
"#;

fn head(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n@font-face {{ font-family: \"Redline Sans\"; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n{STYLE}</style>\n</head>\n<body>",
        esc(title),
        base64(epaint_default_fonts::UBUNTU_LIGHT)
    );
}

fn asks(out: &mut String, d: &Debrief, about: QuestionAbout) {
    let questions: Vec<_> = d.questions.iter().filter(|q| q.about == about).collect();
    if questions.is_empty() {
        return;
    }
    out.push_str("<div class=\"ask\"><strong>To discuss</strong>");
    for q in questions {
        let _ = write!(
            out,
            "<p>{}{}</p>",
            esc(&q.ask),
            if q.from_game {
                " <span class=\"from\">(from this game)</span>"
            } else {
                ""
            }
        );
    }
    out.push_str("</div>\n");
}

/// The pair of seats the utility-space chart shows: the first person's seat and the next, or the first two.
pub fn pair(d: &Debrief) -> (usize, usize) {
    let first = d.seats.iter().position(|s| s.person).unwrap_or(0);
    let second = (0..d.seats.len()).find(|&s| s != first).unwrap_or(first);
    (first.min(second), first.max(second))
}

/// One game's debrief as a section of a page.
fn game(out: &mut String, g: &Game, heading: &str) {
    let d = g.debrief;
    let _ = writeln!(
        out,
        "<section class=\"game\" id=\"{}\">\n<h1>{}</h1>\n<p class=\"meta\">{} · seed {} · {} of {} rounds{}</p>",
        esc(&g.name),
        esc(heading),
        esc(&d.title),
        d.seed,
        d.rounds,
        d.of_rounds,
        if d.people.is_empty() {
            " · AI on every seat".to_string()
        } else {
            format!(" · played by people: {}", esc(&d.people.join(", ")))
        }
    );
    let _ = writeln!(
        out,
        "<p class=\"outcome\"><span class=\"verdict\">{}.</span> {}</p>",
        esc(&d.heading),
        esc(&d.text)
    );

    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table><tr><th>Delegation</th><th class=\"n\">Deal</th><th class=\"n\">Walk-away</th><th class=\"n\">Gain</th><th class=\"n\">Best signable</th><th class=\"n\">Of the way to its best</th><th>Note</th></tr>",
        about_heading(QuestionAbout::Outcome)
    );
    for s in &d.seats {
        let mut note = Vec::new();
        if s.person {
            note.push("played by a person".to_string());
        }
        if s.left {
            note.push("left the talks".into());
        } else if s.signed == Some(false) {
            note.push("outvoted".into());
        }
        if (s.walk_away_here - s.walk_away).abs() >= 0.005 {
            note.push(format!("walk-away {} at the end of this game", pct(s.walk_away_here)));
        }
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&s.name),
            pct(s.value),
            pct(s.walk_away),
            signed(s.gain),
            s.best.map_or("—".into(), pct),
            s.share.map_or("—".into(), |x| format!("{:.0} %", x * 100.0)),
            esc(&note.join("; "))
        );
    }
    out.push_str("</table>\n<p class=\"meta\">Values out of 100. Walk-away as the scenario writes it, the same yardstick for every group; the seed and the news move each game's own.</p>\n");
    asks(out, d, QuestionAbout::Outcome);

    let _ = writeln!(out, "<h2>{}</h2>", about_heading(QuestionAbout::Fairness));
    for w in &d.fairness.words {
        let _ = writeln!(out, "<p>{}</p>", esc(w));
    }
    let (a, b) = pair(d);
    let _ = writeln!(
        out,
        "<div class=\"charts\">{}</div>\n<p class=\"meta\">{} packages every side could sign, {} on the frontier{}.</p>",
        svg::space(d, a, b),
        d.fairness.signable.len(),
        d.fairness.frontier.len(),
        if d.seats.len() > 2 {
            format!(
                "; the chart shows {} and {} of {} delegations (the frontier is that of all of them)",
                esc(&d.delegations[a]),
                esc(&d.delegations[b]),
                d.seats.len()
            )
        } else {
            String::new()
        }
    );
    asks(out, d, QuestionAbout::Fairness);

    let _ = writeln!(out, "<h2>{}</h2>", about_heading(QuestionAbout::Concessions));
    if d.proposals.is_empty() {
        out.push_str("<p>No proposal was tabled.</p>\n");
    } else {
        out.push_str("<div class=\"charts\">");
        for viewer in 0..d.seats.len() {
            out.push_str(&svg::concessions(d, viewer));
        }
        out.push_str("</div>\n<table class=\"proposals wide\"><tr><th class=\"n\">#</th><th class=\"n\">Round</th><th>By</th><th>Package</th>");
        for n in &d.delegations {
            let _ = write!(out, "<th class=\"n\">{}</th>", esc(n));
        }
        out.push_str("</tr>\n");
        for p in &d.proposals {
            let _ = write!(
                out,
                "<tr><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"pkg\">{}</td>",
                p.id,
                p.round,
                esc(&p.author),
                esc(&p.package)
            );
            for (seat, v) in p.values.iter().enumerate() {
                let cross = if p.crosses.contains(&seat) { " ✕ red line" } else { "" };
                let _ = write!(out, "<td class=\"n\">{}{cross}</td>", pct(*v));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    asks(out, d, QuestionAbout::Concessions);

    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<div class=\"charts\">{}</div>",
        about_heading(QuestionAbout::Events),
        svg::room(d)
    );
    out.push_str("<p class=\"meta\">Thick black: tension. Solid: each delegation's patience. Dashed: its trust in the others. Numbered lines: the moments below.</p>\n");
    if !d.marks.is_empty() {
        out.push_str("<ol>");
        for m in &d.marks {
            let _ = write!(out, "<li>Round {}: {}</li>", m.round, esc(&m.text));
        }
        out.push_str("</ol>\n");
    }
    asks(out, d, QuestionAbout::Events);

    let _ = writeln!(out, "<h2>{}</h2>", about_heading(QuestionAbout::RedLines));
    if d.red_lines.is_empty() {
        out.push_str("<p>No proposal crossed another delegation's red line.</p>\n");
    } else {
        out.push_str("<ul>");
        for t in &d.red_lines {
            let ids: Vec<String> = t.proposals.iter().map(|p| format!("#{p}")).collect();
            let _ = write!(
                out,
                "<li>{} proposed across {}'s line “{}” in {} ({}).</li>",
                esc(&t.by),
                esc(&t.name),
                esc(t.line.trim_end_matches('.')),
                rounds_words(&t.rounds),
                ids.join(", ")
            );
        }
        out.push_str("</ul>\n");
    }
    asks(out, d, QuestionAbout::RedLines);

    let _ = writeln!(out, "<h2>{}</h2>", about_heading(QuestionAbout::Walkout));
    if d.turning_points.is_empty() {
        out.push_str("<p>None marked.</p>\n");
    } else {
        out.push_str("<ul>");
        for t in &d.turning_points {
            let _ = write!(out, "<li>{}</li>", esc(&t.text));
        }
        out.push_str("</ul>\n");
    }
    asks(out, d, QuestionAbout::Walkout);

    let _ = writeln!(out, "<h2>{}</h2>", about_heading(QuestionAbout::History));
    let history = d.history.as_ref().map(|h| (h.text.as_str(), h.matched));
    match g.versus {
        Some(v) => {
            let _ = writeln!(out, "<p>{}</p>", esc(&sentence(&d.reached, d.ending, v, history)));
            let _ = writeln!(
                out,
                "<div class=\"charts\">{}</div>\n<p class=\"meta\">{} AI-only games from seed {}, as <code>redline simulate --scenario {} --runs {} --seed {}</code> plays them{}.</p>",
                svg::shares(&[("AI alone".into(), svg::of_versus(v))]),
                v.games,
                v.seed,
                esc(&d.scenario),
                v.games,
                v.seed,
                v.as_happened
                    .map_or(String::new(), |h| format!("; {} ended as history did", percent(h)))
            );
        }
        None => {
            if let Some(h) = &d.history {
                let _ = writeln!(out, "<p>{}</p>", esc(&h.sentence()));
            }
        }
    }
    asks(out, d, QuestionAbout::History);
    out.push_str("</section>\n");
}

/// The report of one game.
pub fn one(g: &Game) -> String {
    let mut out = String::new();
    head(&mut out, &format!("Debrief: {}", g.debrief.title));
    game(&mut out, g, &format!("Debrief: {}", g.debrief.title));
    out.push_str("</body>\n</html>\n");
    out
}

/// The report of a class: every group in one table, the class's outcomes against the AI alone for each
/// scenario played, then each game's debrief.
pub fn class(title: &str, games: &[Game]) -> String {
    let mut out = String::new();
    head(&mut out, title);
    let _ = writeln!(out, "<section class=\"game\" id=\"class\">\n<h1>{}</h1>", esc(title));
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} games.</p>\n<h2>Every group</h2>",
        games.len()
    );
    out.push_str("<table class=\"wide\"><tr><th>Game</th><th>Table</th><th>People played</th><th>Outcome</th><th class=\"n\">Rounds</th><th>Gain over walk-away, each seat</th><th class=\"n\">From the Nash point</th><th>Better deal for all?</th></tr>\n");
    for g in games {
        let d = g.debrief;
        let gains: Vec<String> = d
            .seats
            .iter()
            .map(|s| format!("{} {}", esc(&s.name), signed(s.gain)))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&g.name),
            esc(&g.name),
            esc(&d.scenario),
            esc(&if d.people.is_empty() {
                "AI only".to_string()
            } else {
                d.people.join(", ")
            }),
            esc(&d.reached),
            d.rounds,
            gains.join(", "),
            d.fairness.to_nash.map_or("—".into(), |x| format!("{x:.0}")),
            if d.fairness.better.is_some() { "yes" } else { "no" }
        );
    }
    out.push_str("</table>\n<p class=\"meta\">Gains in points of 100 over each seat's walk-away as written; distance to the Nash point in points of 100 over every seat.</p>\n");
    let mut scenarios: Vec<&str> = games.iter().map(|g| g.debrief.scenario.as_str()).collect();
    scenarios.sort_unstable();
    scenarios.dedup();
    out.push_str("<h2>The class against the AI alone</h2>\n");
    for id in scenarios {
        let of: Vec<&Game> = games.iter().filter(|g| g.debrief.scenario == id).collect();
        let n = of.len() as f64;
        let share = |kind: &str| of.iter().filter(|g| g.debrief.outcome == kind).count() as f64 / n;
        let mut rows = vec![(
            format!("This class ({})", of.len()),
            [
                share("agreement"),
                share("partial_agreement"),
                share("deadlock"),
                share("walkout"),
            ],
        )];
        let versus = of.iter().find_map(|g| g.versus);
        if let Some(v) = versus {
            rows.push((format!("AI alone ({})", v.games), svg::of_versus(v)));
        }
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<div class=\"charts\">{}</div>",
            esc(&of[0].debrief.title),
            svg::shares(&rows)
        );
        if let Some(v) = versus {
            let _ = writeln!(
                out,
                "<p class=\"meta\">AI alone: {} games from seed {} (<code>redline simulate --scenario {id} --runs {} --seed {}</code>): agreement {}, partial {}, deadlock {}, walkout {}.</p>",
                v.games,
                v.seed,
                v.games,
                v.seed,
                percent(v.agreement),
                percent(v.partial_agreement),
                percent(v.deadlock),
                percent(v.walkout)
            );
        }
    }
    out.push_str("</section>\n");
    for g in games {
        game(&mut out, g, &g.name);
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_as_the_standard_says() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
