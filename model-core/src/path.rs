//! Where a violation happened: [`Path`], the location of a value inside a model
//! (`servers[2].tags[0]`), a list of [`Segment`]s.
//!
//! ```
//! use model_core::path::{Path, Segment};
//!
//! let path: Path = [Segment::Field("tags".into()), Segment::Index(3)].into_iter().collect();
//! assert_eq!(path.to_string(), "tags[3]");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::mem::ManuallyDrop;

/// One step of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A field of a model: `name`.
    Field(Cow<'static, str>),
    /// A position in a sequence or set: `[3]`.
    Index(usize),
    /// A key of a map: `["cpu"]`.
    Key(String),
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Segment::Field(name) => f.write_str(name),
            Segment::Index(i) => write!(f, "[{i}]"),
            Segment::Key(key) => write!(f, "[{key:?}]"),
        }
    }
}

/// The location of a value inside a model: `servers[2].tags[0]`, `limits["cpu"]`.
///
/// Up to two steps (`tags[3]`) are stored inline, without allocating: a path is part of every
/// violation in a report, so it is kept small.
///
/// ```
/// use model_core::path::{Path, Segment};
///
/// let path: Path = [Segment::Field("tags".into()), Segment::Index(3)].into_iter().collect();
/// assert_eq!(path.to_string(), "tags[3]");
/// assert!(Path::root().is_root());
/// ```
#[derive(Clone)]
pub struct Path {
    steps: Steps,
}

/// The steps of a path: two inline (a plain array, so that a short path is built in place, as
/// any struct is), or more on the heap.
#[derive(Clone)]
enum Steps {
    /// The first `len` of `steps`; the others own nothing (a [`FILLER`], or what
    /// [`Path::short`] leaves).
    Inline {
        len: u8,
        steps: Pair,
    },
    Heap(Vec<Segment>),
}

/// What replaces a key of a secret map in a path: `tokens["[redacted]"]`.
pub(crate) const REDACTED_KEY: &str = "[redacted]";

/// How many steps are stored inline.
const INLINE: usize = 2;

/// What fills the unused inline steps. It may be any step that owns nothing.
const FILLER: Segment = Segment::Index(0);

/// Two inline steps. Dropping them costs nothing when they own nothing, as static field names
/// and indices do.
#[derive(Clone)]
struct Pair(ManuallyDrop<[Segment; INLINE]>);

impl Drop for Pair {
    #[inline]
    fn drop(&mut self) {
        let owns =
            |step: &Segment| !matches!(step, Segment::Field(Cow::Borrowed(_)) | Segment::Index(_));
        if self.0.iter().any(owns) {
            self.drop_owned();
        }
    }
}

impl Pair {
    #[cold]
    #[inline(never)]
    fn drop_owned(&mut self) {
        drop(ManuallyDrop::into_inner(std::mem::replace(
            &mut self.0,
            ManuallyDrop::new([FILLER; INLINE]),
        )));
    }
}

impl Path {
    /// The path of the model itself (struct-level checks).
    pub const fn root() -> Path {
        Path::inline(0, [FILLER; INLINE])
    }

    #[inline]
    const fn inline(len: u8, steps: [Segment; INLINE]) -> Path {
        Path {
            steps: Steps::Inline {
                len,
                steps: Pair(ManuallyDrop::new(steps)),
            },
        }
    }

    /// A path of one field.
    pub fn field(name: impl Into<Cow<'static, str>>) -> Path {
        Path::inline(1, [Segment::Field(name.into()), FILLER])
    }

