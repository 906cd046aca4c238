//! Readers of field values. The derive picks one by the shape of a field's type: lists, sets and
//! maps of the standard library, and `Option`, are read by the readers here, which go on past a
//! failed element in a full pass (serde's own impls stop at the first); any other type by its
//! own `Deserialize`.

use super::fields::{failed, read_in_part};
use super::pass::{self, Partial};
use crate::error::ValidationErrors;
use crate::path::Segment;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;

/// Reads a `T` with its own `Deserialize`.
pub struct ReadPlain<T>(PhantomData<fn() -> T>);

impl<T> ReadPlain<T> {
    /// The reader.
    pub const NEW: ReadPlain<T> = ReadPlain(PhantomData);
}

impl<T> Clone for ReadPlain<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ReadPlain<T> {}

/// What every reader of a field's value is: whether it reads a collection that, in a full pass,
/// may be read in part (the elements that could be read, for the field's rules to check, beside
/// the problems of the others), and how to ask it to.
pub trait Reader: Copy {
    /// Whether the reader reads a list, set or map, or an option of one.
    const COLLECTS: bool = false;

    /// The reader, asked to hand a collection read in part over (`pass::take_partial`) rather
    /// than fail: the caller takes it as soon as the read returns.
    #[inline]
    fn partly(self) -> Self {
        self
    }
}

impl<T> Reader for ReadPlain<T> {}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for ReadPlain<T> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Reads an `Option`, its content with `S`.
pub struct ReadOption<S>(S);

impl<S> ReadOption<S> {
    /// The reader of an option whose content `content` reads.
    pub const fn new(content: S) -> ReadOption<S> {
        ReadOption(content)
    }
}

impl<S: Copy> Clone for ReadOption<S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Copy> Copy for ReadOption<S> {}

impl<S: Reader> Reader for ReadOption<S> {
    const COLLECTS: bool = S::COLLECTS;

    #[inline]
    fn partly(self) -> Self {
        ReadOption(self.0.partly())
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ReadOption<S> {
    type Value = Option<S::Value>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for ReadOption<S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an optional value")
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(deserializer).map(Some)
    }
}

/// A collection that a reader fills one item at a time.
pub trait Grow<T> {
    /// Whether the items keep the order of the input (a list), so that a problem of the `n`th
    /// item kept is the problem of an item at a known place in the input.
    const SEQUENCE: bool = false;
    /// An empty collection with room for about `capacity` items.
    fn with_room(capacity: usize) -> Self;
    /// Adds an item.
    fn grow(&mut self, item: T);
}

impl<T> Grow<T> for Vec<T> {
    const SEQUENCE: bool = true;

    #[inline]
    fn with_room(capacity: usize) -> Self {
        Vec::with_capacity(capacity)
    }

    #[inline]
    fn grow(&mut self, item: T) {
        self.push(item);
    }
}

impl<T> Grow<T> for VecDeque<T> {
    const SEQUENCE: bool = true;

    #[inline]
    fn with_room(capacity: usize) -> Self {
        VecDeque::with_capacity(capacity)
    }

    #[inline]
    fn grow(&mut self, item: T) {
        self.push_back(item);
    }
}

impl<T: Ord> Grow<T> for BTreeSet<T> {
    #[inline]
    fn with_room(_: usize) -> Self {
        BTreeSet::new()
    }

    #[inline]
    fn grow(&mut self, item: T) {
        self.insert(item);
    }
}

impl<T: Eq + Hash, H: BuildHasher + Default> Grow<T> for HashSet<T, H> {
    #[inline]
    fn with_room(capacity: usize) -> Self {
        HashSet::with_capacity_and_hasher(capacity, H::default())
    }

    #[inline]
    fn grow(&mut self, item: T) {
        self.insert(item);
    }
}

impl<K: Ord, V> Grow<(K, V)> for BTreeMap<K, V> {
    #[inline]
    fn with_room(_: usize) -> Self {
        BTreeMap::new()
    }

    #[inline]
    fn grow(&mut self, (key, value): (K, V)) {
        self.insert(key, value);
    }
}

impl<K: Eq + Hash, V, H: BuildHasher + Default> Grow<(K, V)> for HashMap<K, V, H> {
    #[inline]
    fn with_room(capacity: usize) -> Self {
        HashMap::with_capacity_and_hasher(capacity, H::default())
    }

    #[inline]
    fn grow(&mut self, (key, value): (K, V)) {
        self.insert(key, value);
    }
}

/// Room for at most 1 MiB of items from a size hint, as serde's own impls allow: a hostile
/// hint does not reserve memory.
#[inline]
fn room<T>(hint: Option<usize>) -> usize {
    const MAX: usize = 1024 * 1024;
    hint.unwrap_or(0).min(MAX / std::mem::size_of::<T>().max(1))
}

/// Reads a list or set `C`, its elements with `S`.
pub struct ReadSeq<C, S> {
    elements: S,
    /// Whether a collection read in part is handed over (see [`Reader::partly`]).
    partly: bool,
    marker: PhantomData<fn() -> C>,
}

impl<C, S> ReadSeq<C, S> {
    /// The reader of a collection whose elements `elements` reads.
    pub const fn new(elements: S) -> ReadSeq<C, S> {
        ReadSeq {
            elements,
            partly: false,
            marker: PhantomData,
        }
    }
}

impl<C, S: Copy> Reader for ReadSeq<C, S> {
    const COLLECTS: bool = true;

