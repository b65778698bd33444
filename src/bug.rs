//! Panics are bugs. dossier catches the ones it can recover from (a page
//! the normalizer stops on, a command stopping on a damaged index) to
//! report them in one line instead of a backtrace; this is what a panic
//! says, wherever it is caught.

use std::any::Any;

/// The message a panic carries: its `panic!` text, or "unknown cause" for
/// a payload that is not text.
pub fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown cause")
}
