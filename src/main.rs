//! The `redline` program: parses the command line and hands off to `cli`.

fn main() -> std::process::ExitCode {
    redline::cli::main()
}
