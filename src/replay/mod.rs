//! Replays, saves and forks. A replay is the scenario (embedded), the seed, who sat where, every
//! accepted Command and the state hash after each round: feeding the same Commands again gives the
//! same game, bit for bit. A save is a replay of a game not yet over; a fork is a new replay that
//! starts from another's round and names it as its parent.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::sim::command::Seat;
use crate::sim::game::Game;
use crate::sim::rules::{By, Recorded};
use crate::sim::scenario::{Scenario, ScenarioError};
use crate::sim::table::Controllers;
use crate::sim::transcript::{Event, fnv1a};
use crate::sim::turn::Phase;

/// The replay format this build writes and reads.
pub const FORMAT: u32 = 1;

/// Where a fork left its parent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parent {
    /// The recording the fork was made from, as it was named (its path).
    pub file: String,
    /// The round of that recording at whose start the fork begins.
    pub round: u32,
}

/// From this round on, `seat` is a person's and every other seat the AI's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handover {
    /// The round at whose start the person takes the seat.
    pub round: u32,
    /// The seat the person takes over.
    pub seat: Seat,
}

/// A recorded game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Replay")]
pub struct Replay {
    /// The replay format the file was written in (see [`FORMAT`]).
    pub format: u32,
    /// The name the scenario was loaded under (its file name, or the compiled-in scenario's).
    pub scenario_name: String,
    /// FNV-1a of the embedded scenario text, in hex.
    pub scenario_hash: String,
    /// The full text of the scenario file the game was played with (RON).
    pub scenario: String,
    /// The seed of the table's random streams; with the same Commands it gives the same game.
    pub seed: u64,
    /// Delegation seats people played from the start.
    pub humans: Vec<usize>,
    /// Whether a person sat in the mediator's chair from the start.
    pub human_mediator: bool,
    /// Where a fork's player took over a seat; none for a game played from the start.
    #[serde(default)]
    pub handover: Option<Handover>,
    /// The recording this one was forked from; none for a game played from the start.
    #[serde(default)]
    pub parent: Option<Parent>,
    /// Every Command the table accepted, in order, with its round, phase, seat and who made it.
    pub commands: Vec<Recorded>,
    /// The state hash after each round, in hex.
    pub round_hashes: Vec<String>,
    /// How the game ended; none while it goes on (a save).
    #[serde(default)]
    pub outcome: Option<String>,
    /// Where the game's own recording is written, so a save continued later goes on writing it.
    #[serde(default)]
    pub recording: Option<String>,
}

/// Just enough of a file to tell its format before reading the rest.
#[derive(Deserialize)]
#[serde(rename = "Replay")]
struct Header {
    format: u32,
}

/// Why a replay or save could not be used.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ReplayError {
    /// The file cannot be opened or read (missing, no permission, not text).
    #[error("{file}: cannot read it: {reason}")]
    #[diagnostic(help("check the path"))]
    Unreadable {
        /// The replay or save file, as it was named.
        file: String,
        /// What the system said when reading it.
        reason: String,
    },
    /// The file is not replay RON, or it names a delegation seat its scenario does not have.
    #[error("{file}{at}: damaged, or not a Redline replay: {reason}")]
    #[diagnostic(help("nothing was changed; an older copy (for saves, autosave.prev.ron) may still load"))]
    Damaged {
        /// The replay or save file, as it was named.
        file: String,
        /// Where in it: `:line:col` where the text does not read, or `: field` for a field that contradicts
        /// another.
        at: String,
        /// What is wrong, with line and column where the RON does not read.
        reason: String,
    },
    /// The file was written in a replay format other than the one this build reads.
    #[error("{file}: format: this is replay format {found}; this version of Redline reads format {supported}")]
    #[diagnostic(help("open it with the Redline version that wrote it"))]
    Version {
        /// The replay or save file, as it was named.
        file: String,
        /// The format number the file states.
        found: u32,
        /// The format number this build reads ([`FORMAT`]).
        supported: u32,
    },
    /// The embedded scenario text was changed after the game was recorded (its hash no longer matches).
    #[error("{file}: scenario_hash: the embedded scenario does not match its hash ({expected}, found {found})")]
    #[diagnostic(help("the file was edited by hand; a replay must embed the scenario it was played with"))]
    ScenarioHash {
        /// The replay or save file, as it was named.
        file: String,
        /// The scenario hash the file records, in hex.
        expected: String,
        /// The hash of the scenario text actually embedded, in hex.
        found: String,
    },
    /// The embedded scenario does not pass the scenario checks of this build.
    #[error("{file}: scenario: the embedded scenario is invalid")]
    Scenario {
        /// The replay or save file, as it was named.
        file: String,
        /// What is wrong in the embedded scenario, at line and column.
        #[source]
        #[diagnostic_source]
        source: ScenarioError,
    },
    /// Playing the recording again does not give the recorded game: a move is refused or made differently,
    /// a round's state hash differs, or the game stops short of the recorded rounds.
    #[error("{file}: round {round} differs from the recording: {what}")]
    #[diagnostic(help("the file was changed, or it was recorded by a build whose rules or AI differ"))]
    Diverged {
        /// The recording, as it was named.
        file: String,
        /// The round where the game first differs from the recording.
        round: u32,
        /// What differs: the recorded move or hash and what the game gave instead.
        what: String,
    },
    /// A replay, save or recording cannot be written to disk.
    #[error("cannot write {file}: {reason}")]
    Write {
        /// The file that was being written.
        file: String,
        /// What failed, in words for the player.
        reason: String,
    },
}

