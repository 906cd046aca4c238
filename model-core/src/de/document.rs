//! A document read into a tree of values that remember where they stood in the text: what the
//! full pass reads a model from, so that it can go on after a problem, and find the line and
//! column of each one.

use crate::error::{Position, ValidationErrors, Violation};
use crate::path::{Path, Segment};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// A value of a document, and the byte offset in the text where it starts (0 when the format
/// did not say).
#[derive(Debug)]
pub(crate) struct Node<'de> {
    pub(crate) at: usize,
    pub(crate) kind: Kind<'de>,
}

#[derive(Debug)]
pub(crate) enum Kind<'de> {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    /// An integer past 64 bits: above `u64::MAX`, or below `i64::MIN`.
    Wide(Wide),
    /// A number the format refuses, too large for any type it reads into (a TOML float past
    /// `f64`), as written, with the largest type it would have fitted: no field accepts it.
    TooLarge(String, &'static str),
    F64(f64),
    Str(Cow<'de, str>),
    Bytes(Vec<u8>),
    Seq(Vec<Node<'de>>),
    /// Entries in the order of the text, repeated keys included.
    Map(Vec<(Node<'de>, Node<'de>)>),
}

/// An integer of up to 128 bits.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Wide {
    U128(u128),
    I128(i128),
}

impl fmt::Display for Wide {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Wide::U128(n) => n.fmt(f),
            Wide::I128(n) => n.fmt(f),
        }
    }
}

impl Wide {
    /// As a float, for a float field, rounded as a `u128 as f64` is.
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Wide::U128(n) => n as f64,
            Wide::I128(n) => n as f64,
        }
    }
}

impl Kind<'_> {
    /// The kind of an integer: the narrowest of `U64`, `I64` and `Wide` it fits.
    pub(crate) fn integer(n: Wide) -> Self {
        let (unsigned, signed) = match n {
            Wide::U128(n) => (u64::try_from(n).ok(), i64::try_from(n).ok()),
            Wide::I128(n) => (u64::try_from(n).ok(), i64::try_from(n).ok()),
        };
        match (unsigned, signed) {
            (Some(n), _) => Kind::U64(n),
            (_, Some(n)) => Kind::I64(n),
            _ => Kind::Wide(n),
        }
    }
}

impl<'de> Node<'de> {
    pub(crate) fn new(at: usize, kind: Kind<'de>) -> Node<'de> {
        Node { at, kind }
    }

    /// A key as a path step: its text, or a short rendering of another value.
    pub(crate) fn step(&self) -> String {
        match &self.kind {
            Kind::Str(text) => text.to_string(),
            Kind::Unit => "null".to_owned(),
            Kind::Bool(b) => b.to_string(),
            Kind::U64(n) => n.to_string(),
            Kind::I64(n) => n.to_string(),
            Kind::Wide(n) => n.to_string(),
            Kind::TooLarge(text, _) => text.clone(),
            Kind::F64(n) => n.to_string(),
            Kind::Bytes(_) => "<bytes>".to_owned(),
            Kind::Seq(items) => {
                let items: Vec<String> = items.iter().take(8).map(Node::step).collect();
                let more = if items.len() == 8 { ", .." } else { "" };
                format!("[{}{more}]", items.join(", "))
            }
            Kind::Map(_) => "{..}".to_owned(),
        }
    }

    /// The text of a TOML date, which the `toml` crate hands over as a map of one private key.
    pub(crate) fn date(&self) -> Option<&str> {
        match &self.kind {
            Kind::Map(entries) => match entries.as_slice() {
                [(
                    key,
                    Node {
                        kind: Kind::Str(date),
                        ..
                    },
                )] if key.is_key(DATE) => Some(date),
                _ => None,
            },
            _ => None,
        }
    }

    fn is_key(&self, name: &str) -> bool {
        matches!(&self.kind, Kind::Str(text) if text == name)
    }

    /// The offset of what `path` names: the value, the key of an unknown or repeated field, or
    /// the nearest enclosing value for a missing one.
    fn locate<'a>(&'a self, path: &Path, code: &str, finder: &mut Finder<'a>) -> usize {
        let mut node = self;
        let segments = path.segments();
        for (i, segment) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let next = match (&node.kind, segment) {
                (Kind::Seq(items), Segment::Index(index)) => items.get(*index).map(|n| (n, n)),
                (Kind::Map(entries), Segment::Field(name)) => {
                    finder.find(entries, name, last && code == "duplicate_field")
                }
                (Kind::Map(entries), Segment::Key(name)) => {
                    finder.find(entries, name, last && code == "duplicate_field")
                }
                _ => None,
            };
            match next {
                Some((key, _)) if last && KEYED.contains(&code) => return key.at,
                Some((_, value)) => node = value,
                None => return node.at,
            }
        }
        node.at
    }
}

