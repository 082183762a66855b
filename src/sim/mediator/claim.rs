//! A mediator's reasons as claims: each states one fact about the table with the numbers behind it, is
//! rendered in full in plain words, and can be checked against the analysis ([`Claim::check`]).

use crate::sim::analysis::{Parties, acceptable, index_of, pareto_frontier, zopa};
use crate::sim::issue::Package;
use crate::sim::outcome::names;
use crate::sim::scenario::Scenario;
use crate::sim::transcript::pct;

/// One reason a mediator gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// What the draft is and the rule it follows, in the mediator's words: a method, not a fact to check.
    Method(String),
    /// `count` packages that settle something can be signed by every side present; `frontier` of them no
    /// other signable package beats for every side at once.
    Signable {
        /// Signable packages.
        count: usize,
        /// Of those, the ones on the Pareto frontier.
        frontier: usize,
        /// Counted among the packages the mediator may table (it has red lines of its own).
        chair: bool,
    },
    /// No package that settles something can be signed by every side present: of the `packages` that settle
    /// something, `crossing` counts those that cross each seat's red lines, and `below` counts, of those no
    /// present side's red line rules out, the ones worth less to each seat than walking away.
    NoneSignable {
        /// Packages that settle at least one issue.
        packages: usize,
        /// (seat, packages crossing its red lines), for every present seat with any.
        crossing: Vec<(usize, usize)>,
        /// (seat, packages inside every red line but below its walk-away value), for every present seat with any.
        below: Vec<(usize, usize)>,
        /// Packages that settle something and break the table's linked terms.
        terms: usize,
        /// Packages that settle something and cross the mediator's own red lines (counted when it has any).
        chair: usize,
    },
    /// `package` crosses red line number `line` of delegation `seat`.
    Crosses {
        /// The package.
        package: Package,
        /// The delegation, by seat.
        seat: usize,
        /// Its red line, by position in its list.
        line: usize,
    },
    /// `package` crosses the mediator's own red line number `line`: it will not table it.
    ChairLine {
        /// The package.
        package: Package,
        /// The mediator's red line, by position in its list.
        line: usize,
    },
    /// `package` settles option `option` of `issue` without the other issue its terms need.
    BrokenTerm {
        /// The package.
        package: Package,
        /// The issue whose option has terms.
        issue: usize,
        /// The option.
        option: usize,
    },
    /// `package` is worth less to `seat` than walking away.
    BelowWalkAway {
        /// The package.
        package: Package,
        /// The delegation, by seat.
        seat: usize,
    },
    /// `issue` is open in `package`, and every way of settling it, with the rest as in `package`, crosses one
    /// of `lines` or leaves one of `worse` worse off than `package` does.
    LeftOpen {
        /// The package.
        package: Package,
        /// The issue it leaves open.
        issue: usize,
        /// (seat, red line) pairs that settling the issue would cross.
        lines: Vec<(usize, usize)>,
        /// Seats that settling the issue would leave worse off.
        worse: Vec<usize>,
    },
    /// A trade: on every issue in `gives`, `package` settles on an option worth less to `seat` than leaving the
    /// issue open, and on every issue in `paid`, on one worth more.
    Trade {
        /// The package.
        package: Package,
        /// The delegation that gives way and is paid.
        seat: usize,
        /// Issues it gives way on.
        gives: Vec<usize>,
        /// Issues it is paid on.
        paid: Vec<usize>,
    },
    /// What each present seat gains over walking away from `package`, in points of 100 (negative: loses).
    Gains {
        /// The package.
        package: Package,
        /// (seat, gain) for every present seat.
        gains: Vec<(usize, f64)>,
    },
    /// `package` settles `count` issues, and no package every side present can sign settles more.
    MostSettled {
        /// The package.
        package: Package,
        /// The issues it settles.
        count: usize,
    },
    /// `package` can be signed by exactly `signers` of the sides present, and the table's ratification rule
    /// carries it with them.
    Carried {
        /// The package.
        package: Package,
        /// The present seats that could sign it, in seat order.
        signers: Vec<usize>,
    },
    /// `package` cannot yet be signed by every side present (a red line or a walk-away value stands in the way).
    NotYetSignable {
        /// The package.
        package: Package,
    },
    /// The single text changed after `seat` objected: from `before` to `after`, on the issues that differ.
    Revised {
        /// The delegation that objected.
        seat: usize,
        /// Its objection in words that reveal none of its private numbers.
        complaint: String,
        /// The text before the change.
        before: Package,
        /// The text after it.
        after: Package,
    },
    /// The single text did not change for `seat`'s objection: no change of one or two issues helps it
    /// without crossing a red line or undoing a change made in the same draft for another side.
    Unmet {
        /// The delegation that objected.
        seat: usize,
        /// Its objection in words.
        complaint: String,
    },
}