fn hex(x: u64) -> String {
    format!("{x:016x}")
}

impl Replay {
    /// A replay of everything `game` has done so far.
    pub fn of(game: &Game, initial: &Controllers, handover: Option<Handover>, parent: Option<Parent>) -> Replay {
        Replay::of_table(
            &game.scenario,
            game.seed,
            game.log(),
            game.transcript(),
            game.state().outcome,
            initial,
            handover,
            parent,
        )
    }

    /// A replay of a table from its parts (as the window holds them).
    #[allow(clippy::too_many_arguments)]
    pub fn of_table(
        s: &Scenario,
        seed: u64,
        log: &[Recorded],
        transcript: &crate::sim::transcript::Transcript,
        outcome: Option<crate::sim::outcome::Outcome>,
        initial: &Controllers,
        handover: Option<Handover>,
        parent: Option<Parent>,
    ) -> Replay {
        Replay {
            format: FORMAT,
            scenario_name: s.name.clone(),
            scenario_hash: hex(s.hash),
            scenario: s.text.to_string(),
            seed,
            humans: initial.humans.clone(),
            human_mediator: initial.human_mediator,
            handover,
            parent,
            commands: log.to_vec(),
            round_hashes: transcript.round_hashes().into_iter().map(hex).collect(),
            outcome: outcome.map(|o| o.kind().to_string()),
            recording: None,
        }
    }

