//! The tables that ship with the game: each is the file in assets, passes check, says what it teaches, keeps
//! its ending out of the opening, plays to an outcome with the AI on every seat and with a person in each
//! seat, and its games replay exactly.

use redline::replay::{Replay, verify};
use redline::sim::game::Game;
use redline::sim::scenario::Scenario;
use redline::sim::scenario::library::{Listing, SHELF, all, find, resolve};
use redline::sim::table::Controllers;

#[test]
fn the_library_holds_six_tables_each_the_file_in_assets() {
    assert!(SHELF.len() >= 6, "{} tables", SHELF.len());
    for shelved in SHELF {
        let on_disk = std::fs::read_to_string(shelved.file).expect("the asset file");
        assert_eq!(
            on_disk, shelved.text,
            "{} differs from the compiled-in text",
            shelved.file
        );
        let s = Scenario::from_ron(shelved.file, shelved.text).expect("a valid table");
        assert!(!s.teaches.trim().is_empty(), "{} says nothing of what it teaches", s.id);
    }
    let mut ids: Vec<&str> = all().iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), SHELF.len(), "every table has its own id");
}

#[test]
fn a_table_is_found_by_its_id_or_its_file_name_and_anything_else_is_refused_with_the_list() {
    let first = &all()[0];
    assert_eq!(find(&first.id).map(|s| s.id.clone()), Some(first.id.clone()));
    let file = std::path::Path::new(SHELF[1].file)
        .file_name()
        .and_then(|f| f.to_str())
        .expect("a name");
    assert_eq!(find(file).map(|s| s.id.clone()), Some(all()[1].id.clone()));
    let err = resolve(std::path::Path::new("atlantis_1999"))
        .expect_err("no such table")
        .to_string();
    assert!(
        err.contains("no built-in table of that name") && err.contains(&first.id),
        "{err}"
    );
}

#[test]
fn no_opening_tells_how_the_talks_ended() {
    for s in all() {
        let Some(h) = &s.history else { continue };
        let listing = Listing::of(s);
        for shown in [&s.summary, &listing.teaches] {
            assert!(!shown.contains(&h.text), "{}: the opening repeats the history", s.id);
        }
    }
}

#[test]
fn every_table_plays_to_an_outcome_with_the_ai_on_every_seat_and_replays_exactly() {
    for s in all() {
        for seed in [1, 2, 3] {
            let mut game = Game::new(s.clone(), seed, Controllers::default());
            game.run_until_people();
            assert!(game.state().is_over(), "{} seed {seed} did not end", s.id);
            let replay = Replay::of(&game, &Controllers::default(), None, None);
            verify(&replay, "mem.ron").unwrap_or_else(|e| panic!("{} seed {seed}: {e}", s.id));
        }
    }
}

#[test]
fn a_person_in_any_seat_of_any_table_can_play_it_to_the_end() {
    // The person passes, and in the responses rejects what is on the table: the AI plays on around them.
    for s in all() {
        for d in 0..s.delegations.len() {
            let (game, replay) = crate::support::played_by_a_person_who_rejects(s.clone(), d, 7);
            assert!(game.state().is_over(), "{} with a person as seat {d} did not end", s.id);
            verify(&replay, "mem.ron").unwrap_or_else(|e| panic!("{} seat {d}: {e}", s.id));
        }
    }
}
