//! The mediator's chair: when it tables a proposal, and which strategy drafts it (one file each).
//! Every proposal carries its reasons in plain words.

pub mod adjusted_winner;
pub mod confidence_building;
pub mod explain;
pub mod kalai_smorodinsky;
pub mod nash;
pub mod single_text;
pub mod split_the_difference;

use bevy::prelude::*;

use super::analysis::frontier::{Pick, Points};
use super::analysis::{Parties, pareto_frontier, present_walk_away, zopa};
use super::command::{Command, Seat};
use super::delegation::{Controller, StatementKind};
use super::issue::Package;
use super::scenario::{MediatorStrategy, Scenario};
use super::table::{AtTable, Mediator, Outbox, Table, TableState};
use super::turn::awaits;

/// A drafted proposal with its reasons, or why there is none.
pub type Draft = Result<(Package, Vec<String>), String>;

/// Tables the point of the signable packages' frontier that `rule` picks, with the zones of agreement, each
/// side's gains and the two sentences `say` writes from the pick, the number of signable packages and the
/// frontier's size: one headline first, one reason last.
fn frontier_point(
    s: &Scenario,
    parties: &Parties,
    rule: fn(&Points, &[f64]) -> Option<Pick>,
    say: impl Fn(Pick, usize, usize) -> (String, String),
) -> Draft {
    let front = pareto_frontier(s, parties);
    let Some(pick) = rule(&front, &present_walk_away(parties)) else {
        return Err(explain::nothing_signable(s, parties));
    };
    let package = s.space.packages[front.outcome[pick.at] as usize];
    let (headline, reason) = say(pick, zopa(s, parties).len(), front.len());
    let (_, mut why) = explain::zones(s, parties);
    why.insert(0, headline);
    why.push(explain::gains(s, parties, package));
    why.push(reason);
    Ok((package, why))
}

/// Drafts a proposal with `strategy` for the parties present.
pub fn draft(strategy: MediatorStrategy, s: &Scenario, parties: &Parties, state: &TableState) -> Draft {
    match strategy {
        MediatorStrategy::SplitTheDifference => split_the_difference::draft(s, parties),
        MediatorStrategy::NashBargaining => nash::draft(s, parties),
        MediatorStrategy::KalaiSmorodinsky => kalai_smorodinsky::draft(s, parties),
        MediatorStrategy::AdjustedWinner => adjusted_winner::draft(s, parties),
        MediatorStrategy::SingleNegotiatingText => single_text::draft(s, parties, state),
        MediatorStrategy::ConfidenceBuilding => confidence_building::draft(s, parties),
    }
}

/// The last draft a mediator made and what it was made from: a strategy that depends only on who is
/// present and their walk-away values drafts the same package again for the same inputs, so the draft is
/// reused (the single negotiating text, which also reads the table's history, is always drafted afresh).
#[derive(Component, Debug, Clone, Default)]
pub struct DraftMemo(Option<(MediatorStrategy, Vec<usize>, Vec<u64>, Draft)>);

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
            let drafted = draft(strategy, &table.scenario, &parties, state);
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
                    text: why.chars().take(600).collect(),
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
