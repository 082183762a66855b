//! The rules of the table, each checked on the small hand-made test table through `exec_and_check`:
//! a move, and exactly the Events it produces (or the rules' refusal). No AI decides anything here.

use redline::sim::command::{Command, Reason, Seat};
use redline::sim::delegation::{Controller, StatementKind, Strategy};
use redline::sim::game::hand_over;
use redline::sim::issue::Package;
use redline::sim::outcome::Outcome;
use redline::sim::rules::RuleError;
use redline::sim::scenario::{Effect, Scenario};
use redline::sim::table::{Controllers, TableState};
use redline::sim::transcript::{Event, Proposal, Transcript};
use redline::sim::turn::{Phase, awaiting};

use crate::support::{exec_and_check, move_on, option, refused, small_table};

const NORTH: Seat = Seat::Delegation(0);
const SOUTH: Seat = Seat::Delegation(1);

fn pass_both(s: &Scenario, state: &mut TableState) {
    for seat in [NORTH, SOUTH] {
        exec_and_check(s, state, seat, Command::Pass, &[Event::Passed { seat }]);
    }
    move_on(s, state);
}

fn package(s: &Scenario, settled: &[(&str, &str)]) -> Package {
    settled.iter().fold(Package::OPEN, |p, (issue, opt)| {
        let (i, o) = option(s, issue, opt);
        p.with(i, Some(o))
    })
}

fn proposal(id: u32, round: u32, author: Seat, package: Package) -> Proposal {
    Proposal {
        id,
        round,
        author,
        package,
        explanation: Default::default(),
    }
}

/// North tables `p` in round 1; the table moves on to the responses (the mediator waits until round 2).
fn north_proposes(s: &Scenario, state: &mut TableState, p: Package) {
    pass_both(s, state);
    exec_and_check(
        s,
        state,
        NORTH,
        Command::Propose { package: p },
        &[Event::Proposed {
            proposal: proposal(1, 1, NORTH, p),
        }],
    );
    exec_and_check(s, state, SOUTH, Command::Pass, &[Event::Passed { seat: SOUTH }]);
    move_on(s, state);
    assert_eq!(state.phase, Phase::Responses);
}

#[test]
fn the_table_waits_for_every_delegation_and_goes_on_when_all_have_moved() {
    let (s, mut state) = small_table(3);
    assert_eq!((state.round, state.phase), (1, Phase::Statements));
    assert_eq!(awaiting(&s, &state), vec![NORTH, SOUTH]);
    exec_and_check(&s, &mut state, NORTH, Command::Pass, &[Event::Passed { seat: NORTH }]);
    assert!(move_on(&s, &mut state).is_empty(), "the table still waits for South");
    assert_eq!(awaiting(&s, &state), vec![SOUTH]);
    exec_and_check(&s, &mut state, SOUTH, Command::Pass, &[Event::Passed { seat: SOUTH }]);
    assert_eq!(
        move_on(&s, &mut state),
        vec![Event::PhaseStarted {
            phase: Phase::Proposals
        }]
    );
}

#[test]
fn a_move_out_of_turn_is_refused_with_what_to_do_instead() {
    let (s, mut state) = small_table(3);
    let err = refused(
        &s,
        &mut state,
        NORTH,
        Command::Propose {
            package: package(&s, &[("water", "half")]),
        },
    );
    assert_eq!(err, RuleError::WrongPhase(Phase::Statements));
    assert!(err.to_string().contains("make a statement"), "{err}");
}

#[test]
fn a_seat_moves_once_in_each_phase() {
    let (s, mut state) = small_table(3);
    exec_and_check(&s, &mut state, NORTH, Command::Pass, &[Event::Passed { seat: NORTH }]);
    let again = Command::Statement {
        kind: StatementKind::Firm,
        text: "And again.".into(),
    };
    assert_eq!(
        refused(&s, &mut state, NORTH, again),
        RuleError::AlreadyActed(Phase::Statements)
    );
}

