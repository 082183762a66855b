//! Reads what a player types at the terminal into Commands: short words, issues and options by id,
//! by a unique part of their id, or by number.

use crate::play::lookup::{DEFAULT_WALKOUT_REASON, mediator_strategy, seat_by_name, strategy, unknown_seat};
use crate::sim::command::{Command, Reason, Seat};
use crate::sim::delegation::StatementKind;
use crate::sim::issue::Package;
use crate::sim::scenario::Scenario;

/// What the player asked for: a move at the table, or something to look at.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// A move at the table, for the rules to judge (`propose`, `accept 3`, `firm …`).
    Move(Command),
    /// What a package is worth to you and which red lines it crosses, without tabling it.
    Value(Package),
    /// List the commands and the moves open now (`help`).
    Help,
    /// Show your seat's brief again (`brief`).
    Brief,
    /// Show where the talks stand: round, clock, seats and proposals (`table`).
    Table,
    /// Show everything said and done at the table so far (`transcript`).
    Transcript,
    /// Show every reason given for proposal N, whole (`why N`).
    Why(u32),
    /// Leave the game unfinished (`quit`); with a save slot it can be continued later.
    Quit,
    /// In a class: leave this table and go back to the facilitator's overview (`back`).
    Back,
    /// An empty line: nothing to do.
    Nothing,
}

