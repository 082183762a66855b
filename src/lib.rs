//! Redline: a negotiation simulation game. The rooms, in the order data flows through them: the rules
//! (`sim`), recordings (`replay`), the one way to sit at a table (`play`), the front ends that use it
//! (`terminal`, `gui`), the `debrief` of a finished game, the command line (`cli`) with its benchmarks (`bench`), `tournament`s and the
//! designer's `analyze`, and `intake`, every way outside text comes in.

pub mod sim;

pub mod replay;

pub mod play;

pub mod debrief;

#[cfg(feature = "gui")]
pub mod gui;
pub mod terminal;

pub mod intake;

pub mod analyze;
pub mod bench;
pub mod class;
pub mod cli;
pub mod tournament;
