//! The mediator's reasons in plain words, for callers that want words rather than claims: what a package
//! gives each side and why one cannot be signed.

use super::claim::{self, render_all};
use crate::sim::analysis::Parties;
use crate::sim::issue::Package;
use crate::sim::outcome::names;
use crate::sim::scenario::Scenario;
pub use crate::sim::transcript::pct;

/// "Each side gains over walking away: Ukraine +12, Russia +8."
pub fn gains(s: &Scenario, parties: &Parties, package: Package) -> String {
    claim::gains(s, parties, package).render(s)
}

/// Why a package cannot be signed: the red lines it crosses and the walk-away values it falls below.
pub fn blocked(s: &Scenario, parties: &Parties, package: Package) -> Vec<String> {
    render_all(s, &claim::blocked(s, parties, package))
}

/// The names of the issues a package settles.
pub fn settled(s: &Scenario, package: Package) -> String {
    names(
        s.issues
            .iter()
            .enumerate()
            .filter(|(i, _)| package.choice(*i).is_some())
            .map(|(_, issue)| issue.name.as_str()),
    )
}
