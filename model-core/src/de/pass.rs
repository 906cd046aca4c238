//! The one per-thread state of deserialization: which kind of read is under way, and the report
//! handed from a model to the error that carries it.
//!
//! A read is *plain* (a format's own `from_str`: a model that breaks its rules fails with the
//! report as the error's text), *quiet* (the first, fast attempt of an entry point of this crate,
//! whose failure is read again in full: no text is made), or *full* (the second attempt, over a
//! [`Node`](super::document::Node) tree: models and the containers they hold go on after a
//! problem, and every error carries its report). The state is set by a [`Pass`] guard for the
//! length of one entry point call and restored however the call ends, so nothing outlives it.

use crate::error::ValidationErrors;
use serde::de;
use std::cell::Cell;
use std::fmt;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Plain,
    #[cfg_attr(not(any(feature = "json", feature = "toml")), allow(dead_code))]
    Quiet,
    Full,
}

thread_local! {
    static MODE: Cell<Mode> = const { Cell::new(Mode::Plain) };
    /// A report on its way into the error that carries it, or out of it: set and taken within
    /// one call of `carry` or `take`, never left behind.
    static HANDOFF: Cell<Option<ValidationErrors>> = const { Cell::new(None) };
    /// Set while `take` asks an error for its report.
    static ASKING: Cell<bool> = const { Cell::new(false) };
    /// With the report an error hands `take`: whether its value's own step is in its paths.
    static STEPPED: Cell<bool> = const { Cell::new(false) };
}

/// Sets the kind of read for its lifetime; restores the previous one when dropped (also when
/// unwinding).
pub(crate) struct Pass(Mode);

impl Pass {
    pub(crate) fn enter(mode: Mode) -> Pass {
        Pass(MODE.with(|m| m.replace(mode)))
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        if MODE.with(|m| m.replace(self.0)) == Mode::Full {
            // Taken at once by whoever asked for it, unless the read ended between the two.
            drop(take_partial());
        }
    }
}

/// A collection read in part in a full pass: the problems of the elements that could not be
/// read (paths from the collection), and, for a list, the index in the document of each
/// element kept (`None` for a map, whose problems stand at their keys). A set is never read in
/// part: its elements are not kept where they stood.
pub(crate) struct Partial {
    pub(crate) problems: ValidationErrors,
    pub(crate) kept: Option<Vec<usize>>,
}

thread_local! {
    /// A [`Partial`] on its way from the reader of a collection to the reader that asked for
    /// it (`Reader::partly`), which takes it as soon as the read returns.
    static PARTIAL: Cell<Option<Partial>> = const { Cell::new(None) };
    /// Whether `PARTIAL` holds one: read on every collection read, so a plain flag.
    static HANDED: Cell<bool> = const { Cell::new(false) };
}

/// Hands the collection just read over as read in part (see [`Partial`]).
#[cold]
pub(crate) fn hand_partial(partial: Partial) {
    PARTIAL.with(|p| p.set(Some(partial)));
    HANDED.with(|h| h.set(true));
}

/// What the collection just read handed over, if it was read in part.
#[inline]
pub(crate) fn take_partial() -> Option<Partial> {
    if HANDED.with(Cell::get) {
        HANDED.with(|h| h.set(false));
        PARTIAL.with(Cell::take)
    } else {
        None
    }
}

/// Whether the read under way is a full pass: readers record a problem and go on.
#[inline]
pub(crate) fn full() -> bool {
    MODE.with(Cell::get) == Mode::Full
}

/// The error for `report`: in a full pass, the report itself travels in the error; in a quiet
/// one, a fixed text; otherwise the report's text.
#[cold]
pub(crate) fn carry<E: de::Error>(report: ValidationErrors) -> E {
    match MODE.with(Cell::get) {
        Mode::Full => {
            HANDOFF.with(|h| h.set(Some(report)));
            let error = E::custom(QUIET);
            // The document's error takes the report as it is made. Still here, it was another
            // deserializer's error (a model read by a `deserialize_with` through a format of its
            // own): that one gets the report's text, as outside a full pass.
            match HANDOFF.with(Cell::take) {
                None => error,
                Some(report) => E::custom(&report),
            }
        }
        Mode::Quiet => E::custom(QUIET),
        Mode::Plain => E::custom(&report),
    }
}

/// The text of an error whose report is read elsewhere.
pub(crate) const QUIET: &str = "the value breaks the model's rules";

/// Called by the document's error as it is made: the report `carry` hands it, if any.
pub(crate) fn handed() -> Option<ValidationErrors> {
    HANDOFF.with(Cell::take)
}

/// The report an error of a full pass carries, and whether the reader of the failed value
/// already put the value's own step (its key or index) in front of the paths. `None` for an
/// error that is not the document's.
#[cold]
pub(crate) fn take<E: fmt::Display>(error: &E) -> Option<(ValidationErrors, bool)> {
    struct Sink;
    impl fmt::Write for Sink {
        fn write_str(&mut self, _: &str) -> fmt::Result {
            Ok(())
        }
    }
    /// Puts `ASKING` back however the `Display` ends, a panic included.
    struct Asking(bool);
    impl Drop for Asking {
        fn drop(&mut self) {
            ASKING.with(|a| a.set(self.0));
        }
    }
    let asking = Asking(ASKING.with(|a| a.replace(true)));
    let _ = fmt::write(&mut Sink, format_args!("{error}"));
    drop(asking);
    HANDOFF
        .with(Cell::take)
        .map(|report| (report, STEPPED.with(Cell::get)))
}

/// Whether `take` is asking: the document's error then answers with [`answer`] instead of
/// writing text.
pub(crate) fn asking() -> bool {
    ASKING.with(Cell::get)
}

/// The document's error answering `take`: the first answer of a `Display` stands (an error
/// that shows a document's error twice hands over its report once, then an empty one).
pub(crate) fn answer(report: ValidationErrors, stepped: bool) {
    HANDOFF.with(|h| {
        let waiting = h.take();
        match waiting {
            Some(first) => h.set(Some(first)),
            None => {
                h.set(Some(report));
                STEPPED.with(|s| s.set(stepped));
            }
        }
    });
}

thread_local! {
    /// How many models deep the serialization under way is.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// One model level of a serialization: at most [`MAX_DEPTH`](crate::MAX_DEPTH) deep, so that a
/// tree built through the API, of any depth, cannot overflow the stack when written.
pub struct Depth(());

impl Depth {
    /// Enters a model, or fails past the limit.
    #[inline]
    pub fn enter<E: serde::ser::Error>() -> Result<Depth, E> {
        let depth = DEPTH.with(|d| d.get());
        if depth >= crate::MAX_DEPTH {
            return Err(E::custom(format_args!(
                "the model nests more than {} levels deep",
                crate::MAX_DEPTH
            )));
        }
        DEPTH.with(|d| d.set(depth + 1));
        Ok(Depth(()))
    }
}

impl Drop for Depth {
    #[inline]
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}
