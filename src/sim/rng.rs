//! Seeded ChaCha8 streams: one per table, forked per seat, so every table replays bit for bit.

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The stream a table draws from (patience wear, seed-to-seed variation).
#[derive(Component, Debug, Clone)]
pub struct TableRng(pub ChaCha8Rng);

/// A seat's own stream (an AI delegation's or the mediator's choices).
#[derive(Component, Debug, Clone)]
pub struct SeatRng(pub ChaCha8Rng);

/// Stream 0 of `seed` is the table's; stream `k + 1` is seat `k`'s.
pub fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// How far a stream has been drawn, for the state hash.
pub fn position(rng: &ChaCha8Rng) -> u64 {
    let pos = rng.get_word_pos();
    (pos as u64) ^ ((pos >> 64) as u64)
}