    /// Reads a replay or save, refusing other formats and damaged files by name.
    pub fn load(path: &Path) -> Result<Replay, ReplayError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| ReplayError::Unreadable {
            file: file.clone(),
            reason: e.to_string(),
        })?;
        Replay::from_bytes(&file, &bytes)
    }

    /// Reads a replay from the bytes of a file, refusing text that is not UTF-8 at its first unreadable
    /// byte; `file` names it in errors.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Replay, ReplayError> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
            ReplayError::Damaged {
                file: file.into(),
                at: format!(":{line}:{col}"),
                reason: "it is not UTF-8 text: the byte here cannot be read".into(),
            }
        })?;
        Replay::from_text(file, text)
    }

    /// Reads a replay from text; `file` names it in errors.
    pub fn from_text(file: &str, text: &str) -> Result<Replay, ReplayError> {
        let damaged = |e: ron::error::SpannedError| ReplayError::Damaged {
            file: file.into(),
            at: format!(":{}:{}", e.span.start.line, e.span.start.col),
            reason: e.code.to_string(),
        };
        let header: Header = ron::from_str(text).map_err(damaged)?;
        if header.format != FORMAT {
            return Err(ReplayError::Version {
                file: file.into(),
                found: header.format,
                supported: FORMAT,
            });
        }
        let replay: Replay = ron::from_str(text).map_err(damaged)?;
        let found = hex(fnv1a(replay.scenario.as_bytes()));
        if found != replay.scenario_hash {
            return Err(ReplayError::ScenarioHash {
                file: file.into(),
                expected: replay.scenario_hash.clone(),
                found,
            });
        }
        Ok(replay)
    }

    /// The replay as RON text.
    pub fn to_text(&self) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new().depth_limit(4);
        ron::ser::to_string_pretty(self, config)
    }

    /// Writes the replay atomically: to a temporary file first, then renamed over `path`. A replay that
    /// cannot be written as text leaves any file already at `path` as it was.
    pub fn save(&self, path: &Path) -> Result<(), ReplayError> {
        let text = self.to_text().map_err(|e| ReplayError::Write {
            file: path.display().to_string(),
            reason: format!("the game could not be written as text ({e}); the file was left as it was"),
        })?;
        write_atomically(path, &text)
    }

    /// The embedded scenario, checked.
    pub fn scenario(&self, file: &str) -> Result<Arc<Scenario>, ReplayError> {
        Scenario::from_ron(&self.scenario_name, &self.scenario)
            .map(Arc::new)
            .map_err(|source| ReplayError::Scenario {
                file: file.into(),
                source,
            })
    }

    /// Who sits where at the start.
    pub fn controllers(&self) -> Controllers {
        Controllers {
            humans: self.humans.clone(),
            human_mediator: self.human_mediator,
        }
    }

    /// How many rounds the recording has finished.
    pub fn rounds(&self) -> usize {
        self.round_hashes.len()
    }
}

/// Writes `text` to `path` so that a crash leaves either the old file or the new one, never half.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), ReplayError> {
    use std::io::Write;
    let fail = |e: std::io::Error| ReplayError::Write {
        file: path.display().to_string(),
        reason: e.to_string(),
    };
    writable(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let tmp = path.with_extension("ron.tmp");
    let mut f = std::fs::File::create(&tmp).map_err(fail)?;
    f.write_all(text.as_bytes()).map_err(fail)?;
    f.sync_all().map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

/// Refuses to write over anything but a regular file: the writer renames a new file over `path`, which would
/// replace a device (`/dev/null`), a link or a folder with a plain file.
pub fn writable(path: &Path) -> Result<(), ReplayError> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.is_file() => Err(ReplayError::Write {
            file: path.display().to_string(),
            reason:
                "it is not a regular file (a device, a folder, a pipe or a link); name a new file, or a file to replace"
                    .into(),
        }),
        _ => Ok(()),
    }
}

/// Where a replayed game stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// The talks ended.
    Over,
    /// The recording ran out while a person was to move: a save to continue from.
    Unfinished,
    /// At the start of the requested round, before anyone moved in it.
    AtRound(u32),
}

/// The recording's scenario, once every seat the recording names is a seat of it.
fn seated_scenario(replay: &Replay, file: &str) -> Result<Arc<Scenario>, ReplayError> {
    let scenario = replay.scenario(file)?;
    let n = scenario.delegations.len();
    let out_of_range = |seat: &Seat| matches!(seat, Seat::Delegation(d) if *d >= n);
    if let Some(p) = &replay.parent
        && replay.handover.as_ref().is_none_or(|h| h.round != p.round)
    {
        return Err(ReplayError::Damaged {
            file: file.into(),
            at: ": parent".into(),
            reason: format!(
                "it names a parent left at round {}, but no seat was taken over at that round",
                p.round
            ),
        });
    }
    if replay.humans.iter().any(|&d| d >= n)
        || replay.handover.as_ref().is_some_and(|h| out_of_range(&h.seat))
        || replay.commands.iter().any(|c| out_of_range(&c.seat))
    {
        let field = if replay.humans.iter().any(|&d| d >= n) {
            "humans"
        } else if replay.handover.as_ref().is_some_and(|h| out_of_range(&h.seat)) {
            "handover"
        } else {
            "commands"
        };
        return Err(ReplayError::Damaged {
            file: file.into(),
            at: format!(": {field}"),
            reason: format!("it names a delegation seat beyond the scenario's {n}"),
        });
    }
    Ok(scenario)
}

