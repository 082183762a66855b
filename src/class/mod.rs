//! A class: several groups, each at its own table of the same scenario (or its own), with people at some
//! seats, the AI at the others, and the facilitator's seat at every table. Read from a class file (RON);
//! every game is recorded under the class's folder as `<group>-<table>.ron`, facilitator's moves included.

pub mod briefs;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::play::{Keeping, Sitting};
use crate::sim::command::{Command, Seat};
use crate::sim::rules::RuleError;
use crate::sim::scenario::Scenario;
use crate::sim::transcript::{Event, render_event};

/// The most groups one class may hold.
pub const MAX_GROUPS: usize = 60;

/// A class file as written: the table, the groups, who plays which seat, and the seeds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Class", deny_unknown_fields)]
pub struct ClassFile {
    /// What the class is called, shown above the overview (optional).
    #[serde(default)]
    pub title: String,
    /// The table every group plays unless it names its own: a built-in id (e.g. "istanbul_2025") or a
    /// scenario file, relative to the class file.
    pub table: String,
    /// Where the games are saved, relative to the class file (default: a folder named after the class file).
    #[serde(default)]
    pub folder: Option<String>,
    /// The groups, each at its own table.
    pub groups: Vec<GroupFile>,
}

/// One group of a class file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "Group", deny_unknown_fields)]
pub struct GroupFile {
    /// The group's name: letters, digits, `-` and `_` (it names the recording).
    pub name: String,
    /// The seats students play: delegation ids, or "mediator"; the AI plays the rest.
    pub people: Vec<String>,
    /// The table's seed: the same seed and the same moves give the same game.
    pub seed: u64,
    /// This group's own table, if not the class's.
    #[serde(default)]
    pub table: Option<String>,
}

/// Why a class cannot start.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ClassError {
    /// The class file cannot be read.
    #[error("{file}: cannot read it: {reason}")]
    #[diagnostic(help("check the path; `redline class --help` shows a class file"))]
    Unreadable {
        /// The class file, as named.
        file: String,
        /// What the system said.
        reason: String,
    },
    /// The class file is not valid RON of the class shape.
    #[error("{file}:{line}:{col}: {reason}")]
    #[diagnostic(help(
        "a class file reads Class(table: \"istanbul_2025\", groups: [(name: \"a\", people: [\"ukraine\"], seed: 1)]); see docs/class-format.md"
    ))]
    Syntax {
        /// The class file.
        file: String,
        /// Line of the problem, from 1.
        line: usize,
        /// Column of the problem, from 1.
        col: usize,
        /// What is wrong.
        reason: String,
    },
    /// The class file reads, but says something that cannot be played.
    #[error("{file}: {what}")]
    #[diagnostic(help("{help}"))]
    Invalid {
        /// The class file.
        file: String,
        /// What is wrong, naming the group or field.
        what: String,
        /// What to write instead.
        help: String,
    },
    /// A table the class names does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Scenario(#[from] crate::sim::scenario::ScenarioError),
    /// A game the class saved earlier cannot be taken up again; nothing in it has been overwritten.
    #[error("{file}: this group's saved game cannot be taken up again: {reason}")]
    #[diagnostic(help(
        "nothing in it has been overwritten; move the file out of the class's folder (or give the class another `folder:`) to start that group afresh"
    ))]
    Saved {
        /// The saved game.
        file: String,
        /// Why it cannot be continued.
        reason: String,
    },
    /// The class's folder cannot be made.
    #[error("{folder}: cannot make the class's folder: {reason}")]
    #[diagnostic(help("choose another `folder:` in the class file, or check the permissions"))]
    Folder {
        /// The folder.
        folder: String,
        /// What the system said.
        reason: String,
    },
}

/// A group as the class will seat it: its table, seed and people's seats.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's name.
    pub name: String,
    /// The table it plays.
    pub scenario: Arc<Scenario>,
    /// The seed.
    pub seed: u64,
    /// The seats its students play, in seat order.
    pub people: Vec<Seat>,
}

/// A class file read and checked: every group's table loads and every seat is at it.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The class's title.
    pub title: String,
    /// Where the games are saved.
    pub folder: PathBuf,
    /// The groups, in the file's order.
    pub groups: Vec<Group>,
}

