//! The table screen: a view of the table built once a frame from the play layer, and one panel per
//! file drawing it (the top bar, the brief, the moves, the transcript, the scene with its meters).
//! Every control stands for one Command, enabled exactly when the rules would accept it.

mod brief;
pub(crate) mod handover;
mod meters;
mod moves;
mod stage;
mod top;
mod transcript;

use std::collections::HashMap;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{Screen, Session, TableStep};
use crate::play::lookup::seat_name;
use crate::play::views::{self, Brief, Summary, Valued};
use crate::play::{Composed, Move, Moves};
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::StatementKind;
use crate::sim::issue::Package;
use crate::sim::scenario::{MediatorStrategy, Scenario};
use crate::sim::transcript::Reader;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Builder>()
        .init_resource::<TableView>()
        .init_resource::<Free>()
        .init_resource::<Layout>()
        .init_resource::<stage::StageMemory>()
        .add_systems(OnEnter(Screen::Table), reset_builder)
        .add_systems(
            Update,
            (
                shortcuts.before(TableStep).run_if(handover::not_handing_over),
                (build_view, handover::watch_for_handover).chain().after(TableStep),
            )
                .run_if(in_state(Screen::Table)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (
                (top::panel, brief::panel, moves::panel, transcript::panel, stage::draw)
                    .chain()
                    .run_if(handover::not_handing_over),
                handover::screen.run_if(handover::handing_over),
            )
                .chain()
                .run_if(in_state(Screen::Table)),
        );
}

/// What the player is composing: a package, a statement, a reason, the mediator's reasons.
#[derive(Resource, Default)]
pub struct Builder {
    /// The seat the builder was set up for; a new seat (a fork taking over) starts from its demands.
    pub seat: Option<Seat>,
    pub choices: Vec<Option<usize>>,
    pub kind: Option<StatementKind>,
    pub text: String,
    pub why: String,
    /// Walk out was pressed: the panel asks to confirm before the move is sent.
    pub confirm_walkout: bool,
    /// The issue the arrow keys change.
    pub row: usize,
    /// A text box a key asked to write in (T: the statement, E: the reason), focused when next drawn.
    pub focus: Option<Field>,
    /// Why the move a key stood for cannot be made now, until the table moves on.
    pub key_refused: Option<String>,
    /// The round the reasons were written in; a new round starts them afresh.
    pub round: u32,
}

impl Builder {
    /// The package in the builder.
    pub fn package(&self) -> Package {
        Package::from_choices(&self.choices)
    }