/// The key under which the `toml` crate hands a date over to serde.
pub(crate) const DATE: &str = "$__toml_private_datetime";

/// The codes whose position is the key rather than the value.
const KEYED: [&str; 2] = ["unknown_field", "duplicate_field"];

/// The entry of `entries` whose key is `name`: the first, or the second when `repeated`.
fn find<'a, 'de>(
    entries: &'a [(Node<'de>, Node<'de>)],
    name: &str,
    repeated: bool,
) -> Option<(&'a Node<'de>, &'a Node<'de>)> {
    let mut found = entries.iter().filter(|(key, _)| key.is_key(name));
    let first = found.next();
    let pick = if repeated {
        found.next().or(first)
    } else {
        first
    };
    pick.map(|(key, value)| (key, value))
}

/// Finds the entries of a large map by their key at once rather than by a walk over the map, so
/// that placing many problems in one map takes time in proportion to their number.
#[derive(Default)]
struct Finder<'a> {
    /// By the address of a map's entries: the first and second entry of each key.
    maps: HashMap<usize, HashMap<&'a str, (usize, Option<usize>)>>,
}

impl<'a> Finder<'a> {
    /// Maps this small are walked.
    const SMALL: usize = 16;

    fn find<'de>(
        &mut self,
        entries: &'a [(Node<'de>, Node<'de>)],
        name: &str,
        repeated: bool,
    ) -> Option<(&'a Node<'de>, &'a Node<'de>)> {
        if entries.len() <= Self::SMALL {
            return find(entries, name, repeated);
        }
        let index = self
            .maps
            .entry(entries.as_ptr() as usize)
            .or_insert_with(|| {
                let mut index: HashMap<&'a str, (usize, Option<usize>)> = HashMap::new();
                for (i, (key, _)) in entries.iter().enumerate() {
                    if let Kind::Str(text) = &key.kind {
                        index
                            .entry(text.as_ref())
                            .and_modify(|(_, second)| {
                                second.get_or_insert(i);
                            })
                            .or_insert((i, None));
                    }
                }
                index
            });
        let (first, second) = *index.get(name)?;
        let (key, value) = entries.get(if repeated {
            second.unwrap_or(first)
        } else {
            first
        })?;
        Some((key, value))
    }
}

/// A document and the text it was read from, when there is one.
pub(crate) struct Document<'de> {
    pub(crate) root: Node<'de>,
    text: Option<&'de str>,
    /// Where the text's lines start, found once when a first position is asked for.
    lines: std::cell::OnceCell<Option<Lines<'de>>>,
}

impl<'de> Document<'de> {
    /// The document of `root`, read from `text`; without a text, its values are numbered in
    /// the order they come, so that problems can still be put in that order.
    pub(crate) fn new(mut root: Node<'de>, text: Option<&'de str>) -> Document<'de> {
        if text.is_none() {
            number(&mut root, &mut 0);
        }
        Document {
            root,
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    fn lines(&self) -> Option<&Lines<'de>> {
        self.lines
            .get_or_init(|| self.text.map(Lines::new))
            .as_ref()
    }

    /// The line and column of the byte offset `at`, when the document was read from text.
    pub(crate) fn position(&self, at: usize) -> Option<Position> {
        self.lines().map(|lines| lines.position(at))
    }

    /// Puts the violations of `report` in the order of the document (those of one value in the
    /// order found), and gives each the line and column where its value stands.
    pub(crate) fn place(&self, report: &mut ValidationErrors) {
        let mut finder = Finder::default();
        let mut placed: Vec<(usize, Violation)> = std::mem::take(report)
            .into_iter()
            .map(|violation| {
                let at = self
                    .root
                    .locate(violation.path(), violation.code(), &mut finder);
                (at, violation)
            })
            .collect();
        placed.sort_by_key(|(at, _)| *at);
        // In the order of the text, each line's characters are counted once for all.
        let mut lines = self.lines().map(Cursor::new);
        report.extend(placed.into_iter().map(|(at, mut violation)| {
            if let (Some(lines), None) = (&mut lines, violation.position()) {
                violation.set_position(lines.position(at));
            }
            violation
        }));
    }
}

/// Numbers the values of a tree in the order they come, keys before their values.
fn number(node: &mut Node<'_>, next: &mut usize) {
    node.at = *next;
    *next += 1;
    match &mut node.kind {
        Kind::Seq(items) => items.iter_mut().for_each(|item| number(item, next)),
        Kind::Map(entries) => entries.iter_mut().for_each(|(key, value)| {
            number(key, next);
            number(value, next);
        }),
        _ => {}
    }
}

