//! Running tables to their end: one game, or thousands in one World, advanced together in chunks.

use std::sync::Arc;

use bevy::app::TaskPoolPlugin;
use bevy::prelude::*;

use super::outcome::Outcome;
use super::scenario::Scenario;
use super::table::{Controllers, Table, TableState, spawn_table};
use super::transcript::Transcript;

/// How one table ended.
#[derive(Debug, Clone, PartialEq)]
pub struct TableResult {
    /// The seed the table was seated with.
    pub seed: u64,
    /// How the talks ended: agreement, partial agreement, deadlock or walkout.
    pub outcome: Outcome,
    /// Rounds played (the round in which the table ended).
    pub rounds: u32,
    /// The state hash at the end of the last round.
    pub hash: u64,
    /// Every Event of the table, to replay or read aloud.
    pub transcript: Transcript,
}

/// A headless app with the negotiation core and a task pool for parallel AI turns.
pub fn sim_app() -> App {
    let mut app = App::new();
    app.add_plugins((TaskPoolPlugin::default(), super::plugin));
    app
}

/// Gives this process's compute pool `threads` threads, and so a batch as many workers. The pool is made
/// once per process: call this before the first table is seated, or it changes nothing.
pub fn use_threads(threads: usize) {
    bevy::tasks::ComputeTaskPool::get_or_init(|| {
        bevy::tasks::TaskPoolBuilder::new()
            .num_threads(threads)
            .thread_name("Compute Task Pool".into())
            .build()
    });
}

/// Steps the app until every table has ended; a table needs at most a few steps per round.
pub fn run_to_end(app: &mut App, scenario: &Scenario) {
    let limit = 8 * (scenario.clock.rounds as usize + 2);
    for _ in 0..limit {
        app.update();
        let world = app.world_mut();
        let mut open = world.query::<&TableState>();
        if open.iter(world).all(TableState::is_over) {
            return;
        }
    }
}

/// Collects and despawns every ended table, in batch order; with `transcripts` false the results carry an
/// empty transcript and each table's Events are freed with it, on the thread that played it.
fn harvest(app: &mut App, transcripts: bool) -> Vec<TableResult> {
    let world = app.world_mut();
    let mut q = world.query::<(Entity, &Table, &TableState, &mut Transcript)>();
    let mut done: Vec<(u32, Entity, TableResult)> = q
        .iter_mut(world)
        .filter_map(|(e, table, state, mut transcript)| {
            let outcome = state.outcome?;
            Some((
                table.index,
                e,
                TableResult {
                    seed: table.seed,
                    outcome,
                    rounds: state.round,
                    hash: transcript.last_round_hash().unwrap_or(0),
                    transcript: if transcripts {
                        std::mem::take(&mut *transcript)
                    } else {
                        Transcript::default()
                    },
                },
            ))
        })
        .collect();
    done.sort_by_key(|(index, _, _)| *index);
    for (_, e, _) in &done {
        world.despawn(*e);
    }
    done.into_iter().map(|(_, _, r)| r).collect()
}

/// Plays one table with AI on every seat.
pub fn play(scenario: &Arc<Scenario>, seed: u64) -> TableResult {
    let mut results = run_batch(scenario, seed, 1, 1, |_| {});
    results.remove(0)
}

/// Plays `runs` tables, table `i` with seed `seed + i`, `chunk` tables at a time in one World,
/// and collects every result.
pub fn run_batch(
    scenario: &Arc<Scenario>,
    seed: u64,
    runs: u64,
    chunk: u64,
    progress: impl FnMut(u64),
) -> Vec<TableResult> {
    let mut results = Vec::with_capacity(runs as usize);
    run_batch_with(scenario, seed, runs, chunk, progress, |r| results.push(r));
    results
}

/// Plays `runs` tables like [`run_batch`], handing each result to `each` in batch order as its chunk ends,
/// so memory stays flat however many tables are played. `progress` hears how many have ended so far.
///
/// Chunks are shared out among as many workers as the compute pool has threads, each with a World of its
/// own; a table's ending depends only on its seed, so the results are the same on any number of threads.
pub fn run_batch_with(
    scenario: &Arc<Scenario>,
    seed: u64,
    runs: u64,
    chunk: u64,
    progress: impl FnMut(u64),
    mut each: impl FnMut(TableResult),
) {
    let stretches = Stretch::chunks(scenario, seed, runs, chunk);
    run_stretches(&stretches, progress, |_, r| each(r));
}

/// Plays `runs` tables like [`run_batch_with`] for a caller that reads only how each ended: the results carry
/// no transcript (its Events are freed on the worker that played the table, as it ends).
pub fn run_batch_counting(
    scenario: &Arc<Scenario>,
    seed: u64,
    runs: u64,
    chunk: u64,
    progress: impl FnMut(u64),
    mut each: impl FnMut(TableResult),
) {
    let stretches: Vec<Stretch> = Stretch::chunks(scenario, seed, runs, chunk)
        .into_iter()
        .map(Stretch::counting)
        .collect();
    run_stretches(&stretches, progress, |_, r| each(r));
}

/// A run of tables of one scenario played together in one World: tables `start..end`, table `i` seated
/// with seed `seed + i`.
#[derive(Debug, Clone)]
pub struct Stretch {
    /// The scenario every table of the stretch plays.
    pub scenario: Arc<Scenario>,
    /// The seed of table 0; table `i` plays `seed + i`.
    pub seed: u64,
    /// The first table.
    pub start: u64,
    /// One past the last table.
    pub end: u64,
    /// Whether each result carries its table's transcript (not needed to count outcomes).
    pub transcripts: bool,
}

