//! Every delegation strategy behaves as its name says, the opponent model learns what the other side
//! keeps asking for, and a person at the table can switch how an AI seat plays.

use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use redline::replay::{Replay, verify};
use redline::sim::ai::opponent::OpponentModel;
use redline::sim::ai::{Me, aspiration, conduct, delegation, hardliner, tit_for_tat};
use redline::sim::command::{Command, Seat};
use redline::sim::delegation::{Posture, Presence, Priorities, RedLines, StatementKind, Strategy};
use redline::sim::issue::Package;
use redline::sim::rules::RuleError;
use redline::sim::scenario::Scenario;
use redline::sim::table::{Controllers, Offer, TableState};
use redline::sim::transcript::{Event, Proposal};

use crate::support::{game, istanbul_as_ukraine, option, until_awaiting};

const UKRAINE: Seat = Seat::Delegation(0);

/// What a delegation of the scenario knows of itself, at its scenario values.
struct Seated {
    priorities: Priorities,
    red_lines: RedLines,
    trust: Vec<f64>,
}

fn seated(s: &Scenario, d: usize) -> Seated {
    let spec = &s.delegations[d];
    Seated {
        priorities: Priorities {
            weights: spec.weights.clone().into(),
            values: spec.values.clone().into(),
        },
        red_lines: RedLines(spec.red_lines.clone().into()),
        trust: spec.trust.clone(),
    }
}

fn me<'a>(s: &Scenario, d: usize, seat: &'a Seated, strategy: Strategy) -> Me<'a> {
    Me {
        seat: d,
        priorities: &seat.priorities,
        red_lines: &seat.red_lines,
        walk_away: s.delegations[d].walk_away,
        anchor: s.delegations[d].walk_away,
        patience: s.delegations[d].patience,
        presence: Presence::default(),
        posture: s.delegations[d].posture,
        strategy,
        trust: &seat.trust,
        warnings: 0,
        threatened: false,
    }
}

fn with(strategies: &[(usize, Strategy)]) -> Arc<Scenario> {
    Arc::new(Scenario::istanbul().with_strategies(strategies, None).expect("valid"))
}

/// What each of Ukraine's own proposals was worth to it, by round, in a game with AI on every seat.
fn own_offers(scenario: &Arc<Scenario>, seed: u64) -> Vec<(u32, f64)> {
    let mut g = game(scenario.clone(), seed, Controllers::default());
    g.run_until(|s| s.round > 5);
    g.state()
        .offers
        .iter()
        .filter(|o| o.author == UKRAINE)
        .map(|o| (o.round, scenario.delegations[0].utility(o.package)))
        .collect()
}

fn mean_in_round(scenario: &Arc<Scenario>, round: u32) -> f64 {
    let values: Vec<f64> = (1..=30)
        .flat_map(|seed| own_offers(scenario, seed))
        .filter(|&(r, _)| r == round)
        .map(|(_, v)| v)
        .collect();
    values.iter().sum::<f64>() / values.len().max(1) as f64
}

#[test]
fn boulware_holds_its_demands_until_late_and_conceder_gives_ground_early() {
    for step in 1..10 {
        let t = f64::from(step) / 10.0;
        assert!(aspiration(4.0, t, 0.3, 1.0) > aspiration(1.0, t, 0.3, 1.0));
        assert!(aspiration(1.0, t, 0.3, 1.0) > aspiration(0.25, t, 0.3, 1.0));
    }
    let boulware = with(&[(0, Strategy::BOULWARE), (1, Strategy::BOULWARE)]);
    let conceder = with(&[(0, Strategy::CONCEDER), (1, Strategy::BOULWARE)]);
    let best = Scenario::istanbul().space.best[0];
    // In round 3 of 8 the Boulware still asks for nearly everything; the Conceder has given much away.
    assert!(mean_in_round(&boulware, 3) > 0.95 * best);
    assert!(mean_in_round(&conceder, 3) < mean_in_round(&boulware, 3) - 0.1);
}

