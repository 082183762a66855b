//! The debrief's charts as inline SVG, drawn by hand from the numbers: the utility space, concession curves,
//! the room over time, and outcome shares. Text in them takes the page's font, so the report needs nothing
//! from outside the file.

use std::fmt::Write as _;

use super::Debrief;
use super::versus::Versus;

/// The mediator's colour in charts (delegations use their scenario colours).
const MEDIATOR: [u8; 3] = [110, 110, 110];

/// Escapes text for XML and HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn rgb(c: [u8; 3]) -> String {
    format!("rgb({},{},{})", c[0], c[1], c[2])
}

/// Opens a chart's SVG of `w` × `h` with its title (for screen readers) on a white ground.
fn open_svg(out: &mut String, w: f64, h: f64, title: &str) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img"><title>{t}</title><rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##,
        t = esc(title)
    );
}

/// A plotting area: the SVG's size, its margins and the data ranges on each axis.
struct Frame {
    w: f64,
    h: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    fn px(&self, v: f64) -> f64 {
        let span = (self.x.1 - self.x.0).max(1e-9);
        self.left + (v - self.x.0) / span * (self.w - self.left - self.right)
    }

    fn py(&self, v: f64) -> f64 {
        let span = (self.y.1 - self.y.0).max(1e-9);
        self.h - self.bottom - (v - self.y.0) / span * (self.h - self.top - self.bottom)
    }

    /// Opens the SVG with its title (for screen readers) and draws the axes, ticks and labels.
    fn open(&self, out: &mut String, title: &str, xlabel: &str, ylabel: &str, xticks: &[f64], yticks: &[f64]) {
        open_svg(out, self.w, self.h, title);
        let (x0, x1) = (self.px(self.x.0), self.px(self.x.1));
        let (y0, y1) = (self.py(self.y.0), self.py(self.y.1));
        for &t in yticks {
            let y = self.py(t);
            let _ = write!(
                out,
                r##"<line x1="{x0:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end" fill="#444">{}</text>"##,
                x0 - 4.0,
                y + 4.0,
                tick(t)
            );
        }
        for &t in xticks {
            let x = self.px(t);
            let _ = write!(
                out,
                r##"<line x1="{x:.1}" y1="{y0:.1}" x2="{x:.1}" y2="{y1:.1}" stroke="#e4e4e4"/><text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#444">{}</text>"##,
                y0 + 14.0,
                tick(t)
            );
        }
        let _ = write!(
            out,
            r##"<line x1="{x0:.1}" y1="{y0:.1}" x2="{x1:.1}" y2="{y0:.1}" stroke="#333"/><line x1="{x0:.1}" y1="{y0:.1}" x2="{x0:.1}" y2="{y1:.1}" stroke="#333"/><text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#222">{}</text><text x="14" y="{:.1}" font-size="12" text-anchor="middle" fill="#222" transform="rotate(-90 14 {:.1})">{}</text>"##,
            (x0 + x1) / 2.0,
            self.h - 6.0,
            esc(xlabel),
            (y0 + y1) / 2.0,
            (y0 + y1) / 2.0,
            esc(ylabel)
        );
    }

    /// A legend at the top: colour swatches and names, wrapping onto a second row where the first is full.
    fn legend(&self, out: &mut String, items: &[(String, String)]) {
        let mut x = self.left;
        let mut y = 6.0;
        for (colour, name) in items {
            let width = 22.0 + 6.2 * name.chars().count() as f64;
            if x + width > self.w - 4.0 && x > self.left {
                x = self.left;
                y += 14.0;
            }
            let _ = write!(
                out,
                r##"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#222">{}</text>"##,
                x + 14.0,
                y + 9.0,
                esc(name)
            );
            x += width;
        }
    }
}

fn tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn ticks(from: f64, to: f64, step: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut t = from;
    while t <= to + 1e-9 {
        out.push(t);
        t += step;
    }
    out
}