/// Finds one of `names` by exact id, 1-based number, or a unique part of its id.
fn pick<'a>(what: &str, word: &str, names: impl Iterator<Item = &'a str> + Clone) -> Result<usize, String> {
    let word = word.to_lowercase();
    if let Some(i) = names.clone().position(|n| n == word) {
        return Ok(i);
    }
    let count = names.clone().count();
    if let Ok(n) = word.parse::<usize>()
        && (1..=count).contains(&n)
    {
        return Ok(n - 1);
    }
    let hits: Vec<usize> = names
        .clone()
        .enumerate()
        .filter(|(_, n)| n.contains(&word))
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "no {what} called \"{word}\"; choose from {}",
            names.collect::<Vec<_>>().join(", ")
        )),
        _ => Err(format!(
            "\"{word}\" could be {}; type more of it",
            hits.iter()
                .map(|&i| names.clone().nth(i).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

/// Reads `issue=option` pairs into a package.
pub fn package(scenario: &Scenario, words: &[&str]) -> Result<Package, String> {
    if words.is_empty() {
        return Err(format!(
            "name at least one issue=option, e.g. {} (see `brief`)",
            super::text::example(scenario)
        ));
    }
    let mut p = Package::OPEN;
    for w in words {
        let (issue, option) = w
            .split_once('=')
            .ok_or_else(|| format!("\"{w}\" is not issue=option, e.g. {}", super::text::example(scenario)))?;
        let i = pick("issue", issue, scenario.issues.iter().map(|x| x.id.as_str()))?;
        let o = pick(
            "option",
            option,
            scenario.issues[i].options.iter().map(|x| x.id.as_str()),
        )?;
        p = p.with(i, Some(o));
    }
    Ok(p)
}

fn number(word: Option<&&str>) -> Result<u32, String> {
    let w = word.ok_or("name the proposal by its number, e.g. `accept 3`")?;
    w.trim_start_matches('#')
        .parse()
        .map_err(|_| format!("\"{w}\" is not a proposal number, e.g. `accept 3`"))
}

/// Reads one line the player typed.
pub fn line(scenario: &Scenario, text: &str) -> Result<Input, String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(first) = words.first() else {
        return Ok(Input::Nothing);
    };
    let rest = || words[1..].join(" ");
    let said = |kind: StatementKind, default: &str| {
        let text = rest();
        Input::Move(Command::Statement {
            kind,
            text: if text.is_empty() { default.into() } else { text.into() },
        })
    };
    Ok(match first.to_lowercase().as_str() {
        "help" | "?" | "h" => Input::Help,
        "brief" | "b" => Input::Brief,
        "table" | "status" | "s" => Input::Table,
        "transcript" | "log" => Input::Transcript,
        "back" | "overview" => Input::Back,
        "why" => match words.get(1).map(|w| w.trim_start_matches('#').parse::<u32>()) {
            Some(Ok(id)) => Input::Why(id),
            _ => return Err("say which proposal: why N, e.g. why 3 (the numbers are on the table: `table`)".into()),
        },
        "quit" | "exit" | "q" => Input::Quit,
        "pass" | "p" | "wait" => Input::Move(Command::Pass),
        "conciliatory" | "calm" => said(StatementKind::Conciliatory, "We are here to find common ground."),
        "firm" => said(StatementKind::Firm, "Our position has not changed."),
        "threat" | "threaten" => said(
            StatementKind::Threat,
            "If this goes on, the consequences will be on your side.",
        ),
        "warn" | "warning" => said(
            StatementKind::WalkoutWarning,
            "If nothing moves, we will leave this table.",
        ),
        "propose" | "offer" => Input::Move(Command::Propose {
            package: package(scenario, &words[1..])?,
        }),
        "mediate" => {
            // The package first, then the reasons, split by `;`.
            let args = &words[1..];
            let split = args.iter().position(|w| !w.contains('=')).unwrap_or(args.len());
            let explanation = args[split..]
                .join(" ")
                .split(';')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(String::from)
                .collect();
            Input::Move(Command::Mediate {
                package: package(scenario, &args[..split])?,
                explanation,
            })
        }
        "value" | "worth" => Input::Value(package(scenario, &words[1..])?),
        "accept" | "a" | "yes" => Input::Move(Command::Accept {
            proposal: number(words.get(1))?,
        }),
        "reject" | "r" | "no" => {
            let proposal = number(words.get(1))?;
            Input::Move(Command::Reject {
                proposal,
                reason: Reason::Said(words[2.min(words.len())..].join(" ").into()),
            })
        }
        "counter" => {
            let proposal = number(words.get(1))?;
            Input::Move(Command::Counter {
                proposal,
                package: package(scenario, &words[2.min(words.len())..])?,
            })
        }
        "ask" | "mediator" => Input::Move(Command::AskMediator),
        "recess" => Input::Move(Command::RequestRecess),
        "walkout" | "leave" => {
            let reason = rest();
            let reason = if reason.is_empty() {
                DEFAULT_WALKOUT_REASON.to_string()
            } else {
                reason
            };
            Input::Move(Command::WalkOut { reason: reason.into() })
        }
        "strategy" | "play-as" => {
            let other = scenario.delegations.last().map_or("mediator", |d| d.id.as_str());
            let usage = format!(
                "write `strategy SEAT STRATEGY`, e.g. `strategy {other} hardliner`, or `strategy mediator nash`"
            );
            let (Some(seat), Some(word)) = (words.get(1), words.get(2)) else {
                return Err(usage);
            };
            match seat_by_name(scenario, seat) {
                Some(Seat::Delegation(seat)) => Input::Move(Command::SetStrategy {
                    seat,
                    strategy: strategy(word)?,
                }),
                Some(Seat::Mediator) => Input::Move(Command::SetMediatorStrategy {
                    strategy: mediator_strategy(word)?,
                }),
                Some(Seat::Facilitator) | None => return Err(format!("{}; {usage}", unknown_seat(scenario, seat))),
            }
        }
        other => return Err(format!("\"{other}\" is not a command; type `help` for the list")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::delegation::Strategy;
    use crate::sim::scenario::MediatorStrategy;

    #[test]
    fn options_are_found_by_id_number_or_a_unique_part() {
        let s = Scenario::istanbul();
        let by_id = package(&s, &["prisoner_exchange=pow_1000"]).unwrap();
        assert_eq!(package(&s, &["exchange=1000"]).unwrap(), by_id);
        assert_eq!(package(&s, &["3=2"]).unwrap(), by_id);
        assert!(package(&s, &["exchange=pow"]).unwrap_err().contains("could be"));
        assert!(package(&s, &["weather=sunny"]).unwrap_err().contains("no issue"));
        assert_eq!(
            line(&s, "accept #4").unwrap(),
            Input::Move(Command::Accept { proposal: 4 })
        );
        assert!(line(&s, "dance").is_err());
        assert_eq!(
            line(&s, "strategy russia tit-for-tat").unwrap(),
            Input::Move(Command::SetStrategy {
                seat: 1,
                strategy: Strategy::TitForTat
            })
        );
        assert_eq!(
            line(&s, "strategy mediator nash").unwrap(),
            Input::Move(Command::SetMediatorStrategy {
                strategy: MediatorStrategy::NashBargaining
            })
        );
        assert!(line(&s, "strategy russia sulk").unwrap_err().contains("choose from"));
        let e = s.issues.iter().position(|i| i.id == "prisoner_exchange").unwrap();
        let k = s.issues[e].options.iter().position(|o| o.id == "pow_1000").unwrap();
        assert_eq!(
            line(&s, "mediate exchange=1000 both sides gain; nobody crosses a line").unwrap(),
            Input::Move(Command::Mediate {
                package: Package::OPEN.with(e, Some(k)),
                explanation: vec!["both sides gain".into(), "nobody crosses a line".into()].into(),
            })
        );
    }
}
