//! Redline: a negotiation simulation game. The rooms, in the order data flows through them.

pub mod bench;
pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
pub mod replay;
pub mod sim;
pub mod terminal;
