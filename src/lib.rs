//! Redline: a negotiation simulation game. The rooms, in the order data flows through them.

pub mod cli;
pub mod sim;
