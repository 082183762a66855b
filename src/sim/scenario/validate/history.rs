//! What really happened: the history's outcome names real issues and, for each, real options or "open".

use super::Checker;
use crate::sim::scenario::raw::RawScenario;
use crate::sim::scenario::{History, locate};

/// Checks the history, if the scenario has one, and builds it: per issue, which choices agree with it.
pub(super) fn check(c: &mut Checker, raw: &RawScenario) -> Option<History> {
    raw.history.as_ref().map(|h| {
        let anchor = locate::key(c.src, 0, "history").unwrap_or(0);
        let mut choices: Vec<Vec<bool>> = raw.issues.iter().map(|i| vec![true; i.options.len() + 1]).collect();
        for (issue_id, allowed) in &h.outcome {
            let path = format!("history.outcome[\"{issue_id}\"]");
            // The first issue with this id (not the index's last): a duplicate id is reported already.
            let Some(i) = raw.issues.iter().position(|i| &i.id == issue_id) else {
                c.at(
                    anchor,
                    Some(&format!("\"{issue_id}\"")),
                    &path,
                    format!("there is no issue \"{issue_id}\""),
                    "name an issue id from `issues`",
                );
                continue;
            };
            let row = &mut choices[i];
            row.iter_mut().for_each(|x| *x = false);
            for word in allowed {
                if word == "open" {
                    row[0] = true;
                } else if let Some(o) = raw.issues[i].options.iter().position(|o| &o.id == word) {
                    row[o + 1] = true;
                } else {
                    c.at(
                        anchor,
                        Some(&format!("\"{word}\"")),
                        &path,
                        format!("issue \"{issue_id}\" has no option \"{word}\""),
                        "use one of the issue's option ids, or \"open\"",
                    );
                }
            }
        }
        History {
            text: h.text.clone(),
            choices,
        }
    })
}