fn line_name(s: &Scenario, seat: usize, line: usize) -> String {
    let d = &s.delegations[seat];
    match d.red_lines.get(line) {
        Some(l) => format!("{}'s red line ({})", d.name, l.describe(&s.issues)),
        None => format!("{}'s red line", d.name),
    }
}

fn issue_names(s: &Scenario, issues: &[usize]) -> String {
    names(issues.iter().map(|&i| s.issues[i].name.as_str()))
}

fn choice_text(s: &Scenario, p: Package, i: usize) -> String {
    match p.choice(i) {
        Some(o) => format!("\"{}\"", s.issues[i].options[o].text),
        None => "open".into(),
    }
}

/// A package named in a reason: in full when it settles one issue, else "That package" (the reason next
/// to it names it).
fn short(s: &Scenario, p: Package) -> String {
    if p.settled() == 1 {
        s.describe(p)
    } else {
        "That package".into()
    }
}

/// The issues on which two packages differ.
pub fn differences(s: &Scenario, a: Package, b: Package) -> Vec<usize> {
    (0..s.issues.len()).filter(|&i| a.choice(i) != b.choice(i)).collect()
}

impl Claim {
    /// The claim in plain words, whole.
    pub fn render(&self, s: &Scenario) -> String {
        match self {
            Claim::Method(text) => text.clone(),
            Claim::Signable { count, frontier, chair } => format!(
                "{count} package{} every side can sign{}; {frontier} of them no other beats for every side at once.",
                if *count == 1 { "" } else { "s" },
                if *chair { " and I may table" } else { "" }
            ),
            Claim::NoneSignable {
                packages,
                crossing,
                below,
                terms,
                chair,
            } => {
                let mut text =
                    format!("No package can be signed by every side now: of the {packages} that settle something");
                let mut lines: Vec<String> = crossing
                    .iter()
                    .map(|&(d, n)| format!("{n} cross {}'s red lines", s.delegations[d].name))
                    .collect();
                if *terms > 0 {
                    lines.push(format!("{terms} break the table's linked terms"));
                }
                if *chair > 0 {
                    lines.push(format!("{chair} cross my own lines"));
                }
                if !lines.is_empty() {
                    text += &format!(", {}", names(lines.iter().map(String::as_str)));
                }
                let worth: Vec<String> = below
                    .iter()
                    .map(|&(d, n)| format!("{} ({n})", s.delegations[d].name))
                    .collect();
                if !worth.is_empty() {
                    text += &format!(
                        "{} and of the rest, some are worth less than walking away to {}",
                        if lines.is_empty() { "," } else { ";" },
                        names(worth.iter().map(String::as_str))
                    );
                }
                text + "."
            }
            Claim::Crosses { package, seat, line } => {
                format!("{} would cross {}.", short(s, *package), line_name(s, *seat, *line))
            }
            Claim::ChairLine { package, line } => match s.mediator.red_lines.get(*line) {
                Some(l) => format!(
                    "{} would cross my own line ({}): {}",
                    short(s, *package),
                    l.describe(&s.issues),
                    l.why
                ),
                None => format!("{} would cross my own line.", short(s, *package)),
            },
            Claim::BrokenTerm { package, issue, option } => format!(
                "{} breaks the table's terms: {}.",
                short(s, *package),
                crate::sim::issue::describe_term(&s.issues, *issue, *option).unwrap_or_default()
            ),
            Claim::BelowWalkAway { package, seat } => format!(
                "{} is worth less to {} than walking away.",
                short(s, *package),
                s.delegations[*seat].name
            ),
            Claim::LeftOpen {
                issue, lines, worse, ..
            } => {
                let mut why: Vec<String> = lines
                    .iter()
                    .map(|&(d, l)| format!("cross {}", line_name(s, d, l)))
                    .collect();
                if !worse.is_empty() {
                    why.push(format!(
                        "leave {} worse off",
                        names(worse.iter().map(|&d| s.delegations[d].name.as_str()))
                    ));
                }
                format!(
                    "{} stays open: settling it any way, with the rest as proposed, would {}.",
                    s.issues[*issue].name,
                    why.join(" or ")
                )
            }
            Claim::Trade { seat, gives, paid, .. } => format!(
                "A trade: {} gives way on {} (settled alone, {} worth less to it than leaving {} open) and is paid on {}.",
                s.delegations[*seat].name,
                issue_names(s, gives),
                if gives.len() == 1 { "it is" } else { "they are" },
                if gives.len() == 1 { "it" } else { "them" },
                issue_names(s, paid)
            ),
            Claim::Gains { gains, .. } => {
                let parts: Vec<String> = gains
                    .iter()
                    .map(|&(d, g)| {
                        format!(
                            "{} {}{}",
                            s.delegations[d].name,
                            if g >= 0.0 { "+" } else { "-" },
                            pct(g.abs())
                        )
                    })
                    .collect();
                format!(
                    "Each side gains over walking away (points of 100): {}.",
                    parts.join(", ")
                )
            }
            Claim::MostSettled { count, .. } => format!(
                "No package every side can sign settles more than {count} issue{}.",
                if *count == 1 { "" } else { "s" }
            ),
            Claim::Carried { signers, .. } => {
                let others: Vec<&str> = s
                    .delegations
                    .iter()
                    .enumerate()
                    .filter(|(d, _)| !signers.contains(d))
                    .map(|(_, del)| del.name.as_str())
                    .collect();
                let yes = names(signers.iter().map(|&d| s.delegations[d].name.as_str()));
                if others.is_empty() {
                    format!("{yes} can sign it.")
                } else {
                    format!(
                        "{yes} can sign it, and the rule carries it with them; {} would not.",
                        names(others.into_iter())
                    )
                }
            }
            Claim::NotYetSignable { package } => format!(
                "The text settles {} but cannot yet be signed by every side; objections will shape the next draft.",
                crate::sim::mediator::explain::settled(s, *package)
            ),
            Claim::Revised {
                seat,
                complaint,
                before,
                after,
            } => {
                let changes: Vec<String> = differences(s, *before, *after)
                    .into_iter()
                    .map(|i| format!("{} now reads {}", s.issues[i].name, choice_text(s, *after, i)))
                    .collect();
                format!(
                    "{} objected that {complaint}; {}.",
                    s.delegations[*seat].name,
                    names(changes.iter().map(String::as_str))
                )
            }
            Claim::Unmet { seat, complaint } => format!(
                "{} objected that {complaint}; no change of one or two issues helps it without crossing a red line or undoing a change made this round for another side.",
                s.delegations[*seat].name
            ),
        }
    }

