//! How fast a batch plays a table with the AI on every seat, as `simulate --runs` plays it: games per second
//! (the median of repeated runs) and the memory a table in flight holds.

use std::sync::Arc;
use std::time::Instant;

use crate::sim::batch::run_batch_counting;
use crate::sim::scenario::Scenario;

/// What a batch measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BatchReport {
    /// Threads of the compute pool the AI turns ran on.
    pub threads: usize,
    /// Games per timed run.
    pub games: u64,
    /// Tables seated and advanced together in one World.
    pub chunk: u64,
    /// Timed runs; the median is reported.
    pub repeat: usize,
    /// The median time of a run, in seconds.
    pub seconds: f64,
    /// Games per second at the median time.
    pub games_per_second: f64,
    /// The process's peak resident memory, in MiB (Linux only).
    pub peak_rss_mib: Option<f64>,
    /// Peak resident memory above what the process held before the first table, per table in flight (a
    /// chunk on every thread), in KiB.
    pub per_table_kib: Option<f64>,
    /// A checksum of every game's ending (seeds, outcomes, hashes), the same on every run and thread count.
    pub checksum: String,
}

/// A field of `/proc/self/status` in KiB (`VmRSS`, `VmHWM`), where there is one.
fn status_kib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The process's peak resident memory so far, in MiB (Linux only).
pub fn peak_rss_mib() -> Option<f64> {
    status_kib("VmHWM:").map(|k| k / 1024.0)
}

/// Plays `games` games (seeds `seed..`) `repeat` times and reports the median; `threads` is how many the
/// compute pool was given (the caller made the pool).
pub fn run(scenario: &Arc<Scenario>, seed: u64, games: u64, chunk: u64, repeat: usize, threads: usize) -> BatchReport {
    let before = status_kib("VmRSS:");
    let mut times = Vec::new();
    let mut checksum = 0xcbf2_9ce4_8422_2325_u64;
    for run in 0..repeat.max(1) {
        let mut sum = 0xcbf2_9ce4_8422_2325_u64;
        let started = Instant::now();
        run_batch_counting(
            scenario,
            seed,
            games,
            chunk,
            |_| {},
            |r| {
                for x in [r.seed, r.hash, u64::from(r.rounds)] {
                    sum = (sum ^ x).wrapping_mul(0x0100_0000_01b3);
                }
            },
        );
        times.push(started.elapsed().as_secs_f64());
        if run == 0 {
            checksum = sum;
        } else if sum != checksum {
            // Not a timing result: the batch played different games on a repeat.
            checksum = 0;
        }
    }
    times.sort_by(f64::total_cmp);
    let seconds = times[times.len() / 2];
    let peak = status_kib("VmHWM:");
    BatchReport {
        threads,
        games,
        chunk,
        repeat: times.len(),
        seconds,
        games_per_second: games as f64 / seconds.max(1e-9),
        peak_rss_mib: peak.map(|k| k / 1024.0),
        per_table_kib: peak
            .zip(before)
            .map(|(p, b)| (p - b).max(0.0) / (chunk * threads.max(1) as u64).min(games).max(1) as f64),
        checksum: format!("{checksum:016x}"),
    }
}
