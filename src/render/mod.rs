//! Rendering activities the way the People Pane shows them.
//!
//! [`template`] reads the tokens of an activity template's `title` and `data`; the lint
//! rules use it to check tokens against an activity's variables, and the preview builds on
//! it.

pub mod template;
