//! What a scenario designer asks of a table before a class sits at it: where the zones of agreement are, how
//! large the signable space and its frontier are, the fair points, each seat's prospects, which red lines
//! bind, how the AI alone plays it, and how much that changes when every walk-away value moves by 0.1.

use serde::Serialize;

use crate::sim::analysis::frontier::{kalai_smorodinsky, nash};
use crate::sim::analysis::{
    Parties, free_but_for, issue_zone, pareto_frontier, point_package, present_walk_away, zopa,
};
use crate::sim::batch::run_batch_counting;
use crate::sim::scenario::Scenario;

/// One issue: the options that make a zone of agreement alone, and those some signable package settles it at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueAnalysis {
    /// The issue's id.
    pub id: String,
    /// Options that, settled alone, cross no red line and leave every seat at least as well off as leaving
    /// the issue open, one better off.
    pub zone_alone: Vec<String>,
    /// Choices ("open" or option ids) that some package every seat can sign makes.
    pub in_signable: Vec<String>,
    /// No signable package settles it.
    pub dead: bool,
}

/// One seat's prospects.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatAnalysis {
    /// The delegation's id.
    pub id: String,
    /// Its walk-away value.
    pub walk_away: f64,
    /// The most a package it can sign (inside its own red lines) is worth to it.
    pub best_alone: f64,
    /// The most a package every seat can sign is worth to it (none: nothing is signable).
    pub best_signable: Option<f64>,
    /// It can never gain over walking away in a package the others can sign.
    pub one_sided: bool,
}

/// A red line that binds: without it, some package every seat would sign that it now rules out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BindingLine {
    /// The delegation's id.
    pub delegation: String,
    /// The line's place in its list.
    pub line: usize,
    /// The line in words.
    pub text: String,
    /// How many packages it alone rules out that every seat would otherwise sign.
    pub rules_out: usize,
}

/// How the AI alone played the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    /// Games played.
    pub games: u64,
    /// Shares of agreements, partial agreements, deadlocks and walkouts.
    pub agreement: f64,
    /// Partial agreements.
    pub partial_agreement: f64,
    /// Deadlocks.
    pub deadlock: f64,
    /// Walkouts.
    pub walkout: f64,
    /// Games that ended as history did (none: the scenario records no history).
    pub as_happened: Option<f64>,
}

/// The same table with every walk-away value moved by `shift`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shifted {
    /// The change of every walk-away value (clamped to 0..1).
    pub shift: f64,
    /// Packages every seat can sign.
    pub signable: usize,
    /// How the AI alone played it.
    pub distribution: Distribution,
}

/// Everything `redline analyze` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// The scenario's id.
    pub scenario: String,
    /// Its title.
    pub title: String,
    /// Every package of the table.
    pub packages: usize,
    /// Packages that settle something and every seat can sign.
    pub signable: usize,
    /// Of those, the ones no other beats for every seat.
    pub frontier: usize,
    /// The table's rule for agreeing a package, in words.
    pub rule: String,
    /// Under a ratification rule: the packages the rule can carry with the seats that could sign them
    /// (those signable by every seat among them); none under unanimity.
    pub carried: Option<usize>,
    /// Per issue.
    pub issues: Vec<IssueAnalysis>,
    /// The Nash bargaining package, with each seat's value.
    pub nash: Option<(String, Vec<f64>)>,
    /// The Kalai-Smorodinsky package, with each seat's value.
    pub kalai_smorodinsky: Option<(String, Vec<f64>)>,
    /// Per seat.
    pub seats: Vec<SeatAnalysis>,
    /// The red lines that bind.
    pub binding: Vec<BindingLine>,
    /// The AI alone, at the scenario's walk-away values.
    pub distribution: Distribution,
    /// The same at walk-away -0.1 and +0.1.
    pub robustness: Vec<Shifted>,
    /// The largest change of any outcome's share (agreement, partial agreement, deadlock or walkout) between
    /// the table and its shifted copies, in points of 100: how far the result swings with a small change of
    /// walk-away values.
    pub swing: f64,
    /// The outcome whose share moves most: `agreement`, `partial_agreement`, `deadlock` or `walkout`.
    pub swing_outcome: String,
    /// Plain warnings: one-sided seats, dead issues, nothing signable (under a ratification rule: nothing the
    /// rule can carry decides dead issues and options).
    pub warnings: Vec<String>,
}