#[test]
fn tit_for_tat_answers_a_concession_with_one_of_the_same_size_and_a_retreat_with_a_retreat() {
    let s = Scenario::istanbul();
    let ukraine = seated(&s, 0);
    let me = me(&s, 0, &ukraine, Strategy::TitForTat);
    let (ex, pow_500) = option(&s, "prisoner_exchange", "pow_500");
    let (_, all) = option(&s, "prisoner_exchange", "all_for_all");
    let (fu, dated) = option(&s, "follow_up", "dated");
    let mine = Package::OPEN.with(ex, Some(all)).with(fu, Some(dated));
    let small = Package::OPEN.with(ex, Some(pow_500));
    let bigger = small.with(fu, Some(dated));
    let value = |p: Package| s.delegations[0].utility(p);
    let offer = |round, author, package| Offer { round, author, package };

    let mut state = TableState::new(&s);
    assert_eq!(
        tit_for_tat::aim(&s, &state, &me),
        s.space.best[0],
        "it opens at its best"
    );
    state.offers = vec![
        offer(1, UKRAINE, mine),
        offer(1, Seat::Delegation(1), small),
        offer(2, UKRAINE, mine),
        offer(2, Seat::Delegation(1), bigger),
    ];
    let conceded = value(bigger) - value(small);
    assert!(conceded > 0.0);
    assert!((tit_for_tat::aim(&s, &state, &me) - (value(mine) - conceded)).abs() < 1e-12);

    state.offers.swap(1, 3);
    assert!((tit_for_tat::aim(&s, &state, &me) - (value(mine) + conceded).min(s.space.best[0])).abs() < 1e-12);
}

#[test]
fn a_hardliner_moves_only_when_pressure_lowers_its_walk_away_or_others_warn_they_may_leave() {
    let s = Scenario::istanbul();
    let russia = seated(&s, 1);
    let mut me = me(&s, 1, &russia, Strategy::Hardliner);
    let best = s.space.best[1];
    assert_eq!(hardliner::aim(&s, &me), best);
    me.walk_away = me.anchor + 0.04;
    assert_eq!(
        hardliner::aim(&s, &me),
        best,
        "pressure that raises its walk-away does not soften it"
    );
    me.walk_away = me.anchor - 0.05;
    assert!((hardliner::aim(&s, &me) - (best - hardliner::PRESSURE_GAIN * 0.05)).abs() < 1e-12);
    me.warnings = 1;
    assert!((hardliner::aim(&s, &me) - (best - 0.1 - hardliner::WARNING_STEP)).abs() < 1e-12);
    me.warnings = 20;
    assert_eq!(hardliner::aim(&s, &me), me.walk_away, "never below its walk-away value");
}

#[test]
fn the_delegation_answers_a_threat_in_the_spirit_of_its_posture() {
    let s = Scenario::istanbul();
    let state = TableState::new(&s);
    for (d, posture, answer) in [
        (0, Posture::Firm, StatementKind::Firm),
        (1, Posture::Hardline, StatementKind::Threat),
    ] {
        let seat = seated(&s, d);
        let mut me = me(&s, d, &seat, Strategy::Delegation);
        me.posture = posture;
        let count = |threatened: bool, me: &mut Me| {
            me.threatened = threatened;
            (0..400)
                .filter(|&seed| {
                    let mut rng = ChaCha8Rng::seed_from_u64(seed);
                    matches!(conduct::statement(&s, &state, me, &mut rng), Command::Statement { kind, .. } if kind == answer)
                })
                .count()
        };
        let answered = count(true, &mut me);
        let unprovoked = count(false, &mut me);
        assert!(
            answered > unprovoked + 100,
            "{posture:?}: {answered} answers against {unprovoked} unprovoked"
        );
    }
}

#[test]
fn the_delegation_warns_before_it_walks_out_and_stalls_in_between() {
    let s = Scenario::istanbul();
    let mut walkouts = 0;
    for seed in 1..=300 {
        let mut g = game(s.clone(), seed, Controllers::default());
        g.run_until_people();
        let events = &g.transcript().events;
        for (i, e) in events.iter().enumerate() {
            if let Event::WalkedOut { seat, .. } = e {
                walkouts += 1;
                let warned = events[..i].iter().any(|w| {
                    matches!(w, Event::Statement { seat: Seat::Delegation(d), kind: StatementKind::WalkoutWarning, .. } if d == seat)
                });
                assert!(warned, "seed {seed}: seat {seat} walked out without warning");
            }
        }
    }
    assert!(walkouts > 0, "over 300 tables someone walks out");

    let russia = seated(&s, 1);
    let mut me = me(&s, 1, &russia, Strategy::Delegation);
    me.presence.warned = true;
    me.patience = delegation::STALL_BELOW / 2.0;
    assert!(delegation::stalls(&me));
    me.patience = delegation::STALL_BELOW + 0.1;
    assert!(!delegation::stalls(&me), "patience regained ends the stall");
}

#[test]
fn the_delegation_accepts_less_from_a_mediator_it_trusts_than_from_a_side_it_distrusts() {
    let s = Scenario::istanbul();
    let state = TableState::new(&s);
    let ukraine = seated(&s, 0);
    let me = me(&s, 0, &ukraine, Strategy::Delegation);
    let proposal = |author| Proposal {
        id: 1,
        round: 1,
        author,
        package: Package::OPEN,
        explanation: Default::default(),
    };
    let from_mediator = delegation::acceptance(&s, &state, &me, &proposal(Seat::Mediator));
    let from_russia = delegation::acceptance(&s, &state, &me, &proposal(Seat::Delegation(1)));
    assert!(from_mediator < from_russia);
}

