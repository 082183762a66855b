//! The screens around the table: title, scenario picker, seat choice, outcome, and the pause menu.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::{Screen, Session};
use crate::sim::command::Seat;
use crate::sim::scenario::Scenario;
use crate::sim::table::TableState;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Picker>()
        .init_resource::<RecentGames>()
        .add_systems(OnEnter(Screen::Title), list_recent)
        .add_systems(OnEnter(Screen::Scenario), list_scenarios)
        .add_systems(OnEnter(Screen::Seat), seat_from_command_line)
        .add_systems(
            Update,
            (keys, (title_keys, finish_loading).run_if(in_state(Screen::Title))),
        )
        .add_systems(
            EguiPrimaryContextPass,
            (
                style,
                title.run_if(in_state(Screen::Title)),
                scenario.run_if(in_state(Screen::Scenario)),
                seat.run_if(in_state(Screen::Seat)),
                outcome.run_if(in_state(Screen::Outcome)),
                pause.run_if(in_state(Screen::Table)),
            )
                .chain(),
        );
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

const HOW_TO_PLAY: &str = "\
You sit at the table as one delegation (or in the mediator's chair). Each round has phases:
statements, proposals, the mediator's proposal, and responses. The prompt at the top says what
you can do now. Build a package on the right: choose an option for each issue or leave it open;
the builder shows what it is worth to you and which of your red lines it would cross. A deal needs
every delegation to accept the same package. Walk away with nothing if no deal beats your walk-away value.

At your move you can change how the AI plays the other seats (\"How the AI plays the other seats\" under
your moves): each delegation's tactic, and how the mediator drafts. In the mediator's chair your desk
drafts a package, with its reasons, by any of the six mediator strategies.

Keys: Enter — propose the package in the builder (proposals phase); P — pass; M — ask the mediator;
A / R — accept / reject the next proposal you have not answered; Esc — pause menu; F1 — this help.";

fn keys(keys: Res<ButtonInput<KeyCode>>, mut session: ResMut<Session>, screen: Res<State<Screen>>) {
    if *screen.get() == Screen::Table {
        if keys.just_pressed(KeyCode::Escape) {
            session.paused = !session.paused;
            session.help = false;
        }
        if keys.just_pressed(KeyCode::F1) {
            session.help = !session.help;
        }
    }
}

fn title_keys(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::Enter) {
        next.set(Screen::Scenario);
    }
}

/// Recorded games in the data folder, newest first, for the title screen.
#[derive(Resource, Default)]
pub struct RecentGames {
    pub files: Vec<PathBuf>,
    pub error: Option<String>,
    /// A recording being replayed on its own thread (the window's task pools stay free meanwhile).
    loading: Option<std::sync::Mutex<std::sync::mpsc::Receiver<Result<super::viewer::Viewer, String>>>>,
}

/// Opens the viewer once a recording has been replayed in the background.
fn finish_loading(
    mut recent: ResMut<RecentGames>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(rx) = &recent.loading else { return };
    let got = rx.lock().ok().and_then(|rx| rx.try_recv().ok());
    match got {
        None => {
            redraw.write(bevy::window::RequestRedraw);
        }
        Some(Ok(viewer)) => {
            recent.loading = None;
            recent.error = None;
            commands.insert_resource(viewer);
            next.set(Screen::Replay);
        }
        Some(Err(e)) => {
            recent.loading = None;
            recent.error = Some(e);
        }
    }
}

fn list_recent(mut recent: ResMut<RecentGames>) {
    recent.files = crate::replay::data_dir()
        .map(|d| crate::replay::recent(&d.join("replays"), 5))
        .unwrap_or_default();
}

fn title(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut recent: ResMut<RecentGames>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(150.0);
            ui.label(
                egui::RichText::new("REDLINE")
                    .size(64.0)
                    .strong()
                    .color(egui::Color32::from_rgb(214, 64, 58)),
            );
            ui.label(egui::RichText::new("a negotiation game").size(20.0));
            ui.add_space(30.0);
            ui.label(format!(
                "Today's table: {} — {}",
                session.scenario.title, session.scenario.place
            ));
            ui.add_space(30.0);
            if ui
                .add_sized([220.0, 40.0], egui::Button::new("New game  (Enter)"))
                .clicked()
            {
                next.set(Screen::Scenario);
            }
            ui.add_space(8.0);
            if ui.add_sized([220.0, 40.0], egui::Button::new("Quit")).clicked() {
                session.exit = Some(0);
            }
            ui.add_space(40.0);
            ui.label(
                egui::RichText::new(
                    "Sit at the table as a delegation against AI delegations that concede, stall and walk out.",
                )
                .weak(),
            );
            if !recent.files.is_empty() {
                ui.add_space(24.0);
                ui.label(egui::RichText::new("Recent games").strong());
                let mut open: Option<PathBuf> = None;
                for f in &recent.files {
                    let name = f
                        .file_name()
                        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                    if ui.small_button(format!("Watch {name}")).clicked() {
                        open = Some(f.clone());
                    }
                }
                if let Some(f) = open
                    && recent.loading.is_none()
                {
                    let (tx, rx) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let _ = tx.send(super::viewer::Viewer::open(f));
                    });
                    recent.loading = Some(std::sync::Mutex::new(rx));
                }
                if recent.loading.is_some() {
                    ui.label("Loading the recording…");
                }
                if let Some(e) = &recent.error {
                    ui.colored_label(egui::Color32::from_rgb(230, 90, 80), e);
                }
            }
        });
    });
    Ok(())
}