impl Stretch {
    /// Tables `0..runs` of `scenario` in stretches of at most `chunk` tables.
    pub fn chunks(scenario: &Arc<Scenario>, seed: u64, runs: u64, chunk: u64) -> Vec<Stretch> {
        let chunk = chunk.max(1);
        (0..runs.div_ceil(chunk))
            .map(|c| Stretch {
                scenario: scenario.clone(),
                seed,
                start: c * chunk,
                end: ((c + 1) * chunk).min(runs),
                transcripts: true,
            })
            .collect()
    }

    /// The same stretch, its results without transcripts.
    pub fn counting(self) -> Stretch {
        Stretch {
            transcripts: false,
            ..self
        }
    }

    /// How many tables the stretch plays.
    pub fn len(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the stretch plays no table.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Plays every stretch and hands each table's result to `each` with the index of its stretch: stretch after
/// stretch in the order given, table after table within each, however many workers play them. `progress`
/// hears how many tables have been handed on so far.
///
/// Each worker (one per thread of the compute pool) has a World of its own and takes the next stretch no
/// worker has taken, so stretches of unequal cost (a tournament's meetings at one table) keep every worker busy.
pub fn run_stretches(stretches: &[Stretch], mut progress: impl FnMut(u64), mut each: impl FnMut(usize, TableResult)) {
    let workers = bevy::tasks::ComputeTaskPool::get_or_init(bevy::tasks::TaskPool::default)
        .thread_num()
        .clamp(1, stretches.len().max(1));
    let mut handed = 0;
    if workers <= 1 {
        let mut app = worker_app();
        for (n, s) in stretches.iter().enumerate() {
            play_chunk(&mut app, &s.scenario, s.seed, s.start, s.end, s.transcripts)
                .into_iter()
                .for_each(|r| each(n, r));
            handed += s.len();
            progress(handed);
        }
        return;
    }
    // A scenario played in more than one stretch may be played on two workers at once: each plays its own copy.
    let mut stretches_of = std::collections::HashMap::new();
    for s in stretches {
        *stretches_of.entry(Arc::as_ptr(&s.scenario) as usize).or_insert(0usize) += 1;
    }
    let shared = |s: &Stretch| {
        stretches_of
            .get(&(Arc::as_ptr(&s.scenario) as usize))
            .is_some_and(|&n| n > 1)
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (done, arrived) = std::sync::mpsc::channel::<(usize, Vec<TableResult>)>();
        for _ in 0..workers {
            let done = done.clone();
            let (next, shared) = (&next, &shared);
            scope.spawn(move || {
                let mut app = worker_app();
                let mut own = Copies::default();
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(s) = stretches.get(n) else { return };
                    let scenario = if shared(s) {
                        own.of(&s.scenario)
                    } else {
                        s.scenario.clone()
                    };
                    if done
                        .send((
                            n,
                            play_chunk(&mut app, &scenario, s.seed, s.start, s.end, s.transcripts),
                        ))
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
        drop(done);
        // Stretches arrive in any order; they are handed on in the order given.
        let mut waiting = std::collections::BTreeMap::new();
        let mut ready = 0;
        for (n, results) in arrived {
            waiting.insert(n, results);
            while let Some(results) = waiting.remove(&ready) {
                results.into_iter().for_each(|r| each(ready, r));
                handed += stretches[ready].len();
                progress(handed);
                ready += 1;
            }
        }
    });
}

/// The app of one batch worker: the core, run in order on the worker's own thread (its systems and its AI
/// turns), since the batch's parallelism is one World per worker.
fn worker_app() -> App {
    let mut app = sim_app();
    app.insert_resource(super::OneThread);
    if let Some(mut schedules) = app.world_mut().get_resource_mut::<Schedules>() {
        for (_, schedule) in schedules.iter_mut() {
            schedule.set_executor(bevy::ecs::schedule::SingleThreadedExecutor::new());
        }
    }
    app
}

/// A worker's own copies of the scenarios it plays. The words of a scenario (red lines' reasons, delegation
/// lines) are shared strings that every table's Events point at; were two workers to play one copy, every
/// Event made or dropped on either would count on the same shared counters, and the two cores would fight
/// over them. A copy read again from the scenario's text shares only the outcome space, which nothing writes.
#[derive(Default)]
struct Copies(Option<(Arc<Scenario>, Arc<Scenario>)>);

impl Copies {
    /// The worker's copy of `scenario`: made when the worker first plays it (the last one is kept).
    fn of(&mut self, scenario: &Arc<Scenario>) -> Arc<Scenario> {
        if let Some((original, copy)) = &self.0
            && Arc::ptr_eq(original, scenario)
        {
            return copy.clone();
        }
        let copy = scenario.copy_for_a_thread();
        self.0 = Some((scenario.clone(), copy.clone()));
        copy
    }
}

/// Seats tables `start..end` (seeds `seed + i`) in `app`, plays them to their end and harvests them.
fn play_chunk(
    app: &mut App,
    scenario: &Arc<Scenario>,
    seed: u64,
    start: u64,
    end: u64,
    transcripts: bool,
) -> Vec<TableResult> {
    {
        let world = app.world_mut();
        let mut commands = world.commands();
        for i in start..end {
            spawn_table(
                &mut commands,
                scenario,
                seed.wrapping_add(i),
                i as u32,
                &Controllers::default(),
            );
        }
        world.flush();
    }
    run_to_end(app, scenario);
    harvest(app, transcripts)
}
