//! Reading documents into models (feature `serde`), with every problem reported at once.
//!
//! Every model's `Deserialize` validates, so any serde format reads only valid models. The entry
//! points here also report *every* problem of a document, structural ones (a missing or unknown
//! field, a value of the wrong type, a number too large for its field, a key given twice) and
//! broken rules together, each with its path, code and parameters, and, for text, its line and
//! column:
//!
//! - [`json::from_str`] and [`json::from_slice`] (feature `json`), [`toml::from_str`] (feature
//!   `toml`): the whole text is at hand;
//! - [`deserialize`]: any self-describing format's `Deserializer` (YAML, CBOR, RON...), read into a
//!   tree first, without positions.
//!
//! A valid document costs what the format's own `from_str` costs: it is read once, straight into
//! the model. Only a document with a problem is read a second time, into a tree of values that
//! remember where they stood, from which every problem is collected.
//!
//! ```
//! # #[cfg(feature = "json")] {
//! use model_core::{json, Rejected};
//!
//! let rejected = json::from_str::<Vec<u16>>("[80,\n 70000,\n -1]").unwrap_err();
//! let Rejected::Invalid(report) = rejected else { panic!("well-formed JSON") };
//! assert_eq!(
//!     report.to_string(),
//!     "[1]: must fit in u16 (got 70000) (at line 2, column 2)\n\
//!      [2]: must fit in u16 (got -1) (at line 3, column 2)",
//! );
//! # }
//! ```
//!
//! A model's list or map field some of whose elements cannot be read is kept, in a full
//! pass, with the elements that could be (`Reader::partly`): the field's rules check those, and
//! their problems are placed where each stands in the document; the rules of the whole
//! collection are not checked on it (see `fields::check_read`).
//!
//! Paths stay whole through plain serde structs, sequences, maps, options and externally tagged
//! enums. Serde reads untagged and internally tagged enums (and adjacently tagged ones whose
//! content comes before the tag) from a copy it makes of the value first: problems found inside
//! such an enum are reported at the enum's path, and an untagged enum none of whose variants
//! fits is one `no_variant` problem there.

pub(crate) mod document;
mod fields;
mod flatten;
mod pass;
mod reader;
mod readers;
#[cfg(feature = "toml")]
mod toml_doc;

#[cfg(feature = "json")]
mod scan;

pub(crate) use pass::{Mode, Pass};

/// What generated code calls. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::fields::via;
    pub use super::fields::{
        absent, check_read, element, element_or, finished, invalid, missing, read_map, rejected,
        skip, skip_elements, slot, slot_items, FieldKey, Keys, Unfinished,
    };
    pub use super::flatten::{full_pass, Flatten, Rest, RestKey};
    pub use super::pass::Depth;
    pub use super::readers::{Grow, ReadArray, ReadMap, ReadOption, ReadPlain, ReadSeq, Reader};
}

use crate::error::{ValidationErrors, Violation};
use crate::path::Segment;
use document::{Document, Kind, Node};
use reader::{DocError, NodeDeserializer};
use serde::{Deserialize, Deserializer};
use std::collections::{HashMap, HashSet};

/// Why a document could not be read into a model.
#[derive(Debug)]
pub enum Rejected<E> {
    /// The document could be read, but not as the model: every problem, structural or a broken
    /// rule, with its path (and position, when read from text).
    Invalid(ValidationErrors),
    /// The document could not be read at all (its syntax), with the format's error.
    Malformed(E),
}

impl<E: std::fmt::Display> std::fmt::Display for Rejected<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Invalid(errors) => errors.fmt(f),
            Self::Malformed(error) => error.fmt(f),
        }
    }
}

impl<E: std::fmt::Debug + std::fmt::Display> std::error::Error for Rejected<E> {}

impl<E> Rejected<E> {
    /// The report, when the document could be read.
    pub fn validation_errors(&self) -> Option<&ValidationErrors> {
        match self {
            Rejected::Invalid(errors) => Some(errors),
            Rejected::Malformed(_) => None,
        }
    }
}

