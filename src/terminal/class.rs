//! A class at the terminal: the facilitator's overview of every group's table, the facilitator's moves as
//! typed words, and each group's people taking the screen in turn (`play N`) with a privacy prompt between seats.

use std::io::{BufRead, Write};

use super::{Left, Screen, TerminalError, sit};
use crate::class::{Class, Row, custom_inject};
use crate::play::lookup::{mediator_strategy, seat_by_name, seat_name, strategy, unknown_seat};
use crate::sim::command::{Command, Seat};

const HELP: &str = "\
The facilitator's commands (N: a table's number or its group's name; `all` where it says so):
  (Enter) or overview  every table: round, phase, tension, who is awaited, the last thing that happened
  play N               hand the screen to table N's people; they play until they type `back`
  watch N              table N's transcript and every delegation's numbers (for the facilitator's eyes)
  next N|all           play the next round of a table nobody sits at (the AI plays every seat)
  pause N|all          stop a table: nobody moves until it resumes
  resume N|all         let it go on
  injects N            the news this table's scenario has ready for you to read out
  inject N K           read out the table's inject K
  news N SEAT walkaway|patience POINTS HEADLINE       your own news: move a delegation's number
  news N SEAT trust TOWARDS POINTS HEADLINE           … or its trust in another seat
  news N tension POINTS HEADLINE                      … or the tension in the room (POINTS: -100 to 100)
  clock N ROUNDS       extend or shorten the session to ROUNDS rounds
  strategy N SEAT S    change how the AI plays a seat (SEAT: a delegation or mediator)
  take N SEAT          take an AI seat (e.g. mediator) and play it yourself with `play N`
  handback N SEAT      give a seat you took back to the AI
  end N                end the talks at table N with no agreement
  quit                 leave; every game is saved in the class's folder";

/// Runs a class at the terminal until the facilitator quits or the input ends.
pub fn run(class: &mut Class, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<(), TerminalError> {
    let mut screen = Screen { input, out };
    writeln!(
        screen.out,
        "REDLINE — class \"{}\": {} tables. Games are saved in {}.\nType `help` for the facilitator's commands.",
        class.title,
        class.tables.len(),
        class.folder.display()
    )?;
    for problem in class.step() {
        writeln!(screen.out, "({problem})")?;
    }
    overview(class, &mut screen)?;
    while let Some(typed) = screen.ask("class> ")? {
        let words: Vec<&str> = typed.split_whitespace().collect();
        let Some(first) = words.first().map(|w| w.to_lowercase()) else {
            overview(class, &mut screen)?;
            continue;
        };
        if matches!(first.as_str(), "quit" | "exit" | "q") {
            break;
        }
        match command(class, &mut screen, &first, &words[1..]) {
            Ok(()) => {}
            Err(why) => writeln!(screen.out, "{why}")?,
        }
        for problem in class.step() {
            writeln!(screen.out, "({problem})")?;
        }
    }
    for problem in class.save_all() {
        writeln!(screen.out, "({problem})")?;
    }
    writeln!(
        screen.out,
        "Every game is saved in {}. The class's debrief: redline debrief {} --out report.html",
        class.folder.display(),
        class.folder.display()
    )?;
    Ok(())
}

/// One facilitator's command; an error is the words to show.
fn command(class: &mut Class, screen: &mut Screen, first: &str, rest: &[&str]) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write to the terminal: {e}");
    let table = |class: &Class, word: Option<&&str>| {
        let word =
            word.ok_or_else(|| format!("name a table: its number (1 to {}) or its group", class.tables.len()))?;
        class.find(word).ok_or_else(|| {
            format!(
                "no table \"{word}\"; the overview lists them (1 to {})",
                class.tables.len()
            )
        })
    };
    let each = |class: &Class, word: Option<&&str>| -> Result<Vec<usize>, String> {
        if word.is_some_and(|w| w.eq_ignore_ascii_case("all")) {
            Ok((0..class.tables.len()).collect())
        } else {
            table(class, word).map(|i| vec![i])
        }
    };
    let refused = |class: &Class, i: usize, e: crate::sim::rules::RuleError| {
        format!("Table {} ({}): refused: {e}", i + 1, class.tables[i].group)
    };
    match first {
        "help" | "?" | "h" => writeln!(screen.out, "{HELP}").map_err(io),
        "overview" | "o" | "tables" => overview(class, screen).map_err(io),
        "play" | "sit" => {
            let i = table(class, rest.first())?;
            let t = &mut class.tables[i];
            if t.sitting.seats.iter().all(|&s| s == Seat::Facilitator) {
                return Err(format!(
                    "Table {} has no people's seats; `take {} SEAT` to play one yourself",
                    i + 1,
                    i + 1
                ));
            }
            writeln!(
                screen.out,
                "Table {} ({}): type `back` to return to the overview.",
                i + 1,
                t.group
            )
            .map_err(io)?;
            let left = sit(&mut t.sitting, screen, true).map_err(|e| e.to_string())?;
            // The table's people leave the screen: nothing of their brief stays on it for the next group.
            write!(screen.out, "\x1b[2J\x1b[3J\x1b[H").map_err(io)?;
            match left {
                Left::Over => {
                    let s = t.sitting.scenario().clone();
                    let outcome = t
                        .sitting
                        .state()
                        .outcome
                        .map(|o| o.describe(&s, t.sitting.state().round));
                    writeln!(screen.out, "\nTable {} is over. {}", i + 1, outcome.unwrap_or_default()).map_err(io)?;
                }
                Left::Back | Left::Quit | Left::InputEnded => {}
            }
            t.sitting.save_now();
            overview(class, screen).map_err(io)
        }
        "watch" => {
            let i = table(class, rest.first())?;
            watch(class, i, screen).map_err(io)
        }
        "next" | "n" => {
            let all = rest.first().is_some_and(|w| w.eq_ignore_ascii_case("all"));
            for i in each(class, rest.first())? {
                if all && !class.tables[i].unattended() {
                    continue;
                }
                match class.next_round(i) {
                    Ok(()) => writeln!(screen.out, "{}", line(&class.overview()[i])).map_err(io)?,
                    Err(why) if all => writeln!(screen.out, "({why})").map_err(io)?,
                    Err(why) => return Err(why),
                }
            }
            Ok(())
        }
        "pause" | "resume" => {
            let command = if first == "pause" {
                Command::Pause
            } else {
                Command::Resume
            };
            for i in each(class, rest.first())? {
                match class.facilitate(i, command.clone()) {
                    Ok(()) => writeln!(screen.out, "Table {}: {first}d.", i + 1).map_err(io)?,
                    Err(e) => writeln!(screen.out, "{}", refused(class, i, e)).map_err(io)?,
                }
            }
            Ok(())
        }
        "injects" => {
            let i = table(class, rest.first())?;
            let s = class.tables[i].sitting.scenario().clone();
            if s.injects.is_empty() {
                return writeln!(
                    screen.out,
                    "{} has no injects ready; write your own with `news`.",
                    s.title
                )
                .map_err(io);
            }
            for (k, inject) in s.injects.iter().enumerate() {
                writeln!(
                    screen.out,
                    "  inject {} {}: {} — {}",
                    i + 1,
                    k + 1,
                    s.voice_name(inject.voice),
                    inject.headline
                )
                .map_err(io)?;
            }
            Ok(())
        }
        "inject" => {
            let i = table(class, rest.first())?;
            let k = rest
                .get(1)
                .and_then(|w| w.parse::<usize>().ok())
                .filter(|&k| k >= 1)
                .ok_or("say which inject: inject N K (`injects N` lists them)")?;
            class
                .facilitate(i, Command::Inject { index: k - 1 })
                .map_err(|e| refused(class, i, e))
        }
        "news" => {
            let i = table(class, rest.first())?;
            let s = class.tables[i].sitting.scenario().clone();
            let command = custom_inject(&s, &rest[1..])?;
            class.facilitate(i, command).map_err(|e| refused(class, i, e))
        }
        "clock" => {
            let i = table(class, rest.first())?;
            let rounds = rest
                .get(1)
                .and_then(|w| w.parse::<u32>().ok())
                .ok_or("say how many rounds: clock N ROUNDS, e.g. clock 1 10")?;
            class
                .facilitate(i, Command::SetClock { rounds })
                .map_err(|e| refused(class, i, e))
        }
        "strategy" => {
            let i = table(class, rest.first())?;
            let s = class.tables[i].sitting.scenario().clone();
            let (Some(seat), Some(word)) = (rest.get(1), rest.get(2)) else {
                return Err("write: strategy N SEAT STRATEGY, e.g. strategy 1 russia hardliner".into());
            };
            let command = match seat_by_name(&s, seat) {
                Some(Seat::Delegation(seat)) => Command::SetStrategy {
                    seat,
                    strategy: strategy(word)?,
                },
                Some(Seat::Mediator) => Command::SetMediatorStrategy {
                    strategy: mediator_strategy(word)?,
                },
                _ => return Err(unknown_seat(&s, seat)),
            };
            class.facilitate(i, command).map_err(|e| refused(class, i, e))
        }
        "take" | "handback" => {
            let i = table(class, rest.first())?;
            let s = class.tables[i].sitting.scenario().clone();
            let word = rest
                .get(1)
                .ok_or(format!("say which seat: {first} N SEAT, e.g. {first} 1 mediator"))?;
            let seat = seat_by_name(&s, word).ok_or_else(|| unknown_seat(&s, word))?;
            let command = if first == "take" {
                Command::TakeSeat { seat }
            } else {
                Command::HandBack { seat }
            };
            class.facilitate(i, command).map_err(|e| refused(class, i, e))?;
            if first == "take" {
                writeln!(
                    screen.out,
                    "You play {} at table {} now: `play {}` when it is its move.",
                    seat_name(&s, seat),
                    i + 1,
                    i + 1
                )
                .map_err(io)?;
            }
            Ok(())
        }
        "end" => {
            let i = table(class, rest.first())?;
            let sure = screen
                .ask(&format!("End the talks at table {} with no agreement? [y/N] ", i + 1))
                .map_err(io)?;
            if sure.is_some_and(|a| matches!(a.to_lowercase().as_str(), "y" | "yes")) {
                class.facilitate(i, Command::EndTalks).map_err(|e| refused(class, i, e))
            } else {
                writeln!(screen.out, "The talks go on.").map_err(io)
            }
        }
        _ => Err(format!("\"{first}\" is not a facilitator's command; `help` lists them")),
    }
}

/// The overview: one line per table.
fn overview(class: &Class, screen: &mut Screen) -> std::io::Result<()> {
    writeln!(
        screen.out,
        "\n  # group        round  phase       tension  waiting for           last"
    )?;
    for row in class.overview() {
        writeln!(screen.out, "{}", line(&row))?;
    }
    Ok(())
}

/// A row of the overview as one line of text.
pub fn line(row: &Row) -> String {
    let waiting = match (&row.outcome, row.paused) {
        (Some(o), _) => format!("over: {o}"),
        (None, true) => "(paused)".into(),
        (None, false) if row.held => format!("you: `next {}`", row.number),
        (None, false) if row.awaited.is_empty() => "the AI".into(),
        (None, false) => row.awaited.join(", "),
    };
    let mut last: String = row.last.chars().take(70).collect();
    if row.last.chars().count() > 70 {
        last.push('…');
    }
    let taken = if row.taken.is_empty() {
        String::new()
    } else {
        format!(" [you play: {}]", row.taken.join(", "))
    };
    format!(
        "{:>3} {:<12} {:>2}/{:<3} {:<11} {:>7}  {:<21} {last}{taken}",
        row.number, row.group, row.round, row.rounds, row.phase, row.tension, waiting
    )
}

/// Table `i`'s transcript and every delegation's numbers, for the facilitator.
fn watch(class: &Class, i: usize, screen: &mut Screen) -> std::io::Result<()> {
    let t = &class.tables[i];
    let s = t.sitting.scenario();
    let text = t.sitting.transcript().render(s);
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(40);
    writeln!(
        screen.out,
        "\nTable {} ({}), the last {} lines:",
        i + 1,
        t.group,
        lines.len() - from
    )?;
    for l in &lines[from..] {
        writeln!(screen.out, "{l}")?;
    }
    let state = t.sitting.state();
    writeln!(screen.out, "\nFor the facilitator's eyes (100 points a scale):")?;
    for (d, seat) in state.seats.iter().enumerate() {
        let who = if state.controllers.of(Seat::Delegation(d)) == crate::sim::delegation::Controller::Human {
            if state.taken_by_facilitator(Seat::Delegation(d)) {
                "you"
            } else {
                "students"
            }
        } else {
            "AI"
        };
        writeln!(
            screen.out,
            "  {:<28} ({who}) walk-away {:>3}, patience {:>3}{}",
            s.delegations[d].name,
            (seat.walk_away * 100.0).round(),
            (seat.patience * 100.0).round(),
            if seat.presence.left { ", has left" } else { "" }
        )?;
    }
    writeln!(screen.out, "  tension {:.0}", state.tension * 100.0)
}