impl Plan {
    /// Reads and checks a class file.
    pub fn load(path: &Path) -> Result<Plan, ClassError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ClassError::Unreadable {
            file: file.clone(),
            reason: e.to_string(),
        })?;
        // `table: "reykjavik_1986"` and `folder: "games"` read as given, without `Some(…)` around them.
        let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let raw: ClassFile = options.from_str(&text).map_err(|e| ClassError::Syntax {
            file: file.clone(),
            line: e.span.start.line,
            col: e.span.start.col,
            reason: e.code.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let stem = path
            .file_stem()
            .map_or("class".into(), |s| s.to_string_lossy().to_string());
        Plan::from_file(&raw, &file, base, &stem)
    }

    /// Checks a class as read from `file` (in folder `base`, named `stem`).
    pub fn from_file(raw: &ClassFile, file: &str, base: &Path, stem: &str) -> Result<Plan, ClassError> {
        let invalid = |what: String, help: &str| ClassError::Invalid {
            file: file.into(),
            what,
            help: help.into(),
        };
        if raw.groups.is_empty() {
            return Err(invalid(
                "groups: the class has no groups".into(),
                "add a group: (name: \"a\", people: [\"ukraine\"], seed: 1)",
            ));
        }
        if raw.groups.len() > MAX_GROUPS {
            return Err(invalid(
                format!("groups: {} groups; at most {MAX_GROUPS}", raw.groups.len()),
                "split the class into two class files",
            ));
        }
        let load = |word: &str| {
            let local = base.join(word);
            let path = if local.exists() { local } else { PathBuf::from(word) };
            crate::sim::scenario::library::resolve(&path)
        };
        let class_table = load(&raw.table)?;
        let mut groups: Vec<Group> = Vec::new();
        for (i, g) in raw.groups.iter().enumerate() {
            let at = format!("groups[{i}] (\"{}\")", g.name);
            let name = g.name.trim();
            if name.is_empty()
                || name.len() > 40
                || !name.chars().all(|c| c.is_ascii_alphanumeric() || "-_".contains(c))
            {
                return Err(invalid(
                    format!("{at}: name: \"{}\" cannot name a recording", g.name),
                    "name a group with up to 40 letters, digits, - and _ (e.g. \"group-a\")",
                ));
            }
            if groups.iter().any(|o| o.name.eq_ignore_ascii_case(name)) {
                return Err(invalid(
                    format!("{at}: name: two groups are called \"{name}\""),
                    "give every group its own name",
                ));
            }
            let scenario = match &g.table {
                Some(word) => load(word)?,
                None => class_table.clone(),
            };
            // No people: the AI plays every seat and the group is there to be watched and steered.
            let mut people = if g.people.is_empty() {
                Vec::new()
            } else {
                crate::play::lookup::seats_by_name(&scenario, &g.people.join(","))
                    .map_err(|why| invalid(format!("{at}: people: {why}"), "name seats of the group's table"))?
            };
            people.sort();
            groups.push(Group {
                name: name.to_string(),
                scenario,
                seed: g.seed,
                people,
            });
        }
        let folder = base.join(raw.folder.clone().unwrap_or_else(|| stem.to_string()));
        let title = if raw.title.trim().is_empty() {
            stem.to_string()
        } else {
            raw.title.trim().to_string()
        };
        Ok(Plan { title, folder, groups })
    }
}

/// One group's table in a running class.
pub struct GroupTable {
    /// The group's name.
    pub group: String,
    /// The seats its students play.
    pub people: Vec<Seat>,
    /// The table, with the students' seats and the facilitator's in this front end's hands.
    pub sitting: Sitting,
}

impl GroupTable {
    /// Whether nobody sits at this table: no students and no seat the facilitator took. Such a table moves
    /// on a round at a time when the facilitator says so (`next N`, or the window's *Next round*), so there
    /// is time to watch and steer it.
    pub fn unattended(&self) -> bool {
        self.sitting.seats.iter().all(|&s| s == Seat::Facilitator)
    }

