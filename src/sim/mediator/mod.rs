//! The mediator's chair: when it tables a proposal, and which strategy drafts it (one file each).
//! Every strategy drafts from the packages every side can sign, trades across issues included, and gives
//! its reasons as claims ([`claim::Claim`]) that are rendered whole and can be checked against the analysis.

pub mod adjusted_winner;
pub mod claim;
pub mod confidence_building;
pub mod explain;
pub mod kalai_smorodinsky;
pub mod majority;
pub mod nash;
pub mod single_text;
pub mod split_the_difference;

use bevy::prelude::*;

use super::analysis::frontier::{Pick, Points};
use super::analysis::{Parties, pareto_frontier, present_walk_away, zopa};
use super::command::{Command, Lines, Seat, Text};
use super::delegation::{Controller, StatementKind};
use super::issue::Package;
use super::rules::MAX_STATEMENT;
use super::scenario::{MediatorStrategy, Scenario};
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::turn::awaits;
use claim::Claim;

/// A drafted proposal with its reasons rendered one per line (the first is the short form), or why there is none.
pub type Draft = Result<(Package, Vec<String>), String>;

/// A drafted proposal with its reasons as claims, or the claims that say why there is none.
pub type Reasoned = Result<(Package, Vec<Claim>), Vec<Claim>>;

/// Tables the point of the signable packages' frontier that `rule` picks, with the number of signable
/// packages and the frontier's size, the trades it makes, why each issue it leaves open stays open and each
/// side's gains: the method's `headline` first and its `reason` last.
fn frontier_point(
    s: &Scenario,
    parties: &Parties,
    rule: fn(&Points, &[f64]) -> Option<Pick>,
    say: impl Fn(Pick) -> (String, String),
) -> Reasoned {
    let front = pareto_frontier(s, parties);
    let Some(pick) = rule(&front, &present_walk_away(parties)) else {
        return Err(vec![claim::none_signable(s, parties)]);
    };
    let package = s.space.packages[front.outcome[pick.at] as usize];
    let (headline, reason) = say(pick);
    let mut why = vec![
        Claim::Method(headline),
        Claim::Signable {
            count: zopa(s, parties).len(),
            frontier: front.len(),
            chair: parties.chair,
        },
    ];
    why.extend(claim::trades(s, parties, package));
    why.extend(claim::left_open(s, parties, package));
    why.push(claim::gains(s, parties, package));
    why.push(Claim::Method(reason));
    Ok((package, why))
}

/// Drafts a proposal with `strategy` for the parties present, its reasons as claims.
pub fn reasoned(strategy: MediatorStrategy, s: &Scenario, parties: &Parties, state: &TableState) -> Reasoned {
    // The mediator counts and drafts only what it may table: every claim is of those packages.
    let parties = &parties.for_chair(s);
    let drafted = match strategy {
        MediatorStrategy::SplitTheDifference => split_the_difference::draft(s, parties),
        MediatorStrategy::NashBargaining => nash::draft(s, parties),
        MediatorStrategy::KalaiSmorodinsky => kalai_smorodinsky::draft(s, parties),
        MediatorStrategy::AdjustedWinner => adjusted_winner::draft(s, parties),
        MediatorStrategy::SingleNegotiatingText => single_text::draft(s, parties, state),
        MediatorStrategy::ConfidenceBuilding => confidence_building::draft(s, parties),
    };
    // Consensus first; where none is possible and the table has a ratification rule, a qualified majority.
    match drafted {
        Err(why) if s.ratification.is_some() => majority::draft(s, parties, why),
        drafted => drafted,
    }
}

/// Drafts a proposal with `strategy` for the parties present, its reasons in words: one per line, whole;
/// with no proposal, one statement short enough for the table.
pub fn draft(strategy: MediatorStrategy, s: &Scenario, parties: &Parties, state: &TableState) -> Draft {
    match reasoned(strategy, s, parties, state) {
        Ok((package, claims)) => Ok((package, claim::render_all(s, &claims))),
        Err(claims) => {
            let mut claims = claims;
            claims.push(Claim::Method("I table nothing this round.".into()));
            Err(claim::statement(s, &claims, MAX_STATEMENT))
        }
    }
}

/// The last draft a mediator made and what it was made from: a strategy that depends only on who is
/// present and their walk-away values drafts the same package again for the same inputs, so the draft is
/// reused (the single negotiating text, which also reads the table's history, is always drafted afresh).
#[derive(Component, Debug, Clone, Default)]
pub struct DraftMemo(Option<(MediatorStrategy, Vec<usize>, Vec<u64>, Shared)>);

/// A draft as the chair's move carries it: the package with its reasons shared, or the statement that says why
/// there is none.
type Shared = Result<(Package, Lines), Text>;

/// Drafts the AI mediator's move at every table whose mediation phase waits for it: in parallel, or in order
/// where the World runs on one thread ([`crate::sim::OneThread`]).
pub fn decide(
    mut mediators: Query<(&AtTable, &mut Outbox, &mut DraftMemo), With<Mediator>>,
    tables: Query<(&Table, &TableState)>,
    one_thread: Option<Res<crate::sim::OneThread>>,
) {
    let decide = |(at, mut outbox, mut memo): (&AtTable, Mut<Outbox>, Mut<DraftMemo>)| {
        let Ok((table, state)) = tables.get(at.0) else { return };
        if state.controllers.of(Seat::Mediator) != Controller::Ai || !awaits(&table.scenario, state, Seat::Mediator) {
            return;
        }
        let parties = Parties::of(state);
        let strategy = state.mediator_strategy;
        let key_walk: Vec<u64> = parties.walk_away.iter().map(|w| w.to_bits()).collect();
        let reuse = strategy != MediatorStrategy::SingleNegotiatingText
            && memo
                .0
                .as_ref()
                .is_some_and(|(s, p, w, _)| *s == strategy && *p == parties.present && *w == key_walk);
        if !reuse {
            let drafted = draft(strategy, &table.scenario, &parties, state)
                .map(|(package, why)| (package, why.into()))
                .map_err(Text::from);
            memo.0 = Some((strategy, parties.present.clone(), key_walk, drafted));
        }
        let Some((_, _, _, drafted)) = &memo.0 else { return };
        match drafted {
            Ok((package, explanation)) => outbox.0.push(Command::Mediate {
                package: *package,
                explanation: explanation.clone(),
            }),
            Err(why) => {
                outbox.0.push(Command::Statement {
                    kind: StatementKind::Firm,
                    text: why.clone(),
                });
                outbox.0.push(Command::Pass);
            }
        }
    };
    if one_thread.is_some() {
        mediators.iter_mut().for_each(decide);
    } else {
        mediators.par_iter_mut().for_each(decide);
    }
}
