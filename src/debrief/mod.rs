//! The debrief: what happened at a finished table and how good the deal was, built from the scenario and
//! the transcript alone, so the window, the terminal, JSON and the HTML report all show the same numbers.
//!
//! Every benchmark is measured on the table as written (the walk-away values of the scenario file, as
//! `redline analyze` measures them), so that groups who played the same table with different seeds are
//! judged by the same yardstick; each seat also shows the walk-away value its own game ended with.

pub mod evidence;
pub mod html;
pub mod svg;
pub mod text;
pub mod versus;

use std::sync::Arc;

use serde::Serialize;

use crate::replay::{Replay, ReplayError};
use crate::sim::analysis::frontier::{kalai_smorodinsky, nash};
use crate::sim::analysis::{Parties, pareto_frontier, point_package, present_walk_away, signable};
use crate::sim::command::Seat;
use crate::sim::issue::Package;
use crate::sim::outcome::Outcome;
use crate::sim::rules::apply;
use crate::sim::scenario::Scenario;
use crate::sim::table::{Controllers, TableState};
use crate::sim::transcript::{Event, Transcript};

pub use evidence::{Question, RedLineTest, TurningPoint};
pub use versus::Versus;

/// The most history packages a chart marks (a loose history pattern can match many).
const MAX_HISTORY_POINTS: usize = 64;

/// Everything the debrief of one finished game shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    /// The scenario's id.
    pub scenario: String,
    /// Its title.
    pub title: String,
    /// The seed the game was played with.
    pub seed: u64,
    /// The delegations' names, by seat.
    pub delegations: Vec<String>,
    /// The delegations' colours, by seat.
    pub colours: Vec<[u8; 3]>,
    /// The seats people played (names; "the mediator" for the chair), empty for an AI-only game.
    pub people: Vec<String>,
    /// Rounds played.
    pub rounds: u32,
    /// Rounds the clock allowed.
    pub of_rounds: u32,
    /// `agreement`, `partial_agreement`, `deadlock` or `walkout` (`unfinished` for a game not over).
    pub outcome: String,
    /// The ending itself.
    #[serde(skip)]
    pub ending: Option<Outcome>,
    /// "Agreement", "Partial agreement", "Deadlock" or "Walkout".
    pub heading: String,
    /// The outcome in a short paragraph.
    pub text: String,
    /// What was agreed, issue by issue; none when nothing was.
    pub deal: Option<String>,
    /// The outcome in a phrase: "a partial agreement on the prisoner exchange and the follow-up", "deadlock".
    pub reached: String,
    /// Each delegation's result, by seat.
    pub seats: Vec<SeatResult>,
    /// The deal against the fair benchmarks.
    pub fairness: Fairness,
    /// Every proposal tabled, in order, valued to every delegation.
    pub proposals: Vec<ProposalPoint>,
    /// Tension, patience and trust at the start and at the end of every round.
    pub meters: Vec<Meters>,
    /// What happened when: scheduled news, warnings, recesses, walkouts.
    pub marks: Vec<Mark>,
    /// The red lines that were tested: who proposed across whose line, when.
    pub red_lines: Vec<RedLineTest>,
    /// The turning points: the proposal that moved most, warnings, the last offer before a walkout.
    pub turning_points: Vec<TurningPoint>,
    /// What happened in history and whether this game ended so; none for a fictional table.
    pub history: Option<HistoryNote>,
    /// Questions for the discussion, each beside the evidence it asks about.
    pub questions: Vec<Question>,
}

/// How the game ended for one delegation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatResult {
    /// The delegation's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether a person played it.
    pub person: bool,
    /// What the outcome is worth to it, 0..1 (its walk-away value as written when nothing was agreed).
    pub value: f64,
    /// Its walk-away value as the scenario writes it: the yardstick for every group.
    pub walk_away: f64,
    /// Its walk-away value at the end of this game (the seed and the news move it).
    pub walk_away_here: f64,
    /// Value minus walk-away as written.
    pub gain: f64,
    /// The best package for it that every delegation could sign, if any.
    pub best: Option<f64>,
    /// Where the deal sits between its walk-away (0) and its best signable package (1); none when nothing is
    /// signable or its best is no better than walking away.
    pub share: Option<f64>,
    /// Whether it accepted the deal (under a ratification rule some may be outvoted); none without a deal.
    pub signed: Option<bool>,
    /// Whether it left the talks.
    pub left: bool,
}