#[test]
fn a_statement_needs_words_and_is_refused_as_too_long_past_600_characters() {
    let (s, mut state) = small_table(3);
    let say = |text: String| Command::Statement {
        kind: StatementKind::Firm,
        text: text.into(),
    };
    assert_eq!(
        refused(&s, &mut state, NORTH, say("   ".into())),
        RuleError::EmptyStatement
    );
    let long = refused(&s, &mut state, NORTH, say("word ".repeat(4000)));
    assert_eq!(long, RuleError::StatementTooLong(20_000));
    assert!(long.to_string().contains("at most 600"), "{long}");
}

#[test]
fn a_threat_raises_tension_costs_trust_and_wears_the_others_patience() {
    let (s, mut state) = small_table(3);
    let text: redline::sim::command::Text = "Sanctions will follow.".into();
    exec_and_check(
        &s,
        &mut state,
        NORTH,
        Command::Statement {
            kind: StatementKind::Threat,
            text: text.clone(),
        },
        &[
            Event::Statement {
                seat: NORTH,
                kind: StatementKind::Threat,
                text,
            },
            Event::Changed {
                effect: Effect::Tension { change: 0.08 },
            },
            Event::Changed {
                effect: Effect::Trust {
                    from: 1,
                    towards: 0,
                    change: -0.05,
                },
            },
            Event::Changed {
                effect: Effect::Patience { seat: 1, change: -0.04 },
            },
        ],
    );
    assert_eq!(state.threatened[0], 1);
}

#[test]
fn a_recess_cools_the_room_and_is_granted_once() {
    let (s, mut state) = small_table(3);
    let before = state.tension;
    exec_and_check(
        &s,
        &mut state,
        NORTH,
        Command::RequestRecess,
        &[
            Event::Recess { seat: 0 },
            Event::Changed {
                effect: Effect::Tension { change: -0.1 },
            },
            Event::Changed {
                effect: Effect::Patience { seat: 0, change: 0.08 },
            },
            Event::Changed {
                effect: Effect::Patience { seat: 1, change: 0.08 },
            },
        ],
    );
    assert!(state.tension < before);
    assert!(state.seats[0].presence.recess_used);
    exec_and_check(&s, &mut state, SOUTH, Command::Pass, &[Event::Passed { seat: SOUTH }]);
    move_on(&s, &mut state);
    pass_both(&s, &mut state); // proposals
    // Round 1 has no mediation and no proposals to answer: on to round 2's statements.
    move_on(&s, &mut state);
    assert_eq!((state.round, state.phase), (2, Phase::Statements));
    assert_eq!(
        refused(&s, &mut state, NORTH, Command::RequestRecess),
        RuleError::RecessUsed
    );
}

#[test]
fn a_proposal_must_settle_something_and_name_real_options() {
    let (s, mut state) = small_table(3);
    pass_both(&s, &mut state);
    assert_eq!(
        refused(&s, &mut state, NORTH, Command::Propose { package: Package::OPEN }),
        RuleError::EmptyPackage
    );
    assert_eq!(
        refused(
            &s,
            &mut state,
            NORTH,
            Command::Propose {
                package: Package::OPEN.with(0, Some(14))
            }
        ),
        RuleError::BadPackage
    );
}

#[test]
fn a_delegation_cannot_propose_across_its_own_red_line() {
    let (s, mut state) = small_table(3);
    pass_both(&s, &mut state);
    let err = refused(
        &s,
        &mut state,
        NORTH,
        Command::Propose {
            package: package(&s, &[("water", "south_most")]),
        },
    );
    assert!(
        matches!(err, RuleError::CrossesRedLine(ref why) if why.contains("The river is our life")),
        "{err}"
    );
}

#[test]
fn a_deal_across_a_red_line_is_refused() {
    // North takes most of the river with only one crossing: South's precondition forbids it.
    let (s, mut state) = small_table(3);
    north_proposes(
        &s,
        &mut state,
        package(&s, &[("water", "north_most"), ("border", "one")]),
    );
    let err = refused(&s, &mut state, SOUTH, Command::Accept { proposal: 1 });
    assert!(
        matches!(err, RuleError::CrossesRedLine(ref why) if why.contains("only if three crossings open")),
        "{err}"
    );
}

