//! The driver for text held whole in memory: every event borrowed from the text.

use std::cell::RefCell;

use quick_xml::events::Event;

use super::chars::pass_blank;
use super::{Flow, Machine, Mode, step};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Report;
use crate::limits::Limits;
use crate::markup;
use crate::markup::{Plain, Scopes};
use crate::xsd::observe::Observer;
use crate::xsd::position::StrLocator;

/// The scopes of a text up to this long are kept for the next text: they hold no more
/// than the text's names and namespaces.
const SPARE_SCOPES_TEXT_BYTES: usize = 1 << 20;

thread_local! {
    /// The scopes of the last text this thread validated, reset, for the next one: for
    /// many small documents, setting up the namespace bindings costs more than using them.
    static SPARE_SCOPES: RefCell<Option<Scopes>> = const { RefCell::new(None) };
}

/// Validates text held in memory, borrowing every event from it.
pub(crate) fn run_str<O: Observer>(
    mode: Mode<'_>,
    text: &str,
    limit: Option<usize>,
    limits: Limits,
    pre: Vec<Diagnostic>,
    obs: O,
) -> Report {
    // quick-xml drops a byte order mark at the start without counting it in its offsets
    // (the caller already dropped a first one), so positions are worked out in the text
    // after it.
    let counted = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut machine = Machine::new(mode, StrLocator::new(counted), limit, limits, obs);
    for d in pre {
        machine.push_diagnostic(d);
    }
    if counted.len() != text.len() {
        // The text comes after its byte order mark: this U+FEFF is a second one.
        let _ = machine.fatal_wf(0, markup::mistake::second_byte_order_mark());
        return machine.finish();
    }
    let mut reader = markup::reader(text.as_bytes());
    let mut scopes = SPARE_SCOPES
        .with(|spare| spare.borrow_mut().take())
        .unwrap_or_else(Scopes::new);
    let mut at = 0usize;
    // quick-xml is at the start of possible text: after markup or a reference.
    let mut in_text = true;
    let bytes = text.as_bytes();
    // Whitespace passed over and events read without quick-xml (see `pass_blank` and
    // `Plain`): its positions lag by them.
    let mut passed = 0usize;
    let mut plain = Plain::new();
    loop {
        let blank = pass_blank(
            &mut reader,
            bytes,
            at,
            in_text && machine.ignores_blank_text(),
        );
        if let Some(n) = blank {
            if machine.pass_blank_text(n, at) == Flow::Stop {
                break;
            }
            at += n;
            passed += n;
        }
        if let Some((event, n)) = plain.take(&mut reader, text.get(at..).unwrap_or("")) {
            passed += n;
            in_text = !matches!(event, Event::Text(_));
            if step(&mut machine, &mut scopes, event, at, at + n) == Flow::Stop {
                break;
            }
            at += n;
            continue;
        }
        let read = reader.read_event();
        plain.read_by_quick_xml(read.as_ref().ok());
        match read {
            Ok(event) => {
                let after = usize::try_from(reader.buffer_position())
                    .unwrap_or(usize::MAX)
                    .saturating_add(passed);
                in_text = !matches!(event, Event::Text(_));
                if step(&mut machine, &mut scopes, event, at, after) == Flow::Stop {
                    break;
                }
                at = after;
            }
            Err(err) => {
                // quick-xml points into the event when it can; a position before the
                // event is left over from nothing and means "here".
                let pos = usize::try_from(reader.error_position())
                    .ok()
                    .map(|p| p.saturating_add(passed))
                    .filter(|&p| p >= at)
                    .unwrap_or(at);
                machine.reader_error(&err, pos, text.get(pos..).unwrap_or(""));
                break;
            }
        }
    }
    if text.len() <= SPARE_SCOPES_TEXT_BYTES {
        scopes.reset();
        SPARE_SCOPES.with(|spare| *spare.borrow_mut() = Some(scopes));
    }
    machine.finish()
}
