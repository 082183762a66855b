//! The scenario's own id and the ids of its sources: well formed, and no source named twice.

use std::collections::BTreeSet;

use super::Checker;
use crate::sim::scenario::locate;
use crate::sim::scenario::raw::RawScenario;

/// Checks the top-level id and every source id.
pub(super) fn check(c: &mut Checker, raw: &RawScenario) {
    let scenario_anchor = locate::key(c.src, 0, "id").unwrap_or(0);
    c.id(scenario_anchor, "id", &raw.id);
    let mut source_ids = BTreeSet::new();
    // Sources stand in the file in list order: each is looked for after the one before, so a long list is
    // read once, not once per source.
    let mut from = locate::key(c.src, 0, "sources").unwrap_or(0);
    for (k, source) in raw.sources.iter().enumerate() {
        let anchor = locate::field_value(c.src, from, "id", &source.id).unwrap_or(from);
        from = anchor + 1;
        c.id(anchor, &format!("sources[{k}]"), &source.id);
        if !source_ids.insert(source.id.as_str()) {
            c.duplicate(anchor, &format!("sources[{k}]"), "source", &source.id, "every source");
        }
    }
}
