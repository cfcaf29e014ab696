//! Reading a command's input: a file, or `-` for standard input.

use std::io::Read;
use std::path::Path;

use super::Fatal;

/// The bytes of `path`, or of standard input when it is `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Fatal> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|e| Fatal(format!("cannot read `{}`: {e}", path.display())))
    }
}

/// How to name the input in messages.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}
