//! Read-models: what a seat is shown, built from the scenario and the table's state (which itself is
//! built only by applying Events). The window draws these with egui and the terminal prints them; neither
//! builds its own. A view for a delegation never holds another seat's brief or private numbers.

use crate::sim::analysis::Parties;
use crate::sim::command::Seat;
use crate::sim::delegation::Controller;
use crate::sim::issue::Package;
use crate::sim::mediator::{Draft, draft};
use crate::sim::scenario::{MediatorStrategy, Scenario};
use crate::sim::table::TableState;
use crate::sim::turn::Phase;

use super::lookup::{presence_words, seat_name};

pub use crate::sim::transcript::pct;

/// What a package is worth to one delegation, and which of its red lines it crosses.
#[derive(Debug, Clone, PartialEq)]
pub struct Valued {
    /// The delegation's seat number.
    pub seat: usize,
    /// Its name.
    pub name: String,
    /// What the package is worth to it, 0..1.
    pub value: f64,
    /// Its walk-away value now.
    pub walk_away: f64,
    /// Every red line of its that the package crosses, in its own words.
    pub crossed: Vec<String>,
}

impl Valued {
    /// Whether the delegation could sign it and would gain over walking away.
    pub fn good(&self) -> bool {
        self.crossed.is_empty() && self.value >= self.walk_away
    }
}

/// What `package` is worth to the seats `viewer` may see: its own delegation only, or every delegation for
/// the mediator's chair and for someone watching.
pub fn worth(s: &Scenario, state: &TableState, viewer: Option<Seat>, package: Package) -> Vec<Valued> {
    let value = |d: usize| {
        let del = &s.delegations[d];
        Valued {
            seat: d,
            name: del.name.clone(),
            value: del.utility(package),
            walk_away: state.seats.get(d).map_or(del.walk_away, |x| x.walk_away),
            crossed: del.all_crossed(package).map(|l| l.why.to_string()).collect(),
        }
    };
    match viewer {
        Some(Seat::Delegation(d)) if d < s.delegations.len() => vec![value(d)],
        _ => (0..s.delegations.len()).map(value).collect(),
    }
}

/// One issue of a delegation's brief.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueBrief {
    /// The issue's name.
    pub name: String,
    /// The issue's id, as the scenario file and the terminal's commands spell it.
    pub id: String,
    /// How much it matters, 0..1 (the weights sum to 1).
    pub weight: f64,
    /// The option asked for: its text and id.
    pub ask: (String, String),
    /// What leaving it open means, and its value.
    pub open: (String, f64),
    /// Every option: text, id, value.
    pub options: Vec<(String, String, f64)>,
}

/// A delegation's private brief.
#[derive(Debug, Clone, PartialEq)]
pub struct DelegationBrief {
    /// The delegation's name.
    pub name: String,
    /// The delegation's name in its own language, if the scenario gives one.
    pub native: Option<String>,
    /// The people at the table: "name (native), role".
    pub delegates: Vec<String>,
    /// Every issue on the table, with what the delegation asks and what each option is worth to it.
    pub issues: Vec<IssueBrief>,
    /// Each red line: its words, then what it rules out.
    pub red_lines: Vec<(String, String)>,
    /// Its walk-away value now, 0..1: a deal worth less is worse than no deal.
    pub walk_away: f64,
    /// How much more frustration it can bear, 0..1; at 0 it walks out.
    pub patience: f64,
    /// Trust towards every other seat, by name.
    pub trust: Vec<(String, f64)>,
}

/// What the mediator's chair knows of one delegation.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyNotes {
    /// The delegation's seat number.
    pub seat: usize,
    /// The delegation's name.
    pub name: String,
    /// Its walk-away value now, 0..1.
    pub walk_away: f64,
    /// How much more frustration it can bear, 0..1; at 0 it walks out.
    pub patience: f64,
    /// Whether it has left or warned it may leave, in words; none while it sits as usual.
    pub presence: Option<&'static str>,
    /// How the AI plays it, when the AI does.
    pub ai: Option<String>,
    /// What it asks on each issue: issue name and id, option text and id.
    pub asks: Vec<(String, String, String, String)>,
    /// Its red lines, in its own words.
    pub red_lines: Vec<String>,
}

/// The mediator's chair's brief: it hears every side in private.
#[derive(Debug, Clone, PartialEq)]
pub struct MediatorBrief {
    /// The mediator's name (the state or body that holds the chair).
    pub name: String,
    /// Who holds the chair.
    pub chair: Option<String>,
    /// What the chair knows of each delegation, in seat order.
    pub parties: Vec<PartyNotes>,
    /// How the AI drafts, when the AI holds the chair.
    pub ai: Option<&'static str>,
}

