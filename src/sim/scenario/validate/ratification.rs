//! The ratification rule: who must accept a package for it to be agreed, when the table is not unanimous.

use super::Checker;
use super::seats::Seats;
use crate::sim::scenario::raw::RawScenario;
use crate::sim::scenario::{Bloc, Ratification, locate};

/// Checks the rule, if the scenario has one, and builds it with seats in place of ids.
pub(super) fn check(c: &mut Checker, raw: &RawScenario, seats: &Seats) -> Option<Ratification> {
    let rule = raw.ratification.as_ref()?;
    let anchor = locate::key(c.src, 0, "ratification").unwrap_or(0);
    let n = raw.delegations.len();
    if rule.at_least as usize > n {
        c.at_key(
            anchor,
            "at_least",
            "ratification.at_least",
            format!("{} delegations must accept, but the table has {n}", rule.at_least),
            &format!("write a number from 1 to {n}, or leave `at_least` out"),
        );
    }
    if rule.at_least == 0 && rule.including.is_empty() && rule.blocs.is_empty() {
        c.at(
            anchor,
            None,
            "ratification",
            "the rule names no condition, so any package would pass with nobody accepting it".into(),
            "give `at_least`, `including` or `blocs`; or leave `ratification` out for unanimity",
        );
    }
    let seat = |c: &mut Checker, id: &str, path: &str| -> Option<usize> {
        let found = seats.seat_of(id);
        if found.is_none() {
            c.at(
                anchor,
                Some(&format!("\"{id}\"")),
                path,
                format!("there is no delegation \"{id}\""),
                "name a delegation id from `delegations`",
            );
        }
        found
    };
    let mut including = Vec::new();
    for (k, id) in rule.including.iter().enumerate() {
        if let Some(d) = seat(c, id, &format!("ratification.including[{k}]")) {
            if including.contains(&d) {
                c.at(
                    anchor,
                    Some(&format!("\"{id}\"")),
                    &format!("ratification.including[{k}]"),
                    format!("\"{id}\" is named twice"),
                    "name each delegation once",
                );
            }
            including.push(d);
        }
    }
    let mut blocs = Vec::new();
    for (b, bloc) in rule.blocs.iter().enumerate() {
        let path = format!("ratification.blocs[{b}] ({})", bloc.name);
        if bloc.members.is_empty() {
            c.at(
                anchor,
                Some(&bloc.name),
                &path,
                "the bloc has no members".into(),
                "name at least one delegation",
            );
        }
        let mut members = Vec::new();
        for (id, &weight) in &bloc.members {
            if let Some(d) = seat(c, id, &format!("{path}.members[\"{id}\"]")) {
                if !(weight > 0.0 && weight.is_finite()) {
                    c.at(
                        anchor,
                        Some(&format!("\"{id}\"")),
                        &format!("{path}.members[\"{id}\"]"),
                        format!("the weight {weight} is not above zero"),
                        "give each member a weight above zero, e.g. its share of the vote",
                    );
                }
                members.push((d, weight));
            }
        }
        members.sort_by_key(|&(d, _)| d);
        blocs.push(Bloc {
            name: bloc.name.clone(),
            members,
        });
    }
    including.sort_unstable();
    Some(Ratification {
        at_least: rule.at_least as usize,
        including,
        blocs,
    })
}
