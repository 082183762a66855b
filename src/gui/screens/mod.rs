//! The screens around the table, one file each: title, scenario picker, seat choice, outcome, and the
//! pause menu with help over the table.

pub(crate) mod outcome;
mod pause;
mod scenario;
mod seat;
mod title;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, Session};

pub use title::RecentGames;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<scenario::Picker>()
        .init_resource::<RecentGames>()
        .init_resource::<outcome::DebriefView>()
        .add_systems(OnEnter(Screen::Outcome), outcome::open)
        .add_systems(OnEnter(Screen::Title), title::list_recent)
        .add_systems(OnEnter(Screen::Scenario), scenario::list_scenarios)
        .add_systems(OnEnter(Screen::Seat), seat::seat_from_command_line)
        .add_systems(
            Update,
            (
                keys,
                (title::title_keys, title::finish_loading).run_if(in_state(Screen::Title)),
            ),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (
                style,
                title::title.run_if(in_state(Screen::Title)),
                scenario::scenario.run_if(in_state(Screen::Scenario)),
                seat::seat.run_if(in_state(Screen::Seat)),
                outcome::outcome.run_if(in_state(Screen::Outcome)),
                pause::pause.run_if(in_state(Screen::Table)),
            )
                .chain(),
        );
}

/// Whether `key` was pressed this frame for the screen's own keys, that is, unless a text box has the keys.
fn pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    !ctx.egui_wants_keyboard_input() && ctx.input(|i| i.key_pressed(key))
}

/// A full-window `Ui` to lay panels into.
pub fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// Text sizes readable at 1280×720.
fn style(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if *done {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.all_styles_mut(|s| {
        use egui::{FontFamily, FontId, TextStyle};
        s.text_styles = [
            (TextStyle::Heading, FontId::new(22.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(15.0, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(12.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
        ]
        .into();
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
    });
    *done = true;
    Ok(())
}

/// The help window's text (F1), laid out by the window's own word wrap.
const HOW_TO_PLAY: &str =
    "You sit at the table as one delegation (or in the mediator's chair). Each round has phases: \
statements, proposals, the mediator's proposal, and responses. The bar at the top says what you can do now; a \
button that is greyed out says why when you hover over it.

Build a package on the right: choose an option for each issue or leave it open. The builder shows what it is \
worth to you and which of your red lines it would cross. A deal needs every delegation to accept the same \
package. With no deal, everyone falls back on their walk-away value.

Walk-away value: what you get if there is no deal. Patience: how much more frustration a delegation can bear; \
at zero it walks out. Trust: how far a delegation believes another; it accepts less from those it trusts. \
Tension: how heated the room is; it wears patience.

At your move you can change how the AI plays the other seats (\"How the AI plays the other seats\" under your \
moves). In the mediator's chair your desk drafts a package, with its reasons, by any of the six mediator strategies.

The scene in the middle is the room: the table turns from green through amber to red as tension rises; \
a bubble at a seat is what was just said there (orange for a threat, red for a warning or a walkout); cards on \
the table are the proposals standing, with the terms their author changed since its last offer marked in \
yellow; ✔ and ✖ beside a seat are its answers; the ring round a seat is its patience, where you may see it; \
an outside actor lights up in the round its news arrives. The charts above show tension, patience and trust \
from the opening to now. Hover over anything for what it means.

Every move has a key, so a whole game can be played from the keyboard: the keys are below.";

/// The keys, screen by screen, as the help window lists them.
const KEYS: &[(&str, &str)] = &[
    ("Title", "Enter a new game · C continue the newest saved game · Q quit"),
    (
        "Scenarios",
        "Up / Down choose a table · Enter go on to the seats · Esc back",
    ),
    (
        "Seats",
        "1, 2, … a delegation · the next number the mediator's chair · W watch · Esc back",
    ),
    (
        "Your package",
        "Up / Down pick an issue · Left / Right change its option · L load the first proposal on the table",
    ),
    (
        "Proposing",
        "Enter propose your package (in the chair: table it) · 1–6 in the chair: draft by a strategy",
    ),
    (
        "Answering",
        "A accept · R reject (with the reason you wrote) · C counter with your package: the first proposal awaiting your answer",
    ),
    (
        "Speaking",
        "T write a statement · K change its tone · S say it · E write your reason · Enter or Esc leaves a text box",
    ),
    (
        "Other moves",
        "M ask the mediator · P pass · W walk out, then Y to confirm or any other key to stay",
    ),
    (
        "The window",
        "B show or hide the brief · F1 this help · Esc the menu (then L leave the table, Q quit)",
    ),
    ("Zoom", "Ctrl + bigger · Ctrl - smaller · Ctrl 0 back to normal"),
    (
        "After the talks",
        "Enter play again · Left / Right change the tab · Q quit",
    ),
];

/// Esc opens and closes the pause menu (first closing an open list, leaving a text field, or taking back a
/// walk-out not yet confirmed); F1 opens and closes the help.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut session: ResMut<Session>,
    screen: Res<State<Screen>>,
    wants: Res<bevy_egui::input::EguiWantsInput>,
    mut builder: ResMut<crate::gui::table::Builder>,
) {
    if *screen.get() == Screen::Table {
        if keys.just_pressed(KeyCode::Escape) && builder.confirm_walkout {
            builder.confirm_walkout = false;
        } else if keys.just_pressed(KeyCode::Escape) && !wants.wants_any_keyboard_input() {
            session.paused = !session.paused;
            session.help = false;
        }
        if keys.just_pressed(KeyCode::F1) {
            session.help = !session.help;
        }
    }
}
