//! Scenario text → `redline check`: refused with a report that draws, or accepted.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = redline::intake::check_scenario(data);
});