    /// Whether the claim is true at `s` for `parties`; if not, what is false.
    pub fn check(&self, s: &Scenario, parties: &Parties) -> Result<(), String> {
        let utility = |d: usize, p: Package| s.delegations[d].utility(p);
        let signable = |p: Package| index_of(s, p).is_some_and(|k| !p.is_open() && acceptable(s, parties, k));
        let fail = |what: String| Err(format!("{}: {what}", self.render(s)));
        match self {
            Claim::Method(_) => Ok(()),
            Claim::Signable { count, frontier, chair } => {
                let (c, f) = (zopa(s, parties).len(), pareto_frontier(s, parties).len());
                if (c, f, parties.chair) == (*count, *frontier, *chair) {
                    Ok(())
                } else {
                    fail(format!("{c} signable, {f} on the frontier"))
                }
            }
            Claim::NoneSignable {
                packages,
                crossing,
                below,
                terms,
                chair,
            } => {
                if !zopa(s, parties).is_empty() {
                    return fail("a package can be signed".into());
                }
                let settling: Vec<usize> = (0..s.space.packages.len())
                    .filter(|&k| !s.space.packages[k].is_open())
                    .collect();
                if settling.len() != *packages {
                    return fail(format!("{} packages settle something", settling.len()));
                }
                for &(d, n) in crossing {
                    let real = settling
                        .iter()
                        .filter(|&&k| s.delegations[d].crossed(s.space.packages[k]).is_some())
                        .count();
                    if real != n {
                        return fail(format!("{real} cross seat {d}'s red lines"));
                    }
                }
                for &(d, n) in below {
                    let real = settling
                        .iter()
                        .filter(|&&k| {
                            parties.present.iter().all(|&o| s.space.allowed[o][k])
                                && s.space.utility[d][k] < parties.walk_away[d]
                        })
                        .count();
                    if real != n {
                        return fail(format!("{real} are below seat {d}'s walk-away"));
                    }
                }
                let broken = settling.iter().filter(|&&k| !s.space.terms_met[k]).count();
                if broken != *terms {
                    return fail(format!("{broken} break the terms"));
                }
                let real = settling
                    .iter()
                    .filter(|&&k| parties.chair && !s.space.tableable[k])
                    .count();
                if real != *chair {
                    return fail(format!("{real} cross the mediator's lines"));
                }
                Ok(())
            }
            Claim::Crosses { package, seat, line } => {
                if s.delegations[*seat]
                    .red_lines
                    .get(*line)
                    .is_some_and(|l| l.crossed_by(*package))
                {
                    Ok(())
                } else {
                    fail("the line is not crossed".into())
                }
            }
            Claim::ChairLine { package, line } => {
                if parties.chair && s.mediator.red_lines.get(*line).is_some_and(|l| l.crossed_by(*package)) {
                    Ok(())
                } else {
                    fail("the mediator's line is not crossed".into())
                }
            }
            Claim::BrokenTerm { package, issue, option } => {
                let needs = s.issues[*issue].options.get(*option).and_then(|o| o.requires.as_ref());
                let broken = package.choice(*issue) == Some(*option)
                    && needs.is_some_and(|(r, options)| !package.choice(*r).is_some_and(|c| options.contains(&c)));
                if broken {
                    Ok(())
                } else {
                    fail("the terms are met".into())
                }
            }
            Claim::BelowWalkAway { package, seat } => {
                if utility(*seat, *package) < parties.walk_away[*seat] {
                    Ok(())
                } else {
                    fail("it is not below the walk-away value".into())
                }
            }
            Claim::LeftOpen {
                package,
                issue,
                lines,
                worse,
            } => {
                if package.choice(*issue).is_some() || (lines.is_empty() && worse.is_empty()) {
                    return fail("the issue is settled, or no reason is given".into());
                }
                let mut used_lines = vec![false; lines.len()];
                let mut used_worse = vec![false; worse.len()];
                for o in 0..s.issues[*issue].options.len() {
                    let q = package.with(*issue, Some(o));
                    let mut held = false;
                    for (n, &(d, l)) in lines.iter().enumerate() {
                        if s.delegations[d].red_lines.get(l).is_some_and(|r| r.crossed_by(q)) {
                            used_lines[n] = true;
                            held = true;
                        }
                    }
                    for (n, &d) in worse.iter().enumerate() {
                        if utility(d, q) < utility(d, *package) {
                            used_worse[n] = true;
                            held = true;
                        }
                    }
                    if !held {
                        return fail(format!(
                            "option {o} crosses none of the lines and leaves none worse off"
                        ));
                    }
                }
                if used_lines.iter().chain(&used_worse).all(|&u| u) {
                    Ok(())
                } else {
                    fail("a reason named applies to no way of settling it".into())
                }
            }
            Claim::Trade {
                package,
                seat,
                gives,
                paid,
            } => {
                let v = &s.delegations[*seat].values;
                let digit = |i: usize| package.choice(i).map_or(0, |o| o + 1);
                let gave = gives.iter().all(|&i| digit(i) > 0 && v[i][digit(i)] < v[i][0]);
                let got = paid.iter().all(|&i| digit(i) > 0 && v[i][digit(i)] > v[i][0]);
                if gave && got && !gives.is_empty() && !paid.is_empty() {
                    Ok(())
                } else {
                    fail("the seat does not give way and gain as said".into())
                }
            }
            Claim::Gains { package, gains } => {
                for &(d, g) in gains {
                    if (utility(d, *package) - parties.walk_away[d] - g).abs() > 1e-9 {
                        return fail(format!(
                            "seat {d} gains {}",
                            utility(d, *package) - parties.walk_away[d]
                        ));
                    }
                }
                Ok(())
            }
            Claim::MostSettled { package, count } => {
                let most = zopa(s, parties)
                    .into_iter()
                    .map(|k| s.space.packages[k].settled())
                    .max()
                    .unwrap_or(0);
                if package.settled() == *count && most == *count && signable(*package) {
                    Ok(())
                } else {
                    fail(format!("a signable package settles {most}"))
                }
            }
            Claim::Carried { package, signers } => {
                let Some(k) = index_of(s, *package) else {
                    return fail("not a package of this table".into());
                };
                let real = crate::sim::mediator::majority::signers(s, parties, k);
                if &real != signers {
                    fail(format!("seats {real:?} can sign it"))
                } else if !crate::sim::mediator::majority::carried(s, parties, k) {
                    fail("the rule does not carry it".into())
                } else {
                    Ok(())
                }
            }
            Claim::NotYetSignable { package } => {
                if signable(*package) {
                    fail("every side can sign it".into())
                } else {
                    Ok(())
                }
            }
            Claim::Revised { before, after, .. } => {
                if before != after {
                    Ok(())
                } else {
                    fail("nothing changed".into())
                }
            }
            Claim::Unmet { .. } => Ok(()),
        }
    }
}