/// Whether a table stands at the start of round `round` (or a later one), before anyone has moved.
fn at_round_start(state: &crate::sim::table::TableState, round: u32) -> bool {
    state.round >= round && state.phase == Phase::Statements && state.acted == 0
}

/// Replays a recording: the AI seats play again (and must make the recorded moves), the people's
/// recorded moves are fed at their turn. Stops at the start of `until` if given.
pub fn play_back(replay: &Replay, file: &str, until: Option<u32>) -> Result<(Game, Stop), ReplayError> {
    let scenario = seated_scenario(replay, file)?;
    let mut game = Game::new(scenario, replay.seed, replay.controllers());
    let diverged = |round: u32, what: String| ReplayError::Diverged {
        file: file.into(),
        round,
        what,
    };
    let mut handed_over = false;
    loop {
        let pending_handover = replay.handover.as_ref().filter(|_| !handed_over);
        let stop_round = [until, pending_handover.map(|h| h.round)].into_iter().flatten().min();
        // The facilitator's own moves fell between two steps of the table, once it stood where they were made
        // (the same moves accepted before, the same round and phase): stop there to make them again.
        let facilitator_next = |s: &crate::sim::table::TableState, logged: usize| {
            replay
                .commands
                .get(logged)
                .is_some_and(|r| r.seat == Seat::Facilitator && r.round == s.round && r.phase == s.phase)
        };
        // An unfinished recording ends where it was saved: the table stops there too, even where the AI
        // alone could play on (a class's table nobody sits at, taken up again).
        let saved_end = |s: &crate::sim::table::TableState, logged: usize| {
            replay.outcome.is_none() && logged >= replay.commands.len() && s.round as usize > replay.round_hashes.len()
        };
        game.run_until_logged(|s, logged| {
            stop_round.is_some_and(|r| at_round_start(s, r)) || facilitator_next(s, logged) || saved_end(s, logged)
        });
        // Every move the table made so far must be the recorded one.
        let log = game.log();
        for (i, got) in log.iter().enumerate() {
            match replay.commands.get(i) {
                Some(want) if want == got => {}
                Some(want) if want.command == got.command && want.seat == got.seat => {
                    return Err(diverged(
                        got.round,
                        format!(
                            "recorded {:?} by {:?} in round {} ({:?}, {:?}), but the game made it in round {} ({:?}, {:?})",
                            want.command, want.seat, want.round, want.phase, want.by, got.round, got.phase, got.by
                        ),
                    ));
                }
                Some(want) => {
                    return Err(diverged(
                        got.round,
                        format!(
                            "recorded {:?} by {:?}, but the game made {:?} by {:?}",
                            want.command, want.seat, got.command, got.seat
                        ),
                    ));
                }
                None if replay.outcome.is_some() => {
                    return Err(diverged(
                        got.round,
                        format!(
                            "the game made {:?} by {:?}, which the recording does not have",
                            got.command, got.seat
                        ),
                    ));
                }
                None => {}
            }
        }
        check_hashes(replay, &game).map_err(|(round, what)| diverged(round, what))?;
        let state = game.state();
        if state.is_over() {
            return Ok((game, Stop::Over));
        }
        if let Some(r) = until
            && at_round_start(state, r)
        {
            return Ok((game, Stop::AtRound(r)));
        }
        if let Some(h) = pending_handover
            && at_round_start(state, h.round)
        {
            game.hand_over(h.seat);
            handed_over = true;
            continue;
        }
        // A person is to move: feed the recorded move.
        let next = game.log().len();
        let Some(rec) = replay.commands.get(next) else {
            return Ok((game, Stop::Unfinished));
        };
        if rec.by == By::Ai {
            // In play the AI seats moved while the person was still deciding (after a refused or idle
            // step): give them that step again.
            let before = game.log().len();
            game.app.update();
            if game.log().len() == before {
                let round = game.state().round;
                return Err(diverged(
                    round,
                    format!(
                        "the recording has {:?} by the AI next, but the table waits for a person",
                        rec.command
                    ),
                ));
            }
            continue;
        }
        if let Err(e) = game.send(rec.seat, rec.command.clone()) {
            return Err(diverged(
                rec.round,
                format!("the recorded move {:?} by {:?} is refused: {e}", rec.command, rec.seat),
            ));
        }
    }
}

