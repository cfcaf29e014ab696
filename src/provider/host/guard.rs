//! Calling into the provider without letting its panics reach the host.
//!
//! A COM method that unwinds across the ABI boundary aborts Outlook, so a panic is a broken
//! contract like a wrong HRESULT: the host catches it and records a failed step instead
//! of stopping the run.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};

use super::codes;
use super::step::Record;
use crate::provider::{OscError, OscResult};

/// What a guarded call came back with.
pub(super) enum Called<T> {
    /// The method returned.
    Returned(OscResult<T>),
    /// The method panicked; the panic's message, when it had one.
    Panicked(String),
}

/// Runs `f`, catching a panic.
///
/// `AssertUnwindSafe` is sound here because after a panic the host never looks at the
/// provider's state through this call again: it records the step as failed and goes on
/// with fresh calls, exactly as it would after any other failure.
pub(super) fn call<T>(f: impl FnOnce() -> OscResult<T>) -> Called<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => Called::Returned(result),
        Err(payload) => Called::Panicked(panic_message(payload.as_ref())),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

impl Record {
    /// Calls `f`; a panic is recorded as an error and gives `None`.
    pub(super) fn call<T>(&mut self, f: impl FnOnce() -> OscResult<T>) -> Option<OscResult<T>> {
        match call(f) {
            Called::Returned(result) => Some(result),
            Called::Panicked(message) => {
                self.error(codes::PANIC, format!("the provider panicked: {message}"));
                None
            }
        }
    }

    /// Calls `f`, which the contract expects to succeed; a failure or panic is recorded.
    pub(super) fn expect_ok<T>(&mut self, f: impl FnOnce() -> OscResult<T>) -> Option<T> {
        match self.call(f)? {
            Ok(value) => Some(value),
            Err(e) => {
                self.unexpected_error(e);
                None
            }
        }
    }

    /// Records that a call which should have succeeded returned `e`.
    pub(super) fn unexpected_error(&mut self, e: OscError) {
        self.error(
            codes::UNEXPECTED_ERROR,
            format!("returned {e}; expected success"),
        );
    }

    /// Calls `f`, which the contract expects to fail with `expected`; success or another
    /// HRESULT is recorded. Gives what the call returned, when it returned.
    pub(super) fn expect_error<T>(
        &mut self,
        expected: OscError,
        f: impl FnOnce() -> OscResult<T>,
    ) -> Option<OscResult<T>> {
        let result = self.call(f)?;
        match &result {
            Err(e) if *e == expected => {}
            Err(e) => self.error(
                codes::WRONG_HRESULT,
                format!("returned {e}; expected {expected}"),
            ),
            Ok(_) => self.error(
                codes::WRONG_HRESULT,
                format!("succeeded (S_OK); expected {expected}"),
            ),
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::{Called, call};
    use crate::provider::OscError;

    #[test]
    fn panics_become_values() {
        let quiet = || -> Result<(), OscError> { panic!("boom {}", 7) };
        // The default hook prints the panic; that noise is the price of testing it.
        match call(quiet) {
            Called::Panicked(message) => assert_eq!(message, "boom 7"),
            Called::Returned(_) => panic!("the panic was not caught"),
        }
        assert!(matches!(call(|| Ok(3)), Called::Returned(Ok(3))));
    }
}
