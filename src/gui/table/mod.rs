//! The table screen: a view of the table built once a frame from the play layer, and one panel per
//! file drawing it (the top bar, the brief, the moves, the transcript, the labels over the scene).
//! Every control stands for one Command, enabled exactly when the rules would accept it.

mod brief;
pub(crate) mod handover;
mod labels;
mod moves;
mod top;
mod transcript;

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::{Screen, Session, TableStep};
use crate::play::views::{self, Brief, Summary, Valued};
use crate::play::{Composed, Move, Moves};
use crate::sim::command::{Command, Seat};
use crate::sim::delegation::StatementKind;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;
use crate::sim::transcript::Reader;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Builder>()
        .init_resource::<TableView>()
        .init_resource::<Free>()
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
                (top::panel, brief::panel, moves::panel, transcript::panel, labels::draw)
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
    let events = &sitting.transcript().events;
    if view.scenario.as_ref().is_none_or(|v| !Arc::ptr_eq(v, &s)) || view.events > events.len() {
        view.lines.clear();
        view.events = 0;
    }
    if view.events < events.len() {
        let mut reader = Reader::after(&s, &events[..view.events]);
        for e in &events[view.events..] {
            if let Some(line) = reader.line(&s, e) {
                view.lines.push(line.trim_start_matches('\n').to_string());
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
    view.refusal = sitting.refusal.clone();
    view.note = session.note.clone();
    view.scenario = Some(s);
}

/// Enter proposes (or, in the chair, tables) the builder's package, P passes, M asks the mediator, A and
/// R answer the next proposal — each only when the rules accept it, and unless a text field has the keys.
fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    view: Res<TableView>,
    mut session: ResMut<Session>,
) {
    if wants.wants_keyboard_input() || session.paused {
        return;
    }
    let Some(moves) = &view.moves else { return };
    let first_open =
        |pick: fn(&crate::play::moves::Answers) -> &Move| moves.answers.iter().map(pick).find(|m| m.is_open()).cloned();
    let chosen = if keys.just_pressed(KeyCode::KeyP) {
        Some(moves.pass.clone())
    } else if keys.just_pressed(KeyCode::KeyM) {
        Some(moves.ask.clone())
    } else if keys.just_pressed(KeyCode::Enter) {
        [&moves.propose, &moves.mediate]
            .into_iter()
            .find(|m| m.is_open())
            .cloned()
    } else if keys.just_pressed(KeyCode::KeyA) {
        first_open(|a| &a.accept)
    } else if keys.just_pressed(KeyCode::KeyR) {
        first_open(|a| &a.reject)
    } else {
        None
    };
    if let Some(m) = chosen.filter(Move::is_open) {
        session.pending.push(m.command);
    }
}

/// A button for one move: enabled exactly when the rules accept it, its hover text the rules' reason
/// when they do not. Returns the Command to send when clicked.
pub fn move_button(ui: &mut egui::Ui, label: impl Into<egui::WidgetText>, m: &Move) -> Option<Command> {
    let response = ui.add_enabled(m.is_open(), egui::Button::new(label));
    let response = match m.why_not() {
        Some(why) => response.on_disabled_hover_text(why),
        None => response,
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