    /// Moves the table on as far as it goes without a person (the AI seats awaited beside a person move too);
    /// an unattended table only opens.
    fn settle(&mut self) {
        if self.unattended() {
            self.sitting.run_until(|s| s.round >= 1);
            return;
        }
        self.sitting.run_until_people();
        let state = self.sitting.state();
        let ai_awaited = !state.paused
            && !state.is_over()
            && crate::sim::turn::awaiting(self.sitting.scenario(), state)
                .iter()
                .any(|&seat| {
                    state.controllers.of(seat) == crate::sim::delegation::Controller::Ai
                        && !crate::sim::turn::holds_for_a_person(self.sitting.scenario(), state, seat)
                });
        if ai_awaited {
            self.sitting.step();
            self.sitting.run_until_people();
        }
    }
}

/// A running class: every group's table, driven from one place.
pub struct Class {
    /// The class's title.
    pub title: String,
    /// Where the games are saved.
    pub folder: PathBuf,
    /// The tables, in the class file's order.
    pub tables: Vec<GroupTable>,
}

impl Drop for Class {
    /// However the class ends (the window closed, the terminal's input ended), every game is saved as it stands.
    fn drop(&mut self) {
        self.save_all();
    }
}

/// One line of the facilitator's overview.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The table's number in the overview, from 1.
    pub number: usize,
    /// The group's name.
    pub group: String,
    /// The table's title.
    pub table: String,
    /// The round under way.
    pub round: u32,
    /// The session's rounds.
    pub rounds: u32,
    /// The phase, in words.
    pub phase: String,
    /// Tension, 0 to 100.
    pub tension: u32,
    /// Whether the facilitator has paused it.
    pub paused: bool,
    /// The seats people play that the table waits for, by name (empty when only AI seats are to move).
    pub awaited: Vec<String>,
    /// The last thing that happened, in one line.
    pub last: String,
    /// How it ended, once it has.
    pub outcome: Option<String>,
    /// Seats the facilitator has taken.
    pub taken: Vec<String>,
    /// Whether the table waits for the facilitator to play its next round (nobody sits at it).
    pub held: bool,
}

/// A group's game as it was saved at `file`, played back and seated again: its people, the facilitator, and
/// any seat the facilitator had taken. Refused, untouched, when it is not this group's game or does not play.
fn taken_up(g: &Group, file: &Path) -> Result<Sitting, ClassError> {
    let name = file.display().to_string();
    let saved = |reason: String| ClassError::Saved {
        file: name.clone(),
        reason,
    };
    let replay = crate::replay::Replay::load(file).map_err(|e| saved(e.to_string()))?;
    if replay.seed != g.seed {
        return Err(saved(format!(
            "it was played with seed {}, and the class file now gives the group seed {}",
            replay.seed, g.seed
        )));
    }
    let people = crate::play::saves::person_seats(&replay);
    if people != g.people {
        return Err(saved(
            "the class file now seats the group's people at other seats than the saved game".into(),
        ));
    }
    let (game, _, _) =
        crate::replay::play_back_or_as_recorded(&replay, &name, None).map_err(|e| saved(e.to_string()))?;
    let state = game.state();
    let mut seats = people;
    seats.push(Seat::Facilitator);
    seats.extend(
        std::iter::once(Seat::Mediator)
            .chain((0..state.seats.len()).map(Seat::Delegation))
            .filter(|&seat| state.taken_by_facilitator(seat)),
    );
    let keeping = Keeping {
        record: Some(file.to_path_buf()),
        initial: replay.controllers(),
        ..Keeping::default()
    };
    Ok(Sitting::at(game, seats, keeping))
}

/// The recording of a group's game: `<group>-<table id>.ron` in the class's folder.
pub fn recording(folder: &Path, group: &str, table: &str) -> PathBuf {
    folder.join(format!("{group}-{table}.ron"))
}