/// The offsets where the lines of a text start.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// The line (from 1) of the byte offset `at`.
    fn line(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start <= at).max(1)
    }

    /// Line and column (from 1, the column in characters) of the byte offset `at`.
    fn position(&self, at: usize) -> Position {
        let line = self.line(at);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..at.min(self.text.len()))
            .map_or(0, |before| before.chars().count());
        Position::new(line, column + 1)
    }
}

/// Positions of offsets that come in increasing order: the characters between two offsets of
/// one line are counted once.
struct Cursor<'a> {
    lines: &'a Lines<'a>,
    /// The last offset placed, its line (from 1) and column (from 0).
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn new(lines: &'a Lines<'a>) -> Cursor<'a> {
        Cursor {
            lines,
            at: 0,
            line: 1,
            column: 0,
        }
    }

    fn position(&mut self, at: usize) -> Position {
        let line = self.lines.line(at);
        if line != self.line || at < self.at {
            let position = self.lines.position(at);
            self.line = line;
            self.at = at;
            self.column = position.column() - 1;
            return position;
        }
        let between = self
            .lines
            .text
            .get(self.at..at.min(self.lines.text.len()))
            .map_or(0, |text| text.chars().count());
        self.at = at;
        self.column += between;
        Position::new(line, self.column + 1)
    }
}

/// A document read from any self-describing format, without positions. Nesting deeper than
/// [`DEPTH`] is an error, whatever the format allows, so that no input overflows the stack.
impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node<'de>, D::Error> {
        deserializer.deserialize_any(Build(0))
    }
}

/// How deep a document read into a tree may nest: serde_json's own limit.
pub(crate) const DEPTH: usize = 128;

/// Builds a node at a depth.
#[derive(Clone, Copy)]
struct Build(usize);

impl<'de> de::DeserializeSeed<'de> for Build {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        if self.0 >= DEPTH {
            return Err(de::Error::custom(format_args!(
                "the document nests more than {DEPTH} levels deep"
            )));
        }
        deserializer.deserialize_any(self)
    }
}

impl Build {
    fn inner(self) -> Build {
        Build(self.0 + 1)
    }
}

fn node<'de, E>(kind: Kind<'de>) -> Result<Node<'de>, E> {
    Ok(Node::new(0, kind))
}

impl<'de> Visitor<'de> for Build {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node<'de>, E> {
        node(Kind::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node<'de>, E> {
        node(Kind::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node<'de>, E> {
        node(Kind::U64(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node<'de>, E> {
        node(Kind::integer(Wide::I128(v)))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node<'de>, E> {
        node(Kind::integer(Wide::U128(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node<'de>, E> {
        node(Kind::F64(v))
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Node<'de>, E> {
        node(Kind::Str(Cow::Owned(v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node<'de>, E> {
        node(Kind::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Node<'de>, E> {
        node(Kind::Str(Cow::Borrowed(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node<'de>, E> {
        node(Kind::Str(Cow::Owned(v)))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Node<'de>, E> {
        node(Kind::Bytes(v.to_vec()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node<'de>, E> {
        node(Kind::Unit)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node<'de>, D::Error> {
        de::DeserializeSeed::deserialize(self.inner(), deserializer)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node<'de>, E> {
        node(Kind::Unit)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Node<'de>, D::Error> {
        de::DeserializeSeed::deserialize(self.inner(), deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(self.inner())? {
            items.push(item);
        }
        node(Kind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(entry) = map.next_entry_seed(self.inner(), self.inner())? {
            entries.push(entry);
        }
        node(Kind::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, SeqDeserializer};

    /// A sequence nested `depth` deep, from serde's own value deserializers, which set no limit.
    fn nested(depth: usize) -> Result<Node<'static>, Error> {
        struct Deep(usize);
        impl<'de> Deserializer<'de> for Deep {
            type Error = Error;
            fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                if self.0 == 0 {
                    visitor.visit_u64(1)
                } else {
                    visitor.visit_seq(SeqDeserializer::new(std::iter::once(Deep(self.0 - 1))))
                }
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
                byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
                enum identifier ignored_any
            }
        }
        impl<'de> de::IntoDeserializer<'de, Error> for Deep {
            type Deserializer = Deep;
            fn into_deserializer(self) -> Deep {
                self
            }
        }
        Node::deserialize(Deep(depth))
    }

    #[test]
    fn a_tree_nests_at_most_the_limit() {
        assert!(nested(DEPTH - 1).is_ok());
        let error = nested(100_000).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the document nests more than 128 levels deep"
        );
    }
}