#[test]
fn each_proposal_is_answered_once_and_not_by_its_author() {
    let (s, mut state) = small_table(3);
    north_proposes(&s, &mut state, package(&s, &[("water", "half")]));
    assert_eq!(
        refused(&s, &mut state, NORTH, Command::Accept { proposal: 1 }),
        RuleError::OwnProposal(1)
    );
    let reject = |why: &str| Command::Reject {
        proposal: 1,
        reason: Reason::Said(why.into()),
    };
    exec_and_check(
        &s,
        &mut state,
        SOUTH,
        reject("Not today."),
        &[Event::Rejected {
            seat: 1,
            proposal: 1,
            reason: Reason::Said("Not today.".into()),
        }],
    );
    assert_eq!(
        refused(&s, &mut state, SOUTH, reject("Still no.")),
        RuleError::AlreadyAnswered(1)
    );
}

#[test]
fn a_proposal_every_delegation_accepts_is_the_deal() {
    let (s, mut state) = small_table(3);
    let p = package(&s, &[("water", "half"), ("border", "three")]);
    north_proposes(&s, &mut state, p);
    exec_and_check(
        &s,
        &mut state,
        SOUTH,
        Command::Accept { proposal: 1 },
        &[Event::Accepted { seat: 1, proposal: 1 }],
    );
    let events = move_on(&s, &mut state);
    assert!(events.contains(&Event::Concluded {
        outcome: Outcome::Agreement {
            package: p,
            proposal: 1
        }
    }));
    assert!(matches!(events.last(), Some(Event::RoundEnded { round: 1, .. })));
    assert_eq!(refused(&s, &mut state, NORTH, Command::Pass), RuleError::TableClosed);
}

#[test]
fn passing_in_the_responses_lets_every_proposal_left_go_unagreed() {
    let (s, mut state) = small_table(3);
    north_proposes(&s, &mut state, package(&s, &[("water", "half")]));
    exec_and_check(
        &s,
        &mut state,
        SOUTH,
        Command::Pass,
        &[Event::Rejected {
            seat: 1,
            proposal: 1,
            reason: Reason::Said("it lets the proposal pass".into()),
        }],
    );
    assert_eq!(
        refused(&s, &mut state, SOUTH, Command::Pass),
        RuleError::NothingToAnswer
    );
}

#[test]
fn walking_out_of_a_two_party_table_ends_it_in_a_walkout() {
    let (s, mut state) = small_table(3);
    let reason: redline::sim::command::Text = "We are leaving.".into();
    exec_and_check(
        &s,
        &mut state,
        NORTH,
        Command::WalkOut { reason: reason.clone() },
        &[
            Event::WalkedOut { seat: 0, reason },
            Event::Concluded {
                outcome: Outcome::Walkout { seat: 0 },
            },
        ],
    );
    assert_eq!(state.outcome, Some(Outcome::Walkout { seat: 0 }));
    let events = move_on(&s, &mut state);
    assert!(
        matches!(events.as_slice(), [Event::RoundEnded { round: 1, .. }]),
        "the round still gets its hash"
    );
    let said = Transcript {
        events: vec![Event::WalkedOut {
            seat: 0,
            reason: "We are leaving.".into(),
        }],
    }
    .render(&s);
    assert!(said.contains("North walks out: We are leaving."), "{said}");
}

#[test]
fn the_mediator_seat_cannot_accept_for_a_party_nor_warn() {
    let (s, mut state) = small_table(3);
    assert_eq!(
        refused(&s, &mut state, Seat::Mediator, Command::Accept { proposal: 1 }),
        RuleError::DelegationsOnly
    );
    assert_eq!(
        refused(&s, &mut state, Seat::Delegation(7), Command::Pass),
        RuleError::UnknownSeat(7)
    );
}