/// A point of the utility space: a package and what it is worth to every delegation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// The package in words.
    pub package: String,
    /// The package itself.
    #[serde(skip)]
    pub terms: Package,
    /// What it is worth to each delegation, by seat, 0..1.
    pub values: Vec<f64>,
}

/// The deal against the benchmarks of the table as written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fairness {
    /// The deal's point (every walk-away value when nothing was agreed).
    pub deal: Vec<f64>,
    /// Every walk-away value as written, by seat.
    pub walk_away: Vec<f64>,
    /// Every package that settles something and that every delegation could sign, by seat values.
    pub signable: Vec<Vec<f64>>,
    /// The Pareto frontier of those: none better for one without being worse for another.
    pub frontier: Vec<Vec<f64>>,
    /// The Nash bargaining point: the largest product of gains over walking away.
    pub nash: Option<Point>,
    /// The Kalai–Smorodinsky point: gains in proportion to each side's best.
    pub kalai_smorodinsky: Option<Point>,
    /// The packages that agree with history, by seat values (at most 64).
    pub history: Vec<Vec<f64>>,
    /// A signable package every delegation likes at least as well as the deal and one better, with the most
    /// for the one who gains least; none when the deal is on the frontier (or nothing is signable).
    pub better: Option<Point>,
    /// Distance from the deal to the Nash point, in points of 100 (straight-line, over every seat).
    pub to_nash: Option<f64>,
    /// The verdict in words a student understands.
    pub words: Vec<String>,
}

/// One proposal, valued to every delegation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposalPoint {
    /// The proposal's number.
    pub id: u32,
    /// The round it was tabled in.
    pub round: u32,
    /// Who tabled it: a delegation's seat, or none for the mediator.
    pub seat: Option<usize>,
    /// Its author's name.
    pub author: String,
    /// The package in words.
    pub package: String,
    /// The package itself.
    #[serde(skip)]
    pub terms: Package,
    /// What it is worth to each delegation, by seat.
    pub values: Vec<f64>,
    /// The delegations whose red lines it crosses, by seat.
    pub crosses: Vec<usize>,
}

/// The room at one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meters {
    /// The round that had just ended (0: as the table opened).
    pub round: u32,
    /// Tension in the room, 0..1.
    pub tension: f64,
    /// Each delegation's patience, by seat.
    pub patience: Vec<f64>,
    /// Each delegation's trust in the other delegations, on average, by seat.
    pub trust: Vec<f64>,
}

/// Something marked on the charts' time line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mark {
    /// The round it happened in.
    pub round: u32,
    /// `news`, `warning`, `threat`, `recess` or `walkout`.
    pub kind: String,
    /// What happened, in a phrase.
    pub text: String,
}

/// What happened in history, against this game.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryNote {
    /// What happened, as the scenario tells it.
    pub text: String,
    /// Whether this game ended as history did.
    pub matched: bool,
}

impl HistoryNote {
    /// "In history: … This table ended as history did." (or "differently").
    pub fn sentence(&self) -> String {
        crate::sim::scenario::History::told(&self.text, self.matched)
    }
}

