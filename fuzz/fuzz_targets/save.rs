//! Save text → `play --continue`: continued and saved again, or refused with a report.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = redline::intake::save(data);
});