/// A seat's brief.
#[derive(Debug, Clone, PartialEq)]
pub enum Brief {
    /// A delegation's own brief.
    Delegation(DelegationBrief),
    /// The mediator's desk, also shown to someone watching.
    Mediator(MediatorBrief),
}

/// The brief for `viewer`: a delegation's own, or the mediator's desk (also shown to someone watching).
pub fn brief(s: &Scenario, state: &TableState, viewer: Option<Seat>) -> Brief {
    let n = s.delegations.len();
    match viewer {
        Some(Seat::Delegation(d)) if d < n => {
            let del = &s.delegations[d];
            let seat = &state.seats[d];
            Brief::Delegation(DelegationBrief {
                name: del.name.clone(),
                native: del.native.clone(),
                delegates: del
                    .delegates
                    .iter()
                    .map(|p| {
                        let native = p.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                        format!("{}{native}, {}", p.name, p.role)
                    })
                    .collect(),
                issues: s
                    .issues
                    .iter()
                    .enumerate()
                    .map(|(i, issue)| {
                        let ask = &issue.options[del.demands[i]];
                        IssueBrief {
                            name: issue.name.clone(),
                            id: issue.id.clone(),
                            weight: del.weights[i],
                            ask: (ask.text.clone(), ask.id.clone()),
                            open: (issue.open.clone(), del.values[i][0]),
                            options: issue
                                .options
                                .iter()
                                .enumerate()
                                .map(|(o, opt)| (with_terms(s, i, o), opt.id.clone(), del.values[i][o + 1]))
                                .collect(),
                        }
                    })
                    .collect(),
                red_lines: del
                    .red_lines
                    .iter()
                    .map(|l| (l.why.to_string(), l.describe(&s.issues)))
                    .collect(),
                walk_away: seat.walk_away,
                patience: seat.patience,
                trust: (0..=n)
                    .filter(|&o| o != d)
                    .map(|o| {
                        let who = if o == n { Seat::Mediator } else { Seat::Delegation(o) };
                        (seat_name(s, who).to_string(), seat.trust.get(o).copied().unwrap_or(0.0))
                    })
                    .collect(),
            })
        }
        _ => Brief::Mediator(MediatorBrief {
            name: s.mediator.name.clone(),
            chair: s.mediator.delegates.first().map(|p| p.name.clone()),
            parties: s
                .delegations
                .iter()
                .enumerate()
                .map(|(d, del)| PartyNotes {
                    seat: d,
                    name: del.name.clone(),
                    walk_away: state.seats[d].walk_away,
                    patience: state.seats[d].patience,
                    presence: presence_words(state.seats[d].presence),
                    ai: ai_label(state, Seat::Delegation(d)),
                    asks: s
                        .issues
                        .iter()
                        .enumerate()
                        .map(|(i, issue)| {
                            let o = &issue.options[del.demands[i]];
                            (issue.name.clone(), issue.id.clone(), o.text.clone(), o.id.clone())
                        })
                        .collect(),
                    red_lines: del.red_lines.iter().map(|l| l.why.to_string()).collect(),
                })
                .collect(),
            ai: (state.controllers.of(Seat::Mediator) == Controller::Ai).then(|| state.mediator_strategy.label()),
        }),
    }
}

/// How the AI plays `seat`, or `None` when a person does.
fn ai_label(state: &TableState, seat: Seat) -> Option<String> {
    if state.controllers.of(seat) == Controller::Human {
        return None;
    }
    Some(match seat {
        Seat::Delegation(d) => state.strategies.get(d).map(|x| x.label()).unwrap_or_default(),
        Seat::Mediator => state.mediator_strategy.label().to_string(),
        Seat::Facilitator => return None,
    })
}

/// What the mediator's desk drafts by `strategy` for the parties at the table now.
pub fn desk(s: &Scenario, state: &TableState, strategy: MediatorStrategy) -> Draft {
    draft(strategy, s, &Parties::of(state), state)
}

/// A proposal on the table, as a seat sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct ProposalView {
    /// The proposal's number, as players accept, reject or counter it.
    pub id: u32,
    /// The seat that tabled it.
    pub author: Seat,
    /// The name of the seat that tabled it.
    pub author_name: String,
    /// The package: an option for each issue it settles, the others left open.
    pub package: Package,
    /// The issues it settles: issue name, option text.
    pub settled: Vec<(String, String)>,
    /// The whole package in one line.
    pub text: String,
    /// The mediator's reasons (empty for a delegation's proposal).
    pub explanation: Vec<String>,
    /// What it is worth to the seats the viewer may see.
    pub worth: Vec<Valued>,
    /// Who has answered it, by name, and whether they accepted (true) or rejected it.
    pub answers: Vec<(String, bool)>,
}