/// An outcome kind in words, plural: "full agreements".
fn outcome_words(kind: &str) -> &'static str {
    match kind {
        "partial_agreement" => "partial agreements",
        "deadlock" => "deadlocks",
        "walkout" => "walkouts",
        _ => "full agreements",
    }
}

fn choice_id(s: &Scenario, i: usize, digit: usize) -> String {
    match digit {
        0 => "open".into(),
        d => s.issues[i].options[d - 1].id.clone(),
    }
}

/// Plays `games` AI-only games from `seed` and counts the endings; `progress` hears how many have ended.
pub fn distribution(s: &std::sync::Arc<Scenario>, seed: u64, games: u64, progress: impl FnMut(u64)) -> Distribution {
    let (mut full, mut partial, mut deadlock, mut walkout, mut history) = (0u64, 0u64, 0u64, 0u64, 0u64);
    run_batch_counting(s, seed, games, 256, progress, |r| {
        match r.outcome.kind() {
            "agreement" => full += 1,
            "partial_agreement" => partial += 1,
            "deadlock" => deadlock += 1,
            _ => walkout += 1,
        }
        history += u64::from(s.history.as_ref().is_some_and(|h| h.matches(r.outcome.package())));
    });
    let share = |n: u64| n as f64 / games.max(1) as f64;
    Distribution {
        games,
        agreement: share(full),
        partial_agreement: share(partial),
        deadlock: share(deadlock),
        walkout: share(walkout),
        as_happened: s.history.as_ref().map(|_| share(history)),
    }
}

/// The table with every walk-away value moved by `shift`, kept within 0..1.
pub fn shifted(s: &Scenario, shift: f64) -> Scenario {
    let mut t = s.clone();
    for d in &mut t.delegations {
        d.walk_away = (d.walk_away + shift).clamp(0.0, 1.0);
    }
    t
}

