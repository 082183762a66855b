//! The outcome distribution of a batch of tables: counted as tables end, printed as text or JSON.

use std::collections::BTreeMap;

use crate::sim::batch::TableResult;
use crate::sim::scenario::Scenario;

/// The outcome distribution of a batch.
pub struct Summary {
    /// How many tables the batch played.
    pub runs: usize,
    /// How many tables ended each way: agreement, partial_agreement, deadlock, walkout.
    pub outcomes: BTreeMap<&'static str, usize>,
    /// Each distinct agreed package and how often.
    pub packages: BTreeMap<crate::sim::issue::Package, usize>,
    /// Tables whose ending agrees with the scenario's recorded history.
    pub historical: usize,
    /// Per issue, how many tables ended with each choice: index 0 "open", then each option.
    pub choices: Vec<Vec<usize>>,
    /// Wall-clock time the batch took, in seconds.
    pub seconds: f64,
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            runs: 0,
            outcomes: ["agreement", "partial_agreement", "deadlock", "walkout"]
                .into_iter()
                .map(|k| (k, 0))
                .collect(),
            packages: BTreeMap::new(),
            historical: 0,
            choices: Vec::new(),
            seconds: 0.0,
        }
    }
}

impl Summary {
    /// Counts one table's outcome.
    pub fn add(&mut self, scenario: &Scenario, r: &TableResult) {
        self.runs += 1;
        *self.outcomes.entry(r.outcome.kind()).or_default() += 1;
        let agreed = r.outcome.package();
        if let Some(p) = agreed {
            *self.packages.entry(p).or_default() += 1;
        }
        if scenario.history.as_ref().is_some_and(|h| h.matches(agreed)) {
            self.historical += 1;
        }
        if self.choices.is_empty() {
            self.choices = scenario.issues.iter().map(|i| vec![0; i.options.len() + 1]).collect();
        }
        let p = agreed.unwrap_or_default();
        for (i, row) in self.choices.iter_mut().enumerate() {
            row[p.choice(i).map_or(0, |o| o + 1)] += 1;
        }
    }

    fn share(&self, count: usize) -> f64 {
        100.0 * count as f64 / self.runs.max(1) as f64
    }

    /// Agreed packages, most frequent first.
    fn ranked(&self) -> Vec<(crate::sim::issue::Package, usize)> {
        let mut packages: Vec<_> = self.packages.iter().map(|(p, c)| (*p, *c)).collect();
        packages.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        packages
    }

    fn per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.runs as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// The distribution as a readable report; `seed` is the seed of the batch's first table.
    pub fn text(&self, scenario: &Scenario, seed: u64) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let last = seed.wrapping_add(self.runs as u64 - 1);
        let _ = writeln!(
            out,
            "{} — {} tables, seeds {}\n",
            scenario.title,
            self.runs,
            if last < seed {
                format!("{seed}..={} and 0..={last} (the seeds wrap around)", u64::MAX)
            } else {
                format!("{seed}..={last}")
            }
        );
        let _ = writeln!(out, "Outcomes:");
        for (kind, count) in &self.outcomes {
            let _ = writeln!(
                out,
                "  {:<18} {:>8}  {:>5.1}%",
                kind,
                count,
                100.0 * *count as f64 / self.runs as f64
            );
        }
        if let Some(h) = &scenario.history {
            let _ = writeln!(
                out,
                "\nAs it happened ({}): {:>5.1}%",
                h.text,
                self.share(self.historical)
            );
        }
        if !self.choices.is_empty() {
            let _ = writeln!(out, "\nHow each issue ended:");
            for (issue, row) in scenario.issues.iter().zip(&self.choices) {
                let parts: Vec<String> = std::iter::once("open")
                    .chain(issue.options.iter().map(|o| o.id.as_str()))
                    .zip(row)
                    .map(|(name, &n)| format!("{name} {:.1}%", self.share(n)))
                    .collect();
                let _ = writeln!(out, "  {:<20} {}", issue.name, parts.join(", "));
            }
        }
        let ranked = self.ranked();
        if !ranked.is_empty() {
            let _ = writeln!(out, "\nAgreed packages:");
            for (p, count) in ranked.iter().take(10) {
                let _ = writeln!(
                    out,
                    "  {:>8}  {:>5.1}%  {}",
                    count,
                    100.0 * *count as f64 / self.runs as f64,
                    scenario.describe(*p)
                );
            }
            if ranked.len() > 10 {
                let _ = writeln!(out, "  … and {} more (see --format json)", ranked.len() - 10);
            }
        }
        let _ = writeln!(
            out,
            "\n{:.0} games per second ({:.2} s)",
            self.per_second(),
            self.seconds
        );
        out
    }

    /// The distribution as one JSON object (what `--format json` prints); `seed` is the first table's seed.
    pub fn json(&self, scenario: &Scenario, seed: u64) -> serde_json::Value {
        serde_json::json!({
            "scenario": scenario.id,
            "seed": seed,
            "runs": self.runs,
            "outcomes": self.outcomes,
            "packages": self.ranked().iter().map(|(p, count)| serde_json::json!({
                "agreed": scenario.package_ids(*p),
                "count": count,
            })).collect::<Vec<_>>(),
            "historical": scenario.history.as_ref().map(|h| serde_json::json!({
                "text": h.text,
                "count": self.historical,
            })),
            "issues": scenario.issues.iter().zip(&self.choices).map(|(issue, row)| {
                let counts: BTreeMap<&str, usize> = std::iter::once("open")
                    .chain(issue.options.iter().map(|o| o.id.as_str()))
                    .zip(row.iter().copied())
                    .collect();
                (issue.id.clone(), counts)
            }).collect::<BTreeMap<String, BTreeMap<&str, usize>>>(),
            "games_per_second": self.per_second(),
            "seconds": self.seconds,
        })
    }
}
