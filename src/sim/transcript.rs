//! The transcript: the ordered Event log of a table, a state hash per round, and how it reads aloud.

use std::fmt::Write as _;

use bevy::prelude::*;

use super::command::{Reason, Seat};
use super::delegation::Controller;
use super::outcome::Outcome;
use super::scenario::{Effect, Scenario};

pub use super::event::{Event, Proposal};

/// A table's Event log.
#[derive(Component, Debug, Clone, Default, PartialEq)]
pub struct Transcript {
    /// Every Event of the table, in the order it was applied.
    pub events: Vec<Event>,
}

impl Transcript {
    /// The state hash at the end of each round, in order.
    pub fn round_hashes(&self) -> Vec<u64> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::RoundEnded { hash, .. } => Some(*hash),
                _ => None,
            })
            .collect()
    }

    /// The state hash at the end of the last round played, if a round has ended.
    pub fn last_round_hash(&self) -> Option<u64> {
        self.events.iter().rev().find_map(|e| match e {
            Event::RoundEnded { hash, .. } => Some(*hash),
            _ => None,
        })
    }

    /// How the table ended, once it has.
    pub fn outcome(&self) -> Option<Outcome> {
        self.events.iter().rev().find_map(|e| match e {
            Event::Concluded { outcome } => Some(*outcome),
            _ => None,
        })
    }

    /// The transcript as text a teacher can read aloud, round by round.
    pub fn render(&self, scenario: &Scenario) -> String {
        let mut out = String::new();
        let mut reader = Reader::new(scenario);
        for event in &self.events {
            if let Some(line) = reader.line(scenario, event) {
                let _ = writeln!(out, "{line}");
            }
        }
        out
    }
}

/// Reads a table's Events in order as lines, keeping what a line needs from the Events before it: the round
/// under way, and the session's length (which the facilitator may change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    /// The round under way (0 before the talks open).
    pub round: u32,
    /// The rounds the session runs to.
    pub rounds: u32,
}

impl Reader {
    /// A reader at the start of a game of `scenario`.
    pub fn new(scenario: &Scenario) -> Reader {
        Reader {
            round: 0,
            rounds: scenario.clock.rounds,
        }
    }

    /// A reader that has read `events` already (without making their lines).
    pub fn after(scenario: &Scenario, events: &[Event]) -> Reader {
        let mut reader = Reader::new(scenario);
        events.iter().for_each(|e| reader.note(e));
        reader
    }

    fn note(&mut self, event: &Event) {
        match *event {
            Event::RoundStarted { round } => self.round = round,
            Event::ClockSet { rounds } => self.rounds = rounds,
            _ => {}
        }
    }

    /// The next Event as a line of text, or `None` for bookkeeping a reader does not need.
    pub fn line(&mut self, scenario: &Scenario, event: &Event) -> Option<String> {
        self.note(event);
        if let Event::RoundStarted { round } = event {
            return Some(format!(
                "\n== Round {round} of {} ({}) ==",
                self.rounds,
                scenario.clock.time_at(*round)
            ));
        }
        render_event(scenario, event, self.round)
    }
}

fn seat_name(scenario: &Scenario, seat: Seat) -> &str {
    match seat {
        Seat::Delegation(d) => &scenario.delegations[d].name,
        Seat::Mediator => &scenario.mediator.name,
        Seat::Facilitator => "The facilitator",
    }
}

/// A share from 0 to 1 as whole points of 100, the way the game shows every value.
pub fn pct(x: f64) -> String {
    format!("{:.0}", x * 100.0)
}