/// Builds the debrief of a finished (or stopped) game from its transcript. `people` are the seats people
/// played.
pub fn debrief(s: &Scenario, seed: u64, transcript: &Transcript, people: &[Seat]) -> Debrief {
    let n = s.delegations.len();
    let outcome = transcript.outcome();
    let package = outcome.and_then(|o| o.package());
    let (meters, final_state) = meters(s, seed, transcript);
    let rounds = final_state.round;
    let ratified: Option<Vec<usize>> = transcript.events.iter().rev().find_map(|e| match e {
        Event::Ratified { seats } => Some(seats.clone()),
        _ => None,
    });
    // The signable packages are found once, for the benchmarks and each seat's best.
    let fairness = fairness(s, package);
    let seats: Vec<SeatResult> = s
        .delegations
        .iter()
        .enumerate()
        .map(|(d, del)| {
            let value = package.map_or(del.walk_away, |p| del.utility(p));
            let best = fairness
                .signable
                .iter()
                .map(|v| v[d])
                .fold(None, |m: Option<f64>, u| Some(m.map_or(u, |m| m.max(u))));
            let share = best
                .filter(|b| *b > del.walk_away + 1e-9)
                .map(|b| (value - del.walk_away) / (b - del.walk_away));
            let left = final_state.seats.get(d).is_some_and(|x| x.presence.left);
            SeatResult {
                id: del.id.clone(),
                name: del.name.clone(),
                person: people.contains(&Seat::Delegation(d)),
                value,
                walk_away: del.walk_away,
                walk_away_here: final_state.seats.get(d).map_or(del.walk_away, |x| x.walk_away),
                gain: value - del.walk_away,
                best,
                share,
                signed: package.map(|_| ratified.as_ref().is_none_or(|r| r.contains(&d)) && !left),
                left,
            }
        })
        .collect();
    let proposals = proposals(s, transcript);
    let marks = evidence::marks(s, transcript);
    let red_lines = evidence::red_lines(s, &proposals);
    let turning_points = evidence::turning_points(s, transcript, &proposals);
    let history = s.history.as_ref().map(|h| HistoryNote {
        text: h.text.clone(),
        matched: h.matches(package),
    });
    let mut out = Debrief {
        scenario: s.id.clone(),
        title: s.title.clone(),
        seed,
        delegations: s.delegations.iter().map(|d| d.name.clone()).collect(),
        colours: s.delegations.iter().map(|d| d.colour).collect(),
        people: people
            .iter()
            .map(|&seat| crate::play::lookup::seat_name(s, seat).to_string())
            .collect(),
        rounds,
        // The session's length as the facilitator left it, if the clock was moved.
        of_rounds: crate::sim::transcript::Reader::after(s, &transcript.events).rounds,
        outcome: outcome.map_or("unfinished", |o| o.kind()).into(),
        ending: outcome,
        heading: heading(outcome).into(),
        text: outcome.map_or_else(
            || format!("The game stopped in round {rounds} before the talks ended."),
            |o| o.describe(s, rounds),
        ),
        deal: package.map(|p| s.describe(p)),
        reached: reached(s, outcome),
        seats,
        fairness,
        proposals,
        meters,
        marks,
        red_lines,
        turning_points,
        history,
        questions: Vec::new(),
    };
    debug_assert_eq!(out.seats.len(), n);
    out.questions = evidence::questions(s, &out);
    out
}

/// The debrief of a recorded game: its Commands played again (or, where this build plays them differently,
/// the game as recorded).
/// Returns the debrief, the scenario, and a note when the recording had to be shown as recorded.
pub fn of_replay(replay: &Replay, file: &str) -> Result<(Debrief, Arc<Scenario>, Option<String>), ReplayError> {
    let (game, _, note) = crate::replay::play_back_or_as_recorded(replay, file, None)?;
    let people = crate::play::saves::person_seats(replay);
    Ok((
        debrief(&game.scenario, game.seed, game.transcript(), &people),
        game.scenario.clone(),
        note,
    ))
}

/// "Agreement", "Partial agreement", "Deadlock" or "Walkout" (or "Unfinished").
pub fn heading(outcome: Option<Outcome>) -> &'static str {
    outcome.map_or("Unfinished", |o| o.heading())
}

/// The outcome in a phrase: "a partial agreement on Prisoner exchange and Follow-up talks", "deadlock",
/// "a walkout by Russia".
pub fn reached(s: &Scenario, outcome: Option<Outcome>) -> String {
    match outcome {
        Some(Outcome::Agreement { .. }) => "a full agreement".into(),
        Some(Outcome::PartialAgreement { package, .. }) => format!(
            "a partial agreement on {}",
            crate::sim::outcome::names(s.settled(package).map(|(issue, _)| issue.name.as_str()))
        ),
        Some(Outcome::Deadlock) => "deadlock".into(),
        Some(Outcome::Walkout { seat }) => format!("a walkout by {}", s.delegations[seat].name),
        None => "no ending yet".into(),
    }
}

/// The room followed event by event on a freshly seated table: noted as it opened and at the end of every
/// round. The debrief reads a whole transcript through it; the window's meters follow a game as it is played.
#[derive(Debug, Clone)]
pub struct RoomLog {
    state: TableState,
    open: bool,
    ended: Vec<Meters>,
}

impl RoomLog {
    /// The room as the table opens with `seed`.
    pub fn new(s: &Scenario, seed: u64) -> RoomLog {
        let (state, _) = TableState::seated(s, seed, &Controllers::default());
        let ended = vec![note(&state, 0)];
        RoomLog {
            state,
            open: false,
            ended,
        }
    }