    #[inline]
    fn partly(self) -> Self {
        ReadSeq {
            partly: true,
            ..self
        }
    }
}

impl<C, S: Copy> Clone for ReadSeq<C, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, S: Copy> Copy for ReadSeq<C, S> {}

impl<'de, C: Grow<S::Value>, S: DeserializeSeed<'de> + Reader> DeserializeSeed<'de>
    for ReadSeq<C, S>
{
    type Value = C;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<C, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, C: Grow<S::Value>, S: DeserializeSeed<'de> + Reader> Visitor<'de> for ReadSeq<C, S> {
    type Value = C;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<C, A::Error> {
        let mut items = C::with_room(room::<S::Value>(seq.size_hint()));
        let mut problems = ValidationErrors::new();
        // The indices of the elements left out, once one is.
        let mut left_out = Vec::new();
        let mut index = 0;
        // Whether every element was read (not stopped at one past which it could not go).
        let mut whole = true;
        loop {
            let elements = if S::COLLECTS {
                self.elements.partly()
            } else {
                self.elements
            };
            match seq.next_element_seed(elements) {
                Ok(Some(item)) => match S::COLLECTS.then(pass::take_partial).flatten() {
                    // An element read in part is left out, its problems kept: the rules of
                    // this collection are checked on whole elements only.
                    Some(partial) => {
                        read_in_part(partial, Segment::Index(index), false, &mut problems);
                        left_out.push(index);
                    }
                    None => items.grow(item),
                },
                Ok(None) => break,
                Err(error) => {
                    if S::COLLECTS {
                        // What an element read in part handed over before failing after all.
                        drop(pass::take_partial());
                    }
                    left_out.push(index);
                    let known = seq.size_hint().is_some();
                    if !go_on(error, index, known, &mut problems)? {
                        whole = false;
                        break;
                    }
                }
            }
            index += 1;
        }
        // Only a list read to its end is handed over in part: a set's elements are not where
        // they stood in the document, for the field's rules to say where a problem is.
        let partly = self.partly && whole && C::SEQUENCE;
        done(items, problems, partly, || Some(kept(index, &left_out)))
    }
}

/// The element or entry at `index` could not be read: on the fast path, its error; in a full
/// pass, its problems kept, and whether the reader may go on to the next, which only a sequence
/// that says how much is left (`known`) allows.
#[inline]
fn go_on<E: de::Error>(
    error: E,
    index: usize,
    known: bool,
    problems: &mut ValidationErrors,
) -> Result<bool, E> {
    failed(error, &|| Segment::Index(index), false, false, problems)?;
    Ok(known)
}

/// The indices below `count` but those `left_out` (in increasing order).
fn kept(count: usize, left_out: &[usize]) -> Vec<usize> {
    let mut left_out = left_out.iter().peekable();
    (0..count)
        .filter(|i| {
            let out = left_out.peek() == Some(&i);
            if out {
                left_out.next();
            }
            !out
        })
        .collect()
}

/// The collection read, or its problems: carried in the error, or, where the caller asked for
/// it and the read is a full pass, handed over beside the elements that could be read.
#[inline]
fn done<C, E: de::Error>(
    value: C,
    problems: ValidationErrors,
    partly: bool,
    kept: impl FnOnce() -> Option<Vec<usize>>,
) -> Result<C, E> {
    if problems.is_empty() {
        Ok(value)
    } else if partly && pass::full() {
        pass::hand_partial(Partial {
            problems,
            kept: kept(),
        });
        Ok(value)
    } else {
        Err(pass::carry(problems))
    }
}

/// Reads an array `[S::Value; N]`, its elements with `S`: in a full pass, every element's
/// problems, and its length's (serde's own impl stops at the first).
pub struct ReadArray<S, const N: usize>(S);

impl<S, const N: usize> ReadArray<S, N> {
    /// The reader of an array whose elements `elements` reads.
    pub const fn new(elements: S) -> ReadArray<S, N> {
        ReadArray(elements)
    }
}

impl<S: Copy, const N: usize> Clone for ReadArray<S, N> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S: Copy, const N: usize> Copy for ReadArray<S, N> {}

/// An array is whole or not at all: it is never read in part.
impl<S: Copy, const N: usize> Reader for ReadArray<S, N> {}

impl<'de, S: DeserializeSeed<'de> + Reader, const N: usize> DeserializeSeed<'de>
    for ReadArray<S, N>
{
    type Value = [S::Value; N];

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_tuple(N, self)
    }
}

impl<'de, S: DeserializeSeed<'de> + Reader, const N: usize> Visitor<'de> for ReadArray<S, N> {
    type Value = [S::Value; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an array of length {N}")
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(N);
        let mut problems = ValidationErrors::new();
        // Whether the sequence ended, or was left, before its `N`th element.
        let mut stopped = false;
        for index in 0..N {
            match seq.next_element_seed(self.0) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {
                    too_short(index, &self, &mut problems)?;
                    stopped = true;
                    break;
                }
                Err(error) => {
                    let known = seq.size_hint().is_some();
                    if !go_on(error, index, known, &mut problems)? {
                        stopped = true;
                        break;
                    }
                }
            }
        }
        if !stopped {
            // More elements than `N`: counted, and said beside the others' problems.
            let mut len = N;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                len += 1;
            }
            if len > N {
                too_long(len, &self, &mut problems)?;
            }
        }
        if !problems.is_empty() {
            return Err(pass::carry(problems));
        }
        // Every element was read: the length is `N`.
        items
            .try_into()
            .map_err(|items: Vec<S::Value>| de::Error::invalid_length(items.len(), &self))
    }
}