impl Class {
    /// Seats every group at its table and makes the class's folder; nothing is moved yet.
    pub fn start(plan: &Plan) -> Result<Class, ClassError> {
        std::fs::create_dir_all(&plan.folder).map_err(|e| ClassError::Folder {
            folder: plan.folder.display().to_string(),
            reason: e.to_string(),
        })?;
        let mut tables = Vec::new();
        for g in &plan.groups {
            let record = recording(&plan.folder, &g.name, &g.scenario.id);
            // A class started again (after a break, a crash) takes up each group's game where it was saved.
            let sitting = if record.exists() {
                taken_up(g, &record)?
            } else {
                let mut seats = g.people.clone();
                seats.push(Seat::Facilitator);
                let keeping = Keeping {
                    record: Some(record),
                    ..Keeping::default()
                };
                Sitting::new(g.scenario.clone(), g.seed, seats, keeping)
            };
            tables.push(GroupTable {
                group: g.name.clone(),
                people: g.people.clone(),
                sitting,
            });
        }
        Ok(Class {
            title: plan.title.clone(),
            folder: plan.folder.clone(),
            tables,
        })
    }

    /// Moves every table on as far as it goes without a person, and saves what changed. Returns what
    /// failed to save, in words.
    pub fn step(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        for t in &mut self.tables {
            t.settle();
            problems.extend(t.sitting.save().into_iter().map(|p| format!("{}: {p}", t.group)));
        }
        problems
    }

    /// The table a word names: its number in the overview (from 1) or its group's name.
    pub fn find(&self, word: &str) -> Option<usize> {
        let word = word.trim();
        match word.parse::<usize>() {
            Ok(n) if (1..=self.tables.len()).contains(&n) => Some(n - 1),
            _ => self.tables.iter().position(|t| t.group.eq_ignore_ascii_case(word)),
        }
    }

    /// The facilitator's move at table `i`, checked by the rules; the table then moves on and is saved.
    pub fn facilitate(&mut self, i: usize, command: Command) -> Result<(), RuleError> {
        let Some(t) = self.tables.get_mut(i) else {
            return Err(RuleError::NotYourSeat);
        };
        t.sitting.send(Seat::Facilitator, command)?;
        t.settle();
        t.sitting.save_now();
        Ok(())
    }

    /// Plays the next round of unattended table `i` (every seat the AI's), and saves it; what stops it, in
    /// words.
    pub fn next_round(&mut self, i: usize) -> Result<(), String> {
        let Some(t) = self.tables.get_mut(i) else {
            return Err(format!("no table {}; the overview lists them", i + 1));
        };
        let state = t.sitting.state();
        if state.is_over() {
            return Err(format!("Table {} is over.", i + 1));
        }
        if state.paused {
            return Err(format!("Table {} is paused; resume it first.", i + 1));
        }
        if !t.unattended() {
            return Err(format!(
                "Table {} moves on as its people play; only a table with nobody at it waits for you.",
                i + 1
            ));
        }
        let round = state.round;
        t.sitting.run_until(|s| s.round > round);
        t.sitting.save_now();
        Ok(())
    }

    /// The overview: one row per table.
    pub fn overview(&self) -> Vec<Row> {
        self.tables.iter().enumerate().map(|(i, t)| row(i, t)).collect()
    }

    /// Saves every game now (on leaving).
    pub fn save_all(&mut self) -> Vec<String> {
        let mut problems = Vec::new();
        for t in &mut self.tables {
            problems.extend(t.sitting.save_now().into_iter().map(|p| format!("{}: {p}", t.group)));
        }
        problems
    }
}

