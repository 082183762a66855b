//! The classroom handouts of a scenario as self-contained HTML: a one-page brief for every delegation's seat and
//! for the mediator's chair (the public background, then the team's confidential instructions), all of them in
//! one file to print at once, the facilitator's guide, and an index. The font is embedded and there are no
//! scripts or links out, so the files open offline and print on A4 or Letter.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use crate::debrief::evidence::about_heading;
use crate::debrief::html::base64;
use crate::debrief::svg::esc;
use crate::play::views::{self, Brief, DelegationBrief};
use crate::sim::command::Seat;
use crate::sim::delegation::{Person, Posture, RedLine};
use crate::sim::issue::{Issue, IssueOption, term_needs};
use crate::sim::outcome::names;
use crate::sim::scenario::raw::QuestionAbout;
use crate::sim::scenario::{Effect, MediatorStrategy, Scenario, parse_date};
use crate::sim::table::TableState;
use crate::sim::transcript::{Event, pct, render_event};
use crate::sim::turn::Phase;

/// One handout file: its file name (e.g. "ukraine.html") and its HTML text.
#[derive(Debug, Clone, PartialEq)]
pub struct Handout {
    /// The file name, e.g. `ukraine.html`: lower-case letters, digits, `_` and `-`, then `.html`.
    pub file: String,
    /// What the handout is, e.g. "Brief for Ukraine".
    pub title: String,
    /// The whole HTML document.
    pub html: String,
}

/// Every handout of a scenario: one page per delegation seat (and one for the mediator's chair), a file with all
/// seat pages one after the other (each on its own printed page), and the facilitator's guide; then an index that
/// links to each of them.
pub fn handouts(scenario: &Scenario) -> Vec<Handout> {
    let s = scenario;
    // The table as the scenario seats it, before any seed varies it: the brief the game shows at round 0.
    let state = TableState::new(s);
    let stems = stems(s);
    let mut out = Vec::new();
    let mut pages = String::new();
    for (d, del) in s.delegations.iter().enumerate() {
        let Brief::Delegation(b) = views::brief(s, &state, Some(Seat::Delegation(d))) else {
            continue;
        };
        let page = fitted(|fit, m| seat_page(s, d, &b, fit, m));
        let title = format!("Brief for {}", del.name);
        out.push(Handout {
            file: format!("{}.html", stems[d]),
            html: document(&format!("{title} — {}", s.title), &page),
            title,
        });
        pages.push_str(&page);
    }
    let chair = fitted(|fit, m| chair_page(s, fit, m));
    let title = format!("Brief for the chair: {}", s.mediator.name);
    out.push(Handout {
        file: "mediator.html".into(),
        html: document(&format!("{title} — {}", s.title), &chair),
        title,
    });
    pages.push_str(&chair);
    let title = "Every seat's brief".to_string();
    out.push(Handout {
        file: "all-seats.html".into(),
        html: document(&format!("{title} — {}", s.title), &pages),
        title,
    });
    let title = "Facilitator's guide".to_string();
    out.push(Handout {
        file: "facilitator.html".into(),
        html: document(&format!("{title} — {}", s.title), &guide(s, &stems)),
        title,
    });
    let index = index(s, &out);
    out.push(Handout {
        file: "index.html".into(),
        html: document(&format!("Handouts — {}", s.title), &index),
        title: "Handouts".into(),
    });
    out
}

/// The heading of a seat's confidential part: no other seat's page may carry it.
fn confidential(name: &str) -> String {
    format!("Confidential — for {name}'s team only")
}

/// Each delegation's file name without `.html`: its id in lower case with anything but letters, digits, `_` and
/// `-` made a `-`, numbered where two would clash or one would take the name of another handout.
fn stems(s: &Scenario) -> Vec<String> {
    let mut used: BTreeSet<String> = ["mediator", "all-seats", "facilitator", "index"]
        .into_iter()
        .map(String::from)
        .collect();
    let mut out = Vec::new();
    for (d, del) in s.delegations.iter().enumerate() {
        let mut stem = String::new();
        for c in del.id.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-' {
                stem.push(c);
            } else if !stem.ends_with('-') {
                stem.push('-');
            }
        }
        let base = match stem.trim_matches('-') {
            "" => format!("seat-{}", d + 1),
            some => some.to_string(),
        };
        let mut name = base.clone();
        let mut k = 2;
        while used.contains(&name) {
            name = format!("{base}-{k}");
            k += 1;
        }
        used.insert(name.clone());
        out.push(name);
    }
    out
}

