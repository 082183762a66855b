//! The table as a 2D scene: the delegations around it, the mediator at its head, outside actors at
//! the edge, proposals arriving as cards, and the table's colour following the tension in the room.

use bevy::prelude::*;

use super::{Screen, Session, TableStep};
use crate::sim::command::Seat;
use crate::sim::scenario::{Scenario, Voice};
use crate::sim::transcript::{Event, Transcript};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Stage>()
        .add_systems(OnEnter(Screen::Table), spawn_scene)
        .add_systems(
            Update,
            (place_camera, layout, cards, mood)
                .chain()
                .after(TableStep)
                .run_if(in_state(Screen::Table)),
        );
}

/// The free area between the panels, in window coordinates (logical pixels, y down).
#[derive(Resource, Debug, Clone, Copy)]
pub struct Stage {
    pub center: Vec2,
    pub size: Vec2,
    pub window: Vec2,
}

impl Default for Stage {
    fn default() -> Self {
        Stage {
            center: Vec2::new(640.0, 360.0),
            size: Vec2::new(600.0, 400.0),
            window: Vec2::new(1280.0, 720.0),
        }
    }
}

impl Stage {
    /// Where a seat sits, relative to the table's centre (y up).
    pub fn seat(&self, voice: Voice, delegations: usize, actors: usize) -> Vec2 {
        let (rx, ry) = self.radii();
        match voice {
            Voice::Mediator => Vec2::new(0.0, ry + 34.0),
            Voice::Delegation(d) => {
                // Spread the delegations around the lower arc, from left to right.
                let t = if delegations <= 1 {
                    0.5
                } else {
                    d as f32 / (delegations - 1) as f32
                };
                let angle = std::f32::consts::PI * (1.0 + t);
                let angle = if delegations == 2 {
                    std::f32::consts::PI * (1.0 - t)
                } else {
                    angle
                };
                Vec2::new(
                    (rx + 46.0) * angle.cos(),
                    (ry + 40.0) * angle.sin() - if delegations == 2 { 10.0 } else { 0.0 },
                )
            }
            Voice::Outside(a) => {
                let span = (actors.max(1) as f32 - 1.0) * 130.0;
                Vec2::new(-span / 2.0 + a as f32 * 130.0, -(self.size.y / 2.0) + 26.0)
            }
        }
    }

    /// The table's half-width and half-height.
    pub fn radii(&self) -> (f32, f32) {
        let rx = (self.size.x * 0.30).clamp(80.0, 320.0);
        let ry = (self.size.y * 0.22).clamp(50.0, 170.0);
        (rx, ry)
    }

    /// Window position (y down) of a scene position (y up, relative to the table's centre).
    pub fn window_point(&self, p: Vec2) -> Vec2 {
        Vec2::new(self.center.x + p.x, self.center.y - p.y)
    }
}

#[derive(Component)]
struct TableTop;

#[derive(Component)]
struct SeatDisc(Voice);

#[derive(Component)]
struct Card {
    id: u32,
}

fn spawn_scene(
    mut commands: Commands,
    session: Res<Session>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let s = &session.scenario;
    commands.spawn((
        TableTop,
        Mesh2d(meshes.add(Ellipse::new(1.0, 1.0))),
        MeshMaterial2d(materials.add(Color::srgb(0.30, 0.24, 0.18))),
        Transform::default(),
        DespawnOnExit(Screen::Table),
    ));
    let disc = meshes.add(Circle::new(26.0));
    for (d, del) in s.delegations.iter().enumerate() {
        let [r, g, b] = del.colour;
        commands.spawn((
            SeatDisc(Voice::Delegation(d)),
            Mesh2d(disc.clone()),
            MeshMaterial2d(materials.add(Color::srgb_u8(r, g, b))),
            Transform::from_xyz(0.0, 0.0, 1.0),
            DespawnOnExit(Screen::Table),
        ));
    }
    commands.spawn((
        SeatDisc(Voice::Mediator),
        Mesh2d(disc.clone()),
        MeshMaterial2d(materials.add(Color::srgb(0.85, 0.85, 0.80))),
        Transform::from_xyz(0.0, 0.0, 1.0),
        DespawnOnExit(Screen::Table),
    ));
    let plate = meshes.add(Rectangle::new(110.0, 28.0));
    for a in 0..s.actors.len() {
        commands.spawn((
            SeatDisc(Voice::Outside(a)),
            Mesh2d(plate.clone()),
            MeshMaterial2d(materials.add(Color::srgb(0.25, 0.27, 0.32))),
            Transform::from_xyz(0.0, 0.0, 1.0),
            DespawnOnExit(Screen::Table),
        ));
    }
}

