//! The command line's messages on standard error, each one line `oscx: …`. What they quote
//! (file names, values, readers' errors) is made inert, so that nothing read from a payload
//! can start a line a CI runner would take for a command.

/// Prints `oscx: MESSAGE` on standard error, `message` made inert.
pub fn say(message: &str) {
    eprintln!("oscx: {}", crate::inert(message));
}