/// Reads a `T` from any self-describing format (JSON, TOML, YAML, CBOR, RON...), reporting
/// every problem of the document.
///
/// The input is read into a tree first, then the `T` from it: this costs an allocation per
/// value. A format that can say where a value stood does so only through its own entry point
/// here ([`json::from_str`], [`toml::from_str`]); from a `Deserializer`, problems come without
/// positions. A format that is not self-describing (bincode, postcard) cannot be read into a
/// tree: use its own `from_slice`, which validates and fails at the first problem.
///
/// ```
/// # #[cfg(feature = "json")] {
/// let mut json = serde_json::Deserializer::from_str(r#"[1, "two", 3]"#);
/// let rejected = model_core::deserialize::<Vec<u8>, _>(&mut json).unwrap_err();
/// assert_eq!(rejected.to_string(), "[1]: expected u8, found a string");
/// # }
/// ```
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<T, Rejected<D::Error>>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    let root = Node::deserialize(deserializer).map_err(Rejected::Malformed)?;
    read(&Document::new(root, None)).map_err(Rejected::Invalid)
}

/// Reads `T` from `document` in a full pass: every problem, in the order of the document.
///
/// A model reads on past any problem. A plain container at the root (a `Vec<User>`) stops at
/// its first failed element: the document is then read again from the next element on, until
/// the end, and the problems the restart itself causes (the elements or fields it skipped are
/// missing) are left out.
pub(crate) fn read<'de, T: Deserialize<'de>>(
    document: &Document<'de>,
) -> Result<T, ValidationErrors> {
    let _pass = Pass::enter(Mode::Full);
    let mut attempts = Attempts::new(document);
    while let Some(from) = attempts.from() {
        match T::deserialize(NodeDeserializer::new(&document.root, from)) {
            Ok(value) if attempts.clean() => return Ok(value),
            Ok(_) => attempts.stop(),
            Err(error) => attempts.failed(error),
        }
    }
    Err(attempts.report())
}

/// The bookkeeping of [`read`]'s attempts, apart from the generic part so that it is compiled
/// once rather than once per type read.
struct Attempts<'a, 'de> {
    document: &'a Document<'de>,
    report: ValidationErrors,
    /// The first element or entry of the root the next attempt reads; `None` once done.
    from: Option<usize>,
    children: Option<Children<'a>>,
    /// Where the problems of the last attempt start in the report.
    last: usize,
}

impl<'a, 'de> Attempts<'a, 'de> {
    fn new(document: &'a Document<'de>) -> Attempts<'a, 'de> {
        Attempts {
            document,
            report: ValidationErrors::new(),
            from: Some(0),
            children: None,
            last: 0,
        }
    }

    fn from(&self) -> Option<usize> {
        self.from
    }

    /// Whether no attempt so far found a problem.
    fn clean(&self) -> bool {
        self.report.is_empty()
    }

    fn stop(&mut self) {
        self.from = None;
    }

    /// Keeps the problems of an attempt that failed, and decides where the next one starts.
    fn failed(&mut self, error: DocError) {
        let Some(from) = self.from else { return };
        let complete = error.complete();
        let found = error.into_report();
        if complete {
            // A model at the root read on past every problem: nothing to restart for.
            self.report.extend(found);
            self.from = None;
            return;
        }
        let document = self.document;
        let children = self
            .children
            .get_or_insert_with(|| Children::new(&document.root));
        let child = children.under(&found);
        // A restart that reads an element again (a key given twice stands for both of its
        // entries) finds its problems again: each is said once.
        // The last attempt's problems, as text, to tell one said again in constant time.
        let last: HashSet<String> = self.report.as_slice()[self.last..]
            .iter()
            .map(|v| format!("{}\u{0}{v}", v.code()))
            .collect();
        let previous = self.report.len();
        for violation in found {
            let again =
                !last.is_empty() && last.contains(&format!("{}\u{0}{violation}", violation.code()));
            if !again && !children.restarted(from, &violation) {
                self.report.push(violation);
            }
        }
        self.last = previous;
        self.from = match child {
            Some(next) if next >= from => Some(next + 1),
            _ => None,
        };
    }