/// Keeps the table's centre in the middle of the free area between the panels.
fn place_camera(stage: Res<Stage>, mut camera: Query<&mut Transform, With<Camera2d>>) {
    let offset = stage.center - stage.window / 2.0;
    for mut t in &mut camera {
        t.translation.x = -offset.x;
        t.translation.y = offset.y;
    }
}

fn layout(
    stage: Res<Stage>,
    session: Res<Session>,
    mut top: Query<&mut Transform, (With<TableTop>, Without<SeatDisc>)>,
    mut seats: Query<(&SeatDisc, &mut Transform), Without<TableTop>>,
) {
    let (rx, ry) = stage.radii();
    for mut t in &mut top {
        t.scale = Vec3::new(rx, ry, 1.0);
    }
    let n = session.scenario.delegations.len();
    let actors = session.scenario.actors.len();
    for (disc, mut t) in &mut seats {
        let p = stage.seat(disc.0, n, actors);
        t.translation.x = p.x;
        t.translation.y = p.y;
    }
}

/// Proposals arrive as cards from their author's seat and settle in a row on the table.
#[allow(clippy::too_many_arguments)]
fn cards(
    mut commands: Commands,
    time: Res<Time>,
    stage: Res<Stage>,
    session: Res<Session>,
    mut existing: Query<(Entity, &Card, &mut Transform)>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    let Some(sitting) = &session.sitting else { return };
    let state = sitting.state();
    let s = sitting.scenario();
    let n = s.delegations.len();
    for (e, card, _) in &existing {
        if !state.proposals.iter().any(|p| p.id == card.id) {
            commands.entity(e).despawn();
        }
    }
    let count = state.proposals.len();
    for (slot, p) in state.proposals.iter().enumerate() {
        let target = Vec2::new((slot as f32 - (count as f32 - 1.0) / 2.0) * 100.0, 0.0);
        if let Some((_, _, mut t)) = existing.iter_mut().find(|(_, c, _)| c.id == p.id) {
            let now = t.translation.truncate();
            if now.distance(target) > 0.5 {
                // Keep frames coming until the card has settled, even while the game waits for the player.
                redraw.write(bevy::window::RequestRedraw);
            }
            let next = now.lerp(target, (time.delta_secs() * 6.0).min(1.0));
            t.translation = next.extend(2.0 + slot as f32 * 0.01);
            continue;
        }
        let (voice, colour) = match p.author {
            Seat::Delegation(d) => {
                let [r, g, b] = s.delegations[d].colour;
                (Voice::Delegation(d), Color::srgb_u8(r, g, b).mix(&Color::WHITE, 0.55))
            }
            Seat::Mediator | Seat::Facilitator => (Voice::Mediator, Color::srgb(0.95, 0.93, 0.85)),
        };
        let start = stage.seat(voice, n, s.actors.len());
        commands.spawn((
            Card { id: p.id },
            Mesh2d(meshes.add(Rectangle::new(84.0, 56.0))),
            MeshMaterial2d(materials.add(colour)),
            Transform::from_translation(start.extend(2.0)),
            DespawnOnExit(Screen::Table),
        ));
        redraw.write(bevy::window::RequestRedraw);
    }
}

/// The table warms from wood to red as tension rises; an outside actor lights up when it intervenes.
fn mood(
    session: Res<Session>,
    top: Query<&MeshMaterial2d<ColorMaterial>, With<TableTop>>,
    seats: Query<(&SeatDisc, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let Some(sitting) = &session.sitting else { return };
    let (state, transcript) = (sitting.state(), sitting.transcript());
    let calm = Color::srgb(0.30, 0.24, 0.18);
    let hot = Color::srgb(0.55, 0.14, 0.12);
    for m in &top {
        if let Some(mut mat) = materials.get_mut(&m.0) {
            mat.color = calm.mix(&hot, state.tension as f32);
        }
    }
    let active = current_outside_voices(sitting.scenario(), transcript, state.round);
    for (disc, m) in &seats {
        if let Voice::Outside(a) = disc.0
            && let Some(mut mat) = materials.get_mut(&m.0)
        {
            mat.color = if active.contains(&a) {
                Color::srgb(0.80, 0.62, 0.20)
            } else {
                Color::srgb(0.25, 0.27, 0.32)
            };
        }
    }
}

/// Outside actors whose scheduled events fired this round.
pub fn current_outside_voices(scenario: &Scenario, transcript: &Transcript, round: u32) -> Vec<usize> {
    let mut r = 0;
    let mut out = Vec::new();
    for e in &transcript.events {
        match e {
            Event::RoundStarted { round } => r = *round,
            Event::Scheduled { index } if r == round => {
                if let Some(Voice::Outside(a)) = scenario.events.get(*index).map(|e| e.voice) {
                    out.push(a);
                }
            }
            _ => {}
        }
    }
    out
}