    /// The path of `(len, name, index)` from [`Trail::short`]: built from scalars, without a
    /// branch, so that it is written in place.
    #[inline]
    pub(crate) fn short((len, name, index): (usize, &'static str, usize)) -> Path {
        Path::inline(
            len as u8,
            [Segment::Field(Cow::Borrowed(name)), Segment::Index(index)],
        )
    }

    /// Whether this is the root path.
    #[inline]
    pub fn is_root(&self) -> bool {
        self.segments().is_empty()
    }

    /// The steps, outermost first.
    #[inline]
    pub fn segments(&self) -> &[Segment] {
        match &self.steps {
            Steps::Inline { len, steps } => &steps.0[..usize::from(*len)],
            Steps::Heap(steps) => steps,
        }
    }

    /// The steps as a growable list, moving inline ones to the heap.
    fn heap(&mut self, additional: usize) -> &mut Vec<Segment> {
        if let Steps::Inline { len, steps } = &mut self.steps {
            let mut heap = Vec::with_capacity(usize::from(*len) + additional);
            heap.extend(
                steps.0[..usize::from(*len)]
                    .iter_mut()
                    .map(|step| std::mem::replace(step, FILLER)),
            );
            self.steps = Steps::Heap(heap);
        }
        match &mut self.steps {
            Steps::Heap(steps) => steps,
            Steps::Inline { .. } => unreachable!("moved to the heap above"),
        }
    }

    /// Appends a step.
    #[inline]
    pub fn push(&mut self, segment: Segment) {
        match &mut self.steps {
            Steps::Inline { len, steps } if usize::from(*len) < INLINE => {
                // The filler replaced owns nothing.
                std::mem::forget(std::mem::replace(&mut steps.0[usize::from(*len)], segment));
                *len += 1;
            }
            _ => self.heap(1).push(segment),
        }
    }

    /// Hides the map keys from the `depth`th step on: they are a secret field's.
    pub(crate) fn redact_keys_from(&mut self, depth: usize) {
        let hidden = |(i, step): (usize, &Segment)| i >= depth && matches!(step, Segment::Key(_));
        if self.segments().iter().enumerate().any(hidden) {
            *self = self
                .segments()
                .iter()
                .enumerate()
                .map(|(i, step)| {
                    if hidden((i, step)) {
                        Segment::Key(REDACTED_KEY.to_owned())
                    } else {
                        step.clone()
                    }
                })
                .collect();
        }
    }

    /// Puts `prefix` in front of this path: `tags[0]` under `servers[2]` is `servers[2].tags[0]`.
    pub fn prepend(&mut self, prefix: &Path) {
        let prefix = prefix.segments();
        if prefix.len() + self.segments().len() <= INLINE {
            let own = std::mem::take(self);
            *self = prefix.iter().chain(own.segments()).cloned().collect();
        } else if !prefix.is_empty() {
            self.heap(prefix.len()).splice(0..0, prefix.iter().cloned());
        }
    }
}

impl Default for Path {
    fn default() -> Path {
        Path::root()
    }
}

impl FromIterator<Segment> for Path {
    fn from_iter<I: IntoIterator<Item = Segment>>(iter: I) -> Path {
        let mut path = Path::root();
        for segment in iter {
            path.push(segment);
        }
        path
    }
}

/// Equal when the steps are, however stored.
impl PartialEq for Path {
    fn eq(&self, other: &Path) -> bool {
        self.segments() == other.segments()
    }
}

impl Eq for Path {}

impl Hash for Path {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.segments().hash(state);
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Path")
            .field("segments", &self.segments())
            .finish()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments().iter().enumerate() {
            if i > 0 && matches!(segment, Segment::Field(_)) {
                f.write_str(".")?;
            }
            fmt::Display::fmt(segment, f)?;
        }
        Ok(())
    }
}