/// Why no package can be signed by every side present, counted.
pub fn none_signable(s: &Scenario, parties: &Parties) -> Claim {
    let settling: Vec<usize> = (0..s.space.packages.len())
        .filter(|&k| !s.space.packages[k].is_open())
        .collect();
    let crossing = parties
        .present
        .iter()
        .map(|&d| (d, settling.iter().filter(|&&k| s.space.crossed[d][k] > 0).count()))
        .filter(|&(_, n)| n > 0)
        .collect();
    let inside: Vec<usize> = settling
        .iter()
        .copied()
        .filter(|&k| parties.present.iter().all(|&o| s.space.allowed[o][k]))
        .collect();
    let below = parties
        .present
        .iter()
        .map(|&d| {
            (
                d,
                inside
                    .iter()
                    .filter(|&&k| s.space.utility[d][k] < parties.walk_away[d])
                    .count(),
            )
        })
        .filter(|&(_, n)| n > 0)
        .collect();
    Claim::NoneSignable {
        packages: settling.len(),
        crossing,
        below,
        terms: settling.iter().filter(|&&k| !s.space.terms_met[k]).count(),
        chair: settling
            .iter()
            .filter(|&&k| parties.chair && !s.space.tableable[k])
            .count(),
    }
}

/// The red lines `package` crosses and the walk-away values it falls below, for every side present.
pub fn blocked(s: &Scenario, parties: &Parties, package: Package) -> Vec<Claim> {
    let mut out = Vec::new();
    for &d in &parties.present {
        let del = &s.delegations[d];
        let crossed: Vec<usize> = (0..del.red_lines.len())
            .filter(|&l| del.red_lines[l].crossed_by(package))
            .collect();
        if crossed.is_empty() && del.utility(package) < parties.walk_away[d] {
            out.push(Claim::BelowWalkAway { package, seat: d });
        }
        out.extend(
            crossed
                .into_iter()
                .map(|line| Claim::Crosses { package, seat: d, line }),
        );
    }
    if let Some((issue, option, _)) = crate::sim::issue::broken_term(&s.issues, package) {
        out.push(Claim::BrokenTerm { package, issue, option });
    }
    if parties.chair {
        out.extend(
            (0..s.mediator.red_lines.len())
                .filter(|&line| s.mediator.red_lines[line].crossed_by(package))
                .map(|line| Claim::ChairLine { package, line }),
        );
    }
    out
}

