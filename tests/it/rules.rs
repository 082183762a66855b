//! The rules of the table, checked through Commands a person at the Ukrainian seat sends.

use redline::sim::command::{Command, Reason, Seat};
use redline::sim::delegation::StatementKind;
use redline::sim::issue::Package;
use redline::sim::outcome::Outcome;
use redline::sim::rules::RuleError;
use redline::sim::transcript::Event;
use redline::sim::turn::Phase;

use crate::support::{istanbul_as_ukraine, option, until_awaiting};

const UKRAINE: Seat = Seat::Delegation(0);

#[test]
fn the_table_waits_for_a_human_seat_and_goes_on_when_it_moves() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    for _ in 0..10 {
        game.app.update();
    }
    assert_eq!(game.state().round, 1);
    assert_eq!(game.state().phase, Phase::Statements);
    assert_eq!(game.awaiting(), vec![UKRAINE]);
    game.send(UKRAINE, Command::Pass)
        .expect("passing is allowed in the statements phase");
    assert_ne!(game.state().phase, Phase::Statements);
}

#[test]
fn a_move_out_of_turn_is_refused_with_what_to_do_instead() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    let (i, o) = option(&game.scenario, "prisoner_exchange", "pow_1000");
    let err = game
        .send(
            UKRAINE,
            Command::Propose {
                package: Package::OPEN.with(i, Some(o)),
            },
        )
        .unwrap_err();
    assert_eq!(err, RuleError::WrongPhase(Phase::Statements));
    assert!(err.to_string().contains("make a statement"), "{err}");
}

#[test]
fn a_proposal_must_settle_something_and_name_real_options() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    game.send(UKRAINE, Command::Pass).unwrap();
    until_awaiting(&mut game, UKRAINE);
    assert_eq!(game.state().phase, Phase::Proposals);
    assert_eq!(
        game.send(UKRAINE, Command::Propose { package: Package::OPEN }),
        Err(RuleError::EmptyPackage)
    );
    assert_eq!(
        game.send(
            UKRAINE,
            Command::Propose {
                package: Package::OPEN.with(0, Some(14))
            }
        ),
        Err(RuleError::BadPackage)
    );
}

#[test]
fn a_delegation_cannot_propose_across_its_own_red_line() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    game.send(UKRAINE, Command::Pass).unwrap();
    until_awaiting(&mut game, UKRAINE);
    let (i, o) = option(&game.scenario, "withdrawal", "four_regions");
    let err = game
        .send(
            UKRAINE,
            Command::Propose {
                package: Package::OPEN.with(i, Some(o)),
            },
        )
        .unwrap_err();
    assert!(
        matches!(err, RuleError::CrossesRedLine(ref why) if why.contains("No withdrawal")),
        "{err}"
    );
}

#[test]
fn a_deal_across_a_red_line_is_refused() {
    // Russia opens by demanding the four regions; the rules will not let Ukraine accept it.
    let mut game = istanbul_as_ukraine(3);
    let (w, four) = option(&game.scenario, "withdrawal", "four_regions");
    loop {
        until_awaiting(&mut game, UKRAINE);
        let state = game.state().clone();
        match state.phase {
            Phase::Statements => game.send(UKRAINE, Command::Pass).unwrap(),
            Phase::Proposals => game.send(UKRAINE, Command::Pass).unwrap(),
            Phase::Responses => {
                let across = state.unanswered(0).find(|p| p.package.choice(w) == Some(four)).cloned();
                let Some(p) = across else {
                    panic!("Russia tabled no withdrawal demand in round 1")
                };
                let err = game.send(UKRAINE, Command::Accept { proposal: p.id }).unwrap_err();
                assert!(matches!(err, RuleError::CrossesRedLine(_)), "{err}");
                return;
            }
            other => panic!("unexpected phase {other:?}"),
        }
    }
}