/// One seat in the table summary.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatLine {
    /// The seat this line is about.
    pub seat: Seat,
    /// The seat's name.
    pub name: String,
    /// Whether this is the viewer's own seat.
    pub you: bool,
    /// How the AI plays it, when the AI does.
    pub ai: Option<String>,
    /// Whether it has left or warned it may leave, in words; none while it sits as usual.
    pub presence: Option<&'static str>,
}

/// Where the talks stand: the clock, the phase, the mood, the seats and the proposals.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The round the talks are in (0 before they open).
    pub round: u32,
    /// How many rounds the session has before time runs out.
    pub rounds: u32,
    /// The clock time the round stands at.
    pub time: String,
    /// The phase of the round.
    pub phase: Phase,
    /// How tense the room is, 0 (calm) to 1 (explosive).
    pub tension: f64,
    /// Every seat, delegations in seat order then the mediator.
    pub seats: Vec<SeatLine>,
    /// The proposals standing this round.
    pub proposals: Vec<ProposalView>,
}

/// The table as `viewer` sees it now.
pub fn summary(s: &Scenario, state: &TableState, viewer: Option<Seat>) -> Summary {
    let seats = (0..s.delegations.len())
        .map(Seat::Delegation)
        .chain(std::iter::once(Seat::Mediator))
        .map(|seat| SeatLine {
            seat,
            name: seat_name(s, seat).to_string(),
            you: viewer == Some(seat),
            ai: ai_label(state, seat),
            presence: match seat {
                Seat::Delegation(d) => presence_words(state.seats[d].presence),
                Seat::Mediator | Seat::Facilitator => None,
            },
        })
        .collect();
    Summary {
        round: state.round,
        rounds: state.rounds,
        time: s.clock.time_at(state.round),
        phase: state.phase,
        tension: state.tension,
        seats,
        proposals: state
            .proposals
            .iter()
            .map(|p| ProposalView {
                id: p.id,
                author: p.author,
                author_name: seat_name(s, p.author).to_string(),
                package: p.package,
                settled: s
                    .settled(p.package)
                    .map(|(i, o)| (i.name.clone(), o.text.clone()))
                    .collect(),
                text: s.describe(p.package),
                explanation: p.explanation.to_vec(),
                worth: worth(s, state, viewer, p.package),
                answers: (0..s.delegations.len())
                    .filter_map(|d| {
                        state
                            .answers
                            .get(&(p.id, d))
                            .map(|a| (s.delegations[d].name.clone(), *a))
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// How a game ended for one delegation.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatResult {
    /// The delegation's name.
    pub name: String,
    /// What the outcome is worth to it (its walk-away value when nothing was agreed).
    pub got: f64,
    /// Its walk-away value at the end, 0..1.
    pub walk_away: f64,
    /// Better, no better, or worse than walking away.
    pub verdict: &'static str,
}

/// How the talks ended, and what it means for the viewer's seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Aftermath {
    /// "Agreement", "Partial agreement", "Deadlock" or "Walkout".
    pub heading: &'static str,
    /// The outcome in a short paragraph.
    pub text: String,
    /// The result for each delegation the viewer may see.
    pub results: Vec<SeatResult>,
    /// What happened in history and whether the table ended so, where the scenario records it: kept out
    /// of the opening and told here, at the end.
    pub history: Option<String>,
}

/// The aftermath of a finished table, or `None` while it goes on.
pub fn aftermath(s: &Scenario, state: &TableState, viewer: Option<Seat>) -> Option<Aftermath> {
    let outcome = state.outcome?;
    let heading = outcome.heading();
    let seats: Vec<usize> = match viewer {
        Some(Seat::Delegation(d)) => vec![d],
        _ => (0..s.delegations.len()).collect(),
    };
    let results = seats
        .into_iter()
        .filter_map(|d| {
            let del = s.delegations.get(d)?;
            let walk_away = state.seats.get(d).map_or(del.walk_away, |x| x.walk_away);
            let got = outcome.package().map_or(walk_away, |p| del.utility(p));
            let verdict = if got > walk_away + 1e-9 {
                "better than walking away"
            } else if (got - walk_away).abs() <= 1e-9 {
                "no better than walking away"
            } else {
                "worse than walking away"
            };
            Some(SeatResult {
                name: del.name.clone(),
                got,
                walk_away,
                verdict,
            })
        })
        .collect();
    let history = s.history.as_ref().map(|h| h.sentence(outcome.package()));
    Some(Aftermath {
        heading,
        text: outcome.describe(s, state.round),
        results,
        history,
    })
}

/// An option's text, with the terms it exists only with, if any: "… (only with Issue settled at "A")".
fn with_terms(s: &Scenario, issue: usize, option: usize) -> String {
    let text = &s.issues[issue].options[option].text;
    match crate::sim::issue::term_needs(&s.issues, issue, option) {
        Some(needs) => format!("{text} (only with {needs})"),
        None => text.clone(),
    }
}