/// Plays a recording back exactly as recorded, every move fed from the file and none decided again: the
/// way to show or continue a game that an earlier build's AI played differently. Stops at the start of
/// round `until` if given. The table's AI is left switched off only while the moves are fed.
pub fn play_recorded(replay: &Replay, file: &str, until: Option<u32>) -> Result<(Game, Stop), ReplayError> {
    let scenario = seated_scenario(replay, file)?;
    let mut game = Game::new(scenario, replay.seed, replay.controllers());
    game.app.insert_resource(crate::sim::Scripted);
    game.app.update();
    let mut handed_over = false;
    let mut stop = Stop::Unfinished;
    for rec in &replay.commands {
        if let Some(h) = replay.handover.as_ref().filter(|_| !handed_over)
            && at_round_start(game.state(), h.round)
        {
            game.hand_over(h.seat);
            handed_over = true;
        }
        if let Some(r) = until
            && at_round_start(game.state(), r)
        {
            stop = Stop::AtRound(r);
            break;
        }
        // Recordings made before a person in the mediator's chair had a move in every round have no move
        // for the chair where it now has one: the chair lets that phase pass, as it did then.
        if rec.seat != Seat::Mediator
            && rec.seat != Seat::Facilitator
            && game.state().phase == Phase::Mediation
            && game.awaiting_people().contains(&Seat::Mediator)
        {
            let _ = game.send(Seat::Mediator, crate::sim::command::Command::Pass);
        }
        if let Err(e) = game.send(rec.seat, rec.command.clone()) {
            return Err(ReplayError::Diverged {
                file: file.into(),
                round: rec.round,
                what: format!("the recorded move {:?} by {:?} is refused: {e}", rec.command, rec.seat),
            });
        }
    }
    game.app.world_mut().remove_resource::<crate::sim::Scripted>();
    if game.state().is_over() {
        stop = Stop::Over;
    } else if let Some(r) = until
        && stop == Stop::Unfinished
        && at_round_start(game.state(), r)
    {
        stop = Stop::AtRound(r);
    }
    Ok((game, stop))
}

/// Plays a recording back to verify it; when this build's AI would have played differently, falls back to
/// showing it exactly as recorded, and says so in the note.
pub fn play_back_or_as_recorded(
    replay: &Replay,
    file: &str,
    until: Option<u32>,
) -> Result<(Game, Stop, Option<String>), ReplayError> {
    match play_back(replay, file, until) {
        Ok((game, stop)) => Ok((game, stop, None)),
        Err(ReplayError::Diverged { round, .. }) => {
            let (game, stop) = play_recorded(replay, file, until)?;
            let note = format!(
                "{file} was recorded with a different version of the AI (it plays differently from round {round}); it is shown exactly as recorded."
            );
            Ok((game, stop, Some(note)))
        }
        Err(e) => Err(e),
    }
}

/// The first round whose hash differs from the recording's, if any.
fn check_hashes(replay: &Replay, game: &Game) -> Result<(), (u32, String)> {
    for (i, got) in game.transcript().round_hashes().into_iter().enumerate() {
        if let Some(want) = replay.round_hashes.get(i)
            && *want != hex(got)
        {
            return Err((
                i as u32 + 1,
                format!("state hash {} instead of the recorded {want}", hex(got)),
            ));
        }
    }
    Ok(())
}