/// Why each issue `package` leaves open stays open, where every way of settling it (the rest as it is)
/// crosses a red line of a side present or leaves one worse off.
pub fn left_open(s: &Scenario, parties: &Parties, package: Package) -> Vec<Claim> {
    let mut out = Vec::new();
    for issue in (0..s.issues.len()).filter(|&i| package.choice(i).is_none()) {
        let mut lines = Vec::new();
        let mut worse = Vec::new();
        let mut every_way = true;
        for o in 0..s.issues[issue].options.len() {
            let q = package.with(issue, Some(o));
            let mut held = false;
            for &d in &parties.present {
                for (l, line) in s.delegations[d].red_lines.iter().enumerate() {
                    if line.crossed_by(q) {
                        held = true;
                        if !lines.contains(&(d, l)) {
                            lines.push((d, l));
                        }
                    }
                }
            }
            if held {
                continue;
            }
            for &d in &parties.present {
                if s.delegations[d].utility(q) < s.delegations[d].utility(package) {
                    held = true;
                    if !worse.contains(&d) {
                        worse.push(d);
                    }
                }
            }
            every_way &= held;
        }
        if every_way && !(lines.is_empty() && worse.is_empty()) {
            out.push(Claim::LeftOpen {
                package,
                issue,
                lines,
                worse,
            });
        }
    }
    out
}

