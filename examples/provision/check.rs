//! Checking a provisioning file: one pass over the list, each resource read and checked as it
//! comes, its problems placed in the file.
//!
//! The list is read by serde_json in a single pass; each resource is handed over as a slice of
//! the text (a borrowed `RawValue`: no copy, and no list of all the resources), read by the
//! registry once (a valid resource is read once, straight into its model; only a resource with
//! a problem is read again, to find every problem), then dropped. A line counter follows the
//! resources through the text, so finding where each starts costs the bytes since the previous
//! one: the whole run is linear in the size of the file.
//!
//! Memory: the text itself, plus what one resource needs while it is checked, plus the problems
//! found, which are kept for the report. It does not grow with the number of valid resources.

use model::path::Path;
use model::{Error, Position, Registry, RegistryError, Violation};
use serde::de::{self, DeserializeSeed, Deserializer as _, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// How many resources of one kind were read, valid and invalid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Those without a problem.
    pub valid: usize,
    /// Those with at least one.
    pub invalid: usize,
}

/// A resource with at least one problem.
#[derive(Debug)]
pub struct Invalid {
    /// Its place in the list, from 0.
    pub index: usize,
    /// The value of its `"type"` key, when that is a string, whether or not it names a model.
    pub kind: Option<String>,
    /// Its `"name"`, when that is a string.
    pub name: Option<String>,
    /// Where it starts in the file.
    pub at: Position,
    /// Every problem, structural and broken rules, each with its line and column in the file.
    pub violations: Vec<Violation>,
}

/// What a file holds: counts per kind, and every problem.
#[derive(Debug, Default)]
pub struct Summary {
    /// How many resources the list holds.
    pub resources: usize,
    /// Per registered kind (by its name), how many resources were read.
    pub kinds: BTreeMap<&'static str, Tally>,
    /// Resources whose `"type"` names no model, or that have none: all of them invalid.
    pub unknown: usize,
    /// The resources with a problem, in the order of the file.
    pub invalid: Vec<Invalid>,
}

impl Summary {
    /// How many resources are valid.
    pub fn valid(&self) -> usize {
        self.resources - self.invalid.len()
    }

    /// How many problems were found in all.
    pub fn problems(&self) -> usize {
        self.invalid.iter().map(|i| i.violations.len()).sum()
    }
}

/// One resource, just checked: what the caller sees of each as it goes (a table, a progress
/// bar).
#[derive(Debug)]
pub struct Checked<'a> {
    /// Its place in the list, from 0.
    pub index: usize,
    /// Its first byte in the text.
    pub offset: usize,
    /// Where it starts in the file.
    pub at: Position,
    /// Its text.
    pub text: &'a str,
    /// Its kind: the model it was read as, or the value of its `"type"` key.
    pub kind: Option<&'a str>,
    /// How many problems it has.
    pub problems: usize,
}

/// Checks every resource of `text`, a JSON list of resources each naming its kind in `"type"`,
/// with the models of `registry` and the registered runtime models (see `kinds.rs`), calling
/// `each` after each resource. Fails only when `text` is
/// not a JSON list (serde_json's message, with its line and column in the file); a resource
/// that is not an object, or names no kind, is a problem like any other.
pub fn check(
    text: &str,
    registry: &Registry,
    each: impl FnMut(&Checked<'_>),
) -> Result<Summary, serde_json::Error> {
    let mut list = List {
        text,
        registry,
        lines: Lines::new(text),
        summary: Summary::default(),
        each,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    (&mut deserializer).deserialize_seq(&mut list)?;
    deserializer.end()?;
    Ok(list.summary)
}

/// The state of one pass over the list.
struct List<'t, F> {
    text: &'t str,
    registry: &'t Registry,
    lines: Lines<'t>,
    summary: Summary,
    each: F,
}

impl<F: FnMut(&Checked<'_>)> List<'_, F> {
    /// The name of the kind called `name`, compiled or loaded, if there is one.
    fn kind(&self, name: &str) -> Option<&'static str> {
        match self.registry.get(name) {
            Ok(entry) => Some(entry.name()),
            Err(_) => model::dynamic::find(name).map(|kind| kind.name()),
        }
    }

    /// Checks one resource, `item`, a slice of the text.
    fn resource(&mut self, item: &str) {
        let index = self.summary.resources;
        self.summary.resources += 1;
        // `item` is borrowed from `text`: the difference of their addresses is its offset.
        let offset = (item.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let at = self.lines.advance(offset);
        match self.registry.from_json(item) {
            Ok(model) => {
                let kind = model.name();
                self.summary.kinds.entry(kind).or_default().valid += 1;
                (self.each)(&Checked {
                    index,
                    offset,
                    at,
                    text: item,
                    kind: Some(kind),
                    problems: 0,
                });
            }
            Err(error) => {
                let head = Head::of(item);
                match head.kind.as_deref().map(|kind| self.kind(kind)) {
                    Some(Some(kind)) => self.summary.kinds.entry(kind).or_default().invalid += 1,
                    _ => self.summary.unknown += 1,
                }
                let violations = place(error, at);
                (self.each)(&Checked {
                    index,
                    offset,
                    at,
                    text: item,
                    kind: head.kind.as_deref(),
                    problems: violations.len(),
                });
                self.summary.invalid.push(Invalid {
                    index,
                    kind: head.kind.map(Cow::into_owned),
                    name: head.name.map(Cow::into_owned),
                    at,
                    violations,
                });
            }
        }
    }
}

impl<'de, F: FnMut(&Checked<'_>)> Visitor<'de> for &mut List<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON list of resources")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<&'de RawValue>()? {
            self.resource(item.get());
        }
        Ok(())
    }
}