/// Re-runs a replay and says whether every round matches.
pub fn verify(replay: &Replay, file: &str) -> Result<String, ReplayError> {
    let (game, stop) = play_back(replay, file, None)?;
    let played = game.transcript().round_hashes().len();
    if played < replay.rounds() {
        return Err(ReplayError::Diverged {
            file: file.into(),
            round: played as u32 + 1,
            what: format!(
                "the game stopped after {played} rounds but the recording has {}",
                replay.rounds()
            ),
        });
    }
    let ended = game.state().outcome.map(|o| o.kind().to_string());
    if stop == Stop::Over && played != replay.rounds() {
        return Err(ReplayError::Diverged {
            file: file.into(),
            round: played as u32,
            what: format!(
                "the game ends after {played} rounds but the recording has {} round hashes",
                replay.rounds()
            ),
        });
    }
    if ended != replay.outcome {
        let say = |o: &Option<String>| o.clone().map_or("not over".to_string(), |k| k.replace('_', " "));
        return Err(ReplayError::Diverged {
            file: file.into(),
            round: played as u32,
            what: format!(
                "the recording says the game is {}, but it is {}",
                say(&replay.outcome),
                say(&ended)
            ),
        });
    }
    let ending = match stop {
        Stop::Over => "the game ends as recorded",
        _ => "the recording is a game in progress",
    };
    Ok(format!(
        "all {} rounds match (state hashes and {} Commands); {ending}",
        replay.rounds(),
        replay.commands.len()
    ))
}

/// The round by round transcript of a replay.
pub fn transcript(game: &Game) -> String {
    let mut out = game.transcript().render(&game.scenario);
    if !game.state().is_over() {
        let _ = writeln!(out, "\n(The recording ends here; the game was not finished.)");
    }
    out
}

/// The folder for saves and recordings: `$XDG_DATA_HOME/redline`, else `~/.local/share/redline`.
pub fn data_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })?;
    Some(base.join("redline"))
}

/// Recorded games in `dir`, newest first.
pub fn recent(dir: &Path, limit: usize) -> Vec<PathBuf> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
                .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    files.into_iter().take(limit).map(|(_, p)| p).collect()
}

/// The newest autosave and the one before it, in the folder's classic slot (`autosave.ron`).
pub fn autosave_paths(dir: &Path) -> (PathBuf, PathBuf) {
    slot_paths(&dir.join("autosave.ron"))
}

/// A save slot's newest file and the copy of the one before it (`NAME.prev.ron` beside `NAME.ron`).
pub fn slot_paths(latest: &Path) -> (PathBuf, PathBuf) {
    (latest.to_path_buf(), latest.with_extension("prev.ron"))
}

/// Saves a game in progress into the folder's classic slot; see [`autosave_to`].
pub fn autosave(dir: &Path, replay: &Replay) -> Result<(), ReplayError> {
    autosave_to(&dir.join("autosave.ron"), replay)
}

/// Saves a game in progress into the slot `latest`: the last good save is kept as the previous one. Both
/// files are only ever replaced whole, and the newest save is never moved away, so a crash at any moment
/// leaves a save to continue from.
pub fn autosave_to(latest: &Path, replay: &Replay) -> Result<(), ReplayError> {
    let (latest, previous) = slot_paths(latest);
    if let Ok(text) = std::fs::read_to_string(&latest)
        && Replay::from_text(&latest.display().to_string(), &text).is_ok()
    {
        let _ = write_atomically(&previous, &text);
    }
    replay.save(&latest)
}

/// Loads the newest autosave of the folder's classic slot; see [`load_slot`].
pub fn load_autosave(dir: &Path) -> Result<(Replay, PathBuf, Option<String>), ReplayError> {
    load_slot(&dir.join("autosave.ron"))
}

/// Loads the newest save of a slot that reads, saying why a newer one was passed over.
pub fn load_slot(latest: &Path) -> Result<(Replay, PathBuf, Option<String>), ReplayError> {
    let (latest, previous) = slot_paths(latest);
    match Replay::load(&latest) {
        Ok(r) => Ok((r, latest, None)),
        Err(
            e @ (ReplayError::Damaged { .. }
            | ReplayError::ScenarioHash { .. }
            | ReplayError::Unreadable { .. }
            | ReplayError::Version { .. }),
        ) if previous.exists() => {
            let r = Replay::load(&previous)?;
            Ok((
                r,
                previous,
                Some(format!("{e}; continuing from the previous autosave instead")),
            ))
        }
        Err(e) => Err(e),
    }
}

/// The transcript events of `game` up to the start of `round`, for comparing a fork with its parent.
pub fn events_before(game: &Game, round: u32) -> Vec<Event> {
    let events = &game.transcript().events;
    let end = events
        .iter()
        .position(|e| matches!(e, Event::RoundStarted { round: r } if *r == round))
        .unwrap_or(events.len());
    events[..end].to_vec()
}
