//! The play layer: every control is open exactly when the rules accept its move, a front end's view of
//! the table (built from Events) is the table itself, and AI seats keep to their turn.

use std::collections::BTreeSet;

use redline::play::moves::{Composed, moves, set_mediator_strategy, set_strategy};
use redline::play::{Keeping, Sitting};
use redline::sim::command::{Command, Seat};
use redline::sim::delegation::{StatementKind, Strategy};
use redline::sim::issue::Package;
use redline::sim::rules::{RuleError, exec};
use redline::sim::scenario::{MediatorStrategy, Scenario};
use redline::sim::table::{Controllers, TableState};
use redline::sim::turn::Phase;

use crate::support::{game, istanbul_as_ukraine, option, until_awaiting};

fn seats(s: &Scenario) -> Vec<Seat> {
    (0..s.delegations.len())
        .map(Seat::Delegation)
        .chain(std::iter::once(Seat::Mediator))
        .collect()
}

/// What a player might have composed at step `k`: each seat's demands in turn (so some packages cross
/// the seat's own red lines), with words to say and reasons to give.
fn composed(s: &Scenario, k: usize) -> Composed {
    let d = k % s.delegations.len();
    let choices: Vec<Option<usize>> = s.delegations[d].demands.iter().map(|&o| Some(o)).collect();
    Composed {
        package: if k % 5 == 4 {
            Package::OPEN
        } else {
            Package::from_choices(&choices)
        },
        kind: [StatementKind::Firm, StatementKind::WalkoutWarning][k % 2],
        text: if k % 7 == 6 {
            String::new()
        } else {
            "We are here to talk.".into()
        },
        reason: String::new(),
        reasons: vec!["Both sides gain.".into()],
    }
}

/// Checks every control of every seat against the rules, on a copy of the table.
fn controls_match_the_rules(s: &Scenario, state: &TableState, k: usize) -> usize {
    let mut checked = 0;
    for seat in seats(s) {
        let m = moves(s, state, seat, &composed(s, k));
        let mut all: Vec<_> = m.named().into_iter().map(|(_, m)| m.clone()).collect();
        for d in 0..s.delegations.len() {
            all.push(set_strategy(s, state, seat, d, Strategy::Hardliner));
        }
        all.push(set_mediator_strategy(s, state, seat, MediatorStrategy::NashBargaining));
        for mv in all {
            let accepted = exec(s, &mut state.clone(), seat, &mv.command);
            assert_eq!(
                mv.is_open(),
                accepted.is_ok(),
                "{:?} by {seat:?} in round {} ({:?}): the control says {:?}, the rules {:?}",
                mv.command,
                state.round,
                state.phase,
                mv.verdict,
                accepted.map(|_| ())
            );
            if let Some(why) = mv.why_not() {
                assert_eq!(
                    why,
                    accepted.expect_err("refused").to_string(),
                    "the hover text is the rules' words"
                );
            }
            checked += 1;
        }
    }
    checked
}

/// The person's move: keep the talks going (reject, pass, table the desk's package), so every phase comes.
fn keep_going(sitting: &Sitting, seat: Seat, k: usize) -> Command {
    let m = sitting.moves(seat, &composed(sitting.scenario(), k));
    let answers = m.answers.iter().map(|a| &a.reject);
    [&m.mediate, &m.pass]
        .into_iter()
        .chain(answers)
        .find(|x| x.is_open())
        .map(|x| x.command.clone())
        .expect("a person awaited always has a move")
}

#[test]
fn every_control_is_open_exactly_when_the_rules_accept_its_move_through_every_phase() {
    let s = Scenario::istanbul();
    for people in [
        vec![Seat::Delegation(0)],
        vec![Seat::Delegation(1)],
        vec![Seat::Mediator],
    ] {
        let mut sitting = Sitting::new(s.clone(), 4, people.clone(), Keeping::default());
        let mut phases = BTreeSet::new();
        let mut checked = 0;
        for k in 0..2000 {
            sitting.run_until_people();
            let state = sitting.state().clone();
            phases.insert(state.phase);
            checked += controls_match_the_rules(&s, &state, k);
            if state.is_over() {
                break;
            }
            let seat = sitting.to_move().expect("the table waits for the person");
            let command = keep_going(&sitting, seat, k);
            sitting.send(seat, command).expect("an open move is accepted");
        }
        assert!(sitting.state().is_over(), "the game as {people:?} ends");
        let wanted: &[Phase] = match people[0] {
            Seat::Mediator => &[Phase::Mediation, Phase::Closed],
            _ => &[Phase::Statements, Phase::Proposals, Phase::Responses, Phase::Closed],
        };
        for phase in wanted {
            assert!(
                phases.contains(phase),
                "as {people:?} the walk never saw {phase:?}: {phases:?}"
            );
        }
        assert!(checked > 300, "only {checked} controls checked");
    }
}

#[test]
fn a_front_ends_view_built_from_events_is_the_table_itself() {
    let s = Scenario::istanbul();
    for seed in [1, 2, 3] {
        let mut sitting = Sitting::new(s.clone(), seed, vec![Seat::Delegation(0)], Keeping::default());
        for k in 0..500 {
            sitting.run_until_people();
            let table = sitting.table_state();
            assert_eq!(*sitting.state(), table, "seed {seed}, step {k}");
            if sitting.state().is_over() {
                break;
            }
            let command = keep_going(&sitting, Seat::Delegation(0), k);
            sitting.send(Seat::Delegation(0), command).expect("accepted");
        }
        assert!(sitting.state().is_over());
    }
}

#[test]
fn a_sitting_refuses_a_move_for_a_seat_it_does_not_hold() {
    let mut sitting = Sitting::new(Scenario::istanbul(), 1, vec![Seat::Delegation(0)], Keeping::default());
    sitting.run_until_people();
    assert_eq!(
        sitting.send(Seat::Delegation(1), Command::Pass),
        Err(RuleError::NotYourSeat)
    );
    assert_eq!(
        sitting.refusal.as_deref(),
        Some("Refused: That seat is not yours to play.")
    );
}

#[test]
fn ai_seats_wait_for_a_person_in_an_earlier_seat_even_after_a_refused_move() {
    let mut g = istanbul_as_ukraine(3);
    let russia = Seat::Delegation(1);
    until_awaiting(&mut g, Seat::Delegation(0));
    let (i, o) = option(&g.scenario, "prisoner_exchange", "pow_1000");
    let early = Command::Propose {
        package: Package::OPEN.with(i, Some(o)),
    };
    assert!(g.send(Seat::Delegation(0), early).is_err());
    for _ in 0..5 {
        g.app.update();
    }
    assert!(!g.state().has_acted(russia), "Russia waits for Ukraine's statement");
    g.send(
        Seat::Delegation(0),
        Command::SetStrategy {
            seat: 1,
            strategy: Strategy::TitForTat,
        },
    )
    .expect("a person may switch the AI at their move");
    g.app.update();
    assert!(!g.state().has_acted(russia), "a strategy switch is not Ukraine's turn");
    g.send(Seat::Delegation(0), Command::Pass).expect("passing");
    g.app.update();
    assert!(g.state().has_acted(russia) || g.state().phase != Phase::Statements);
}

#[test]
fn a_person_in_the_mediators_chair_has_a_move_in_the_first_round() {
    let mut g = game(
        Scenario::istanbul(),
        5,
        Controllers {
            humans: vec![],
            human_mediator: true,
        },
    );
    g.run_until_people();
    assert_eq!((g.state().round, g.state().phase), (1, Phase::Mediation));
    assert_eq!(g.awaiting_people(), vec![Seat::Mediator]);
}
