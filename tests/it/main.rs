//! Integration tests, in one binary: determinism, red lines, rules, scenarios, the command line.

mod analysis;
mod calibration;
mod claims;
mod classroom;
mod cli;
mod debrief;
mod determinism;
mod inputs;
mod intake;
mod library;
mod play;
mod ratification;
mod red_lines;
mod replays;
mod rules;
mod scenarios;
mod strategies;
mod support;
mod terminal;
mod tournament;
