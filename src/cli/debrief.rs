//! `redline debrief`: the debrief of recorded games, as text, JSON, or one self-contained HTML report for a
//! single game or a whole class folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{Format, fail};
use crate::debrief::html::{self, Game};
use crate::debrief::versus::{self, Played, Versus};
use crate::debrief::{Debrief, of_replay, text};
use crate::replay::Replay;
use crate::sim::scenario::Scenario;

/// The options of `redline debrief`.
#[derive(Debug, clap::Args)]
pub struct DebriefArgs {
    /// Recorded games (.ron), or folders of them (a class's folder: every .ron in it, in name order).
    #[arg(required = true, value_name = "REPLAY|FOLDER")]
    pub inputs: Vec<PathBuf>,
    /// Write one self-contained HTML report here (opens offline, prints on A4 and Letter) instead of printing.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Printed output: readable text, or JSON (one object per game, in a list for several).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// AI-only games to compare each table with (0: none).
    #[arg(long, default_value_t = versus::GAMES, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
    pub games: u64,
    /// Seed of the first AI-only game; game i plays seed + i, as `redline simulate --runs N --seed S` does.
    #[arg(long, default_value_t = versus::SEED)]
    pub seed: u64,
    /// The report's title (default: the folder's name, or the game's).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// A recording found among the inputs, with the name the report gives it.
struct Found {
    path: PathBuf,
    name: String,
}

/// The recordings named: files as given, folders as every `.ron` inside, in name order.
fn recordings(inputs: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| format!("cannot read the folder {}: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
                .collect();
            files.sort();
            if files.is_empty() {
                return Err(format!(
                    "{} holds no recorded games (.ron files); record one with `redline play --record FILE`.",
                    input.display()
                ));
            }
            out.extend(files.into_iter().map(|path| Found {
                name: stem(&path),
                path,
            }));
        } else if input.is_file() {
            out.push(Found {
                name: stem(input),
                path: input.clone(),
            });
        } else {
            return Err(format!(
                "{} is neither a recorded game nor a folder of them; `redline play --record FILE` writes one.",
                input.display()
            ));
        }
    }
    Ok(out)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

/// Runs `redline debrief`.
pub fn run(args: &DebriefArgs) -> ExitCode {
    let started = Instant::now();
    let found = match recordings(&args.inputs) {
        Ok(f) => f,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    if let Some(out) = &args.out
        && let Err(e) = crate::replay::writable(out)
    {
        return fail(e);
    }
    let mut games: Vec<(String, Debrief, Arc<Scenario>)> = Vec::new();
    for f in &found {
        let file = f.path.display().to_string();
        let replay = match Replay::load(&f.path) {
            Ok(r) => r,
            Err(e) => return fail(e),
        };
        match of_replay(&replay, &file) {
            Ok((d, s, note)) => {
                if let Some(note) = note {
                    eprintln!("{note}");
                }
                games.push((f.name.clone(), d, s));
            }
            Err(e) => return fail(e),
        }
    }
    // One AI-only comparison per distinct table (by its text), shared by every game of it.
    let mut compared: BTreeMap<u64, Played> = BTreeMap::new();
    if args.games > 0 {
        for (_, _, s) in &games {
            if compared.contains_key(&s.hash) {
                continue;
            }
            let bar = ProgressBar::new(args.games);
            bar.set_style(
                ProgressStyle::with_template(&format!("{{bar:40}} {{pos}}/{{len}} AI-only games of {}", s.id))
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let v = versus::play(s, args.seed, args.games, |n| bar.set_position(n));
            bar.finish_and_clear();
            compared.insert(s.hash, v);
        }
    }
    let placed: Vec<Option<Versus>> = games
        .iter()
        .map(|(_, d, s)| compared.get(&s.hash).map(|v| v.place(d.ending)))
        .collect();
    if let Some(out) = &args.out {
        let report: Vec<Game> = games
            .iter()
            .zip(&placed)
            .map(|((name, d, _), v)| Game {
                name: name.clone(),
                debrief: d,
                versus: v.as_ref(),
            })
            .collect();
        let html = if report.len() == 1 && args.inputs.len() == 1 && !args.inputs[0].is_dir() {
            html::one(&report[0])
        } else {
            let title = args.title.clone().unwrap_or_else(|| match args.inputs.as_slice() {
                [one] => format!("Class debrief: {}", stem(one)),
                _ => "Class debrief".to_string(),
            });
            html::class(&title, &report)
        };
        if let Err(e) = crate::replay::write_atomically(out, &html) {
            return fail(e);
        }
        eprintln!(
            "Wrote the debrief of {} game{} to {} ({} KB) in {:.1} s. Open it in a browser; it prints on A4 or Letter.",
            games.len(),
            if games.len() == 1 { "" } else { "s" },
            out.display(),
            html.len().div_ceil(1024),
            started.elapsed().as_secs_f64()
        );
        return ExitCode::SUCCESS;
    }
    match args.format {
        Format::Text => {
            for (i, ((name, d, _), v)) in games.iter().zip(&placed).enumerate() {
                if i > 0 {
                    println!("\n{}\n", "=".repeat(72));
                }
                if games.len() > 1 {
                    println!("{name}");
                }
                print!("{}", text::render(d, v.as_ref()));
            }
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = games
                .iter()
                .zip(&placed)
                .map(|((name, d, _), v)| {
                    serde_json::json!({
                        "game": name,
                        "debrief": d,
                        "ai_only": v,
                    })
                })
                .collect();
            let value = if items.len() == 1 {
                items.into_iter().next().unwrap_or_default()
            } else {
                serde_json::Value::Array(items)
            };
            println!("{value}");
        }
    }
    ExitCode::SUCCESS
}