/// The problems of one resource, their positions moved from the resource's text to the file.
fn place(error: RegistryError, at: Position) -> Vec<Violation> {
    match error {
        RegistryError::Invalid(errors) => errors
            .into_iter()
            .map(|mut violation| {
                let inner = violation.position().unwrap_or(Position::new(1, 1));
                violation.set_position(shift(at, inner));
                violation
            })
            .collect(),
        // The list was read as JSON, so a resource's syntax is sound; anything else the
        // registry may say is still a problem of this resource, at its start.
        other => {
            let code = match &other {
                RegistryError::Malformed(_) => "malformed",
                _ => "registry",
            };
            let error = Error::custom(other.to_string()).with_code(code);
            vec![Violation::new(Path::root(), error).with_position(at)]
        }
    }
}

/// `inner`, a position in a text that starts at `at` in the file, as a position in the file.
pub fn shift(at: Position, inner: Position) -> Position {
    if inner.line() == 1 {
        Position::new(at.line(), at.column() + inner.column() - 1)
    } else {
        Position::new(at.line() + inner.line() - 1, inner.column())
    }
}

/// Follows offsets through a text, in increasing order, and tells their lines and columns
/// (columns in characters, as the report counts them). Each step reads only the bytes since the
/// previous offset.
pub struct Lines<'t> {
    text: &'t [u8],
    /// The offset reached.
    at: usize,
    /// Its line, from 1.
    line: usize,
    /// Its column, from 1, in characters.
    column: usize,
}

impl<'t> Lines<'t> {
    /// A counter at the start of `text`.
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text: text.as_bytes(),
            at: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column of `offset`, which is not before the previous one asked for (an
    /// earlier one is answered with the previous position).
    pub fn advance(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if let Some(gap) = self.text.get(self.at..offset) {
            match gap.iter().rposition(|&b| b == b'\n') {
                Some(last) => {
                    self.line += gap.iter().filter(|&&b| b == b'\n').count();
                    self.column = 1 + characters(&gap[last + 1..]);
                }
                None => self.column += characters(gap),
            }
            self.at = offset;
        }
        Position::new(self.line, self.column)
    }
}

/// How many characters the UTF-8 `bytes` hold: the bytes that do not continue a character.
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// The `"type"` and `"name"` of a resource, when they are strings: read again only for a
/// resource with a problem (or for the table), and tolerant of anything else in it.
#[derive(Debug, Default)]
pub struct Head<'a> {
    /// The first `"type"`, when it is a string.
    pub kind: Option<Cow<'a, str>>,
    /// The first `"name"`, when it is a string.
    pub name: Option<Cow<'a, str>>,
}

impl<'a> Head<'a> {
    /// The head of `resource`; empty when it is not a JSON object.
    pub fn of(resource: &'a str) -> Head<'a> {
        let mut deserializer = serde_json::Deserializer::from_str(resource);
        (&mut deserializer)
            .deserialize_map(HeadVisitor)
            .unwrap_or_default()
    }
}

struct HeadVisitor;

impl<'de> Visitor<'de> for HeadVisitor {
    type Value = Head<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a resource")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head<'de>, A::Error> {
        let mut head = Head::default();
        while let Some(key) = map.next_key_seed(Text)? {
            let value: &'de RawValue = map.next_value()?;
            let slot = match key.as_ref() {
                "type" => &mut head.kind,
                "name" => &mut head.name,
                _ => continue,
            };
            if slot.is_none() {
                let mut deserializer = serde_json::Deserializer::from_str(value.get());
                *slot = deserializer.deserialize_str(Text).ok();
            }
        }
        Ok(head)
    }
}

/// A JSON string, borrowed from the text when it has no escapes.
#[derive(Clone, Copy)]
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }
}
