//! A generated three-party table for batch benchmarks: three delegations and a chair over nine issues whose
//! options and their open choice make 64,800 possible packages, drawn from SplitMix64 so every run and every
//! machine plays the same table. `redline bench batch --three-party` plays it; `--write FILE` writes it out.

use std::fmt::Write as _;

use super::SplitMix64;

/// Options per issue; with each issue's "open" they make 5·5·4·4·3·3·3·3·2 = 64,800 packages.
const OPTIONS: [usize; 9] = [4, 4, 3, 3, 2, 2, 2, 2, 1];
/// The delegations at the table.
const DELEGATIONS: [&str; 3] = ["north", "south", "east"];
/// Rounds of the session.
const ROUNDS: usize = 12;

/// How many packages the table has (each issue settled at one of its options or left open).
pub fn packages() -> usize {
    OPTIONS.iter().map(|o| o + 1).product()
}

/// The scenario's text, the same for the same `seed`.
pub fn scenario_text(seed: u64) -> String {
    let mut rng = SplitMix64::new(seed);
    let mut s = String::new();
    s.push_str("// A generated three-party table of 64,800 packages, for batch benchmarks.\n");
    s.push_str(
        "Scenario(\n    id: \"three_party\",\n    title: \"Three parties, nine issues\",\n    date: \"2000-01-01\",\n",
    );
    s.push_str("    place: \"A generated table\",\n");
    s.push_str("    summary: \"Three delegations and a chair over nine issues: 64,800 possible packages.\",\n");
    let _ = writeln!(
        s,
        "    clock: (start: \"09:00\", minutes: (value: 480, source: \"gen\"), rounds: (value: {ROUNDS}, source: \"gen\")),"
    );
    s.push_str("    tension: (value: 0.4, source: \"gen\"),\n    issues: [\n");
    for (i, &n) in OPTIONS.iter().enumerate() {
        super::write_issue(&mut s, i, n);
    }
    s.push_str("    ],\n    delegations: [\n");
    for (d, id) in DELEGATIONS.iter().enumerate() {
        delegation(&mut s, &mut rng, d, id);
    }
    s.push_str("    ],\n    mediator: (id: \"chair\", name: \"The Chair\", delegates: [(name: \"The Chair\", role: \"Chair\")], ");
    s.push_str("strategy: SplitTheDifference, first_proposal_round: (value: 2, source: \"gen\")),\n");
    s.push_str("    outside_actors: [],\n    events: [\n");
    // Pressure in the middle of the session, as at the historical tables.
    for (round, d) in [(4, 0), (6, 1), (8, 2)] {
        let _ = writeln!(
            s,
            "        (round: {round}, actor: \"{}\", headline: \"Pressure on {}\", text: \"Their capital loses patience.\", source: \"gen\", effects: [WalkAway(delegation: \"{}\", change: -0.03), Tension(change: 0.05)]),",
            DELEGATIONS[d], DELEGATIONS[d], DELEGATIONS[d]
        );
    }
    s.push_str("    ],\n    variation: (patience: (value: 0.1, source: \"gen\"), walk_away: (value: 0.03, source: \"gen\")),\n");
    s.push_str("    sources: [(id: \"gen\", text: \"Drawn from SplitMix64 for the batch benchmark.\")],\n)\n");
    s
}

fn delegation(s: &mut String, rng: &mut SplitMix64, d: usize, id: &str) {
    let _ = write!(
        s,
        "        (\n            id: \"{id}\",\n            name: \"Delegation {id}\",\n            colour: \"#{:02X}{:02X}{:02X}\",\n            delegates: [(name: \"Head of {id}\", role: \"Head\")],\n",
        60 + 60 * d,
        180 - 50 * d,
        120
    );
    let posture = ["Conciliatory", "Firm", "Hardline"][d];
    let _ = write!(
        s,
        "            strategy: Delegation,\n            posture: {posture},\n            positions: {{\n"
    );
    let mut worst = Vec::new();
    for (i, &n) in OPTIONS.iter().enumerate() {
        let values: Vec<f64> = (0..n).map(|_| (rng.next_f64() * 100.0).round() / 100.0).collect();
        let top = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let demand = values.iter().position(|&v| v == top).unwrap_or(0);
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        worst.push((i, values.iter().position(|&v| v == low).unwrap_or(0), n));
        let weight = 1 + (rng.next_u64() % 9);
        let _ = write!(
            s,
            "                \"i{i}\": (demand: \"o{demand}\", weight: {weight}.0, values: {{\"open\": 0.3, "
        );
        for (o, v) in values.iter().enumerate() {
            let _ = write!(s, "\"o{o}\": {v}, ");
        }
        s.push_str("}, source: \"gen\"),\n");
    }
    s.push_str("            },\n            red_lines: [\n");
    // Two red lines: the worst option of two issues it weighs (never the only option of an issue).
    for &(i, o, _) in worst.iter().filter(|(_, _, n)| *n > 1).skip(d).take(2) {
        let _ = writeln!(
            s,
            "                Forbid(issue: \"i{i}\", option: \"o{o}\", why: \"Never that.\"),"
        );
    }
    let walk_away = 0.25 + 0.05 * d as f64;
    let _ = write!(
        s,
        "            ],\n            walk_away: (value: {walk_away}, source: \"gen\"),\n            patience: (value: 0.8, source: \"gen\"),\n            trust: {{"
    );
    for (t, other) in DELEGATIONS.iter().enumerate().filter(|&(t, _)| t != d) {
        let _ = write!(s, "\"{other}\": (value: {}, source: \"gen\"), ", 0.4 + 0.1 * t as f64);
    }
    s.push_str("\"chair\": (value: 0.6, source: \"gen\")},\n            lines: [\n");
    for kind in ["Conciliatory", "Firm", "Threat", "WalkoutWarning"] {
        let _ = writeln!(
            s,
            "                (kind: {kind}, text: \"A {} line of delegation {id}.\", source: \"gen\"),",
            kind.to_lowercase()
        );
    }
    s.push_str("            ],\n        ),\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario::Scenario;

    #[test]
    fn the_generated_table_is_a_valid_scenario_of_64800_packages() {
        let s = Scenario::from_bytes("three-party.ron", scenario_text(65_000).as_bytes()).expect("a valid scenario");
        assert_eq!(s.delegations.len(), 3);
        assert_eq!(s.space.packages.len(), 64_800);
        assert_eq!(packages(), 64_800);
        assert_eq!(scenario_text(65_000), scenario_text(65_000));
    }
}