/// Analyses `s`, playing `games` AI-only games from `seed` at each of three walk-away levels; `progress`
/// hears how many games of the `3 * games` have ended.
pub fn analyze(s: &std::sync::Arc<Scenario>, seed: u64, games: u64, mut progress: impl FnMut(u64)) -> Analysis {
    let parties = Parties::all(s);
    let signable = zopa(s, &parties);
    // What a table can agree: every seat's signable packages, or under a ratification rule, what it can carry.
    let possible: Vec<usize> = if s.ratification.is_some() {
        (0..s.space.packages.len())
            .filter(|&k| crate::sim::mediator::majority::carried(s, &parties, k))
            .collect()
    } else {
        signable.clone()
    };
    let front = pareto_frontier(s, &parties);
    let walk = present_walk_away(&parties);
    let point = |pick| {
        point_package(&front, pick).map(|k| {
            let p = s.space.packages[k];
            (
                s.describe(p),
                (0..s.delegations.len()).map(|d| s.space.utility[d][k]).collect(),
            )
        })
    };
    let issues: Vec<IssueAnalysis> = s
        .issues
        .iter()
        .enumerate()
        .map(|(i, issue)| {
            let mut seen = vec![false; issue.options.len() + 1];
            for &k in &possible {
                seen[s.space.packages[k].choice(i).map_or(0, |o| o + 1)] = true;
            }
            IssueAnalysis {
                id: issue.id.clone(),
                zone_alone: issue_zone(s, &parties, i)
                    .into_iter()
                    .map(|o| issue.options[o].id.clone())
                    .collect(),
                in_signable: (0..seen.len())
                    .filter(|&d| seen[d])
                    .map(|d| choice_id(s, i, d))
                    .collect(),
                dead: seen.iter().skip(1).all(|x| !x),
            }
        })
        .collect();
    let seats: Vec<SeatAnalysis> = s
        .delegations
        .iter()
        .enumerate()
        .map(|(d, del)| {
            let best_signable = possible
                .iter()
                .map(|&k| s.space.utility[d][k])
                .fold(None, |m: Option<f64>, u| Some(m.map_or(u, |m| m.max(u))));
            SeatAnalysis {
                id: del.id.clone(),
                walk_away: del.walk_away,
                best_alone: s.space.best[d],
                best_signable,
                one_sided: best_signable.is_none_or(|b| b <= del.walk_away + 1e-9),
            }
        })
        .collect();
    // A line binds when it alone rules out a package every seat would otherwise sign.
    let mut binding = Vec::new();
    for (d, del) in s.delegations.iter().enumerate() {
        for (l, line) in del.red_lines.iter().enumerate() {
            let rules_out = s
                .space
                .packages
                .iter()
                .enumerate()
                .filter(|&(k, &p)| {
                    !p.is_open()
                        && line.crossed_by(p)
                        && (0..s.delegations.len()).all(|e| s.space.utility[e][k] >= s.delegations[e].walk_away)
                        && free_but_for(s, p, d, l)
                })
                .count();
            if rules_out > 0 {
                binding.push(BindingLine {
                    delegation: del.id.clone(),
                    line: l,
                    text: format!("{} ({})", line.why, line.describe(&s.issues)),
                    rules_out,
                });
            }
        }
    }
    let mut done = 0;
    let mut tick = |n: u64, base: u64| progress(base + n);
    let distribution = distribution(s, seed, games, |n| tick(n, done));
    done += games;
    let mut robustness = Vec::new();
    for shift in [-0.1, 0.1] {
        let t = std::sync::Arc::new(shifted(s, shift));
        let signable = zopa(&t, &Parties::all(&t)).len();
        let dist = self::distribution(&t, seed, games, |n| tick(n, done));
        done += games;
        robustness.push(Shifted {
            shift,
            signable,
            distribution: dist,
        });
    }
    let shares = |d: &Distribution| {
        [
            ("agreement", d.agreement),
            ("partial_agreement", d.partial_agreement),
            ("deadlock", d.deadlock),
            ("walkout", d.walkout),
        ]
    };
    let (swing_outcome, swing) = robustness
        .iter()
        .flat_map(|r| {
            shares(&r.distribution)
                .into_iter()
                .zip(shares(&distribution))
                .map(|((kind, x), (_, y))| (kind, (x - y).abs() * 100.0))
        })
        .fold(
            ("agreement", 0.0),
            |best, next| if next.1 > best.1 { next } else { best },
        );
    let mut warnings = Vec::new();
    let carried = s.ratification.as_ref().map(|_| possible.len());
    match carried {
        Some(0) | None if signable.is_empty() => warnings
            .push("No package can be signed by every seat: the table can only end in deadlock or a walkout.".into()),
        Some(n) if signable.is_empty() => warnings.push(format!(
            "No package can be signed by every seat; the rule can carry {n} over some seats' objections."
        )),
        _ => {}
    }
    for seat in seats.iter().filter(|x| x.one_sided) {
        warnings.push(format!(
            "{} can never gain over walking away in a package the others can sign: the table is one-sided.",
            seat.id
        ));
    }
    for issue in issues.iter().filter(|i| i.dead) {
        warnings.push(format!("No signable package settles {}: the issue is dead.", issue.id));
    }
    for (i, issue) in s.issues.iter().enumerate() {
        for option in &issue.options {
            if !issues[i].in_signable.contains(&option.id) && !issues[i].dead {
                warnings.push(format!(
                    "No signable package settles {} at {}: the option is dead.",
                    issue.id, option.id
                ));
            }
        }
    }
    if swing >= 25.0 {
        warnings.push(format!(
            "The share of {} swings by {swing:.0} points when every walk-away value moves by 0.1: small changes decide this table.",
            outcome_words(swing_outcome)
        ));
    }
    Analysis {
        scenario: s.id.clone(),
        title: s.title.clone(),
        packages: s.space.packages.len(),
        signable: signable.len(),
        frontier: front.len(),
        rule: s.rule_text(),
        carried,
        issues,
        nash: point(nash(&front, &walk)),
        kalai_smorodinsky: point(kalai_smorodinsky(&front, &walk)),
        seats,
        binding,
        distribution,
        robustness,
        swing,
        swing_outcome: swing_outcome.to_string(),
        warnings,
    }
}