    /// Every problem found, placed in the document.
    fn report(mut self) -> ValidationErrors {
        self.document.place(&mut self.report);
        self.report
    }
}

/// The elements or entries of a document's root, found by the first step of a path.
struct Children<'a> {
    /// For a map, the index of the first entry of each key.
    keys: HashMap<&'a str, usize>,
    len: usize,
    seq: bool,
}

impl<'a> Children<'a> {
    fn new(root: &'a Node<'_>) -> Children<'a> {
        let mut keys = HashMap::new();
        let (len, seq) = match &root.kind {
            Kind::Seq(items) => (items.len(), true),
            Kind::Map(entries) => {
                for (i, (key, _)) in entries.iter().enumerate() {
                    if let Kind::Str(name) = &key.kind {
                        keys.entry(name.as_ref()).or_insert(i);
                    }
                }
                (entries.len(), false)
            }
            _ => (0, false),
        };
        Children { keys, len, seq }
    }

    /// The index of the element or entry that `step` names.
    fn index(&self, step: &Segment) -> Option<usize> {
        match step {
            Segment::Index(i) if self.seq => (*i < self.len).then_some(*i),
            Segment::Field(name) if !self.seq => self.keys.get(name.as_ref()).copied(),
            Segment::Key(name) if !self.seq => self.keys.get(name.as_str()).copied(),
            _ => None,
        }
    }

    /// The element or entry under which all of `found` stand, if one.
    fn under(&self, found: &ValidationErrors) -> Option<usize> {
        let mut under = found
            .iter()
            .map(|v| self.index(v.path().segments().first()?));
        let first = under.next()??;
        under.all(|c| c == Some(first)).then_some(first)
    }

    /// Whether `violation` is only what a restart from `from` causes: a field skipped, so
    /// missing, or a sequence shorter than its type wants.
    fn restarted(&self, from: usize, violation: &Violation) -> bool {
        if from == 0 {
            return false;
        }
        match violation.path().segments() {
            [] => violation.code() == "invalid_length",
            // A field absent from the document altogether is missing indeed: the attempt
            // that stopped first never got as far as saying so.
            [step] => violation.code() == "required" && self.index(step).is_some_and(|i| i < from),
            _ => false,
        }
    }
}

/// The tree of JSON text, or serde_json's error for text that is not JSON.
#[cfg(feature = "json")]
pub(crate) fn scan_json(text: &str) -> Result<Node<'_>, serde_json::Error> {
    scan::parse(text)
}

/// Reads a `T` from one node of a document in a full pass: every problem, at paths relative to
/// the node (a model reads on past any problem).
#[cfg(feature = "json")]
pub(crate) fn read_node<'de, T: Deserialize<'de>>(node: &Node<'de>) -> Result<T, ValidationErrors> {
    let _pass = Pass::enter(Mode::Full);
    T::deserialize(NodeDeserializer::new(node, 0)).map_err(|error| error.into_report())
}

/// The tree of TOML text, or why the text is not TOML.
#[cfg(feature = "toml")]
pub(crate) fn scan_toml(text: &str) -> Result<Node<'_>, toml::SyntaxError> {
    let table =
        ::toml::de::DeTable::parse(text).map_err(|error| toml::SyntaxError::new(&error, text))?;
    Ok(toml_doc::node(table))
}

/// JSON documents (feature `json`).
#[cfg(feature = "json")]
pub mod json {
    use super::{read, scan, Document, Mode, Pass, Rejected};
    use serde::Deserialize;

    /// Reads a `T` from JSON text, reporting every problem of the document with its line and
    /// column.
    ///
    /// A valid document is read once, as `serde_json::from_str` reads it. Unreadable JSON (its
    /// syntax) is [`Rejected::Malformed`] with serde_json's error; anything else is
    /// [`Rejected::Invalid`] with every problem.
    pub fn from_str<'de, T: Deserialize<'de>>(
        text: &'de str,
    ) -> Result<T, Rejected<serde_json::Error>> {
        let fast = {
            let _pass = Pass::enter(Mode::Quiet);
            serde_json::from_str(text)
        };
        match fast {
            Ok(value) => Ok(value),
            Err(error) => again(text, error),
        }
    }

