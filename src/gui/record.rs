//! The window records every game it plays: into the data folder (or `--record FILE`) after each round
//! and at the end, and autosaves games with a person at the table so `redline play --continue` resumes them.

use std::path::PathBuf;

use bevy::prelude::*;

use super::{Screen, Session};
use crate::replay::{Replay, autosave, data_dir};
use crate::sim::SimSet;
use crate::sim::rules::CommandLog;
use crate::sim::table::TableState;
use crate::sim::transcript::Transcript;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        record
            .after(SimSet::Advance)
            .run_if(in_state(Screen::Table).or_else(in_state(Screen::Outcome))),
    );
}

#[derive(Default)]
struct Recording {
    table: Option<Entity>,
    rounds: usize,
    over: bool,
    path: Option<PathBuf>,
}

fn default_path(session: &Session) -> Option<PathBuf> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let name = format!("game-{stamp}-{}-seed{}.ron", session.scenario.id, session.seed);
    data_dir().map(|d| d.join("replays").join(name))
}

fn record(session: Res<Session>, tables: Query<(&TableState, &Transcript, &CommandLog)>, mut rec: Local<Recording>) {
    let Some(table) = session.table else { return };
    if rec.table != Some(table) {
        // Watch mode records only when asked to; games with a person are always kept.
        let path = session.options.record.clone().or_else(|| {
            (session.seat.is_some() || session.feed.is_some() || !session.options.autoplay)
                .then(|| default_path(&session))
                .flatten()
        });
        *rec = Recording {
            table: Some(table),
            path,
            ..default()
        };
    }
    let Ok((state, transcript, log)) = tables.get(table) else {
        return;
    };
    let rounds = transcript.round_hashes().len();
    if rounds == rec.rounds && state.is_over() == rec.over {
        return;
    }
    rec.rounds = rounds;
    rec.over = state.is_over();
    if session.feed.is_some() {
        // While a fork replays its parent's rounds, there is nothing new to keep.
        return;
    }
    let replay = Replay::of_table(
        &session.scenario,
        session.seed,
        &log.0,
        transcript,
        state.outcome,
        &session.initial,
        session.handover.clone(),
        session.parent.clone(),
    );
    if let Some(path) = &rec.path
        && let Err(e) = replay.save(path)
    {
        warn!("{e}");
    }
    if session.seat.is_some()
        && let Some(dir) = data_dir().map(|d| d.join("saves"))
        && let Err(e) = autosave(&dir, &replay)
    {
        warn!("{e}");
    }
}