    /// What the builder holds, as the play layer judges moves by.
    pub fn composed(&self) -> Composed {
        Composed {
            package: self.package(),
            kind: self.kind.unwrap_or(StatementKind::Firm),
            text: self.text.clone(),
            reason: self.why.clone(),
            reasons: self
                .why
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    /// Fills the builder with the mediator's desk's draft by `strategy` and its reasons, or the desk's word
    /// on why it has none.
    pub fn draft(&mut self, s: &Scenario, state: &crate::sim::table::TableState, strategy: MediatorStrategy) {
        match views::desk(s, state, strategy) {
            Ok((package, why)) => {
                self.choices = (0..s.issues.len()).map(|i| package.choice(i)).collect();
                self.why = why.join("\n");
            }
            Err(why) => self.why = why,
        }
    }

    /// Starts the builder from the seat's own demands (or nothing settled, for the mediator's chair).
    fn reset(&mut self, s: &Scenario, seat: Option<Seat>) {
        self.seat = seat;
        self.choices = match seat {
            Some(Seat::Delegation(d)) => s.delegations[d].demands.iter().map(|&o| Some(o)).collect(),
            _ => vec![None; s.issues.len()],
        };
        self.kind = Some(StatementKind::Firm);
        self.text.clear();
        self.why.clear();
        self.confirm_walkout = false;
        self.row = 0;
    }
}

fn reset_builder(mut builder: ResMut<Builder>, session: Res<Session>) {
    builder.reset(&session.scenario, session.seat);
}

/// The table as the panels draw it this frame: built once, from the play layer's views.
#[derive(Resource, Default)]
pub struct TableView {
    pub scenario: Option<Arc<Scenario>>,
    /// The person's seat; `None` while watching.
    pub me: Option<Seat>,
    /// Whether the table waits for the person's move.
    pub my_turn: bool,
    pub summary: Option<Summary>,
    pub brief: Option<Brief>,
    /// Every move the person's controls stand for, judged by the rules.
    pub moves: Option<Moves>,
    /// What the builder's package is worth to the seats the person may see.
    pub builder_worth: Vec<Valued>,
    /// The transcript, a line per event worth reading, and how many events it was built from.
    pub lines: Vec<String>,
    events: usize,
    /// The room from the opening to now, for the meters, and the log that follows it event by event.
    pub meters: Vec<crate::debrief::Meters>,
    room: Option<crate::debrief::RoomLog>,
    /// Each proposal's author's previous offer (its id and package), by proposal id, to mark what changed.
    pub previous: HashMap<u32, (u32, Package)>,
    /// Each author's latest offer so far (its id and package).
    last_offer: HashMap<Seat, (u32, Package)>,
    /// The rules' last refusal, or a note for the player.
    pub refusal: Option<String>,
    pub note: Option<String>,
}

fn build_view(session: Res<Session>, mut builder: ResMut<Builder>, mut view: ResMut<TableView>) {
    let Some(sitting) = &session.sitting else {
        *view = TableView::default();
        return;
    };
    let s = sitting.scenario().clone();
    let state = sitting.state();
    let me = session
        .seat
        .filter(|s| sitting.seats.contains(s))
        .or(sitting.seats.first().copied());
    if builder.seat != me || builder.choices.len() != s.issues.len() {
        builder.reset(&s, me);
    }
    if builder.round != state.round {
        // Last round's words are not this round's: the statement and the reasons start afresh.
        builder.round = state.round;
        builder.text.clear();
        builder.why.clear();
    }
    let events = &sitting.transcript().events;
    if view.scenario.as_ref().is_none_or(|v| !Arc::ptr_eq(v, &s)) || view.events > events.len() {
        view.lines.clear();
        view.previous.clear();
        view.last_offer.clear();
        view.room = None;
        view.events = 0;
    }
    if view.events < events.len() {
        builder.key_refused = None;
        let seen = view.events;
        for e in &events[seen..] {
            if let crate::sim::event::Event::Proposed { proposal } = e {
                if let Some(&q) = view.last_offer.get(&proposal.author) {
                    view.previous.insert(proposal.id, q);
                }
                view.last_offer.insert(proposal.author, (proposal.id, proposal.package));
            }
        }
        let room = view
            .room
            .get_or_insert_with(|| crate::debrief::RoomLog::new(&s, sitting.seed()));
        room.follow(&events[seen..]);
        view.meters = room.notes();
        let mut reader = Reader::after(&s, &events[..view.events]);
        for e in &events[view.events..] {
            if let Some(line) = reader.line(&s, e) {
                let line = line.trim_start_matches('\n').to_string();
                // An offer read against its author's last: the same package said in a few words, a changed
                // one followed by what changed.
                let line = match e {
                    crate::sim::event::Event::Proposed { proposal } => match view.previous.get(&proposal.id) {
                        Some(&(id, q)) if q == proposal.package => format!(
                            "  {} proposes #{}: the same package as #{id}.",
                            seat_name(&s, proposal.author),
                            proposal.id
                        ),
                        Some(&(id, q)) => {
                            let moved: Vec<&str> = (0..s.issues.len())
                                .filter(|&i| q.choice(i) != proposal.package.choice(i))
                                .map(|i| s.issues[i].name.as_str())
                                .collect();
                            format!("{line}\n      changed since #{id}: {}", moved.join(", "))
                        }
                        None => line,
                    },
                    _ => line,
                };
                view.lines.push(line);
            }
        }
        view.events = events.len();
    }
    view.me = me;
    view.my_turn = me.is_some_and(|seat| sitting.awaited().contains(&seat));
    view.summary = Some(views::summary(&s, state, me));
    view.brief = Some(views::brief(&s, state, me));
    view.moves = me.map(|seat| sitting.moves(seat, &builder.composed()));
    view.builder_worth = views::worth(&s, state, me, builder.package());
    view.refusal = builder.key_refused.clone().or_else(|| sitting.refusal.clone());
    view.note = session.note.clone();
    view.scenario = Some(s);
}

/// The table's keys, each only when the rules accept the move and no text field or open list has the keys:
/// ↑ ↓ pick an issue and ← → change its option; L loads the first proposal on the table into the builder;
/// Enter proposes the builder's package (in the chair: tables it); A, R and C accept, reject or counter the
/// first proposal awaiting your answer; T and E write the statement and the reason (Enter or Esc leaves the
/// box); K changes the statement's tone and S says it; P passes; M asks the mediator;
/// W walks out after Y confirms (any other key stays); in the chair 1–6 draft a package by a mediator strategy;
/// B shows or hides the brief.
#[allow(clippy::too_many_arguments)]
fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    view: Res<TableView>,
    mut session: ResMut<Session>,
    mut builder: ResMut<Builder>,
    mut layout: ResMut<Layout>,
) {
    if wants.wants_any_keyboard_input() || session.paused {
        return;
    }
    if keys.just_pressed(KeyCode::KeyB) {
        layout.brief = Some(!layout.brief.unwrap_or(true));
    }
    let (Some(moves), Some(s), Some(seat)) = (&view.moves, &view.scenario, view.me) else {
        return;
    };
    let issues = s.issues.len();
    if issues > 0 && builder.choices.len() == issues {
        if keys.just_pressed(KeyCode::ArrowDown) {
            builder.row = (builder.row + 1) % issues;
        }
        if keys.just_pressed(KeyCode::ArrowUp) {
            builder.row = (builder.row + issues - 1) % issues;
        }
        let row = builder.row.min(issues - 1);
        // Each issue's choices in order: left open, then its options.
        let count = s.issues[row].options.len() + 1;
        let at = builder.choices[row].map_or(0, |o| o + 1);
        let step = if keys.just_pressed(KeyCode::ArrowRight) {
            Some((at + 1) % count)
        } else if keys.just_pressed(KeyCode::ArrowLeft) {
            Some((at + count - 1) % count)
        } else {
            None
        };
        if let Some(next) = step {
            builder.choices[row] = next.checked_sub(1);
        }
        if keys.just_pressed(KeyCode::KeyL)
            && let Some(p) = view.summary.as_ref().and_then(|v| v.proposals.first())
        {
            builder.choices = (0..issues).map(|i| p.package.choice(i)).collect();
        }
    }
    if keys.just_pressed(KeyCode::KeyT) {
        builder.focus = Some(Field::Statement);
    } else if keys.just_pressed(KeyCode::KeyE) {
        builder.focus = Some(Field::Reason);
    }
    if keys.just_pressed(KeyCode::KeyK) {
        let kinds = tones(seat);
        let at = kinds.iter().position(|k| Some(*k) == builder.kind).unwrap_or(0);
        builder.kind = Some(kinds[(at + 1) % kinds.len()]);
    }
    if seat == Seat::Mediator {
        let digits = [
            KeyCode::Digit1,
            KeyCode::Digit2,
            KeyCode::Digit3,
            KeyCode::Digit4,
            KeyCode::Digit5,
            KeyCode::Digit6,
        ];
        if let Some(k) = digits.iter().position(|d| keys.just_pressed(*d))
            && let Some(sitting) = &session.sitting
            && let Some(&strategy) = MediatorStrategy::CHOICES.get(k)
        {
            builder.draft(s, sitting.state(), strategy);
        }
    }
    // Asked whether to walk out, Y leaves and any other key stays: a key meant for something else never
    // leaves the table waiting on a question.
    if builder.confirm_walkout {
        if keys.just_pressed(KeyCode::KeyY) && moves.walk_out.is_open() {
            session.pending.push(moves.walk_out.command.clone());
            builder.confirm_walkout = false;
        } else if keys.get_just_pressed().next().is_some() {
            builder.confirm_walkout = false;
        }
        return;
    }
    // The first proposal whose answer of this kind is open; failing that, the first one, so the key can say
    // why it cannot be answered so.
    let first_open = |pick: fn(&crate::play::moves::Answers) -> &Move| {
        let mut all = moves.answers.iter().map(pick);
        all.clone().find(|m| m.is_open()).or_else(|| all.next()).cloned()
    };
    let mut answer = |pick| {
        let m = first_open(pick);
        if m.is_none() {
            builder.key_refused = Some("No proposal awaits your answer.".into());
        }
        m
    };
    let chosen = if keys.just_pressed(KeyCode::KeyP) {
        Some(moves.pass.clone())
    } else if keys.just_pressed(KeyCode::KeyM) {
        Some(moves.ask.clone())
    } else if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::NumpadEnter) {
        let own = if seat == Seat::Mediator {
            &moves.mediate
        } else {
            &moves.propose
        };
        Some(
            [&moves.propose, &moves.mediate]
                .into_iter()
                .find(|m| m.is_open())
                .unwrap_or(own)
                .clone(),
        )
    } else if keys.just_pressed(KeyCode::KeyA) {
        answer(|a| &a.accept)
    } else if keys.just_pressed(KeyCode::KeyR) {
        answer(|a| &a.reject)
    } else if keys.just_pressed(KeyCode::KeyC) {
        answer(|a| &a.counter)
    } else if keys.just_pressed(KeyCode::KeyS) {
        if moves.say.is_open() {
            builder.text.clear();
        }
        Some(moves.say.clone())
    } else {
        None
    };
    if keys.just_pressed(KeyCode::KeyW) && moves.walk_out.is_open() {
        builder.confirm_walkout = true;
    }
    match chosen {
        Some(m) if m.is_open() => {
            builder.key_refused = None;
            session.pending.push(m.command);
        }
        Some(m) => builder.key_refused = m.why_not(),
        None => {}
    }
}