/// The utility space of seats `a` (across) and `b` (up): the signable packages, the frontier, the walk-away
/// point, the Nash and Kalai–Smorodinsky points, history and the deal, in points of 100.
pub fn space(d: &Debrief, a: usize, b: usize) -> String {
    let f = &d.fairness;
    let frame = Frame {
        w: 460.0,
        h: 400.0,
        left: 46.0,
        right: 16.0,
        top: 48.0,
        bottom: 40.0,
        x: (0.0, 100.0),
        y: (0.0, 100.0),
    };
    let mut out = String::new();
    let (na, nb) = (&d.delegations[a], &d.delegations[b]);
    frame.open(
        &mut out,
        &format!("Utility space: worth to {na} against worth to {nb}"),
        &format!("worth to {na}"),
        &format!("worth to {nb}"),
        &ticks(0.0, 100.0, 20.0),
        &ticks(0.0, 100.0, 20.0),
    );
    let p = |v: &[f64]| (frame.px(v[a] * 100.0), frame.py(v[b] * 100.0));
    // Walk-away lines first, so everything else is drawn over them.
    let (wx, wy) = p(&f.walk_away);
    let _ = write!(
        out,
        r##"<line x1="{wx:.1}" y1="{:.1}" x2="{wx:.1}" y2="{:.1}" stroke="#999" stroke-dasharray="4 3"/><line x1="{:.1}" y1="{wy:.1}" x2="{:.1}" y2="{wy:.1}" stroke="#999" stroke-dasharray="4 3"/>"##,
        frame.py(0.0),
        frame.py(100.0),
        frame.px(0.0),
        frame.px(100.0)
    );
    for v in &f.signable {
        let (x, y) = p(v);
        let _ = write!(out, r##"<circle cx="{x:.1}" cy="{y:.1}" r="2.5" fill="#9bb3c9"/>"##);
    }
    // The frontier of the pair: the seat-pair projections of the frontier, joined left to right.
    let mut front: Vec<(f64, f64)> = f.frontier.iter().map(|v| p(v)).collect();
    front.sort_by(|x, y| x.0.total_cmp(&y.0).then(y.1.total_cmp(&x.1)));
    if !front.is_empty() {
        let pts: Vec<String> = front.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            out,
            r##"<polyline points="{}" fill="none" stroke="#1f5f99" stroke-width="1.5"/>"##,
            pts.join(" ")
        );
        for (x, y) in &front {
            let _ = write!(out, r##"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="#1f5f99"/>"##);
        }
    }
    for v in &f.history {
        let (x, y) = p(v);
        let _ = write!(
            out,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="6" fill="none" stroke="#d9822b" stroke-width="2"/>"##
        );
    }
    let _ = write!(
        out,
        r##"<rect x="{:.1}" y="{:.1}" width="9" height="9" fill="#555"/>"##,
        wx - 4.5,
        wy - 4.5
    );
    if let Some(n) = &f.nash {
        let (x, y) = p(&n.values);
        let _ = write!(
            out,
            r##"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="#2e9e5b"/>"##,
            x,
            y - 7.0,
            x + 7.0,
            y,
            x,
            y + 7.0,
            x - 7.0,
            y
        );
    }
    if let Some(k) = &f.kalai_smorodinsky {
        let (x, y) = p(&k.values);
        let _ = write!(
            out,
            r##"<polygon points="{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}" fill="#7b4fb3"/>"##,
            x,
            y - 7.0,
            x + 6.5,
            y + 5.0,
            x - 6.5,
            y + 5.0
        );
    }
    let (dx, dy) = p(&f.deal);
    let _ = write!(
        out,
        r##"<circle cx="{dx:.1}" cy="{dy:.1}" r="7" fill="#c62828" stroke="#fff" stroke-width="1.5"/>"##
    );
    let legend: Vec<(String, String)> = vec![
        ("#9bb3c9".into(), "signable".into()),
        ("#1f5f99".into(), "frontier".into()),
        ("#555".into(), "walk-away".into()),
        ("#2e9e5b".into(), "Nash".into()),
        ("#7b4fb3".into(), "K–S".into()),
        ("#d9822b".into(), "history".into()),
        (
            "#c62828".into(),
            String::from(if d.ending.and_then(|o| o.package()).is_some() {
                "deal"
            } else {
                "no deal"
            }),
        ),
    ];
    frame.legend(&mut out, &legend);
    out.push_str("</svg>");
    out
}

/// Every proposal's worth to delegation `viewer` over the rounds, one line per author, with its walk-away.
pub fn concessions(d: &Debrief, viewer: usize) -> String {
    let rounds = d.rounds.max(1) as f64;
    let frame = Frame {
        w: 460.0,
        h: 260.0,
        left: 46.0,
        right: 16.0,
        top: 48.0,
        bottom: 40.0,
        x: (0.5, rounds + 0.5),
        y: (0.0, 100.0),
    };
    let mut out = String::new();
    let name = &d.delegations[viewer];
    let step = (rounds / 8.0).ceil().max(1.0);
    frame.open(
        &mut out,
        &format!("Every proposal's worth to {name}, by round"),
        "round",
        &format!("worth to {name}"),
        &ticks(1.0, rounds, step),
        &ticks(0.0, 100.0, 25.0),
    );
    let wy = frame.py(d.seats[viewer].walk_away * 100.0);
    let _ = write!(
        out,
        r##"<line x1="{:.1}" y1="{wy:.1}" x2="{:.1}" y2="{wy:.1}" stroke="#555" stroke-dasharray="5 3"/><text x="{:.1}" y="{:.1}" font-size="10" text-anchor="end" fill="#555">walk-away</text>"##,
        frame.px(frame.x.0),
        frame.px(frame.x.1),
        frame.px(frame.x.1) - 2.0,
        wy - 3.0
    );
    let mut legend = Vec::new();
    for (author, colour) in authors(d) {
        let points: Vec<(f64, f64)> = d
            .proposals
            .iter()
            .filter(|p| p.author == author)
            .map(|p| (frame.px(p.round as f64), frame.py(p.values[viewer] * 100.0)))
            .collect();
        if points.is_empty() {
            continue;
        }
        let c = rgb(colour);
        let pts: Vec<String> = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect();
        let _ = write!(
            out,
            r##"<polyline points="{}" fill="none" stroke="{c}" stroke-width="1.5"/>"##,
            pts.join(" ")
        );
        for (x, y) in &points {
            let _ = write!(out, r##"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{c}"/>"##);
        }
        legend.push((c, author));
    }
    frame.legend(&mut out, &legend);
    out.push_str("</svg>");
    out
}

/// Who tabled proposals, in order of first proposal, each with a colour.
pub fn authors(d: &Debrief) -> Vec<(String, [u8; 3])> {
    let mut out: Vec<(String, [u8; 3])> = Vec::new();
    for p in &d.proposals {
        if out.iter().all(|(a, _)| *a != p.author) {
            let colour = p.seat.and_then(|s| d.colours.get(s).copied()).unwrap_or(MEDIATOR);
            out.push((p.author.clone(), colour));
        }
    }
    out
}

/// Tension, each delegation's patience (solid) and trust (dashed) over the rounds, with news, warnings and
/// walkouts marked.
pub fn room(d: &Debrief) -> String {
    let last = d.meters.last().map_or(1, |m| m.round).max(1) as f64;
    let frame = Frame {
        w: 560.0,
        h: 280.0,
        left: 46.0,
        right: 16.0,
        top: 48.0,
        bottom: 40.0,
        x: (0.0, last),
        y: (0.0, 100.0),
    };
    let mut out = String::new();
    let step = (last / 8.0).ceil().max(1.0);
    frame.open(
        &mut out,
        "Tension, patience and trust over the rounds",
        "end of round (0: the opening)",
        "out of 100",
        &ticks(0.0, last, step),
        &ticks(0.0, 100.0, 25.0),
    );
    for (i, m) in d.marks.iter().enumerate() {
        let x = frame.px(m.round as f64 - 0.5);
        let colour = match m.kind.as_str() {
            "walkout" => "#c62828",
            "warning" | "threat" => "#e08a00",
            "recess" => "#2e9e5b",
            _ => "#888",
        };
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{colour}" stroke-width="1" stroke-dasharray="2 2"><title>{}</title></line><text x="{x:.1}" y="{:.1}" font-size="9" text-anchor="middle" fill="{colour}">{}</text>"##,
            frame.py(0.0),
            frame.py(100.0),
            esc(&format!("Round {}: {}", m.round, m.text)),
            frame.py(100.0) - 2.0,
            i + 1
        );
    }
    let line = |out: &mut String, values: Vec<(f64, f64)>, colour: &str, dash: &str, width: f64| {
        let pts: Vec<String> = values
            .iter()
            .map(|(r, v)| format!("{:.1},{:.1}", frame.px(*r), frame.py(v * 100.0)))
            .collect();
        let _ = write!(
            out,
            r##"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/>"##,
            pts.join(" ")
        );
    };
    line(
        &mut out,
        d.meters.iter().map(|m| (m.round as f64, m.tension)).collect(),
        "#222",
        "none",
        2.5,
    );
    let mut legend = vec![("#222".to_string(), "tension".to_string())];
    for (s, name) in d.delegations.iter().enumerate() {
        let c = rgb(d.colours.get(s).copied().unwrap_or(MEDIATOR));
        line(
            &mut out,
            d.meters.iter().map(|m| (m.round as f64, m.patience[s])).collect(),
            &c,
            "none",
            1.5,
        );
        line(
            &mut out,
            d.meters.iter().map(|m| (m.round as f64, m.trust[s])).collect(),
            &c,
            "5 3",
            1.5,
        );
        legend.push((c, name.clone()));
    }
    frame.legend(&mut out, &legend);
    out.push_str("</svg>");
    out
}

/// Outcome shares side by side: each row a group of games (this class, the AI alone), each bar an outcome.
pub fn shares(rows: &[(String, [f64; 4])]) -> String {
    let kinds = [
        ("agreement", "#2e7d32"),
        ("partial agreement", "#7cb342"),
        ("deadlock", "#9e9e9e"),
        ("walkout", "#c62828"),
    ];
    let row_h = 26.0;
    let h = 50.0 + row_h * rows.len() as f64 + 30.0;
    let frame = Frame {
        w: 560.0,
        h,
        left: 150.0,
        right: 20.0,
        top: 48.0,
        bottom: 40.0,
        x: (0.0, 100.0),
        y: (0.0, 1.0),
    };
    let mut out = String::new();
    open_svg(&mut out, frame.w, h, "Outcome shares");
    for (i, (label, values)) in rows.iter().enumerate() {
        let y = 40.0 + row_h * i as f64;
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end" fill="#222">{}</text>"##,
            frame.left - 6.0,
            y + 15.0,
            esc(label)
        );
        let mut x = frame.px(0.0);
        for ((_, colour), v) in kinds.iter().zip(values) {
            let wdt = frame.px(v * 100.0) - frame.px(0.0);
            if wdt > 0.0 {
                let _ = write!(
                    out,
                    r##"<rect x="{x:.1}" y="{y:.1}" width="{wdt:.1}" height="20" fill="{colour}"><title>{:.1} %</title></rect>"##,
                    v * 100.0
                );
                if wdt > 28.0 {
                    let _ = write!(
                        out,
                        r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#fff">{:.0}</text>"##,
                        x + wdt / 2.0,
                        y + 14.0,
                        v * 100.0
                    );
                }
            }
            x += wdt;
        }
    }
    let mut legend_x = frame.left;
    let ly = h - 14.0;
    for (name, colour) in kinds {
        let _ = write!(
            out,
            r##"<rect x="{legend_x:.1}" y="{:.1}" width="10" height="10" fill="{colour}"/><text x="{:.1}" y="{ly:.1}" font-size="11" fill="#222">{name}</text>"##,
            ly - 9.0,
            legend_x + 14.0
        );
        legend_x += 24.0 + 6.5 * name.len() as f64;
    }
    out.push_str("</svg>");
    out
}

/// A Versus's four shares, in the order `shares` draws them.
pub fn of_versus(v: &Versus) -> [f64; 4] {
    [v.agreement, v.partial_agreement, v.deadlock, v.walkout]
}
