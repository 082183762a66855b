//! The play layer's views as text: the brief, what a package is worth, the table, the proposals to
//! answer, the aftermath, and help that uses the table's own issues.

use std::fmt::Write as _;

use crate::play::views::{self, Aftermath, Brief, Summary, Valued, pct};
use crate::play::{Moves, Sitting};
use crate::sim::command::Seat;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// One delegation's worth line: "worth 62 (walk-away 40); crosses the red line: …".
fn worth_line(v: &Valued) -> String {
    let crossed = match v.crossed.as_slice() {
        [] => String::new(),
        [one] => format!("; crosses the red line: {one}"),
        many => format!("; crosses the red lines: {}", many.join("; ")),
    };
    format!("worth {} (walk-away {}){crossed}", pct(v.value), pct(v.walk_away))
}

/// What a package is worth to the seat, and every red line it crosses.
pub fn value(s: &Scenario, sitting: &Sitting, seat: Seat, package: Package) -> String {
    let mut out = format!("{}\n", s.describe(package));
    for v in views::worth(s, sitting.state(), Some(seat), package) {
        match seat {
            Seat::Delegation(_) => {
                let _ = writeln!(out, "  to you: {}", worth_line(&v));
            }
            Seat::Mediator | Seat::Facilitator => {
                let _ = writeln!(out, "  to {}: {}", v.name, worth_line(&v));
            }
        }
    }
    out.trim_end().to_string()
}

/// The seat's private brief.
pub fn brief(s: &Scenario, sitting: &Sitting, seat: Seat) -> String {
    let mut out = String::new();
    match views::brief(s, sitting.state(), Some(seat)) {
        Brief::Delegation(b) => {
            let native = b.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(out, "YOUR BRIEF — {}{native}. Private: only you see this.", b.name);
            for p in &b.delegates {
                let _ = writeln!(out, "  {p}");
            }
            let _ = writeln!(
                out,
                "\nWhat you want (weight = how much the issue matters; value of each outcome to you):"
            );
            for i in &b.issues {
                let _ = writeln!(
                    out,
                    "  {} [{}] — weight {}%; you ask: {}",
                    i.name,
                    i.id,
                    pct(i.weight),
                    i.ask.0
                );
                let _ = writeln!(out, "      open ({}): {}", i.open.0, pct(i.open.1));
                for (text, id, v) in &i.options {
                    let _ = writeln!(out, "      {text} [{id}]: {}", pct(*v));
                }
            }
            let _ = writeln!(out, "\nYour red lines (the rules will not let you sign across them):");
            if b.red_lines.is_empty() {
                let _ = writeln!(out, "  none");
            }
            for (why, what) in &b.red_lines {
                let _ = writeln!(out, "  - {why} ({what})");
            }
            let _ = writeln!(
                out,
                "\nYour walk-away value: {} of 100. A deal worth less is worse than leaving with nothing.",
                pct(b.walk_away)
            );
        }
        Brief::Mediator(b) => {
            let _ = writeln!(
                out,
                "YOUR BRIEF — the mediator's chair ({}). You hear every side in private.",
                b.name
            );
            for p in &b.parties {
                let _ = writeln!(out, "\n{} (walk-away {}):", p.name, pct(p.walk_away));
                for (issue, issue_id, option, option_id) in &p.asks {
                    let _ = writeln!(out, "  asks {issue} [{issue_id}]: {option} [{option_id}]");
                }
                for line in &p.red_lines {
                    let _ = writeln!(out, "  red line: {line}");
                }
            }
            let _ = writeln!(out, "\nYour desk's analysis:");
            let state = sitting.state();
            match views::desk(s, state, state.mediator_strategy) {
                Ok((p, why)) => {
                    let _ = writeln!(out, "  suggested: {}", s.describe(p));
                    for w in why {
                        let _ = writeln!(out, "  - {w}");
                    }
                }
                Err(why) => {
                    let _ = writeln!(out, "  {why}");
                }
            }
        }
    }
    out
}

/// The round, the clock, the mood, the seats and the proposals on the table.
pub fn table(s: &Scenario, sitting: &Sitting, seat: Seat) -> String {
    let Summary {
        round,
        rounds,
        time,
        phase,
        tension,
        seats,
        ..
    } = views::summary(s, sitting.state(), Some(seat));
    let mut out = format!(
        "Round {round} of {rounds} ({time}), {} phase. Tension {} of 100.\n",
        phase.label(),
        pct(tension)
    );
    for line in seats {
        let status = line.presence.map(|p| format!(" — {p}")).unwrap_or_default();
        if line.you {
            if let Seat::Delegation(d) = line.seat
                && let Brief::Delegation(b) = views::brief(s, sitting.state(), Some(Seat::Delegation(d)))
            {
                let trust: Vec<String> = b.trust.iter().map(|(who, t)| format!("{who} {}", pct(*t))).collect();
                let _ = writeln!(
                    out,
                    "  {} (you): patience {}; trust: {}{status}",
                    line.name,
                    pct(b.patience),
                    trust.join(", ")
                );
            }
        } else if let Some(ai) = &line.ai {
            let _ = writeln!(out, "  {} — AI: {ai}{status}", line.name);
        } else {
            let _ = writeln!(out, "  {} — played by a person{status}", line.name);
        }
    }
    if sitting.state().proposals.is_empty() {
        let _ = writeln!(out, "No proposals on the table.");
    }
    for p in &sitting.state().proposals {
        let _ = writeln!(out, "{}", proposal_line(s, sitting, seat, p));
    }
    out.trim_end().to_string()
}

