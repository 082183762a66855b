//! Lines typed in the terminal game → parsed and sent to the Istanbul table as Ukraine.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = redline::intake::terminal(data);
});