impl Analysis {
    /// The analysis as text for a person.
    pub fn text(&self) -> String {
        let pct = |x: f64| format!("{:.1} %", x * 100.0);
        let dist = |d: &Distribution| {
            let mut line = format!(
                "agreement {}, partial {}, deadlock {}, walkout {}",
                pct(d.agreement),
                pct(d.partial_agreement),
                pct(d.deadlock),
                pct(d.walkout)
            );
            if let Some(h) = d.as_happened {
                line += &format!("; as it happened {}", pct(h));
            }
            line
        };
        let mut out = format!(
            "{}\nRule: {}.\n{} packages; {} every seat can sign; {} of them on the Pareto frontier.\n",
            self.title, self.rule, self.packages, self.signable, self.frontier
        );
        if let Some(n) = self.carried {
            out += &format!("The rule can carry {n} packages, counting only the seats that could sign each.\n");
        }
        out += "\nIssues:\n";
        for i in &self.issues {
            out += &format!(
                "  {:<20} zone alone: {:<28} in signable packages: {}{}\n",
                i.id,
                if i.zone_alone.is_empty() {
                    "none".to_string()
                } else {
                    i.zone_alone.join(", ")
                },
                i.in_signable.join(", "),
                if i.dead { "  (dead)" } else { "" }
            );
        }
        let values = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{:.0}", x * 100.0))
                .collect::<Vec<_>>()
                .join(" / ")
        };
        out += "\nFair points (values to each seat, points of 100):\n";
        match &self.nash {
            Some((p, v)) => out += &format!("  Nash: {p} ({})\n", values(v)),
            None => out += "  Nash: none (nothing is signable)\n",
        }
        match &self.kalai_smorodinsky {
            Some((p, v)) => out += &format!("  Kalai-Smorodinsky: {p} ({})\n", values(v)),
            None => out += "  Kalai-Smorodinsky: none\n",
        }
        out += "\nSeats (points of 100):\n";
        for s in &self.seats {
            out += &format!(
                "  {:<16} walk-away {:>3.0}, best inside its own lines {:>3.0}, best every seat can sign {}{}\n",
                s.id,
                s.walk_away * 100.0,
                s.best_alone * 100.0,
                s.best_signable.map_or("none".into(), |b| format!("{:.0}", b * 100.0)),
                if s.one_sided { "  (one-sided)" } else { "" }
            );
        }
        out += "\nRed lines that bind (each alone rules out packages every seat would sign):\n";
        if self.binding.is_empty() {
            out += "  none\n";
        }
        for b in &self.binding {
            out += &format!(
                "  {} #{}: {} — rules out {}\n",
                b.delegation, b.line, b.text, b.rules_out
            );
        }
        out += &format!(
            "\nThe AI alone, {} games: {}\n",
            self.distribution.games,
            dist(&self.distribution)
        );
        for r in &self.robustness {
            out += &format!(
                "  walk-away {:+.1}: {} signable; {}\n",
                r.shift,
                r.signable,
                dist(&r.distribution)
            );
        }
        out += &format!(
            "Robustness: no outcome's share moves by more than {:.1} points (the share of {}) when every walk-away value moves by 0.1.\n",
            self.swing,
            outcome_words(&self.swing_outcome)
        );
        if !self.warnings.is_empty() {
            out += "\nWarnings:\n";
            for w in &self.warnings {
                out += &format!("  - {w}\n");
            }
        }
        out
    }
}