/// One event as a line of text, or `None` for bookkeeping a reader does not need. (A round's heading names
/// the scenario's length of session; [`Reader`] names the session's length as the facilitator left it.)
pub fn render_event(scenario: &Scenario, event: &Event, round: u32) -> Option<String> {
    let s = scenario;
    Some(match event {
        Event::Opened { seed } => format!("{}\n{}, {}. Seed {seed}.\n{}", s.title, s.place, s.date, s.summary),
        Event::RoundStarted { round } => format!(
            "\n== Round {round} of {} ({}) ==",
            s.clock.rounds,
            s.clock.time_at(*round)
        ),
        Event::PhaseStarted { .. } | Event::RoundEnded { .. } => return None,
        Event::Scheduled { index } => {
            let ev = &s.events[*index];
            let who = s.voice_name(ev.voice);
            format!("  [news] {who}: {} {}", sentence(&ev.headline), ev.text)
        }
        Event::Changed { effect } => match *effect {
            Effect::WalkAway { seat, change } => format!(
                "         {}'s walk-away value {} by {} points.",
                s.delegations[seat].name,
                if change >= 0.0 { "rises" } else { "falls" },
                pct(change.abs())
            ),
            Effect::Patience { seat, change } if change.abs() >= 0.005 => format!(
                "         {}'s patience {} by {} points.",
                s.delegations[seat].name,
                if change >= 0.0 { "recovers" } else { "wears" },
                pct(change.abs())
            ),
            Effect::Trust { from, towards, change } if change.abs() >= 0.005 => {
                let to = if towards == s.delegations.len() {
                    &s.mediator.name
                } else {
                    &s.delegations[towards].name
                };
                format!(
                    "         {}'s trust in {to} {} by {} points.",
                    s.delegations[from].name,
                    if change >= 0.0 { "grows" } else { "falls" },
                    pct(change.abs())
                )
            }
            Effect::Tension { change } if change.abs() >= 0.005 => {
                format!(
                    "         Tension {} by {} points.",
                    if change >= 0.0 { "rises" } else { "eases" },
                    pct(change.abs())
                )
            }
            _ => return None,
        },
        Event::Statement { seat, kind, text } => {
            format!("  {} ({}): \u{201c}{text}\u{201d}", seat_name(s, *seat), kind.label())
        }
        Event::Proposed { proposal } => {
            let mut line = match proposal.author {
                Seat::Mediator | Seat::Facilitator => format!(
                    "  {} proposes #{}: {}.",
                    s.mediator.name,
                    proposal.id,
                    s.describe(proposal.package)
                ),
                Seat::Delegation(d) => {
                    let counter = if proposal.round > round {
                        " (a counter-proposal, tabled for next round)"
                    } else {
                        ""
                    };
                    format!(
                        "  {} proposes #{}{counter}: {}.",
                        s.delegations[d].name,
                        proposal.id,
                        s.describe(proposal.package)
                    )
                }
            };
            // The short form: the first reason; the rest are one command (`why N`) or one click away.
            if let Some(why) = proposal.explanation.first() {
                let _ = write!(line, "\n      why: {why}");
                let more = proposal.explanation.len() - 1;
                if more > 0 {
                    let _ = write!(
                        line,
                        " [{more} more reason{}: `why {}`, or the card of #{}]",
                        if more == 1 { "" } else { "s" },
                        proposal.id,
                        proposal.id
                    );
                }
            }
            line
        }
        Event::Accepted { seat, proposal } => format!("  {} accepts #{proposal}.", s.delegations[*seat].name),
        Event::Rejected { seat, proposal, reason } => {
            let why = match reason {
                Reason::RedLine(w) => format!("it crosses a red line: {}", w.trim_end_matches('.')),
                // A delegation's words reveal its position, never its private numbers.
                Reason::BelowWalkAway { .. } => "it is worth less to us than no agreement at all".into(),
                Reason::AsksTooMuch { .. } => "it is still too far from what we need".into(),
                Reason::Said(text) if text.is_empty() => "no reason given".into(),
                Reason::Said(text) => text.trim_end_matches('.').to_string(),
            };
            format!("  {} rejects #{proposal}: {why}.", s.delegations[*seat].name)
        }
        Event::Passed { .. } => return None,
        Event::MediatorAsked { seat } => {
            format!(
                "  {} asks {} to table a proposal.",
                s.delegations[*seat].name, s.mediator.name
            )
        }
        Event::Recess { seat } => format!(
            "  Recess at the request of {}. Tempers cool.",
            s.delegations[*seat].name
        ),
        Event::WalkedOut { seat, reason } => format!("  {} walks out: {reason}", s.delegations[*seat].name),
        Event::Ratified { seats } => {
            let yes = crate::sim::outcome::names(seats.iter().map(|&d| s.delegations[d].name.as_str()));
            let others: Vec<&str> = (0..s.delegations.len())
                .filter(|d| !seats.contains(d))
                .map(|d| s.delegations[d].name.as_str())
                .collect();
            let mut line = format!("  Carried under the table's rule ({}): {yes} accept", s.rule_phrase());
            if !others.is_empty() {
                line += &format!("; {} do not", crate::sim::outcome::names(others.into_iter()));
            }
            line + "."
        }
        Event::Concluded { outcome } => format!("\n== Outcome ==\n{}", outcome.describe(s, round)),
        Event::StrategySet { seat, strategy } => format!(
            "  [AI] {} is now played as: {}.",
            s.delegations[*seat].name,
            strategy.label()
        ),
        Event::MediatorStrategySet { strategy } => {
            format!("  [AI] {} now drafts by: {}.", s.mediator.name, strategy.label())
        }
        Event::Controlled { seat, by } => format!(
            "  [seat] {} is now played by {}.",
            seat_name(s, *seat),
            match by {
                Controller::Human => "a person",
                Controller::Ai => "the AI",
            }
        ),
        Event::Paused => "  [facilitator] The facilitator pauses the talks.".into(),
        Event::Resumed => "  [facilitator] The facilitator resumes the talks.".into(),
        Event::Injected { index, headline } => match index.and_then(|i| s.injects.get(i)) {
            Some(inject) => format!(
                "  [facilitator] The facilitator injects: {}: {} {}",
                s.voice_name(inject.voice),
                sentence(&inject.headline),
                inject.text
            ),
            None => format!("  [facilitator] The facilitator injects: {headline}"),
        },
        Event::ClockSet { rounds } => {
            format!("  [facilitator] The facilitator sets the session to {rounds} rounds.")
        }
        Event::TakenOver { seat } => format!("  [facilitator] The facilitator takes over {}.", seat_title(s, *seat)),
        Event::HandedBack { seat } => format!(
            "  [facilitator] The facilitator hands {} back to the AI.",
            seat_title(s, *seat)
        ),
        Event::Ended => "  [facilitator] The facilitator ends the talks.".into(),
    })
}

