//! Reads what a player types at the terminal into Commands: short words, issues and options by id,
//! by a unique part of their id, or by number.

use crate::sim::command::{Command, Reason, Seat};
use crate::sim::delegation::{StatementKind, Strategy};
use crate::sim::issue::Package;
use crate::sim::scenario::{MediatorStrategy, Scenario};

/// What the player asked for: a move at the table, or something to look at.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Move(Command),
    /// What a package is worth to you and which red lines it crosses, without tabling it.
    Value(Package),
    Help,
    Brief,
    Table,
    Transcript,
    Quit,
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
        return Err("name at least one issue=option, e.g. prisoner_exchange=pow_1000 (see `brief`)".into());
    }
    let mut p = Package::OPEN;
    for w in words {
        let (issue, option) = w
            .split_once('=')
            .ok_or_else(|| format!("\"{w}\" is not issue=option, e.g. prisoner_exchange=pow_1000"))?;
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
            text: if text.is_empty() { default.to_string() } else { text },
        })
    };
    Ok(match first.to_lowercase().as_str() {
        "help" | "?" | "h" => Input::Help,
        "brief" | "b" => Input::Brief,
        "table" | "status" | "s" => Input::Table,
        "transcript" | "log" => Input::Transcript,
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
        "mediate" => Input::Move(Command::Mediate {
            package: package(scenario, &words[1..])?,
            explanation: vec![],
        }),
        "value" | "worth" => Input::Value(package(scenario, &words[1..])?),
        "accept" | "a" | "yes" => Input::Move(Command::Accept {
            proposal: number(words.get(1))?,
        }),
        "reject" | "r" | "no" => {
            let proposal = number(words.get(1))?;
            Input::Move(Command::Reject {
                proposal,
                reason: Reason::Said(words[2.min(words.len())..].join(" ")),
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
                "We see no point in going on.".to_string()
            } else {
                reason
            };
            Input::Move(Command::WalkOut { reason })
        }
        "strategy" | "play-as" => {
            let usage = "write `strategy SEAT STRATEGY`, e.g. `strategy russia hardliner`, or `strategy mediator nash`";
            let (Some(seat), Some(word)) = (words.get(1), words.get(2)) else {
                return Err(usage.into());
            };
            match super::seat_by_name(scenario, seat) {
                Some(Seat::Delegation(seat)) => {
                    let strategy = Strategy::parse(word).ok_or_else(|| {
                        let ids: Vec<String> = Strategy::CHOICES.iter().map(Strategy::id).collect();
                        format!("no strategy \"{word}\"; choose from {} or e=<exponent>", ids.join(", "))
                    })?;
                    Input::Move(Command::SetStrategy { seat, strategy })
                }
                Some(Seat::Mediator) => {
                    let strategy = MediatorStrategy::parse(word).ok_or_else(|| {
                        let ids: Vec<&str> = MediatorStrategy::CHOICES.iter().map(|m| m.id()).collect();
                        format!("no mediator strategy \"{word}\"; choose from {}", ids.join(", "))
                    })?;
                    Input::Move(Command::SetMediatorStrategy { strategy })
                }
                None => return Err(format!("no seat \"{seat}\"; {usage}")),
            }
        }
        other => return Err(format!("\"{other}\" is not a command; type `help` for the list")),
    })
}

/// The commands, for `help`.
pub const HELP: &str = "\
Moves (each in its phase; the prompt says which phase it is):
  conciliatory [TEXT]    a conciliatory statement      (statements)
  firm [TEXT]            a firm statement              (statements)
  threat [TEXT]          a threat                      (statements)
  warn [TEXT]            warn that you may walk out    (statements)
  ask                    ask the mediator to table a proposal this round (statements)
  recess                 ask for a recess; once per delegation (statements)
  walkout [REASON]       leave the talks for good
  propose ISSUE=OPTION…  table a package; issues you leave out stay open (proposals)
  accept N               accept proposal #N            (responses)
  reject N [REASON]      reject proposal #N            (responses)
  counter N ISSUE=OPTION…  reject #N and table a package for next round (responses)
  mediate ISSUE=OPTION…  the mediator's proposal       (mediation; mediator only)
  pass                   let the phase go by
  strategy SEAT NAME     change how the AI plays a seat, at your move (not a turn):
                         delegation, boulware, linear, conceder, tit-for-tat, hardliner, e=<exponent>;
                         for the mediator: split, nash, kalai, adjusted-winner, single-text, confidence
Looking:
  brief                  your private brief: demands, priorities, red lines, walk-away
  table                  the round, the clock, the mood and the proposals on the table
  value ISSUE=OPTION…    what a package is worth to you, and which of your red lines it crosses
  transcript             everything said so far
  help, quit
Issues and options can be named by id, by number, or by a unique part of the id:
  propose exchange=1000 follow=principle";

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
