//! Issues, their options, and `Package`: one choice per issue, where any issue may stay open.

use serde::{Deserialize, Serialize};

/// The most issues a scenario may have: a package packs 4 bits per issue into a `u64`.
pub const MAX_ISSUES: usize = 16;
/// The most options an issue may have (nibble value 0 means "left open").
pub const MAX_OPTIONS: usize = 15;

/// One thing under negotiation, with its options in order along the scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The issue's id in the scenario file.
    pub id: String,
    /// A short name shown to the player, e.g. "Ceasefire".
    pub name: String,
    /// What the issue is about.
    pub description: String,
    /// What it means to leave the issue open.
    pub open: String,
    /// The ways to settle it, 1 to 15, in order from one end of the scale to the other.
    pub options: Vec<IssueOption>,
    /// Who signs what settles it, in seat order with the mediator last; empty: every delegation. Any other set makes
    /// the issue a side agreement, reported as its own instrument.
    pub signatories: Vec<crate::sim::scenario::Voice>,
}

/// One way of settling an issue.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueOption {
    /// The option's id in the scenario file, unique within its issue.
    pub id: String,
    /// What settling the issue at this option means, shown to the player.
    pub text: String,
    /// The issue that must be settled with it, and the options it may be settled at (the table's terms).
    pub requires: Option<(usize, Vec<usize>)>,
}

/// A choice per issue: an option, or left open. Copy-sized so the AI can scan thousands a turn
/// without allocating: issue `i` lives in bits `4i..4i+4`, 0 meaning open and `k` option `k - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Package(u64);

impl Package {
    /// The package that settles nothing.
    pub const OPEN: Package = Package(0);

    /// The option chosen for `issue`, or `None` where the issue is left open.
    pub fn choice(self, issue: usize) -> Option<usize> {
        let nibble = ((self.0 >> (4 * issue)) & 0xF) as usize;
        nibble.checked_sub(1)
    }

    /// The 4-bit code of `issue` in the package: 0 where it is left open, `c + 1` where option `c` is chosen.
    pub fn code(self, issue: usize) -> usize {
        ((self.0 >> (4 * issue)) & 0xF) as usize
    }

    /// The same package with `issue` set to `choice`.
    pub fn with(self, issue: usize, choice: Option<usize>) -> Package {
        let nibble = choice.map_or(0, |c| c as u64 + 1) & 0xF;
        let mask = !(0xF_u64 << (4 * issue));
        Package((self.0 & mask) | (nibble << (4 * issue)))
    }

    /// Builds a package from a choice per issue.
    pub fn from_choices(choices: &[Option<usize>]) -> Package {
        choices
            .iter()
            .enumerate()
            .fold(Package::OPEN, |p, (i, c)| p.with(i, *c))
    }

    /// How many issues the package settles.
    pub fn settled(self) -> usize {
        (0..MAX_ISSUES).filter(|&i| self.choice(i).is_some()).count()
    }

    /// Whether the package settles nothing at all.
    pub fn is_open(self) -> bool {
        self.0 == 0
    }

    /// The raw bits, for hashing.
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Whether every choice names an existing option of `issues`.
    pub fn fits(self, issues: &[Issue]) -> bool {
        if issues.len() < MAX_ISSUES && self.0 >> (4 * issues.len()) != 0 {
            return false;
        }
        issues
            .iter()
            .enumerate()
            .all(|(i, issue)| self.choice(i).is_none_or(|c| c < issue.options.len()))
    }

    /// Every package over `issues`, the last issue changing fastest (open before the options).
    pub fn all(issues: &[Issue]) -> Vec<Package> {
        let mut out = vec![Package::OPEN];
        for (i, issue) in issues.iter().enumerate() {
            let mut next = Vec::with_capacity(out.len() * (issue.options.len() + 1));
            for p in &out {
                next.push(*p);
                for o in 0..issue.options.len() {
                    next.push(p.with(i, Some(o)));
                }
            }
            out = next;
        }
        out
    }
}

/// The first option of `package` whose terms are not met (it exists only with another issue settled at one of
/// some options, and that issue is not): (issue, option, required issue).
pub fn broken_term(issues: &[Issue], package: Package) -> Option<(usize, usize, usize)> {
    issues.iter().enumerate().find_map(|(i, issue)| {
        let o = package.choice(i)?;
        let (r, options) = issue.options.get(o)?.requires.as_ref()?;
        let met = package.choice(*r).is_some_and(|c| options.contains(&c));
        (!met).then_some((i, o, *r))
    })
}

/// What option `option` of issue `issue` needs, in words: "Issue2 settled at "A" or "B"" (none without terms).
pub fn term_needs(issues: &[Issue], issue: usize, option: usize) -> Option<String> {
    let (r, options) = issues.get(issue)?.options.get(option)?.requires.as_ref()?;
    let texts: Vec<String> = options
        .iter()
        .filter_map(|&c| issues[*r].options.get(c).map(|x| format!("\"{}\"", x.text)))
        .collect();
    Some(format!("{} settled at {}", issues[*r].name, texts.join(" or ")))
}

/// The terms of option `option` of issue `issue` in words: "X (Issue) exists only with Issue2 settled at A or B".
pub fn describe_term(issues: &[Issue], issue: usize, option: usize) -> Option<String> {
    let needs = term_needs(issues, issue, option)?;
    Some(format!(
        "\"{}\" ({}) exists only with {needs}",
        issues[issue].options[option].text, issues[issue].name
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_remembers_each_choice_and_leaves_the_rest_open() {
        let p = Package::OPEN.with(0, Some(2)).with(3, Some(0));
        assert_eq!(p.choice(0), Some(2));
        assert_eq!(p.choice(1), None);
        assert_eq!(p.choice(3), Some(0));
        assert_eq!(p.settled(), 2);
        assert_eq!(p.with(0, None).settled(), 1);
    }
}
