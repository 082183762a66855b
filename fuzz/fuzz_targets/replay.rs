//! Replay text → load, verify, and play back to round 2 (as `replay --verify` and `--fork-at 2`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = redline::intake::replay(data);
});