/// The scenario picker's choices.
#[derive(Resource, Default)]
pub struct Picker {
    pub files: Vec<PathBuf>,
    pub path: String,
    pub error: Option<String>,
}

fn list_scenarios(mut picker: ResMut<Picker>) {
    picker.files = crate::terminal::scenario_files(std::path::Path::new("assets/scenarios"));
    picker.error = None;
}

fn scenario(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    mut picker: ResMut<Picker>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let mut load: Option<PathBuf> = None;
    let mut builtin = false;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading("Choose a scenario");
        ui.add_space(10.0);
        let istanbul = session.source.is_none();
        if ui
            .selectable_label(istanbul, "Istanbul, 16 May 2025 (built in)")
            .clicked()
        {
            builtin = true;
        }
        for f in picker.files.clone() {
            let chosen = session.source.as_ref() == Some(&f);
            if ui.selectable_label(chosen, f.display().to_string()).clicked() {
                load = Some(f);
            }
        }
        ui.horizontal(|ui| {
            ui.label("Or a file:");
            ui.add(
                egui::TextEdit::singleline(&mut picker.path)
                    .hint_text("path/to/scenario.ron")
                    .desired_width(380.0),
            );
            if ui.button("Load").clicked() && !picker.path.trim().is_empty() {
                load = Some(PathBuf::from(picker.path.trim()));
            }
        });
        if let Some(e) = &picker.error {
            ui.colored_label(egui::Color32::from_rgb(230, 90, 80), e);
        }
        ui.separator();
        let s = &session.scenario;
        ui.label(egui::RichText::new(&s.title).strong());
        ui.label(format!("{}, {}", s.place, s.date));
        ui.label(&s.summary);
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Title);
            }
            if ui
                .add(egui::Button::new("Choose your seat").min_size(egui::vec2(180.0, 32.0)))
                .clicked()
            {
                next.set(Screen::Seat);
            }
        });
    });
    if builtin {
        session.scenario = Scenario::istanbul();
        session.source = None;
        picker.error = None;
    }
    if let Some(path) = load {
        match Scenario::load(&path) {
            Ok(s) => {
                session.scenario = Arc::new(s);
                session.source = Some(path);
                picker.error = None;
            }
            Err(e) => picker.error = Some(e.to_string()),
        }
    }
    Ok(())
}

/// `--seat` on the command line takes the seat the first time the choice comes up.
fn seat_from_command_line(mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) {
    let Some(word) = session.options.seat.take() else {
        return;
    };
    match crate::terminal::seat_by_name(&session.scenario, &word) {
        Some(seat) => {
            session.seat = Some(seat);
            next.set(Screen::Table);
        }
        None => warn!("no seat called \"{word}\" at this table; choose one on screen"),
    }
}