/// The location being validated, as a linked list of `&'static str` names and indices on the
/// stack: nothing is allocated unless a violation is recorded, and then it becomes a [`Path`].
///
/// Generated code and the rules that contain other values (`each`, `keys`, `values`, nested
/// models) extend the trail as they descend. Not public API: it changes without notice.
///
/// ```
/// use model_core::path::Trail;
///
/// let root = Trail::Root;
/// let tags = root.field("tags");
/// let third = tags.index(3);
/// assert_eq!(third.to_path().to_string(), "tags[3]");
/// ```
#[doc(hidden)]
#[derive(Clone, Copy)]
pub enum Trail<'a> {
    /// The model itself.
    Root,
    /// A field whose name is known at compile time.
    Field(&'a Trail<'a>, &'static str),
    /// A field whose name is known at run time (models defined from a schema).
    Name(&'a Trail<'a>, &'a str),
    /// A position in a sequence or set.
    Index(&'a Trail<'a>, usize),
    /// A key of a map.
    Key(&'a Trail<'a>, &'a dyn fmt::Display),
}

impl<'a> Trail<'a> {
    /// This trail extended by a field.
    pub fn field(&'a self, name: &'static str) -> Trail<'a> {
        Trail::Field(self, name)
    }

    /// This trail extended by a position.
    pub fn index(&'a self, index: usize) -> Trail<'a> {
        Trail::Index(self, index)
    }

    /// This trail extended by a map key.
    pub fn key(&'a self, key: &'a dyn fmt::Display) -> Trail<'a> {
        Trail::Key(self, key)
    }

    /// The number of segments of this trail.
    pub(crate) fn depth(&self) -> usize {
        let mut depth = 0;
        let mut trail = self;
        loop {
            trail = match trail {
                Trail::Root => return depth,
                Trail::Field(parent, _)
                | Trail::Name(parent, _)
                | Trail::Index(parent, _)
                | Trail::Key(parent, _) => parent,
            };
            depth += 1;
        }
    }

    /// Whether this trail has more than `segments` segments, found in at most `segments` steps.
    pub(crate) fn longer_than(&self, segments: usize) -> bool {
        let mut trail = self;
        for _ in 0..=segments {
            trail = match trail {
                Trail::Root => return false,
                Trail::Field(parent, _)
                | Trail::Name(parent, _)
                | Trail::Index(parent, _)
                | Trail::Key(parent, _) => parent,
            };
        }
        true
    }

    /// The owned [`Path`] of this trail. Called only when a violation is recorded.
    #[cold]
    pub fn to_path(&self) -> Path {
        let mut path = Path::root();
        self.push_onto(&mut path);
        path
    }

    /// A top-level field (`(1, name, _)`), an item of one (`(2, name, index)`) or the root
    /// (`(0, _, _)`): the trails of almost every violation, whose [`Path::short`] is built in
    /// place. `None` for the others.
    #[inline]
    pub(crate) fn short(&self) -> Option<(usize, &'static str, usize)> {
        match *self {
            Trail::Root => Some((0, "", 0)),
            Trail::Field(Trail::Root, name) => Some((1, name, 0)),
            Trail::Index(Trail::Field(Trail::Root, name), index) => Some((2, name, index)),
            _ => None,
        }
    }

    fn push_onto(&self, path: &mut Path) {
        match *self {
            Trail::Root => {}
            Trail::Field(parent, name) => {
                parent.push_onto(path);
                path.push(Segment::Field(Cow::Borrowed(name)));
            }
            Trail::Name(parent, name) => {
                parent.push_onto(path);
                path.push(Segment::Field(Cow::Owned(name.to_owned())));
            }
            Trail::Index(parent, index) => {
                parent.push_onto(path);
                path.push(Segment::Index(index));
            }
            Trail::Key(parent, key) => {
                parent.push_onto(path);
                path.push(Segment::Key(key.to_string()));
            }
        }
    }
}

impl fmt::Debug for Trail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Trail({})", self.to_path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn hash(path: &Path) -> u64 {
        let mut hasher = DefaultHasher::new();
        path.hash(&mut hasher);
        hasher.finish()
    }

    fn field(name: &'static str) -> Segment {
        Segment::Field(Cow::Borrowed(name))
    }

    #[test]
    fn two_steps_inline_more_on_the_heap() {
        let mut path = Path::root();
        path.push(field("servers"));
        path.push(Segment::Index(2));
        assert!(matches!(path.steps, Steps::Inline { len: 2, .. }));
        path.push(Segment::Key("cpu".to_owned()));
        assert!(matches!(path.steps, Steps::Heap(_)));
        assert_eq!(path.to_string(), r#"servers[2]["cpu"]"#);
        assert_eq!(path.segments().len(), 3);
    }

    #[test]
    fn equal_and_hashed_alike_however_stored() {
        let inline: Path = [field("tags"), Segment::Index(3)].into_iter().collect();
        let mut heap = Path {
            steps: Steps::Heap(vec![field("tags")]),
        };
        heap.push(Segment::Index(3));
        assert_eq!(inline, heap);
        assert_eq!(hash(&inline), hash(&heap));
        assert_eq!(format!("{inline:?}"), format!("{heap:?}"));
        assert_eq!(Path::default(), Path::root());
    }

    #[test]
    fn prepend_stays_inline_when_it_fits() {
        let mut path = Path::field("name");
        path.prepend(&Path::field("inner"));
        assert!(matches!(path.steps, Steps::Inline { len: 2, .. }));
        assert_eq!(path.to_string(), "inner.name");

        let mut path: Path = [field("tags"), Segment::Index(0)].into_iter().collect();
        let prefix: Path = [field("servers"), Segment::Index(2)].into_iter().collect();
        path.prepend(&prefix);
        assert_eq!(path.to_string(), "servers[2].tags[0]");
        path.prepend(&Path::root());
        assert_eq!(path.segments().len(), 4);
    }

    #[test]
    fn owned_steps_are_kept_and_dropped() {
        let name = String::from("dynamic");
        let root = Trail::Root;
        let trail = Trail::Name(&root, &name);
        let path = trail.to_path();
        assert_eq!(path.to_string(), "dynamic");
        let copy = path.clone();
        drop(path);
        assert_eq!(copy.segments(), [Segment::Field(Cow::Owned(name))]);
    }

    #[test]
    fn short_trails() {
        let root = Trail::Root;
        let tags = root.field("tags");
        let third = tags.index(3);
        for trail in [&root, &tags, &third] {
            let short = trail.short().expect("a short trail");
            assert_eq!(Path::short(short), trail.to_path());
        }
        let nested = third.field("name");
        assert_eq!(nested.short(), None);
    }
}
