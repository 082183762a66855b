//! The largest table `check` accepts, written out as a scenario file: every count at its limit (eight
//! delegations, 1,048,576 possible packages, 64 red lines and 200 lines a delegation, 500 events of 32
//! effects, 50 rounds). `redline bench turn --largest` times a round on it.

use std::fmt::Write as _;

/// Issues of the largest table: five of fifteen options make 16^5 = 1,048,576 packages, the limit.
const ISSUES: usize = 5;
/// Options of each issue.
const OPTIONS: usize = 15;
/// Delegations at the table.
const DELEGATIONS: usize = 8;
/// Rounds of the session.
const ROUNDS: usize = 50;

/// What delegation `d` thinks of option `o` of issue `i`: 0 to 1 in fifteenths, each delegation and issue
/// turned a different way, so that no two delegations want the same package.
fn value(d: usize, i: usize, o: usize) -> f64 {
    ((o + 3 * d + 5 * i) % OPTIONS) as f64 / (OPTIONS - 1) as f64
}

/// The scenario's text.
pub fn scenario_text() -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "// The largest table `redline check` accepts: every count at its limit."
    );
    s.push_str("Scenario(\n    id: \"largest\",\n    title: \"The largest table\",\n    date: \"2000-01-01\",\n");
    s.push_str("    place: \"A room with every chair taken\",\n");
    s.push_str("    summary: \"Eight delegations, five issues of fifteen options, fifty rounds.\",\n");
    let _ = writeln!(
        s,
        "    clock: (start: \"09:00\", minutes: (value: 43200, source: \"limit\"), rounds: (value: {ROUNDS}, source: \"limit\")),"
    );
    s.push_str("    tension: (value: 0.4, source: \"limit\"),\n    issues: [\n");
    for i in 0..ISSUES {
        super::write_issue(&mut s, i, OPTIONS);
    }
    s.push_str("    ],\n    delegations: [\n");
    for d in 0..DELEGATIONS {
        delegation(&mut s, d);
    }
    s.push_str("    ],\n    mediator: (id: \"chair\", name: \"The Chair\", delegates: [");
    people(&mut s, "Chair");
    s.push_str(
        "], strategy: SingleNegotiatingText, first_proposal_round: (value: 2, source: \"limit\")),\n    outside_actors: [\n",
    );
    for a in 0..16 {
        let _ = write!(s, "        (id: \"a{a}\", name: \"Actor {a}\", people: [");
        people(&mut s, &format!("Actor {a}"));
        s.push_str("], stance: \"Watching.\"),\n");
    }
    s.push_str("    ],\n    events: [\n");
    for e in 0..500 {
        let _ = write!(
            s,
            "        (round: {}, actor: \"a{}\", headline: \"Event {e}\", text: \"Something happens.\", source: \"limit\", effects: [",
            1 + e % ROUNDS,
            e % 16
        );
        for f in 0..32 {
            let d = (e + f) % DELEGATIONS;
            let t = (d + 1) % DELEGATIONS;
            let sign = if f % 2 == 0 { "" } else { "-" };
            let _ = match f % 4 {
                0 => write!(s, "Tension(change: {sign}0.001), "),
                1 => write!(s, "Patience(delegation: \"d{d}\", change: {sign}0.001), "),
                2 => write!(s, "WalkAway(delegation: \"d{d}\", change: {sign}0.001), "),
                _ => write!(s, "Trust(from: \"d{d}\", towards: \"d{t}\", change: {sign}0.001), "),
            };
        }
        s.push_str("]),\n");
    }
    s.push_str("    ],\n    variation: (patience: (value: 0.1, source: \"limit\"), walk_away: (value: 0.02, source: \"limit\")),\n");
    s.push_str("    history: Some((text: \"Anything.\", source: \"limit\", outcome: {");
    for i in 0..ISSUES {
        let _ = write!(s, "\"i{i}\": [\"open\", ");
        for o in 0..OPTIONS {
            let _ = write!(s, "\"o{o}\", ");
        }
        s.push_str("], ");
    }
    s.push_str("})),\n    sources: [\n");
    for k in 0..1000 {
        let _ = writeln!(s, "        (id: \"s{k}\", text: \"Source {k}.\"),");
    }
    s.push_str("    ],\n)\n");
    s
}

/// Thirty-two people, the most one party may name.
fn people(s: &mut String, of: &str) {
    for p in 0..32 {
        let _ = write!(s, "(name: \"{of} {p}\", role: \"Member\"), ");
    }
}

fn delegation(s: &mut String, d: usize) {
    let _ = write!(
        s,
        "        (\n            id: \"d{d}\",\n            name: \"Delegation {d}\",\n            colour: \"#{:02X}{:02X}{:02X}\",\n            delegates: [",
        30 * d,
        200 - 20 * d,
        100
    );
    people(s, &format!("Delegation {d}"));
    s.push_str("],\n            strategy: Delegation,\n            posture: Firm,\n            positions: {\n");
    let demand = |i: usize| (0..OPTIONS).find(|&o| value(d, i, o) == 1.0).unwrap_or(0);
    for i in 0..ISSUES {
        let _ = write!(
            s,
            "                \"i{i}\": (demand: \"o{}\", weight: {}.0, values: {{\"open\": 0.3, ",
            demand(i),
            1 + (i + d) % ISSUES
        );
        for o in 0..OPTIONS {
            let _ = write!(s, "\"o{o}\": {}, ", value(d, i, o));
        }
        s.push_str("}, source: \"limit\"),\n");
    }
    s.push_str("            },\n            red_lines: [\n");
    // 64 red lines: every option worth less than a fifth is forbidden (15 in all), then preconditions tie
    // a middling option of one issue to the better half of the next.
    let mut count = 0;
    for i in 0..ISSUES {
        for o in 0..OPTIONS {
            if value(d, i, o) < 0.2 {
                let _ = writeln!(
                    s,
                    "                Forbid(issue: \"i{i}\", option: \"o{o}\", why: \"Too little.\"),"
                );
                count += 1;
            }
        }
    }
    let mut k = 0;
    while count < 64 {
        let i = k % ISSUES;
        let next = (i + 1) % ISSUES;
        let middling = (0..OPTIONS)
            .filter(|&o| (0.4..0.7).contains(&value(d, i, o)))
            .nth(k / ISSUES % 3)
            .unwrap_or(0);
        let better: Vec<String> = (0..OPTIONS)
            .filter(|&o| value(d, next, o) >= 0.5)
            .map(|o| format!("\"o{o}\""))
            .collect();
        let _ = writeln!(
            s,
            "                Precondition(issue: \"i{i}\", options: [\"o{middling}\"], requires: \"i{next}\", requires_options: [{}], why: \"Only with more.\"),",
            better.join(", ")
        );
        count += 1;
        k += 1;
    }
    s.push_str("            ],\n            walk_away: (value: 0.3, source: \"limit\"),\n");
    s.push_str("            patience: (value: 0.9, source: \"limit\"),\n            trust: {");
    for t in (0..DELEGATIONS).filter(|&t| t != d) {
        let _ = write!(s, "\"d{t}\": (value: 0.5, source: \"limit\"), ");
    }
    s.push_str("\"chair\": (value: 0.6, source: \"limit\")},\n            lines: [\n");
    for l in 0..200 {
        let kind = ["Conciliatory", "Firm", "Threat", "WalkoutWarning"][l % 4];
        let _ = writeln!(
            s,
            "                (kind: {kind}, text: \"Line {l} of delegation {d}.\", source: \"limit\"),"
        );
    }
    s.push_str("            ],\n        ),\n");
}