fn seat(mut contexts: EguiContexts, mut next: ResMut<NextState<Screen>>, mut session: ResMut<Session>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let mut chosen: Option<Option<Seat>> = None;
    let s = session.scenario.clone();
    egui::CentralPanel::default().show(&mut ui, |ui| {
        ui.heading(format!("{} — choose your seat", s.title));
        ui.add_space(10.0);
        let card_width = ((ui.available_width() - 24.0) / (s.delegations.len() + 1) as f32).clamp(240.0, 400.0);
        ui.horizontal_top(|ui| {
            for (d, del) in s.delegations.iter().enumerate() {
                let colour = egui::Color32::from_rgb(del.colour[0], del.colour[1], del.colour[2]).gamma_multiply(1.4);
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(2.0, colour))
                    .show(ui, |ui| {
                        ui.set_width(card_width);
                        ui.vertical(|ui| {
                            let native = del.native.as_deref().map(|n| format!("  {n}")).unwrap_or_default();
                            ui.label(
                                egui::RichText::new(format!("{}{native}", del.name))
                                    .heading()
                                    .color(colour),
                            );
                            for p in del.delegates.iter().take(3) {
                                let native = p.native.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
                                ui.label(egui::RichText::new(format!("{}{native}", p.name)).strong());
                                ui.label(egui::RichText::new(&p.role).small());
                            }
                            ui.add_space(4.0);
                            ui.label(egui::RichText::new("Asks:").small().strong());
                            for (i, issue) in s.issues.iter().enumerate() {
                                ui.label(
                                    egui::RichText::new(format!("• {}", issue.options[del.demands[i]].text)).small(),
                                );
                            }
                            ui.add_space(4.0);
                            if ui
                                .add(egui::Button::new(format!("Play {}", del.name)).min_size(egui::vec2(140.0, 30.0)))
                                .clicked()
                            {
                                chosen = Some(Some(Seat::Delegation(d)));
                            }
                        });
                    });
            }
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(card_width);
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new(format!("The mediator's chair — {}", s.mediator.name)).heading());
                    for p in &s.mediator.delegates {
                        ui.label(egui::RichText::new(&p.name).strong());
                        ui.label(egui::RichText::new(&p.role).small());
                    }
                    ui.add_space(4.0);
                    ui.label(
                        egui::RichText::new("Table proposals that every side can sign, and explain them.").small(),
                    );
                    ui.add_space(4.0);
                    if ui
                        .add(egui::Button::new("Take the chair").min_size(egui::vec2(140.0, 30.0)))
                        .clicked()
                    {
                        chosen = Some(Some(Seat::Mediator));
                    }
                });
            });
        });
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            if ui.button("Back").clicked() {
                next.set(Screen::Scenario);
            }
            if ui.button("Watch the AI play every seat").clicked() {
                chosen = Some(None);
            }
        });
    });
    if let Some(seat) = chosen {
        session.seat = seat;
        next.set(Screen::Table);
    }
    Ok(())
}

fn outcome(
    mut contexts: EguiContexts,
    mut next: ResMut<NextState<Screen>>,
    mut session: ResMut<Session>,
    tables: Query<(
        &crate::sim::table::Table,
        &TableState,
        &crate::sim::transcript::Transcript,
    )>,
    reservations: Query<&crate::sim::delegation::Reservation>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut ui = root(ctx);
    let s = session.scenario.clone();
    let Some((table, state, transcript)) = session.table.and_then(|t| tables.get(t).ok()) else {
        return Ok(());
    };
    let Some(result) = state.outcome else { return Ok(()) };
    let seat = session.seat;
    let mut again = false;
    egui::CentralPanel::default().show(&mut ui, |ui| {
        let heading = match result.kind() {
            "agreement" => "Agreement",
            "partial_agreement" => "Partial agreement",
            "deadlock" => "Deadlock",
            _ => "Walkout",
        };
        ui.label(egui::RichText::new(heading).size(34.0).strong());
        ui.label(result.describe(&s, state.round));
        if let Some(Seat::Delegation(d)) = seat {
            let del = &s.delegations[d];
            let walk_away = table
                .seats
                .get(d)
                .and_then(|&e| reservations.get(e).ok())
                .map_or(del.walk_away, |r| r.0);
            let got = result.package().map_or(walk_away, |p| del.utility(p));
            ui.label(format!(
                "For {}: {:.0} of 100 against a walk-away of {:.0}.",
                del.name,
                got * 100.0,
                walk_away * 100.0
            ));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Play again").clicked() {
                again = true;
            }
            if ui.button("Quit").clicked() {
                session.exit = Some(0);
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            ui.label(egui::RichText::new(transcript.render(&s)).monospace().size(13.0));
        });
    });
    if again {
        next.set(Screen::Seat);
    }
    Ok(())
}

fn pause(mut contexts: EguiContexts, mut session: ResMut<Session>, mut next: ResMut<NextState<Screen>>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if session.help {
        let mut open = true;
        egui::Window::new("How to play")
            .open(&mut open)
            .collapsible(false)
            .default_width(640.0)
            .show(ctx, |ui| {
                ui.label(HOW_TO_PLAY);
            });
        session.help = open;
    }
    if !session.paused {
        return Ok(());
    }
    egui::Window::new("Paused")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
        .show(ctx, |ui| {
            ui.vertical_centered(|ui| {
                if ui
                    .add_sized([200.0, 32.0], egui::Button::new("Resume  (Esc)"))
                    .clicked()
                {
                    session.paused = false;
                }
                if ui.add_sized([200.0, 32.0], egui::Button::new("Help  (F1)")).clicked() {
                    session.help = true;
                }
                if ui
                    .add_sized([200.0, 32.0], egui::Button::new("Leave the table"))
                    .clicked()
                {
                    session.paused = false;
                    next.set(Screen::Seat);
                }
                if ui
                    .add_sized([200.0, 32.0], egui::Button::new("Quit the game"))
                    .clicked()
                {
                    session.exit = Some(0);
                }
            });
        });
    Ok(())
}