fn row(i: usize, t: &GroupTable) -> Row {
    let s = t.sitting.scenario();
    let state = t.sitting.state();
    // Only the people the table waits for: AI seats awaited beside them move once the people have.
    let awaited: Vec<String> = crate::sim::turn::awaiting(s, state)
        .into_iter()
        .filter(|&seat| state.controllers.of(seat) == crate::sim::delegation::Controller::Human)
        .map(|seat| crate::play::lookup::seat_name(s, seat).to_string())
        .collect();
    // The last thing that happened, read from the end (the overview is drawn every frame): its line needs
    // only the round it fell in.
    let events = &t.sitting.transcript().events;
    let last = events
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| {
            !matches!(
                e,
                Event::Opened { .. } | Event::RoundStarted { .. } | Event::Concluded { .. }
            )
        })
        .find_map(|(i, event)| {
            let round = events[..i]
                .iter()
                .rev()
                .find_map(|e| match e {
                    Event::RoundStarted { round } => Some(*round),
                    _ => None,
                })
                .unwrap_or(0);
            render_event(s, event, round)
        })
        .map(|line| line.trim().to_string())
        .unwrap_or_default();
    let taken = std::iter::once(Seat::Mediator)
        .chain((0..state.seats.len()).map(Seat::Delegation))
        .filter(|&seat| state.taken_by_facilitator(seat))
        .map(|seat| crate::play::lookup::seat_name(s, seat).to_string())
        .collect();
    Row {
        number: i + 1,
        group: t.group.clone(),
        table: s.title.clone(),
        round: state.round,
        rounds: state.rounds,
        phase: if state.paused {
            "paused".into()
        } else {
            state.phase.label().into()
        },
        tension: (state.tension * 100.0).round() as u32,
        paused: state.paused,
        awaited,
        last,
        outcome: state.outcome.map(|o| o.heading().to_string()),
        taken,
        held: t.unattended() && !state.is_over() && !state.paused,
    }
}

/// Reads a facilitator's custom inject typed as words: `SEAT walkaway|patience CHANGE HEADLINE…`,
/// `SEAT trust TOWARDS CHANGE HEADLINE…` or `tension CHANGE HEADLINE…`; CHANGE is in points (-100 to 100).
pub fn custom_inject(scenario: &Scenario, words: &[&str]) -> Result<Command, String> {
    use crate::sim::scenario::Effect;
    const USAGE: &str = "write: news SEAT walkaway|patience POINTS HEADLINE, news SEAT trust TOWARDS POINTS HEADLINE, or news tension POINTS HEADLINE (POINTS from -100 to 100, e.g. -10)";
    let delegation = |word: &str| match crate::play::lookup::seat_by_name(scenario, word) {
        Some(Seat::Delegation(d)) => Ok(d),
        _ => Err(format!("\"{word}\" is not a delegation at this table; {USAGE}")),
    };
    let points = |word: Option<&&str>| {
        word.and_then(|w| w.trim_start_matches('+').parse::<f64>().ok())
            .filter(|p| p.is_finite() && (-100.0..=100.0).contains(p))
            .map(|p| p / 100.0)
            .ok_or_else(|| format!("the change must be a number of points from -100 to 100; {USAGE}"))
    };
    let headline = |rest: &[&str]| {
        let h = rest.join(" ");
        let h = h.trim().trim_matches('"').trim().to_string();
        if h.is_empty() {
            Err(format!("the table needs a headline to read; {USAGE}"))
        } else {
            Ok(h)
        }
    };
    let (effect, rest) = match words {
        [w, change, rest @ ..] if w.eq_ignore_ascii_case("tension") => (
            Effect::Tension {
                change: points(Some(change))?,
            },
            rest,
        ),
        [seat, what, change, rest @ ..]
            if ["walkaway", "walk-away", "batna"].contains(&what.to_lowercase().as_str()) =>
        {
            (
                Effect::WalkAway {
                    seat: delegation(seat)?,
                    change: points(Some(change))?,
                },
                rest,
            )
        }
        [seat, what, change, rest @ ..] if what.eq_ignore_ascii_case("patience") => (
            Effect::Patience {
                seat: delegation(seat)?,
                change: points(Some(change))?,
            },
            rest,
        ),
        [seat, what, towards, change, rest @ ..] if what.eq_ignore_ascii_case("trust") => {
            let towards = match crate::play::lookup::seat_by_name(scenario, towards) {
                Some(Seat::Delegation(t)) => t,
                Some(Seat::Mediator) => scenario.delegations.len(),
                _ => return Err(format!("\"{towards}\" is not a delegation or the mediator; {USAGE}")),
            };
            (
                Effect::Trust {
                    from: delegation(seat)?,
                    towards,
                    change: points(Some(change))?,
                },
                rest,
            )
        }
        _ => return Err(USAGE.into()),
    };
    Ok(Command::InjectCustom {
        headline: headline(rest)?,
        effect,
    })
}