/// The tones a seat may speak in, in the order the panel shows them and K steps through them: the chair
/// does not warn that it may walk out.
pub fn tones(seat: Seat) -> &'static [StatementKind] {
    const ALL: [StatementKind; 4] = [
        StatementKind::Conciliatory,
        StatementKind::Firm,
        StatementKind::Threat,
        StatementKind::WalkoutWarning,
    ];
    if seat == Seat::Mediator { &ALL[..3] } else { &ALL }
}

/// The builder's text boxes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// What the seat says to the room.
    Statement,
    /// The reason given with a rejection or a walkout, or the mediator's reasons.
    Reason,
}

/// Which panels are shown: the brief can be folded away (B) to give the table more room; by default it
/// is shown when the window is wide enough for it and the table both.
#[derive(Resource, Default)]
pub struct Layout {
    /// Whether the brief is shown, once the player has chosen.
    pub brief: Option<bool>,
}

impl Layout {
    /// Whether the brief shows in a window `width` points wide.
    pub fn brief_shown(&self, width: f32) -> bool {
        self.brief.unwrap_or(width >= 1100.0)
    }
}

/// A button for one move: enabled exactly when the rules accept it, its hover text the rules' reason
/// when they do not. Returns the Command to send when clicked.
pub fn move_button(ui: &mut egui::Ui, label: impl Into<egui::WidgetText>, m: &Move) -> Option<Command> {
    button(ui, label, m, None)
}