/// A seat as the object of a sentence: "Ukraine's seat", "the mediator's chair (Türkiye)".
fn seat_title(scenario: &Scenario, seat: Seat) -> String {
    match seat {
        Seat::Delegation(d) => format!("{}'s seat", scenario.delegations[d].name),
        Seat::Mediator => format!("the mediator's chair ({})", scenario.mediator.name),
        Seat::Facilitator => "the facilitator's seat".into(),
    }
}

/// FNV-1a, 64-bit: a stable hash for replays (the standard library's may change between releases).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = StateHasher::new();
    h.bytes(bytes);
    h.finish()
}

/// Feeds a table's state into FNV-1a, field by field.
#[derive(Debug, Clone, Copy)]
pub struct StateHasher(u64);

impl Default for StateHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl StateHasher {
    /// A hasher at FNV-1a's starting value, with nothing fed in yet.
    pub fn new() -> Self {
        StateHasher(0xcbf2_9ce4_8422_2325)
    }
    /// Feeds raw bytes.
    pub fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    /// Feeds a whole number, as its eight little-endian bytes.
    pub fn u64(&mut self, x: u64) {
        self.bytes(&x.to_le_bytes());
    }
    /// Feeds a decimal number by its exact bits, so equal hashes mean identical values.
    pub fn f64(&mut self, x: f64) {
        self.u64(x.to_bits());
    }
    /// The hash of everything fed in so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

/// A headline closed as a sentence (a full stop added unless it ends in one), so the text after it reads apart.
fn sentence(headline: &str) -> String {
    let h = headline.trim_end();
    if h.ends_with(['.', '!', '?', '…', ':']) {
        h.to_string()
    } else if let Some(inner) = h.strip_suffix(['"', '”', '\'', '’']) {
        if inner.ends_with(['.', '!', '?', '…']) {
            h.to_string()
        } else {
            format!("{h}.")
        }
    } else {
        format!("{h}.")
    }
}