    /// Reads a `T` from JSON bytes; see [`from_str`].
    pub fn from_slice<'de, T: Deserialize<'de>>(
        bytes: &'de [u8],
    ) -> Result<T, Rejected<serde_json::Error>> {
        match std::str::from_utf8(bytes) {
            Ok(text) => from_str(text),
            // serde_json says where the text stops being UTF-8.
            Err(_) => {
                let _pass = Pass::enter(Mode::Quiet);
                serde_json::from_slice::<T>(bytes).map_err(Rejected::Malformed)
            }
        }
    }

    /// The second, full read of a document the first could not read.
    #[cold]
    #[inline(never)]
    fn again<'de, T: Deserialize<'de>>(
        text: &'de str,
        error: serde_json::Error,
    ) -> Result<T, Rejected<serde_json::Error>> {
        if error.is_io() || error.is_eof() {
            return Err(Rejected::Malformed(error));
        }
        // serde_json calls some problems of shape syntax errors (a fixed-size array given more
        // elements: "trailing characters"): text that reads as JSON is not malformed, and the
        // full pass says what is wrong with it.
        let Ok(root) = scan::parse(text) else {
            return Err(Rejected::Malformed(error));
        };
        match read(&Document::new(root, Some(text))) {
            Err(report) => Err(Rejected::Invalid(report)),
            Ok(value) if error.is_data() => Ok(value),
            // Nothing the full pass can point at: serde_json's error is all there is.
            Ok(_) => Err(Rejected::Malformed(error)),
        }
    }
}

/// TOML documents (feature `toml`).
#[cfg(feature = "toml")]
pub mod toml {
    use super::{read, toml_doc, Document, Mode, Pass, Rejected};
    use crate::error::Position;
    use serde::de::DeserializeOwned;
    use std::fmt;

    /// Why TOML text could not be read at all: the parser's message and where, without the
    /// line of text the `toml` crate shows beside its own errors (it may hold a secret).
    #[derive(Debug)]
    pub struct SyntaxError {
        message: String,
        position: Option<Position>,
    }

    impl SyntaxError {
        pub(crate) fn new(error: &::toml::de::Error, text: &str) -> SyntaxError {
            let position = error.span().map(|span| {
                let before = text.get(..span.start).unwrap_or(text);
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                Position::new(line, column)
            });
            SyntaxError {
                message: error.message().trim_end().to_owned(),
                position,
            }
        }

        /// The parser's message.
        pub fn message(&self) -> &str {
            &self.message
        }

        /// Where the text stops being TOML.
        pub fn position(&self) -> Option<Position> {
            self.position
        }
    }

    impl fmt::Display for SyntaxError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.message)?;
            match self.position {
                Some(position) => write!(f, " (at {position})"),
                None => Ok(()),
            }
        }
    }

    impl std::error::Error for SyntaxError {}

    /// Reads a `T` from TOML text, reporting every problem of the document with its line and
    /// column.
    ///
    /// A valid document is read once, as `toml::from_str` reads it. Unreadable TOML (its
    /// syntax) is [`Rejected::Malformed`]; anything else is [`Rejected::Invalid`] with every
    /// problem.
    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Rejected<SyntaxError>> {
        let fast = {
            let _pass = Pass::enter(Mode::Quiet);
            ::toml::from_str(text)
        };
        match fast {
            Ok(value) => Ok(value),
            Err(_) => again(text),
        }
    }

    #[cold]
    #[inline(never)]
    fn again<T: DeserializeOwned>(text: &str) -> Result<T, Rejected<SyntaxError>> {
        let table = ::toml::de::DeTable::parse(text)
            .map_err(|error| Rejected::Malformed(SyntaxError::new(&error, text)))?;
        let root = toml_doc::node(table);
        read(&Document::new(root, Some(text))).map_err(Rejected::Invalid)
    }
}
