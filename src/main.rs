//! `oscx`: the command-line front of osc-schema; the command line itself is
//! `osc_schema::cli`, so that what only it uses need not be public.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    osc_schema::cli::run()
}