/// A move's button with a word on what it does, shown on hover while the move is open.
pub fn move_button_tip(ui: &mut egui::Ui, label: impl Into<egui::WidgetText>, m: &Move, tip: &str) -> Option<Command> {
    button(ui, label, m, Some(tip))
}

fn button(ui: &mut egui::Ui, label: impl Into<egui::WidgetText>, m: &Move, tip: Option<&str>) -> Option<Command> {
    let response = ui.add_enabled(m.is_open(), egui::Button::new(label));
    let response = match (m.why_not(), tip) {
        (Some(why), _) => response.on_disabled_hover_text(why),
        (None, Some(tip)) => response.on_hover_text(tip),
        (None, None) => response,
    };
    response.clicked().then(|| m.command.clone())
}

/// A seat's colour at the table.
pub fn colour(s: &Scenario, seat: Seat) -> egui::Color32 {
    match seat {
        Seat::Delegation(d) => {
            let [r, g, b] = s.delegations[d].colour;
            egui::Color32::from_rgb(r, g, b).gamma_multiply(1.4)
        }
        Seat::Mediator => egui::Color32::from_rgb(220, 215, 190),
        Seat::Facilitator => egui::Color32::from_rgb(200, 200, 210),
    }
}

/// The part of the window the panels drawn so far this frame have left free (logical pixels).
#[derive(Resource, Clone, Copy)]
pub struct Free(pub egui::Rect);