/// The stylesheet of every handout: print first (A4 or Letter, 14 mm margins), a brief's body size set per page
/// by `--fs`, two columns for the dense parts, and the confidential part framed in red.
const STYLE: &str = r#"
@page { size: auto; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "Redline Sans", sans-serif; color: #1d1d1d; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: .2rem 0 .4rem; } h2 { font-size: 1.25rem; margin: 1.4rem 0 .4rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
.meta { color: #555; }
.native { font-weight: normal; color: #444; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: inherit; background: #f1f1f1; padding: 0 .2em; }
.cols { column-count: 2; column-gap: 6mm; }
.cols h3 { break-after: avoid; } .cols li, .cols tr, .cols p.open { break-inside: avoid; }
.confidential { border: 2px solid #a4001d; padding: .3em .7em .5em; margin-top: .8em; }
.confidential > h2 { color: #a4001d; border-bottom-color: #a4001d; margin-top: .2em; }
ul.opts { list-style: none; padding-left: .9em; margin: 0 0 .2em; }
p.open { padding-left: .9em; color: #444; font-size: .95em; }
.seat h1 { font-size: 1.35em; margin: 0 0 .3em; } .seat h2 { font-size: 1.1em; margin: .6em 0 .25em; }
.seat h3 { font-size: 1em; margin: .5em 0 .15em; } .seat p { margin: 0 0 .35em; }
.seat ul, .seat ol { margin: 0 0 .35em; padding-left: 1.3em; } .seat ul.opts { padding-left: .9em; margin-bottom: .2em; }
.seat table { width: 100%; font-size: .95em; margin: .1em 0 .3em; } .seat th, .seat td { padding: .1em .3em; }
.seat .meta { font-size: .9em; margin: 0 0 .2em; }
.seat + .seat { margin-top: 3rem; border-top: 3px double #999; padding-top: 1rem; }
.guide table { width: 100%; font-size: .92rem; }
@media screen and (max-width: 40rem) { .cols { column-count: 1; } }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; line-height: 1.3; }
  .seat { font-size: var(--fs, 10pt); line-height: 1.2; break-after: page; }
  .seat:last-of-type { break-after: auto; }
  .seat + .seat { margin-top: 0; border-top: none; padding-top: 0; }
  h2, h3 { break-after: avoid; } tr, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The embedded font, encoded once.
fn font() -> &'static str {
    static FONT: OnceLock<String> = OnceLock::new();
    FONT.get_or_init(|| base64(epaint_default_fonts::UBUNTU_LIGHT))
}

/// A whole HTML document around `body`, with the stylesheet and the font (Latin and Cyrillic) embedded.
fn document(title: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + font().len() + STYLE.len() + 512);
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n@font-face {{ font-family: \"Redline Sans\"; src: url(data:font/ttf;base64,{}) format(\"truetype\"); }}\n{STYLE}</style>\n</head>\n<body>",
        esc(title),
        font()
    );
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

// ---- Keeping a brief on one page ----

/// Millimetres in a typographic point.
const PT_MM: f64 = 25.4 / 72.0;
/// The printable width of the narrower of A4 and Letter at 14 mm margins, in millimetres.
const PAGE_W_MM: f64 = 210.0 - 28.0;
/// The printable height of the shorter of A4 and Letter at 14 mm margins, in millimetres.
const PAGE_H_MM: f64 = 279.4 - 28.0;
/// One of the two columns a brief is set in, less the confidential frame's padding, in millimetres.
const COLUMN_MM: f64 = (PAGE_W_MM - 6.0) / 2.0 - 3.0;
/// The average width of a character of the embedded font in ems (0.45 measured on the scenarios' text),
/// rounded up for the room lost at the ends of lines.
const CHAR_EM: f64 = 0.48;
/// The line height the estimate reckons with, a little above the stylesheet's 1.2 for a brief.
const LINE: f64 = 1.24;
/// The share of the page an estimate may fill: the rest absorbs what it misses.
const FILL: f64 = 0.92;
/// The size of a brief's main heading, in ems of its body text.
const H1: f64 = 1.35;
/// The size of a brief's section headings.
const H2: f64 = 1.1;
/// How far a list's items are indented, in ems: the stylesheet's `padding-left` of lists.
const INDENT: f64 = 1.3;
/// How far an issue's options are indented, in ems.
const OPTION_INDENT: f64 = 0.9;

/// How tightly a one-page brief is set: its print size, and what is shortened to keep it on one page.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// The print size of the body text, in points.
    size: f64,
    /// How many lines of a column an option's text may take at most (the facilitator's guide has them in full);
    /// none: every option in full.
    lines: Option<usize>,
    /// Whether each issue's description is printed.
    descriptions: bool,
    /// Whether what leaving each issue open means is printed.
    open: bool,
    /// Whether red lines name options by number and letter ("2C") rather than quoting them in full.
    letters: bool,
}

impl Fit {
    /// A setting: the body size in points, the lines an option may take, and whether descriptions and the "left
    /// open" lines are printed and red lines name options by their letters.
    const fn new(size: f64, lines: Option<usize>, descriptions: bool, open: bool, letters: bool) -> Fit {
        Fit {
            size,
            lines,
            descriptions,
            open,
            letters,
        }
    }

    /// The most characters an option's text keeps on the page at this setting, if it is cut at all.
    fn cap(&self) -> Option<usize> {
        let em = self.size * PT_MM;
        let per_line = ((COLUMN_MM - OPTION_INDENT * em) / (CHAR_EM * em)).floor().max(8.0) as usize;
        // Less the option's letter in front of it.
        self.lines.map(|k| (k * per_line).saturating_sub(4).max(12))
    }
}

/// The settings tried in turn until a brief fits one page: the print size comes down to 9 pt; then red lines name
/// options by their letters, long options are cut to three lines and two, and the lines on what leaving an issue
/// open means and the issues' descriptions go; only then does the size come down further.
const LADDER: [Fit; 12] = [
    Fit::new(10.0, None, true, true, false),
    Fit::new(9.5, None, true, true, false),
    Fit::new(9.0, None, true, true, false),
    Fit::new(9.0, None, true, true, true),
    Fit::new(9.0, Some(3), true, true, true),
    Fit::new(9.0, Some(2), true, false, true),
    Fit::new(9.0, Some(2), false, false, true),
    Fit::new(8.5, Some(2), false, false, true),
    Fit::new(8.5, Some(1), false, false, true),
    Fit::new(8.0, Some(1), false, false, true),
    Fit::new(7.5, Some(1), false, false, true),
    Fit::new(7.0, Some(1), false, false, true),
];

/// A brief set at the first setting of the [`LADDER`] at which it is estimated to fit one page (the last
/// setting if none does).
fn fitted(render: impl Fn(Fit, &mut Meter) -> String) -> String {
    let mut last = String::new();
    for fit in LADDER {
        let mut m = Meter::new(fit.size);
        last = render(fit, &mut m);
        if m.fits() {
            break;
        }
    }
    last
}

/// An estimate of how tall a brief prints, block by block as it is written, at one body size. No browser is at
/// hand to measure, so it counts characters against the narrowest, shortest page and keeps a margin.
struct Meter {
    /// The body size in points.
    size: f64,
    /// The height so far of everything outside the columns, in millimetres.
    height: f64,
    /// The height of the blocks of the open run of columns, as if they stood in one column.
    column: f64,
}

impl Meter {
    /// An empty page at `size` points.
    fn new(size: f64) -> Meter {
        Meter {
            size,
            height: 0.0,
            column: 0.0,
        }
    }

    /// One em of the body text, in millimetres.
    fn em(&self) -> f64 {
        self.size * PT_MM
    }

    /// Lines `chars` characters take at `scale` times the body size in a measure `width` millimetres wide.
    fn lines(&self, chars: usize, width: f64, scale: f64) -> f64 {
        let per_line = (width / (CHAR_EM * scale * self.em())).floor().max(8.0) as usize;
        chars.div_ceil(per_line).max(1) as f64
    }

    /// A block across the page: `chars` characters at `scale`, then `after` ems of space.
    fn across(&mut self, chars: usize, scale: f64, after: f64) {
        self.height += (self.lines(chars, PAGE_W_MM, scale) * LINE * scale + after) * self.em();
    }

    /// A block in a column, indented `indent` ems: `chars` characters at `scale`, then `after` ems of space.
    fn block(&mut self, chars: usize, scale: f64, indent: f64, after: f64) {
        let width = COLUMN_MM - indent * self.em();
        self.column += (self.lines(chars, width, scale) * LINE * scale + after) * self.em();
    }

    /// Space outside the columns, in ems.
    fn space(&mut self, ems: f64) {
        self.height += ems * self.em();
    }

    /// Space in a column, in ems.
    fn gap(&mut self, ems: f64) {
        self.column += ems * self.em();
    }

    /// Closes a run of columns: its blocks share two columns, with a line and a half of slack for the balance.
    fn columns_end(&mut self) {
        self.height += self.column / 2.0 + 1.5 * LINE * self.em();
        self.column = 0.0;
    }

    /// Whether what has been written fits the page with the margin kept.
    fn fits(&self) -> bool {
        self.height + self.column / 2.0 <= PAGE_H_MM * FILL
    }
}

/// Characters in a text, as the estimate counts them.
fn n(text: &str) -> usize {
    text.chars().count()
}

// ---- Words ----

/// The text without the scenario file's numbered citations ("[12]", "[1][41]"): handouts print no list of
/// sources. Other bracketed notes ("[UK govt only]") stay.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('[') {
        let after = &rest[at + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        // A source may be cited by part, "[13c]".
        let part = after[digits..].len()
            - after[digits..]
                .trim_start_matches(|c: char| c.is_ascii_lowercase())
                .len();
        let mark = digits + part;
        if digits > 0 && part <= 2 && after[mark..].starts_with(']') {
            out.push_str(rest[..at].trim_end_matches(' '));
            rest = &after[mark + 1..];
        } else {
            out.push_str(&rest[..=at]);
            rest = after;
        }
    }
    out.push_str(rest);
    if out.contains("()") {
        out = out.replace(" ()", "").replace("()", "");
    }
    out
}

/// `text` cut to at most `cap` characters at a word, with "…", and whether it was cut.
fn shorten(text: &str, cap: usize) -> (String, bool) {
    if n(text) <= cap {
        return (text.to_string(), false);
    }
    let cut: String = text.chars().take(cap.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:–—-(".contains(c));
    (format!("{cut}…"), true)
}

/// The letter of option `o` of an issue: A, B, C…
fn letter(o: usize) -> char {
    char::from(b'A' + (o % 26) as u8)
}

/// An option's text on a brief, with the terms it exists only with, shortened to `cap` where one is set; and
/// whether it was shortened.
fn option_text(s: &Scenario, issue: usize, option: usize, cap: Option<usize>) -> (String, bool) {
    let Some(o) = s.issues.get(issue).and_then(|i| i.options.get(option)) else {
        return (String::new(), false);
    };
    let text = clean(&o.text);
    match cap {
        None => match term_needs(&s.issues, issue, option) {
            Some(needs) => (format!("{text} (only with {needs})"), false),
            None => (text, false),
        },
        Some(cap) => {
            let (short, cut) = shorten(&text, cap);
            let terms = o.requires.as_ref().map(|(r, options)| {
                let which: Vec<String> = options.iter().map(|&c| format!("{}{}", *r + 1, letter(c))).collect();
                format!(" (only with {})", which.join(" or "))
            });
            (short + &terms.unwrap_or_default(), cut)
        }
    }
}

/// "16 May 2025" for "2025-05-16"; the text as written when it is no such date.
fn long_date(date: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse_date(date) {
        Some((y, m, d)) => match MONTHS.get((m as usize).wrapping_sub(1)) {
            Some(month) => format!("{d} {month} {y}"),
            None => date.to_string(),
        },
        None => date.to_string(),
    }
}

/// A span of minutes as a reader says it: "105 minutes", "6 hours", "13 days".
fn duration(minutes: u32) -> String {
    let plural = |k: u32, one: &str| {
        if k == 1 {
            format!("1 {one}")
        } else {
            format!("{k} {one}s")
        }
    };
    if minutes >= 24 * 60 && minutes.is_multiple_of(24 * 60) {
        plural(minutes / (24 * 60), "day")
    } else if minutes >= 120 && minutes.is_multiple_of(60) {
        plural(minutes / 60, "hour")
    } else {
        plural(minutes, "minute")
    }
}

/// When the talks open: "on 16 May 2025 at 13:35", or the clock's own words when the session spans several days.
fn opening(s: &Scenario) -> String {
    let time = s.clock.time_at(1);
    if n(&time) <= 5 {
        format!("on {} at {time}", long_date(&s.date))
    } else {
        format!("on {time}")
    }
}

/// A person as the game lists them: "name (native), role".
fn person(p: &Person) -> String {
    let native = p.native.as_deref().map(|x| format!(" ({x})")).unwrap_or_default();
    format!("{}{native}, {}", p.name, p.role)
}

/// A delegation's tone in words, from the scenario's posture.
fn posture_words(posture: Posture) -> &'static str {
    match posture {
        Posture::Conciliatory => {
            "conciliatory: you seek agreement, concede early and answer threats with a call for calm"
        }
        Posture::Firm => "firm: you hold your ground, concede at a moderate pace and answer threats firmly",
        Posture::Hardline => "hardline: you yield late and answer threats in kind",
    }
}

/// What a mediator's drafting strategy does, in a sentence's worth.
fn drafting(strategy: MediatorStrategy) -> &'static str {
    match strategy {
        MediatorStrategy::SplitTheDifference => {
            "it meets in the middle issue by issue; where that fails, it builds confidence on what can be agreed"
        }
        MediatorStrategy::NashBargaining => {
            "it drafts the package every side can sign with the greatest product of gains over walking away"
        }
        MediatorStrategy::KalaiSmorodinsky => {
            "it drafts the signable package giving every side the same share of the most it could hope for"
        }
        MediatorStrategy::AdjustedWinner => {
            "it allocates points between two parties (Brams and Taylor), with at most one issue split"
        }
        MediatorStrategy::SingleNegotiatingText => {
            "it keeps one draft and improves it every round from the parties' objections"
        }
        MediatorStrategy::ConfidenceBuilding => {
            "it drafts the largest set of issues that has a zone of agreement and leaves the rest open"
        }
    }
}

/// Issue weights as whole points that sum to 100 (the largest remainders round up), for a team to add by hand.
fn points(weights: &[f64]) -> Vec<u32> {
    if weights.is_empty() {
        return Vec::new();
    }
    let weights: Vec<f64> = weights
        .iter()
        .map(|w| if w.is_finite() { w.max(0.0) } else { 0.0 })
        .collect();
    let total: f64 = weights.iter().sum();
    let exact: Vec<f64> = if total > 0.0 {
        weights.iter().map(|w| w / total * 100.0).collect()
    } else {
        vec![100.0 / weights.len() as f64; weights.len()]
    };
    let mut out: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let short = 100u32.saturating_sub(out.iter().sum::<u32>());
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - exact[b].floor())
            .total_cmp(&(exact[a] - exact[a].floor()))
            .then(a.cmp(&b))
    });
    for &i in order.iter().cycle().take(short as usize) {
        out[i] += 1;
    }
    out
}

/// A change an event makes, in the transcript's words; `None` for one too small to tell or naming no seat.
fn effect_words(s: &Scenario, effect: Effect) -> Option<String> {
    let seats = s.delegations.len();
    let known = match effect {
        Effect::WalkAway { seat, .. } | Effect::Patience { seat, .. } => seat < seats,
        Effect::Trust { from, towards, .. } => from < seats && towards <= seats,
        Effect::Tension { .. } => true,
    };
    if !known {
        return None;
    }
    render_event(s, &Event::Changed { effect }, 0).map(|line| line.trim().to_string())
}

/// Every change a list of effects makes, in words, or a dash.
fn effects_words(s: &Scenario, effects: &[Effect]) -> String {
    let words: Vec<String> = effects.iter().filter_map(|&e| effect_words(s, e)).collect();
    if words.is_empty() {
        "—".into()
    } else {
        words.join(" ")
    }
}

// ---- The seats' pages ----

/// Opens a seat's page: the scenario's title, date and place, and whose brief it is.
fn open_page(out: &mut String, s: &Scenario, fit: Fit, m: &mut Meter, heading: &str, native: Option<&str>) {
    let meta = format!("{} · {} · {}", s.title, long_date(&s.date), s.place);
    // A native name that only repeats the name in the heading ("Türkiye") is not printed twice.
    let native = native.filter(|x| !x.trim().is_empty() && !heading.ends_with(*x));
    let _ = writeln!(
        out,
        "<section class=\"seat\" style=\"--fs: {}pt\">\n<p class=\"meta\">{}</p>\n<h1>{}{}</h1>",
        fit.size,
        esc(&meta),
        esc(heading),
        native.map_or(String::new(), |x| format!(
            " <span class=\"native\">({})</span>",
            esc(x)
        ))
    );
    m.across(n(&meta), 0.9, 0.2);
    m.across(n(heading) + native.map_or(0, |x| n(x) + 3), H1, 0.3 * H1);
}

/// The public background every team's page opens with: the summary, who sits where, the rule, and the issues
/// with their options.
fn public(out: &mut String, s: &Scenario, fit: Fit, m: &mut Meter) {
    let heading = "Public background: every team has this";
    let _ = writeln!(out, "<h2>{heading}</h2>\n<div class=\"cols\">");
    m.across(n(heading), H2, 0.95);
    let summary = clean(&s.summary);
    let _ = writeln!(out, "<p>{}</p>", esc(&summary));
    m.block(n(&summary), 1.0, 0.0, 0.35);
    let table = format!(
        "At the table: {}. In the chair: {}. {}. The talks open {} and run {} rounds; time runs out at {}.",
        names(s.delegations.iter().map(|d| d.name.as_str())),
        s.mediator.name,
        s.rule_text(),
        opening(s),
        s.clock.rounds,
        s.clock.end_time()
    );
    let _ = writeln!(out, "<p>{}</p>", esc(&table));
    m.block(n(&table), 1.0, 0.0, 0.35);
    out.push_str("<h3>The issues</h3>\n");
    m.block(10, 1.0, 0.0, 0.65);
    let mut shortened = false;
    for (i, issue) in s.issues.iter().enumerate() {
        let name = clean(&issue.name);
        let description = if fit.descriptions {
            clean(&issue.description)
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "<div class=\"issue\"><p><strong>{}. {}.</strong>",
            i + 1,
            esc(&name)
        );
        if !description.is_empty() {
            let _ = write!(out, " {}", esc(&description));
        }
        out.push_str("</p>\n<ul class=\"opts\">");
        m.block(n(&name) + n(&description) + 5, 1.0, 0.0, 0.1);
        for o in 0..issue.options.len() {
            let (text, cut) = option_text(s, i, o, fit.cap());
            shortened |= cut;
            let _ = write!(out, "<li><strong>{}.</strong> {}</li>", letter(o), esc(&text));
            m.block(n(&text) + 3, 1.0, OPTION_INDENT, 0.0);
        }
        out.push_str("</ul>");
        if fit.open {
            let open = clean(&issue.open);
            let _ = write!(out, "<p class=\"open\">Left open: {}</p>", esc(&open));
            m.block(n(&open) + 11, 0.95, OPTION_INDENT, 0.35);
        } else {
            m.gap(0.2);
        }
        out.push_str("</div>\n");
    }
    if shortened {
        let note = "Long options are shortened here; the facilitator's guide has every one in full.";
        let _ = writeln!(out, "<p class=\"meta\">{note}</p>");
        m.block(n(note), 0.9, 0.0, 0.2);
    }
    out.push_str("</div>\n");
    m.columns_end();
}

/// Opens the confidential frame of a seat's page.
fn open_confidential(out: &mut String, m: &mut Meter, name: &str) {
    let heading = confidential(name);
    let _ = writeln!(out, "<div class=\"confidential\">\n<h2>{}</h2>", esc(&heading));
    m.space(1.8);
    m.across(n(&heading), H2, 0.5);
}

/// A delegation's one-page brief: the public background, then what the team wants and will not give.
fn seat_page(s: &Scenario, d: usize, b: &DelegationBrief, fit: Fit, m: &mut Meter) -> String {
    let mut out = String::new();
    let Some(del) = s.delegations.get(d) else {
        return out;
    };
    open_page(
        &mut out,
        s,
        fit,
        m,
        &format!("Brief for {}", b.name),
        b.native.as_deref(),
    );
    public(&mut out, s, fit, m);
    open_confidential(&mut out, m, &b.name);

    // What it wants: points per issue, what it asks, and what every outcome is worth to it.
    out.push_str("<div class=\"cols\">\n<h3>What you want</h3>\n<ul>");
    m.block(13, 1.0, 0.0, 0.65);
    let weights: Vec<f64> = b.issues.iter().map(|i| i.weight).collect();
    let points = points(&weights);
    for (i, issue) in b.issues.iter().enumerate() {
        let ask = del.demands.get(i).copied();
        let name = format!("{}. {}", i + 1, clean(&issue.name));
        let mut worth = vec![format!("open {}", pct(issue.open.1))];
        for (o, (_, _, value)) in issue.options.iter().enumerate() {
            worth.push(if ask == Some(o) {
                format!("<strong>★{} {}</strong>", letter(o), pct(*value))
            } else {
                format!("{} {}", letter(o), pct(*value))
            });
        }
        let _ = write!(
            out,
            "<li><strong>{}</strong> · {} points: {}</li>",
            esc(&name),
            points.get(i).copied().unwrap_or(0),
            worth.join(" · ")
        );
        // Only what prints counts, not the markup: "· 20 points: open 0 · A 30 · ★B 100".
        m.block(n(&name) + 20 + 7 * issue.options.len(), 1.0, INDENT, 0.0);
    }
    out.push_str("</ul>\n");
    let how = "★ what you ask for. Points: how much each issue matters to you, 100 in all; then what each outcome is \
               worth to you, 0–100. A deal is worth to you the sum over the issues of points × worth ÷ 100 (an issue \
               left open counts at its “open” worth).";
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(how));
    m.block(n(how), 0.9, 0.0, 0.35);

    out.push_str("<h3>Your red lines: the rules will not let you sign across them</h3>\n");
    m.block(60, 1.0, 0.0, 0.65);
    red_lines(
        &mut out,
        s,
        &del.red_lines,
        fit,
        m,
        "None: you may sign any deal worth more to you than walking away.",
    );

    let moved = s
        .events
        .iter()
        .flat_map(|e| &e.effects)
        .chain(s.injects.iter().flat_map(|e| &e.effects))
        .any(|e| matches!(e, Effect::WalkAway { seat, .. } if *seat == d));
    let walk = format!("{} points out of 100.", pct(b.walk_away));
    let rest = format!(
        "Any deal worth less than this to you is worse than walking away.{}",
        if moved {
            " News during the talks may move it."
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "<h3>Your walk-away</h3>\n<p class=\"walk\"><strong>{walk}</strong> {rest}</p>"
    );
    m.block(14, 1.0, 0.0, 0.65);
    m.block(n(&walk) + n(&rest) + 1, 1.0, 0.0, 0.35);

    team(&mut out, m, &del.delegates);

    let trust: Vec<String> = b.trust.iter().map(|(who, t)| format!("{who} {}", pct(*t))).collect();
    let manner = format!(
        "Your manner is {}. Patience: {} of 100; it wears each round without a deal, faster when tension is high, \
         and at 0 your delegation walks out. Trust (0–100): {}. When the computer plays your seat: {}.",
        posture_words(del.posture),
        pct(b.patience),
        trust.join(" · "),
        del.strategy.label()
    );
    let _ = writeln!(
        out,
        "<h3>How your delegation behaves</h3>\n<p>{}</p>\n</div>\n</div>\n</section>",
        esc(&manner)
    );
    m.block(27, 1.0, 0.0, 0.65);
    m.block(n(&manner), 1.0, 0.0, 0.35);
    m.columns_end();
    m.space(0.5);
    out
}

/// The mediator's chair's one-page brief: the public background, then who chairs, how the chair drafts, its own
/// red lines and what a chair does each round.
fn chair_page(s: &Scenario, fit: Fit, m: &mut Meter) -> String {
    let med = &s.mediator;
    let mut out = String::new();
    open_page(
        &mut out,
        s,
        fit,
        m,
        &format!("Brief for the chair: {}", med.name),
        med.native.as_deref(),
    );
    public(&mut out, s, fit, m);
    open_confidential(&mut out, m, &med.name);
    out.push_str("<div class=\"cols\">\n");

    let job = "Keep the room talking and find a package every side can sign and prefers to walking away. You \
               cannot sign anything yourself: you table packages, give your reasons, and the delegations decide.";
    let _ = writeln!(out, "<h3>Your job</h3>\n<p>{}</p>", esc(job));
    m.block(8, 1.0, 0.0, 0.65);
    m.block(n(job), 1.0, 0.0, 0.35);

    let round = med.first_proposal_round;
    let drafts = format!(
        "When the computer holds the chair, it drafts by “{}”: {}. It tables a package of its own every round from \
         round {round} ({}), and before that only when a delegation asks. In your hands, you may table one in every \
         round's mediation phase.",
        med.strategy.label(),
        drafting(med.strategy),
        s.clock.time_at(round)
    );
    let _ = writeln!(out, "<h3>How the chair drafts</h3>\n<p>{}</p>", esc(&drafts));
    m.block(21, 1.0, 0.0, 0.65);
    m.block(n(&drafts), 1.0, 0.0, 0.35);

    out.push_str(
        "<h3>Your red lines: you will not table a package across them (the parties may still agree one between \
         themselves)</h3>\n",
    );
    m.block(110, 1.0, 0.0, 0.65);
    red_lines(
        &mut out,
        s,
        &med.red_lines,
        fit,
        m,
        "None of your own: you may table any package.",
    );
    team(&mut out, m, &med.delegates);

    out.push_str("<h3>Each round</h3>\n<ol>");
    m.block(10, 1.0, 0.0, 0.65);
    for (phase, what) in chair_round(s) {
        let _ = write!(
            out,
            "<li><strong>{}</strong> — {}</li>",
            capitalised(phase.label()),
            esc(&what)
        );
        m.block(n(phase.label()) + n(&what) + 3, 1.0, INDENT, 0.0);
    }
    out.push_str("</ol>\n</div>\n</div>\n</section>\n");
    m.columns_end();
    m.space(0.5);
    out
}

/// A seat's red lines as a list: what each rules out in the game's words (options by issue number and letter
/// where the page is tight), then the seat's own words for it; `none` where it has none.
fn red_lines(out: &mut String, s: &Scenario, lines: &[RedLine], fit: Fit, m: &mut Meter, none: &str) {
    if lines.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(none));
        m.block(n(none), 1.0, 0.0, 0.35);
        return;
    }
    let lettered = fit.letters.then(|| labelled(&s.issues));
    let issues = lettered.as_deref().unwrap_or(s.issues.as_slice());
    out.push_str("<ol>");
    for line in lines {
        let (what, why) = (clean(&line.describe(issues)), clean(&line.why));
        let _ = write!(out, "<li><strong>{}</strong> — {}</li>", esc(&what), esc(&why));
        m.block(n(&what) + n(&why) + 3, 1.0, INDENT, 0.1);
    }
    out.push_str("</ol>\n");
    if lettered.is_some() {
        let note = "“2C”: option C of issue 2 above.";
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(note));
        m.block(n(note), 0.9, 0.0, 0.1);
    }
    m.gap(0.35);
}