/// The proposals the seat has yet to answer, with what each is worth.
pub fn to_answer(s: &Scenario, sitting: &Sitting, seat: Seat) -> String {
    let Seat::Delegation(d) = seat else {
        return String::new();
    };
    let pending: Vec<_> = sitting.state().unanswered(d).cloned().collect();
    if pending.is_empty() {
        return String::new();
    }
    let mut out = String::from("Proposals for you to answer (accept N / reject N / counter N ISSUE=OPTION…):\n");
    for p in &pending {
        let _ = writeln!(out, "{}", proposal_line(s, sitting, seat, p));
    }
    out
}

/// A proposal on the table: its number, its author, and what it is worth to the seat.
fn proposal_line(s: &Scenario, sitting: &Sitting, seat: Seat, p: &crate::sim::transcript::Proposal) -> String {
    format!(
        "  #{} by {}: {}",
        p.id,
        crate::play::lookup::seat_name(s, p.author),
        value(s, sitting, seat, p.package).replace('\n', "\n    ")
    )
}

/// The outcome: how the talks ended and what it means for the seat.
pub fn aftermath(s: &Scenario, sitting: &Sitting, seat: Seat) -> String {
    let mut out = String::from("\nThe talks are over.");
    let after = views::aftermath(s, sitting.state(), Some(seat));
    if let Some(Aftermath { results, .. }) = &after
        && let Seat::Delegation(_) = seat
    {
        for r in results {
            let _ = write!(
                out,
                " For {}: {} of 100 against a walk-away of {} — {}.",
                r.name,
                pct(r.got),
                pct(r.walk_away),
                r.verdict
            );
        }
    }
    if let Some(history) = after.and_then(|a| a.history) {
        let _ = write!(out, "\n{history}");
    }
    out
}

/// An example package in this table's own words: the first option of the first two issues.
pub fn example(s: &Scenario) -> String {
    s.issues
        .iter()
        .take(2)
        .filter_map(|i| i.options.first().map(|o| format!("{}={}", i.id, o.id)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every command, with examples from this table, and the moves open to the seat now.
pub fn help(s: &Scenario, moves: &Moves) -> String {
    let e = example(s);
    let first = s.issues.first().map(|i| i.id.as_str()).unwrap_or("issue");
    // The terminal's words for each move: a statement is made by naming its kind.
    let open: Vec<String> = moves
        .open()
        .into_iter()
        .map(|word| match word.as_str() {
            "say" if moves.seat == Seat::Mediator => "a statement (conciliatory, firm, threat)".to_string(),
            "say" => "a statement (conciliatory, firm, threat, warn)".to_string(),
            _ => word,
        })
        .collect();
    let now = if open.is_empty() {
        "Nothing is yours to do just now; the other seats are moving.".to_string()
    } else {
        format!("Open to you now: {}.", open.join(", "))
    };
    format!(
        "\
Moves (each in its phase; the prompt says which phase it is):
  conciliatory [TEXT]    a conciliatory statement: eases tension, builds trust   (statements)
  firm [TEXT]            a firm statement: holds your ground                     (statements)
  threat [TEXT]          a threat: raises tension, costs you trust               (statements)
  warn [TEXT]            warn that you may walk out                              (statements)
  ask                    ask the mediator to table a proposal this round, before it would on its own
  recess                 ask for a recess: tempers cool, patience returns; once per delegation
  walkout [REASON]       leave the talks for good (you are asked to confirm)
  propose ISSUE=OPTION…  table a package; issues you leave out stay open        (proposals)
  accept N               accept proposal #N                                      (responses)
  reject N [REASON]      reject proposal #N                                      (responses)
  counter N ISSUE=OPTION…  reject #N and table a package for next round          (responses)
  mediate ISSUE=OPTION… [REASONS]  the mediator's proposal, reasons after the package, split by ;
  pass                   let the phase go by (in responses: agree to none of what is left)
  strategy SEAT NAME     change how the AI plays another seat, at your move (not a turn):
                         delegation, boulware, linear, conceder, tit-for-tat, hardliner, e=<exponent>;
                         for the mediator: split, nash, kalai, adjusted-winner, single-text, confidence
Looking:
  brief                  your private brief: demands, priorities, red lines, walk-away
  table                  the round, the clock, the mood and the proposals on the table
  value ISSUE=OPTION…    what a package is worth to you, and every red line of yours it crosses
  transcript             everything said so far
  why N                  every reason given for proposal #N, whole
  help, quit             (quit keeps the game: `redline play --continue` resumes it)
Issues and options can be named by id, by number, or by a unique part of the id:
  propose {e}
  value {first}=1
{now}"
    )
}

/// Every reason given for proposal `id`, whole, or what to do when there is no such proposal.
pub fn why(s: &Scenario, sitting: &Sitting, id: u32) -> String {
    let found = sitting.transcript().events.iter().find_map(|e| match e {
        crate::sim::transcript::Event::Proposed { proposal } if proposal.id == id => Some(proposal),
        _ => None,
    });
    let Some(p) = found else {
        return format!("No proposal #{id} has been tabled yet; `table` lists the proposals on the table.");
    };
    if p.explanation.is_empty() {
        return format!("#{id} ({}) was tabled without reasons.", s.describe(p.package));
    }
    let mut out = format!("Why #{id} ({}):", s.describe(p.package));
    for w in p.explanation.iter() {
        let _ = write!(out, "\n  - {w}");
    }
    out
}