#[test]
fn each_proposal_is_answered_once_and_not_by_its_author() {
    let mut game = istanbul_as_ukraine(3);
    let (e, k) = option(&game.scenario, "prisoner_exchange", "pow_1000");
    until_awaiting(&mut game, UKRAINE);
    game.send(UKRAINE, Command::Pass).unwrap();
    until_awaiting(&mut game, UKRAINE);
    game.send(
        UKRAINE,
        Command::Propose {
            package: Package::OPEN.with(e, Some(k)),
        },
    )
    .unwrap();
    until_awaiting(&mut game, UKRAINE);
    let state = game.state().clone();
    let own = state
        .proposals
        .iter()
        .find(|p| p.author == UKRAINE)
        .expect("our proposal")
        .id;
    assert_eq!(
        game.send(UKRAINE, Command::Accept { proposal: own }),
        Err(RuleError::OwnProposal(own))
    );
    let theirs = state.unanswered(0).next().expect("a proposal to answer").id;
    let reject = Command::Reject {
        proposal: theirs,
        reason: Reason::Said("Not today.".into()),
    };
    let again = Command::Reject {
        proposal: theirs,
        reason: Reason::Said("Still no.".into()),
    };
    let fates = game.send_together(UKRAINE, vec![reject, again]);
    assert_eq!(fates, vec![Ok(()), Err(RuleError::AlreadyAnswered(theirs))]);
}

#[test]
fn a_recess_cools_the_room_and_is_granted_once() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    let before = game.state().tension;
    game.send(UKRAINE, Command::RequestRecess).unwrap();
    assert!(game.state().tension < before);
    assert!(game.presence(0).recess_used);
    loop {
        until_awaiting(&mut game, UKRAINE);
        let state = game.state().clone();
        match state.phase {
            Phase::Statements => {
                assert_eq!(game.send(UKRAINE, Command::RequestRecess), Err(RuleError::RecessUsed));
                return;
            }
            Phase::Proposals => game.send(UKRAINE, Command::Pass).unwrap(),
            Phase::Responses => {
                for id in state.unanswered(0).map(|p| p.id).collect::<Vec<_>>() {
                    game.send(
                        UKRAINE,
                        Command::Reject {
                            proposal: id,
                            reason: Reason::Said(String::new()),
                        },
                    )
                    .unwrap();
                }
            }
            other => panic!("unexpected phase {other:?}"),
        }
    }
}

#[test]
fn walking_out_of_a_two_party_table_ends_it_in_a_walkout() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    game.send(
        UKRAINE,
        Command::WalkOut {
            reason: "We are leaving.".into(),
        },
    )
    .unwrap();
    assert_eq!(game.state().outcome, Some(Outcome::Walkout { seat: 0 }));
    assert_eq!(game.send(UKRAINE, Command::Pass), Err(RuleError::TableClosed));
    let said = game.transcript().render(&game.scenario);
    assert!(said.contains("Ukraine walks out"), "{said}");
}

#[test]
fn a_threat_raises_tension_and_costs_trust() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    let before = game.state().tension;
    let text = "Sanctions will follow.".to_string();
    let threat = Command::Statement {
        kind: StatementKind::Threat,
        text: text.clone(),
    };
    let again = Command::Statement {
        kind: StatementKind::Firm,
        text: "And again.".into(),
    };
    let fates = game.send_together(UKRAINE, vec![threat, again]);
    assert_eq!(fates, vec![Ok(()), Err(RuleError::AlreadyActed(Phase::Statements))]);
    assert!(game.state().tension > before);
    let events = game.transcript().events.clone();
    assert!(events.contains(&Event::Statement {
        seat: UKRAINE,
        kind: StatementKind::Threat,
        text
    }));
}

#[test]
fn the_mediator_seat_cannot_accept_for_a_party() {
    let mut game = istanbul_as_ukraine(3);
    until_awaiting(&mut game, UKRAINE);
    assert_eq!(
        game.send(Seat::Mediator, Command::Accept { proposal: 1 }),
        Err(RuleError::DelegationsOnly)
    );
    assert_eq!(
        game.send(Seat::Delegation(7), Command::Pass),
        Err(RuleError::UnknownSeat(7))
    );
}
