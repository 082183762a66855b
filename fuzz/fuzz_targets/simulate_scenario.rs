//! A scenario that passes `check` → one whole game with every seat in the AI's hands.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = redline::intake::simulate_scenario(data, 1);
});