/// The trades in `package`: every side present that gives way on some issue and is paid on another.
pub fn trades(s: &Scenario, parties: &Parties, package: Package) -> Vec<Claim> {
    parties
        .present
        .iter()
        .filter_map(|&d| {
            let v = &s.delegations[d].values;
            let settled = (0..s.issues.len()).filter_map(|i| package.choice(i).map(|o| (i, o + 1)));
            let (mut gives, mut paid) = (Vec::new(), Vec::new());
            for (i, digit) in settled {
                if v[i][digit] < v[i][0] {
                    gives.push(i);
                } else if v[i][digit] > v[i][0] {
                    paid.push(i);
                }
            }
            (!gives.is_empty() && !paid.is_empty()).then_some(Claim::Trade {
                package,
                seat: d,
                gives,
                paid,
            })
        })
        .collect()
}

/// What every side present gains over walking away from `package`.
pub fn gains(s: &Scenario, parties: &Parties, package: Package) -> Claim {
    Claim::Gains {
        package,
        gains: parties
            .present
            .iter()
            .map(|&d| (d, s.delegations[d].utility(package) - parties.walk_away[d]))
            .collect(),
    }
}

/// Claims rendered one per line.
pub fn render_all(s: &Scenario, claims: &[Claim]) -> Vec<String> {
    claims.iter().map(|c| c.render(s)).collect()
}

/// Claims rendered as one statement of at most `max` characters: whole claims while they fit, then, if any
/// are left, a count of them; never cut inside a word.
pub fn statement(s: &Scenario, claims: &[Claim], max: usize) -> String {
    let mut text = String::new();
    for (n, c) in claims.iter().enumerate() {
        let next = c.render(s);
        let joined = if text.is_empty() {
            next
        } else {
            format!("{text} {next}")
        };
        let rest = claims.len() - n - 1;
        let tail = if rest > 0 { 40 } else { 0 };
        if joined.chars().count() + tail <= max {
            text = joined;
            continue;
        }
        let left = claims.len() - n;
        let more = format!(" ({left} more reason{} not shown.)", if left == 1 { "" } else { "s" });
        if text.is_empty() {
            // The first claim alone is too long: keep whole words up to the limit.
            let mut cut = String::new();
            for word in joined.split(' ') {
                if cut.chars().count() + word.chars().count() + 2 > max.saturating_sub(more.len()) {
                    break;
                }
                if !cut.is_empty() {
                    cut.push(' ');
                }
                cut.push_str(word);
            }
            return format!("{cut} …{}", if left > 1 { more } else { String::new() });
        }
        return text + &more;
    }
    text
}