#[test]
fn the_mediator_may_ask_to_be_heard_once_in_mediation_and_then_tables_or_passes() {
    let (s, mut state) = small_table(3);
    state.controllers.set(Seat::Mediator, Controller::Human);
    pass_both(&s, &mut state);
    pass_both(&s, &mut state);
    assert_eq!(
        (state.round, state.phase),
        (1, Phase::Mediation),
        "a person in the chair moves from round 1"
    );
    let calm = |text: &str| Command::Statement {
        kind: StatementKind::Conciliatory,
        text: text.into(),
    };
    exec_and_check(
        &s,
        &mut state,
        Seat::Mediator,
        calm("Let us find common ground."),
        &[
            Event::Statement {
                seat: Seat::Mediator,
                kind: StatementKind::Conciliatory,
                text: "Let us find common ground.".into(),
            },
            Event::Changed {
                effect: Effect::Tension { change: -0.04 },
            },
            Event::Changed {
                effect: Effect::Trust {
                    from: 0,
                    towards: 2,
                    change: 0.03,
                },
            },
            Event::Changed {
                effect: Effect::Patience { seat: 0, change: 0.02 },
            },
            Event::Changed {
                effect: Effect::Trust {
                    from: 1,
                    towards: 2,
                    change: 0.03,
                },
            },
            Event::Changed {
                effect: Effect::Patience { seat: 1, change: 0.02 },
            },
        ],
    );
    assert_eq!(
        refused(&s, &mut state, Seat::Mediator, calm("Again.")),
        RuleError::AlreadySpoke
    );
    exec_and_check(
        &s,
        &mut state,
        Seat::Mediator,
        Command::Pass,
        &[Event::Passed { seat: Seat::Mediator }],
    );
}

#[test]
fn asking_the_mediator_is_refused_once_it_proposes_every_round_anyway() {
    let (s, mut state) = small_table(3);
    exec_and_check(
        &s,
        &mut state,
        NORTH,
        Command::AskMediator,
        &[Event::MediatorAsked { seat: 0 }],
    );
    assert_eq!(
        refused(&s, &mut state, SOUTH, Command::AskMediator),
        RuleError::AlreadyAsked
    );
    // Asking is not a turn: North still has its say in the statements phase.
    pass_both(&s, &mut state);
    pass_both(&s, &mut state);
    assert_eq!(
        awaiting(&s, &state),
        vec![Seat::Mediator],
        "asked, the mediator proposes in round 1"
    );
    exec_and_check(
        &s,
        &mut state,
        Seat::Mediator,
        Command::Pass,
        &[Event::Passed { seat: Seat::Mediator }],
    );
    move_on(&s, &mut state);
    assert_eq!((state.round, state.phase), (2, Phase::Statements));
    let err = refused(&s, &mut state, NORTH, Command::AskMediator);
    assert_eq!(err, RuleError::MediatorProposesAnyway);
    assert!(err.to_string().contains("no need to ask"), "{err}");
}

#[test]
fn only_a_person_sets_how_the_ai_plays_and_never_for_a_seat_a_person_plays() {
    let (s, mut state) = small_table(3);
    let set = |seat: usize| Command::SetStrategy {
        seat,
        strategy: Strategy::Hardliner,
    };
    assert_eq!(refused(&s, &mut state, NORTH, set(1)), RuleError::PeopleOnly);
    state.controllers.set(NORTH, Controller::Human);
    assert_eq!(refused(&s, &mut state, NORTH, set(0)), RuleError::PlayedByPerson);
    exec_and_check(
        &s,
        &mut state,
        NORTH,
        set(1),
        &[Event::StrategySet {
            seat: 1,
            strategy: Strategy::Hardliner,
        }],
    );
    exec_and_check(&s, &mut state, NORTH, Command::Pass, &[Event::Passed { seat: NORTH }]);
    assert_eq!(refused(&s, &mut state, NORTH, set(1)), RuleError::NotYourTurn);
}

#[test]
fn handing_a_seat_to_a_person_is_an_event_in_the_transcript() {
    let (s, mut state) = small_table(3);
    let events = hand_over(&mut state, &Controllers::person(Some(SOUTH)));
    assert_eq!(
        events,
        vec![Event::Controlled {
            seat: SOUTH,
            by: Controller::Human
        }]
    );
    assert_eq!(state.controllers.of(SOUTH), Controller::Human);
    let said = Transcript { events }.render(&s);
    assert!(said.contains("South is now played by a person"), "{said}");
    assert!(hand_over(&mut state, &Controllers::person(Some(SOUTH))).is_empty());
}