/// An array given `len` elements where the reader `expected` wants fewer: the error on the fast
/// path, a problem in a full pass.
#[cold]
fn too_long<E: de::Error>(
    len: usize,
    expected: &dyn de::Expected,
    problems: &mut ValidationErrors,
) -> Result<(), E> {
    too_short(len, expected, problems)
}

/// An array given `len` elements where the reader `expected` wants more: the error on the fast
/// path, a problem in a full pass.
#[cold]
fn too_short<E: de::Error>(
    len: usize,
    expected: &dyn de::Expected,
    problems: &mut ValidationErrors,
) -> Result<(), E> {
    if !pass::full() {
        return Err(E::invalid_length(len, expected));
    }
    problems.add(
        &crate::path::Trail::Root,
        crate::error::Error::new(
            "invalid_length",
            "expected {expected}, found {len} elements",
        )
        .with_param("expected", expected.to_string())
        .with_param("len", len),
    );
    Ok(())
}

/// Reads a map `C`, its keys with `K` and its values with `V`.
pub struct ReadMap<C, K, V> {
    keys: K,
    values: V,
    /// Whether a map read in part is handed over (see [`Reader::partly`]).
    partly: bool,
    marker: PhantomData<fn() -> C>,
}

impl<C, K, V> ReadMap<C, K, V> {
    /// The reader of a map whose keys `keys` and values `values` read.
    pub const fn new(keys: K, values: V) -> ReadMap<C, K, V> {
        ReadMap {
            keys,
            values,
            partly: false,
            marker: PhantomData,
        }
    }
}

impl<C, K: Copy, V: Copy> Clone for ReadMap<C, K, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, K: Copy, V: Copy> Copy for ReadMap<C, K, V> {}

impl<C, K: Copy, V: Copy> Reader for ReadMap<C, K, V> {
    const COLLECTS: bool = true;

    #[inline]
    fn partly(self) -> Self {
        ReadMap {
            partly: true,
            ..self
        }
    }
}

impl<'de, C, K, V> DeserializeSeed<'de> for ReadMap<C, K, V>
where
    C: Grow<(K::Value, V::Value)>,
    K: DeserializeSeed<'de> + Reader,
    V: DeserializeSeed<'de> + Reader,
{
    type Value = C;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<C, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, C, K, V> Visitor<'de> for ReadMap<C, K, V>
where
    C: Grow<(K::Value, V::Value)>,
    K: DeserializeSeed<'de> + Reader,
    V: DeserializeSeed<'de> + Reader,
{
    type Value = C;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<C, A::Error> {
        let mut entries = C::with_room(room::<(K::Value, V::Value)>(map.size_hint()));
        let mut problems = ValidationErrors::new();
        let mut index = 0;
        // Whether every entry was read (see `ReadSeq`).
        let mut whole = true;
        loop {
            // Where the reader did not name the entry, its position stands in for its key.
            let known = map.size_hint().is_some();
            let key = match map.next_key_seed(self.keys) {
                Ok(Some(key)) => key,
                Ok(None) => break,
                Err(error) => {
                    if !go_on(error, index, known, &mut problems)? {
                        whole = false;
                        break;
                    }
                    map.next_value::<IgnoredAny>()?;
                    index += 1;
                    continue;
                }
            };
            // A value is not asked to be read in part: only the map's reader names its key
            // in the problems' paths, by failing.
            match map.next_value_seed(self.values) {
                Ok(value) => entries.grow((key, value)),
                Err(error) => {
                    if !go_on(error, index, known, &mut problems)? {
                        whole = false;
                        break;
                    }
                }
            }
            index += 1;
        }
        done(entries, problems, self.partly && whole, || None)
    }
}