    /// Applies the next events, noting the room at the end of each round among them.
    pub fn follow(&mut self, events: &[Event]) {
        for event in events {
            apply(&mut self.state, event);
            match event {
                Event::RoundStarted { .. } => self.open = true,
                Event::RoundEnded { round, .. } => {
                    self.ended.push(note(&self.state, *round));
                    self.open = false;
                }
                _ => {}
            }
        }
    }

    /// The notes so far: the opening, every round ended, and the round under way, if one is.
    pub fn notes(&self) -> Vec<Meters> {
        let mut out = self.ended.clone();
        if self.open {
            out.push(note(&self.state, self.state.round));
        }
        out
    }
}

/// Replays the transcript's Events on a freshly seated table, noting the room as it opened and at the end of
/// every round; returns the notes and the state at the end.
fn meters(s: &Scenario, seed: u64, transcript: &Transcript) -> (Vec<Meters>, TableState) {
    let mut log = RoomLog::new(s, seed);
    log.follow(&transcript.events);
    (log.notes(), log.state)
}

fn note(state: &TableState, round: u32) -> Meters {
    let n = state.seats.len();
    Meters {
        round,
        tension: state.tension,
        patience: state.seats.iter().map(|x| x.patience).collect(),
        trust: state
            .seats
            .iter()
            .enumerate()
            .map(|(d, x)| {
                let others: Vec<f64> = (0..n)
                    .filter(|&e| e != d)
                    .filter_map(|e| x.trust.get(e).copied())
                    .collect();
                if others.is_empty() {
                    0.0
                } else {
                    others.iter().sum::<f64>() / others.len() as f64
                }
            })
            .collect(),
    }
}

fn values(s: &Scenario, package: Package) -> Vec<f64> {
    s.delegations.iter().map(|d| d.utility(package)).collect()
}

/// Every proposal tabled, in the order tabled.
fn proposals(s: &Scenario, transcript: &Transcript) -> Vec<ProposalPoint> {
    transcript
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Proposed { proposal } => Some(proposal),
            _ => None,
        })
        .map(|p| {
            let seat = match p.author {
                Seat::Delegation(d) => Some(d),
                Seat::Mediator | Seat::Facilitator => None,
            };
            ProposalPoint {
                id: p.id,
                round: p.round,
                seat,
                author: crate::play::lookup::seat_name(s, p.author).to_string(),
                package: s.describe(p.package),
                terms: p.package,
                values: values(s, p.package),
                crosses: (0..s.delegations.len())
                    .filter(|&d| s.delegations[d].crossed(p.package).is_some())
                    .collect(),
            }
        })
        .collect()
}

/// The deal against the frontier, the Nash and Kalai–Smorodinsky points and history.
fn fairness(s: &Scenario, package: Option<Package>) -> Fairness {
    let parties = Parties::all(s);
    let walk = present_walk_away(&parties);
    let deal = package.map_or_else(|| walk.clone(), |p| values(s, p));
    let all = signable(s, &parties);
    let front = pareto_frontier(s, &parties);
    let at = |k: usize| Point {
        package: s.describe(s.space.packages[k]),
        terms: s.space.packages[k],
        values: (0..s.delegations.len()).map(|d| s.space.utility[d][k]).collect(),
    };
    let nash = point_package(&front, nash(&front, &walk)).map(at);
    let kalai_smorodinsky = point_package(&front, kalai_smorodinsky(&front, &walk)).map(at);
    let history = s.history.as_ref().map_or_else(Vec::new, |h| {
        s.space
            .packages
            .iter()
            .enumerate()
            .filter(|&(_, &p)| h.matches(Some(p)))
            .take(MAX_HISTORY_POINTS)
            .map(|(k, _)| at(k).values)
            .collect()
    });
    // The signable package that improves on the deal for everyone, by the most for the one who gains least.
    let mut better: Option<(f64, usize)> = None;
    for i in 0..all.len() {
        let u = all.point(i);
        let worse = u.iter().zip(&deal).any(|(a, b)| a + 1e-9 < *b);
        let gain = u.iter().zip(&deal).map(|(a, b)| a - b).fold(f64::INFINITY, f64::min);
        let some_better = u.iter().zip(&deal).any(|(a, b)| *a > b + 1e-9);
        if !worse && some_better && better.is_none_or(|(g, _)| gain > g + 1e-12) {
            better = Some((gain, all.outcome[i] as usize));
        }
    }
    let better = better.map(|(_, k)| at(k));
    let to_nash = nash.as_ref().map(|p| {
        p.values
            .iter()
            .zip(&deal)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f64>()
            .sqrt()
            * 100.0
    });
    let mut f = Fairness {
        signable: (0..all.len()).map(|i| all.point(i).to_vec()).collect(),
        frontier: (0..front.len()).map(|i| front.point(i).to_vec()).collect(),
        deal,
        walk_away: walk,
        nash,
        kalai_smorodinsky,
        history,
        better,
        to_nash,
        words: Vec::new(),
    };
    f.words = fairness_words(s, package, &f);
    f
}

