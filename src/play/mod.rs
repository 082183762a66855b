//! The one way to sit at a table. A front end (the window, the terminal, and every seat to come) drives a
//! table only through a [`Sitting`]: it sends Commands for its seats, reads Events and the views built
//! from them, asks the rules which moves are open, and leaves recording and autosave to the sitting.

pub mod lookup;
pub mod moves;
pub mod saves;
pub mod sitting;
pub mod views;

pub use moves::{Composed, Move, Moves};
pub use sitting::{Keeping, Sitting};
