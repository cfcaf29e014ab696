//! The provider side of the OSC: the five COM interfaces as safe Rust traits.
//!
//! An implementation of [`SocialProvider`] and the traits it hands out is what Outlook loads
//! (through the `com` feature's adapters) and what the simulated [`host`] drives in tests.
//! Methods take `&self`, as COM methods do; implementations keep their state behind locks,
//! and are `Send + Sync` because the OSC may call them from more than one thread.
//!
//! XML answers are [`Answer`]s: a typed document, written in canonical form when the OSC asks
//! for the string, or a raw string, for providers that build their XML themselves (and for
//! test providers that must be able to answer wrongly).
//!
//! Members the OSC no longer calls, or that the documentation marks as unsupported, have
//! default implementations returning [`OscError::NotImplemented`]: the documentation names no
//! error for them, and `E_NOTIMPL` is what COM callers expect of a member left out.

mod answer;
mod date;
mod error;
mod guid;
pub mod host;
mod traits;

pub use answer::{Answer, CapabilitiesAnswer, FeedAnswer, FriendsAnswer, PersonAnswer};
pub use date::{OleDate, OleDateError};
pub use error::{OscError, OscResult};
pub use guid::Guid;
pub use traits::{SocialPerson, SocialProfile, SocialProvider, SocialSession, SocialSession2};