#[test]
fn the_opponent_model_values_what_the_other_side_keeps_in_its_offers() {
    let s = Scenario::istanbul();
    let (cf, local) = option(&s, "ceasefire", "local_truces");
    let (ex, pow_1000) = option(&s, "prisoner_exchange", "pow_1000");
    let (_, pow_500) = option(&s, "prisoner_exchange", "pow_500");
    let mut state = TableState::new(&s);
    for (round, exchange) in [(1, pow_500), (2, pow_1000), (3, pow_1000)] {
        state.offers.push(Offer {
            round,
            author: Seat::Delegation(1),
            package: Package::OPEN.with(cf, Some(local)).with(ex, Some(exchange)),
        });
    }
    let model = OpponentModel::learn(&s, &state, 0);
    let russia = &model.others[0];
    assert_eq!((russia.seat, russia.offers), (1, 3));
    assert!(
        russia.weights[cf] > russia.weights[ex],
        "the issue it never moved on weighs more"
    );
    let keeps = Package::OPEN.with(cf, Some(local)).with(ex, Some(pow_1000));
    let drops = Package::OPEN.with(ex, Some(pow_1000));
    assert!(model.least_liked(keeps) > model.least_liked(drops));
}

#[test]
fn a_person_at_the_table_can_switch_how_an_ai_seat_plays_and_the_replay_still_verifies() {
    let mut g = istanbul_as_ukraine(5);
    until_awaiting(&mut g, UKRAINE);
    g.send(
        UKRAINE,
        Command::SetStrategy {
            seat: 1,
            strategy: Strategy::Hardliner,
        },
    )
    .expect("a person may switch an AI seat's strategy at its turn");
    assert_eq!(g.state().strategies[1], Strategy::Hardliner);
    assert!(g.transcript().events.iter().any(|e| matches!(
        e,
        Event::StrategySet {
            seat: 1,
            strategy: Strategy::Hardliner
        }
    )));
    assert_eq!(
        g.send(
            Seat::Delegation(1),
            Command::SetMediatorStrategy {
                strategy: redline::sim::scenario::MediatorStrategy::NashBargaining
            }
        ),
        Err(RuleError::PeopleOnly),
        "the AI does not change strategies"
    );
    // Russia, now a hardliner, asks for its best in its next proposal.
    g.send(UKRAINE, Command::Pass).expect("pass the statements");
    until_awaiting(&mut g, UKRAINE);
    g.send(UKRAINE, Command::Pass).expect("pass the proposals");
    until_awaiting(&mut g, UKRAINE);
    let russia_best = g.scenario.space.best[1];
    let asked = g
        .state()
        .offers
        .iter()
        .rfind(|o| o.author == Seat::Delegation(1))
        .map(|o| g.scenario.delegations[1].utility(o.package))
        .expect("Russia proposed");
    assert!(
        (asked - russia_best).abs() < 0.08 + 1e-9,
        "{asked} against its best {russia_best}"
    );

    while !g.state().is_over() {
        until_awaiting(&mut g, UKRAINE);
        if g.state().is_over() {
            break;
        }
        let moves: Vec<Command> = match g.state().phase {
            redline::sim::turn::Phase::Responses => g
                .state()
                .unanswered(0)
                .map(|p| Command::Reject {
                    proposal: p.id,
                    reason: redline::sim::command::Reason::Said("No.".into()),
                })
                .collect(),
            _ => vec![Command::Pass],
        };
        for m in moves {
            g.send(UKRAINE, m).expect("an allowed move");
        }
    }
    let replay = Replay::of(&g, &Controllers::person(Some(UKRAINE)), None, None);
    verify(&replay, "switched.ron").expect("the switch replays move for move");
}

#[test]
fn a_strategy_can_only_be_switched_at_your_own_move() {
    // Two people at the table: once Ukraine has made its statement, the table waits for Russia alone.
    let people = Controllers {
        humans: vec![0, 1],
        human_mediator: false,
    };
    let mut g = game(Scenario::istanbul(), 5, people);
    until_awaiting(&mut g, UKRAINE);
    g.send(UKRAINE, Command::Pass).expect("pass the statements");
    assert_eq!(g.awaiting(), vec![Seat::Delegation(1)]);
    assert_eq!(
        g.send(
            UKRAINE,
            Command::SetStrategy {
                seat: 1,
                strategy: Strategy::TitForTat
            }
        ),
        Err(RuleError::NotYourTurn)
    );
}