/// The scenario's issues with every option's text replaced by its number and letter ("2C"), so that a red line's
/// words name options as the page's list letters them.
fn labelled(issues: &[Issue]) -> Vec<Issue> {
    issues
        .iter()
        .enumerate()
        .map(|(i, issue)| Issue {
            options: issue
                .options
                .iter()
                .enumerate()
                .map(|(o, option)| IssueOption {
                    text: format!("{}{}", i + 1, letter(o)),
                    ..option.clone()
                })
                .collect(),
            ..issue.clone()
        })
        .collect()
}

/// A team's people in one paragraph, each name in bold: "name (native), role; …".
fn team(out: &mut String, m: &mut Meter, people: &[Person]) {
    if people.is_empty() {
        return;
    }
    let listed: Vec<String> = people
        .iter()
        .map(|p| {
            let native = p
                .native
                .as_deref()
                .map(|x| format!(" ({})", esc(x)))
                .unwrap_or_default();
            format!("<strong>{}</strong>{native}, {}", esc(&p.name), esc(&p.role))
        })
        .collect();
    let _ = writeln!(out, "<h3>Your team</h3>\n<p>{}.</p>", listed.join("; "));
    m.block(9, 1.0, 0.0, 0.65);
    m.block(people.iter().map(|p| n(&person(p)) + 2).sum(), 1.0, 0.0, 0.35);
}