impl Default for Free {
    fn default() -> Self {
        Free(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0)))
    }
}

/// A `Ui` over the free part of the window, for one panel to take its side of.
pub fn free_ui(ctx: &egui::Context, id: &str, free: &Free) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        egui::Id::new(id),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(free.0),
    )
}

pub const RED: egui::Color32 = egui::Color32::from_rgb(235, 95, 85);
pub const GREEN: egui::Color32 = egui::Color32::from_rgb(120, 200, 120);
/// Terms changed since the author's previous offer.
pub const CHANGED: egui::Color32 = egui::Color32::from_rgb(255, 214, 90);

/// What a package is worth, to whom, and whose red lines it crosses: red lines first, so a package
/// across a line never reads as good.
pub fn worth(ui: &mut egui::Ui, rows: &[Valued], mine: bool) {
    for v in rows {
        let prefix = if mine {
            "To you: ".to_string()
        } else {
            format!("To {}: ", v.name)
        };
        for line in &v.crossed {
            ui.colored_label(RED, format!("crosses {}'s red line: {line}", v.name));
        }
        ui.colored_label(
            if v.good() { GREEN } else { RED },
            format!(
                "{prefix}worth {:.0} (walk-away {:.0})",
                v.value * 100.0,
                v.walk_away * 100.0
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use bevy::ecs::system::RunSystemOnce;
    use bevy::prelude::*;
    use bevy_egui::input::EguiWantsInput;

    use super::*;
    use crate::gui::{Options, Session};
    use crate::play::{Keeping, Sitting};
    use crate::sim::command::{Command, Reason, Seat};
    use crate::sim::turn::Phase;

    const UKRAINE: Seat = Seat::Delegation(0);

    /// A window's table resources with Ukraine's seat at the Istanbul table, waiting for its first move.
    fn table() -> World {
        let scenario = Scenario::istanbul();
        let mut sitting = Sitting::new(scenario.clone(), 3, vec![UKRAINE], Keeping::default());
        sitting.run_until_people();
        let mut world = World::new();
        world.insert_resource(Session {
            options: Options::default(),
            scenario,
            source: None,
            seed: 3,
            seat: Some(UKRAINE),
            seats: Vec::new(),
            handover: None,
            sitting: Some(sitting),
            pending: Vec::new(),
            paused: false,
            help: false,
            exit: None,
            fork: None,
            note: None,
            continued: false,
        });
        world.init_resource::<ButtonInput<KeyCode>>();
        world.init_resource::<EguiWantsInput>();
        world.init_resource::<Builder>();
        world.init_resource::<TableView>();
        world.init_resource::<Layout>();
        world.run_system_once(build_view).expect("the view builds");
        world
    }

    /// One key pressed and released, as a frame of the window sees it.
    fn press(world: &mut World, key: KeyCode) {
        world.resource_mut::<ButtonInput<KeyCode>>().press(key);
        world.run_system_once(shortcuts).expect("the keys are read");
        let mut input = world.resource_mut::<ButtonInput<KeyCode>>();
        input.release(key);
        input.clear();
        world.run_system_once(build_view).expect("the view builds");
    }

    /// The moves the keys queued, played at the table, which then runs until the person's next move.
    fn play_queued(world: &mut World) -> Vec<Command> {
        let mut session = world.resource_mut::<Session>();
        let sent = std::mem::take(&mut session.pending);
        let sitting = session.sitting.as_mut().expect("seated");
        for c in &sent {
            sitting
                .send(UKRAINE, c.clone())
                .expect("the rules accept the move the key stood for");
        }
        sitting.run_until_people();
        world.run_system_once(build_view).expect("the view builds");
        sent
    }

    fn phase(world: &World) -> Phase {
        world
            .resource::<Session>()
            .sitting
            .as_ref()
            .expect("seated")
            .state()
            .phase
    }

    fn until_phase(world: &mut World, wanted: Phase) {
        for _ in 0..8 {
            if phase(world) == wanted {
                return;
            }
            press(world, KeyCode::KeyP);
            play_queued(world);
        }
        panic!("the table never reached {wanted:?}");
    }

    #[test]
    fn the_arrow_keys_build_a_package_and_enter_proposes_it() {
        let mut world = table();
        until_phase(&mut world, Phase::Proposals);
        // Down twice to the prisoner exchange; Left from Ukraine's "all for all" to "1,000 for 1,000".
        for key in [KeyCode::ArrowDown, KeyCode::ArrowDown, KeyCode::ArrowLeft] {
            press(&mut world, key);
        }
        press(&mut world, KeyCode::Enter);
        let sent = play_queued(&mut world);
        let [Command::Propose { package }] = sent.as_slice() else {
            panic!("Enter should propose the package, not {sent:?}");
        };
        let s = Scenario::istanbul();
        assert_eq!(package.choice(2), Some(1), "the exchange moved one option left");
        for i in [0, 1, 3, 4] {
            assert_eq!(
                package.choice(i),
                Some(s.delegations[0].demands[i]),
                "issue {i} keeps Ukraine's ask"
            );
        }
    }

    #[test]
    fn r_rejects_with_the_reason_written_in_the_reason_box() {
        let mut world = table();
        until_phase(&mut world, Phase::Proposals);
        press(&mut world, KeyCode::Enter);
        play_queued(&mut world);
        until_phase(&mut world, Phase::Responses);
        world.resource_mut::<Builder>().why = "Not without a ceasefire".into();
        world.run_system_once(build_view).expect("the view builds");
        press(&mut world, KeyCode::KeyR);
        let sent = play_queued(&mut world);
        match sent.as_slice() {
            [
                Command::Reject {
                    reason: Reason::Said(words),
                    ..
                },
            ] => assert_eq!(&**words, "Not without a ceasefire"),
            other => panic!("R should reject with the reason in the box, not {other:?}"),
        }
    }

    #[test]
    fn no_key_moves_the_table_while_the_game_is_paused() {
        let mut world = table();
        world.resource_mut::<Session>().paused = true;
        for key in [
            KeyCode::KeyP,
            KeyCode::Enter,
            KeyCode::KeyM,
            KeyCode::KeyW,
            KeyCode::ArrowDown,
        ] {
            press(&mut world, key);
        }
        assert!(world.resource::<Session>().pending.is_empty());
        assert!(!world.resource::<Builder>().confirm_walkout);
        assert_eq!(world.resource::<Builder>().row, 0);
    }

    #[test]
    fn w_asks_before_walking_out_and_n_or_any_other_key_stays_at_the_table() {
        let mut world = table();
        press(&mut world, KeyCode::KeyW);
        assert!(world.resource::<Builder>().confirm_walkout);
        assert!(world.resource::<Session>().pending.is_empty(), "W alone sends nothing");
        press(&mut world, KeyCode::KeyN);
        assert!(!world.resource::<Builder>().confirm_walkout);
        press(&mut world, KeyCode::KeyW);
        press(&mut world, KeyCode::KeyA);
        assert!(
            !world.resource::<Builder>().confirm_walkout,
            "any other key stays at the table"
        );
        assert!(world.resource::<Session>().pending.is_empty(), "and does nothing else");
        press(&mut world, KeyCode::KeyW);
        press(&mut world, KeyCode::KeyY);
        let sent = play_queued(&mut world);
        assert!(
            matches!(sent.as_slice(), [Command::WalkOut { .. }]),
            "Y confirms: {sent:?}"
        );
    }

    #[test]
    fn a_key_whose_move_the_rules_refuse_says_why_instead_of_doing_nothing() {
        let mut world = table();
        // In the statements phase there is nothing to accept.
        assert_eq!(phase(&world), Phase::Statements);
        press(&mut world, KeyCode::Enter);
        assert!(world.resource::<Session>().pending.is_empty());
        let view = world.resource::<TableView>();
        assert!(
            view.refusal.as_deref().is_some_and(|r| !r.is_empty()),
            "Enter out of turn should say why"
        );
    }

    #[test]
    fn a_package_across_your_red_line_never_reads_as_good_however_much_it_is_worth() {
        let s = Scenario::istanbul();
        let (state, _) = crate::sim::table::TableState::seated(&s, 3, &Default::default());
        // Ukraine's every ask, with the withdrawal from the four regions: worth much, across its red line.
        let mut choices: Vec<Option<usize>> = s.delegations[0].demands.iter().map(|&o| Some(o)).collect();
        choices[1] = Some(1);
        let rows = views::worth(&s, &state, Some(UKRAINE), Package::from_choices(&choices));
        let [mine] = rows.as_slice() else {
            panic!("a delegation sees its own worth only")
        };
        assert!(mine.value > mine.walk_away, "worth more than walking away");
        assert!(!mine.crossed.is_empty());
        assert!(!mine.good(), "drawn in red, its red line first");
    }

    #[test]
    fn the_transcript_says_an_offer_repeated_word_for_word_in_a_few_words() {
        let mut world = table();
        for _ in 0..24 {
            press(&mut world, KeyCode::KeyP);
            play_queued(&mut world);
        }
        let view = world.resource::<TableView>();
        let repeated = view
            .lines
            .iter()
            .filter(|l| l.contains(": the same package as #"))
            .count();
        assert!(
            repeated > 0,
            "the AI repeats offers at Istanbul; the transcript should say so briefly"
        );
        for line in view.lines.iter().filter(|l| l.contains("changed since #")) {
            assert!(!line.contains(": the same package as #"));
        }
    }

    #[test]
    fn a_new_round_starts_the_statement_and_the_reason_afresh() {
        let mut world = table();
        let round = world
            .resource::<Session>()
            .sitting
            .as_ref()
            .expect("seated")
            .state()
            .round;
        world.resource_mut::<Builder>().why = "last round's reason".into();
        world.resource_mut::<Builder>().text = "last round's words".into();
        for _ in 0..12 {
            press(&mut world, KeyCode::KeyP);
            play_queued(&mut world);
            if world
                .resource::<Session>()
                .sitting
                .as_ref()
                .expect("seated")
                .state()
                .round
                > round
            {
                break;
            }
        }
        let builder = world.resource::<Builder>();
        assert!(builder.why.is_empty() && builder.text.is_empty());
    }
}