/// Points of 100, signed: "+12", "-3", "0".
pub fn signed(x: f64) -> String {
    let p = (x * 100.0).round();
    if p > 0.0 {
        format!("+{p:.0}")
    } else if p < 0.0 {
        format!("{p:.0}")
    } else {
        "0".into()
    }
}

/// What `to` settles differently from `from`, issue by issue: "Ceasefire: a 30-day ceasefire (instead of left
/// open); Further talks: …". Issues both settle alike are left out.
pub fn changes(s: &Scenario, from: Package, to: Package) -> String {
    let text = |i: usize, c: Option<usize>| c.map_or("left open".to_string(), |o| s.issues[i].options[o].text.clone());
    let parts: Vec<String> = (0..s.issues.len())
        .filter(|&i| from.choice(i) != to.choice(i))
        .map(|i| {
            format!(
                "{}: {} (instead of {})",
                s.issues[i].name,
                text(i, to.choice(i)),
                text(i, from.choice(i))
            )
        })
        .collect();
    if parts.is_empty() {
        "the same package".into()
    } else {
        parts.join("; ")
    }
}

fn fairness_words(s: &Scenario, deal: Option<Package>, f: &Fairness) -> Vec<String> {
    let agreed = deal.is_some();
    // A package in words: against the deal, only what differs; with no deal, everything it settles.
    let say = |p: &Point| match deal {
        Some(d) => format!("this deal with {}", changes(s, d, p.terms)),
        None => p.package.clone(),
    };
    let pct = crate::sim::transcript::pct;
    let names: Vec<&str> = s.delegations.iter().map(|d| d.name.as_str()).collect();
    let each = |values: &[f64], against: &[f64]| {
        names
            .iter()
            .zip(values.iter().zip(against))
            .map(|(n, (v, a))| format!("{n} {} ({})", pct(*v), signed(v - a)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut words = Vec::new();
    if f.signable.is_empty() {
        words.push(
            "No package settles anything that every delegation could sign at its walk-away value as written: \
             on this table, a deal for all needs someone to move a red line or accept less than walking away."
                .into(),
        );
        return words;
    }
    match &f.better {
        Some(b) if agreed => words.push(format!(
            "There was a deal every side preferred: {}. Against this deal: {}.",
            say(b),
            each(&b.values, &f.deal)
        )),
        Some(b) => words.push(format!(
            "Nothing was agreed, yet there was a deal every side preferred to walking away: {}. Against walking \
             away: {}.",
            say(b),
            each(&b.values, &f.deal)
        )),
        None if agreed => words.push(
            "The deal is on the frontier: no package every side could sign was better for one side without being \
             worse for another."
                .into(),
        ),
        None => words.push("No package every side could sign was better for all of them than walking away.".into()),
    }
    if let (Some(n), Some(d)) = (&f.nash, f.to_nash) {
        if d < 0.5 || deal == Some(n.terms) {
            words.push(
                "This deal is the Nash point, the package that makes the product of everyone's gains over walking \
                 away largest."
                    .into(),
            );
        } else {
            words.push(format!(
                "The Nash point, the package that makes the product of everyone's gains over walking away largest, \
                 is {}: {}. This deal is {d:.0} points from it.",
                say(n),
                each(&n.values, &f.deal)
            ));
        }
    }
    if let Some(k) = &f.kalai_smorodinsky
        && f.nash.as_ref().is_none_or(|n| n.package != k.package)
    {
        words.push(format!(
            "The Kalai–Smorodinsky point, which gives each side the same share of its best possible gain, is {}: {}.",
            say(k),
            each(&k.values, &f.deal)
        ));
    }
    words
}