/// The five phases of a round with what happens in each, as the chair sees it.
fn chair_round(s: &Scenario) -> [(Phase, String); 5] {
    [
        (
            Phase::Statements,
            "the delegations speak; one may ask you to table a proposal, call a recess or walk out.".into(),
        ),
        (Phase::Proposals, "each delegation may table a package.".into()),
        (
            Phase::Mediation,
            "your turn: say one thing to the room if you wish, then table your package with your reasons, or pass."
                .into(),
        ),
        (
            Phase::Responses,
            "each delegation accepts, rejects or counters every proposal on the table.".into(),
        ),
        (
            Phase::Resolution,
            format!(
                "the rule is checked ({}): a package that meets it is agreed; otherwise patience wears and the clock \
                 moves on.",
                s.rule_phrase()
            ),
        ),
    ]
}

/// A word with its first letter in capitals.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

// ---- The facilitator's guide ----

/// The parts of a debrief, in the order the report shows them.
const ABOUT: [QuestionAbout; 7] = [
    QuestionAbout::Outcome,
    QuestionAbout::Fairness,
    QuestionAbout::Concessions,
    QuestionAbout::Events,
    QuestionAbout::RedLines,
    QuestionAbout::Walkout,
    QuestionAbout::History,
];

/// The facilitator's guide: the clock, the news on it and the injects at hand, every seat's private numbers,
/// the issues in full, what happened in history and the questions for the debrief.
fn guide(s: &Scenario, stems: &[String]) -> String {
    let mut out = String::from("<main class=\"guide\">\n");
    let _ = writeln!(
        out,
        "<h1>Facilitator's guide: {}</h1>\n<p class=\"meta\">{} · {} · {} delegations and the chair · {} rounds</p>\n<p>{}</p>",
        esc(&s.title),
        esc(&long_date(&s.date)),
        esc(&s.place),
        s.delegations.len(),
        s.clock.rounds,
        esc(&clean(&s.summary))
    );
    if !s.teaches.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>What it teaches:</strong> {}</p>",
            esc(&clean(&s.teaches))
        );
    }

    out.push_str("<h2>Before class</h2>\n<ul>");
    let seat_files: Vec<String> = stems.iter().map(|x| format!("{x}.html")).collect();
    let _ = write!(
        out,
        "<li>Print one brief per team ({}; <code>all-seats.html</code> has them all, one to a page) and \
         <code>mediator.html</code> if a person chairs. Each team sees only its own page: its confidential part \
         is for it alone.</li>",
        esc(&seat_files.join(", "))
    );
    let _ = write!(
        out,
        "<li>The rule for agreeing: {}.</li><li>Keep this guide to yourself: it shows every seat's walk-away and red \
         lines, and how the talks really ended.</li><li>Run the class: a class file names the groups, the seats \
         students play and the seeds (see <code>docs/class-format.md</code>); <code>redline class FILE</code> opens \
         every group's table in one window, and every game is saved by group for the debrief \
         (<code>redline debrief FOLDER --out report.html</code>).</li>",
        esc(&s.rule_text())
    );
    if s.walk_away_variation > 0.0 || s.patience_variation > 0.0 {
        let _ = write!(
            out,
            "<li>In the game each table's seed moves every walk-away by up to {} points either way and every patience \
             by up to {} %; the briefs give the values as the scenario writes them.</li>",
            pct(s.walk_away_variation),
            pct(s.patience_variation)
        );
    }
    out.push_str("</ul>\n");

    guide_clock(&mut out, s);
    guide_news(&mut out, s);
    guide_seats(&mut out, s);
    guide_issues(&mut out, s);

    if !s.actors.is_empty() {
        out.push_str("<h2>Outside the room</h2>\n<ul>");
        for a in &s.actors {
            let people: Vec<String> = a.people.iter().map(person).collect();
            let _ = write!(out, "<li><strong>{}</strong>", esc(&a.name));
            if !people.is_empty() {
                let _ = write!(out, " ({})", esc(&people.join("; ")));
            }
            let _ = write!(out, ": {}</li>", esc(&clean(&a.stance)));
        }
        out.push_str("</ul>\n");
    }

    if let Some(h) = &s.history {
        let _ = writeln!(
            out,
            "<h2>What happened in history</h2>\n<p>{}.</p>",
            esc(clean(&h.text).trim_end_matches('.'))
        );
        let mut lines = Vec::new();
        for (i, issue) in s.issues.iter().enumerate() {
            let Some(ok) = h.choices.get(i) else {
                continue;
            };
            if ok.iter().all(|&x| x) {
                continue;
            }
            let fits: Vec<String> = ok
                .iter()
                .enumerate()
                .filter(|&(_, &x)| x)
                .map(
                    |(c, _)| match c.checked_sub(1).and_then(|o| issue.options.get(o).map(|x| (o, x))) {
                        Some((o, option)) => format!("{}. {}", letter(o), shorten(&clean(&option.text), 90).0),
                        None => "left open".into(),
                    },
                )
                .collect();
            let fits = if fits.is_empty() {
                "nothing".to_string()
            } else {
                fits.join(" or ")
            };
            lines.push(format!(
                "<li>{}. {}: {}</li>",
                i + 1,
                esc(&clean(&issue.name)),
                esc(&fits)
            ));
        }
        if !lines.is_empty() {
            let _ = writeln!(
                out,
                "<p>A table ends as history did when it settles, issue by issue:</p>\n<ul>{}</ul>",
                lines.concat()
            );
        }
    }

    out.push_str("<h2>Questions for the debrief</h2>\n");
    if s.raw.questions.is_empty() {
        out.push_str("<p>The scenario writes no questions of its own; the debrief adds those the game prompts.</p>\n");
    }
    for about in ABOUT {
        let asks: Vec<&str> = s
            .raw
            .questions
            .iter()
            .filter(|q| q.about == about)
            .map(|q| q.ask.as_str())
            .collect();
        if asks.is_empty() {
            continue;
        }
        let _ = write!(out, "<h3>{}", about_heading(about));
        if about == QuestionAbout::Walkout {
            out.push_str(" <span class=\"meta\">(when someone warned or walked out)</span>");
        }
        out.push_str("</h3>\n<ul>");
        for ask in asks {
            let _ = write!(out, "<li>{}</li>", esc(&clean(ask)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n");
    out
}

/// The guide's clock: when the talks open and close, the phases of a round, and each round's time and news.
fn guide_clock(out: &mut String, s: &Scenario) {
    let c = &s.clock;
    let _ = writeln!(
        out,
        "<h2>The clock</h2>\n<p>The talks open {} and time runs out at {}: {} of the story in {} rounds, about {} a \
         round.</p>",
        esc(&opening(s)),
        esc(&c.end_time()),
        duration(c.minutes),
        c.rounds,
        duration(c.minutes / c.rounds.max(1))
    );
    let phases: Vec<&str> = [
        Phase::Statements,
        Phase::Proposals,
        Phase::Mediation,
        Phase::Responses,
        Phase::Resolution,
    ]
    .into_iter()
    .map(Phase::label)
    .collect();
    let _ = writeln!(out, "<p><strong>Every round:</strong> {}.</p>", phases.join(" → "));
    out.push_str("<table><tr><th class=\"n\">Round</th><th>Starts</th><th>What happens</th></tr>\n");
    for round in 1..=c.rounds {
        let mut what: Vec<String> = s
            .events
            .iter()
            .filter(|e| e.round == round)
            .map(|e| format!("News: {}", clean(&e.headline)))
            .collect();
        if round == s.mediator.first_proposal_round {
            what.push(format!(
                "From now on the computer chair tables its own package every round ({}).",
                s.mediator.strategy.label()
            ));
        }
        if round == c.rounds {
            what.push(format!("Last round: time runs out at {}.", c.end_time()));
        }
        let _ = writeln!(
            out,
            "<tr><td class=\"n\">{round}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.time_at(round)),
            esc(&what.join(" "))
        );
    }
    out.push_str("</table>\n");
}

/// The guide's news: the scheduled events, then the injects the facilitator may fire.
fn guide_news(out: &mut String, s: &Scenario) {
    out.push_str("<h2>Scheduled events</h2>\n");
    if s.events.is_empty() {
        out.push_str("<p>None: nothing happens outside the room unless you inject it.</p>\n");
    } else {
        out.push_str("<table><tr><th class=\"n\">Round</th><th>From</th><th>News</th><th>What it changes</th></tr>\n");
        for e in &s.events {
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{} <span class=\"meta\">({})</span></td><td>{}</td><td><strong>{}</strong> {}</td><td>{}</td></tr>",
                e.round,
                esc(&s.clock.time_at(e.round)),
                esc(s.voice_name(e.voice)),
                esc(&clean(&e.headline)),
                esc(&clean(&e.text)),
                esc(&effects_words(s, &e.effects))
            );
        }
        out.push_str("</table>\n");
    }

    out.push_str("<h2>Injects you may fire</h2>\n");
    if s.injects.is_empty() {
        out.push_str("<p>This scenario has no optional injects.</p>\n");
    } else {
        out.push_str(
            "<p>News for any moment you choose. In the class window: <em>Watch</em> the table, then <em>Inject \
             news</em>. At the terminal (<code>redline class FILE --terminal</code>): <code>inject T K</code>, T \
             being the table's number or group and K the number below.</p>\n<table><tr><th>K</th><th>News</th>\
             <th>What it changes</th></tr>\n",
        );
        for (i, inject) in s.injects.iter().enumerate() {
            let _ = writeln!(
                out,
                "<tr><td class=\"n\">{}</td><td><strong>{}</strong> {}</td><td>{}</td></tr>",
                i + 1,
                esc(&clean(&inject.headline)),
                esc(&clean(&inject.text)),
                esc(&effects_words(s, &inject.effects))
            );
        }
        out.push_str("</table>\n");
    }
}

/// The guide's seats: every seat's walk-away, patience, manner and red lines, then what each asks on each issue.
fn guide_seats(out: &mut String, s: &Scenario) {
    out.push_str(
        "<h2>Every seat at a glance</h2>\n<table><tr><th>Seat</th><th>Head of delegation</th><th class=\"n\">Walk-away</th><th class=\"n\">Patience</th><th>Manner</th><th>Red lines</th></tr>\n",
    );
    for del in &s.delegations {
        let head = del.delegates.first().map(person).unwrap_or_default();
        let manner = format!("{:?}; AI: {}", del.posture, del.strategy.label());
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&del.name),
            esc(&head),
            pct(del.walk_away),
            pct(del.patience),
            esc(&manner),
            red_line_list(s, &del.red_lines)
        );
    }
    let chair = s.mediator.delegates.first().map(person).unwrap_or_default();
    let _ = writeln!(
        out,
        "<tr><td>{} (the chair)</td><td>{}</td><td class=\"n\">—</td><td class=\"n\">—</td><td>AI: {}</td><td>{}</td></tr>\n</table>",
        esc(&s.mediator.name),
        esc(&chair),
        esc(s.mediator.strategy.label()),
        red_line_list(s, &s.mediator.red_lines)
    );
    out.push_str(
        "<p class=\"meta\">Walk-away and patience out of 100. A seat signs nothing worth less to it than its \
         walk-away, nor anything across its red lines.</p>\n",
    );

    out.push_str("<h3>What each seat asks for</h3>\n<table><tr><th>Seat</th>");
    for (i, issue) in s.issues.iter().enumerate() {
        let _ = write!(out, "<th>{}. {}</th>", i + 1, esc(&clean(&issue.name)));
    }
    out.push_str("</tr>\n");
    for del in &s.delegations {
        let _ = write!(out, "<tr><td>{}</td>", esc(&del.name));
        let points = points(&del.weights);
        for i in 0..s.issues.len() {
            let ask = del.demands.get(i).map_or('?', |&o| letter(o));
            let _ = write!(
                out,
                "<td>{ask} <span class=\"meta\">· {} pts</span></td>",
                points.get(i).copied().unwrap_or(0)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str(
        "</table>\n<p class=\"meta\">The letter is the option the seat asks for (the issues in full below); the \
         points, how much the issue matters to it, 100 in all.</p>\n",
    );
}

/// Red lines as a list for the guide's table: what each rules out, then its words; "none" for no line.
fn red_line_list(s: &Scenario, lines: &[RedLine]) -> String {
    if lines.is_empty() {
        return "none".into();
    }
    let items: Vec<String> = lines
        .iter()
        .map(|l| {
            format!(
                "<li><strong>{}</strong> — {}</li>",
                esc(&clean(&l.describe(&s.issues))),
                esc(&clean(&l.why))
            )
        })
        .collect();
    format!("<ul>{}</ul>", items.concat())
}

/// The guide's issues in full, every option lettered as the briefs letter them.
fn guide_issues(out: &mut String, s: &Scenario) {
    out.push_str("<h2>The issues in full</h2>\n");
    for (i, issue) in s.issues.iter().enumerate() {
        let _ = writeln!(
            out,
            "<h3>{}. {}</h3>\n<p>{}</p>\n<ul class=\"opts\">",
            i + 1,
            esc(&clean(&issue.name)),
            esc(&clean(&issue.description))
        );
        for o in 0..issue.options.len() {
            let _ = write!(
                out,
                "<li><strong>{}.</strong> {}</li>",
                letter(o),
                esc(&option_text(s, i, o, None).0)
            );
        }
        let _ = writeln!(
            out,
            "</ul>\n<p class=\"open\">Left open: {}</p>",
            esc(&clean(&issue.open))
        );
        if !issue.signatories.is_empty() {
            let who = names(s.signatories(i).into_iter().map(|v| s.voice_name(v)));
            let _ = writeln!(out, "<p class=\"meta\">A side agreement: signed by {}.</p>", esc(&who));
        }
    }
}

// ---- The index ----

/// The index: a line for each handout, and how to print them.
fn index(s: &Scenario, handouts: &[Handout]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<main>\n<h1>Handouts: {}</h1>\n<p class=\"meta\">{} · {}</p>\n<p><strong>Print each file on A4 or Letter; \
         one page per seat.</strong> Hand each team only its own brief: its confidential part is for it alone. \
         Keep the facilitator's guide to yourself.</p>\n<ul>",
        esc(&s.title),
        esc(&long_date(&s.date)),
        esc(&s.place)
    );
    for h in handouts {
        let what = match h.file.as_str() {
            "all-seats.html" => "every brief in one file, one to a printed page",
            "facilitator.html" => "the clock, the news, every seat's numbers, history and the debrief questions",
            "mediator.html" => "one page, for the chair",
            _ => "one page, for this team only",
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a> <span class=\"meta\">({}) — {what}</span></li>",
            esc(&h.file),
            esc(&h.title),
            esc(&h.file)
        );
    }
    out.push_str("</ul>\n</main>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::library;

    fn handout<'a>(all: &'a [Handout], file: &str) -> &'a Handout {
        all.iter()
            .find(|h| h.file == file)
            .unwrap_or_else(|| panic!("no handout {file}"))
    }

    /// Whether a page states a red line: what it rules out (options in full or by their letters) and its words.
    fn names_line(page: &str, s: &Scenario, line: &RedLine) -> bool {
        let full = esc(&clean(&line.describe(&s.issues)));
        let lettered = esc(&clean(&line.describe(&labelled(&s.issues))));
        (page.contains(&full) || page.contains(&lettered)) && page.contains(&esc(&clean(&line.why)))
    }

    #[test]
    fn every_seat_gets_one_confidential_page_with_its_walk_away_and_red_lines() {
        for s in library::all() {
            let all = handouts(s);
            let stems = stems(s);
            for (d, del) in s.delegations.iter().enumerate() {
                let page = &handout(&all, &format!("{}.html", stems[d])).html;
                assert_eq!(
                    page.matches("<section class=\"seat\"").count(),
                    1,
                    "{}: one page",
                    del.name
                );
                assert_eq!(page.matches("class=\"confidential\"").count(), 1, "{}", del.name);
                assert!(page.contains(&esc(&confidential(&del.name))), "{}", del.name);
                assert!(
                    page.contains(&format!("<strong>{} points out of 100.</strong>", pct(del.walk_away))),
                    "{} names its walk-away",
                    del.name
                );
                assert!(page.contains("Any deal worth less than this to you is worse than walking away"));
                for line in &del.red_lines {
                    assert!(
                        names_line(page, s, line),
                        "{}'s page names its red line {}",
                        del.name,
                        line.why
                    );
                }
                assert_eq!(points(&del.weights).iter().sum::<u32>(), 100, "{}", del.name);
                assert!(!page.contains("<script") && !page.contains("src=\"http"));
            }
            let chair = &handout(&all, "mediator.html").html;
            for line in &s.mediator.red_lines {
                assert!(
                    names_line(chair, s, line),
                    "the chair's page names its red line {}",
                    line.why
                );
            }
        }
    }

    #[test]
    fn no_seat_page_shows_another_seats_confidential_part() {
        for s in library::all() {
            let all = handouts(s);
            let stems = stems(s);
            let chair = &handout(&all, "mediator.html").html;
            for (d, del) in s.delegations.iter().enumerate() {
                let page = &handout(&all, &format!("{}.html", stems[d])).html;
                for (e, other) in s.delegations.iter().enumerate().filter(|&(e, _)| e != d) {
                    assert!(
                        !page.contains(&esc(&confidential(&other.name))),
                        "{}'s page shows {}'s confidential part (seat {e})",
                        del.name,
                        other.name
                    );
                }
                assert!(!page.contains(&esc(&confidential(&s.mediator.name))));
                assert!(!chair.contains(&esc(&confidential(&del.name))));
            }
            let every = &handout(&all, "all-seats.html").html;
            assert_eq!(
                every.matches("<section class=\"seat\"").count(),
                s.delegations.len() + 1,
                "{}: every seat and the chair, each on its own page",
                s.id
            );
        }
    }

    #[test]
    fn the_guide_lists_every_scheduled_event_and_inject() {
        for s in library::all() {
            let all = handouts(s);
            let guide = &handout(&all, "facilitator.html").html;
            for e in &s.events {
                assert!(guide.contains(&esc(&clean(&e.headline))), "{}: {}", s.id, e.headline);
            }
            for (i, inject) in s.injects.iter().enumerate() {
                assert!(guide.contains(&format!("<td class=\"n\">{}</td>", i + 1)), "{}", s.id);
                assert!(guide.contains(&esc(&clean(&inject.headline))), "{}", s.id);
            }
            let index = &handout(&all, "index.html").html;
            assert!(index.contains("Print each file on A4 or Letter; one page per seat."));
            for h in &all {
                assert!(
                    h.file
                        .trim_end_matches(".html")
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'),
                    "{}",
                    h.file
                );
                if h.file != "index.html" {
                    assert!(index.contains(&format!("href=\"{}\"", h.file)), "{}", h.file);
                }
            }
        }
    }
}
