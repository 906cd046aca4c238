//! Where a violation happened: [`Path`] (owned, in a report) and [`Trail`] (borrowed, on the
//! stack while validating).
//!
//! Validation walks a model with a [`Trail`]: a linked list of `&'static str` names and indices
//! that lives on the stack and costs nothing. Only when a violation is recorded is the trail
//! turned into a [`Path`].

use smallvec::SmallVec;
use std::borrow::Cow;
use std::fmt;

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
/// Up to four steps are stored inline, without allocating.
///
/// ```
/// use model_core::{Path, Segment};
///
/// let path: Path = [Segment::Field("tags".into()), Segment::Index(3)].into_iter().collect();
/// assert_eq!(path.to_string(), "tags[3]");
/// assert!(Path::root().is_root());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: SmallVec<[Segment; 4]>,
}

impl Path {
    /// The path of the model itself (struct-level checks).
    pub const fn root() -> Path {
        Path {
            segments: SmallVec::new_const(),
        }
    }

    /// A path of one field.
    pub fn field(name: impl Into<Cow<'static, str>>) -> Path {
        let mut path = Path::root();
        path.push(Segment::Field(name.into()));
        path
    }

    /// Whether this is the root path.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The steps, outermost first.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Appends a step.
    pub fn push(&mut self, segment: Segment) {
        self.segments.push(segment);
    }

    /// Puts `prefix` in front of this path: `tags[0]` under `servers[2]` is `servers[2].tags[0]`.
    pub fn prepend(&mut self, prefix: &Path) {
        self.segments
            .insert_many(0, prefix.segments.iter().cloned());
    }
}

impl FromIterator<Segment> for Path {
    fn from_iter<I: IntoIterator<Item = Segment>>(iter: I) -> Path {
        Path {
            segments: iter.into_iter().collect(),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 && matches!(segment, Segment::Field(_)) {
                f.write_str(".")?;
            }
            fmt::Display::fmt(segment, f)?;
        }
        Ok(())
    }
}

/// The location being validated, as a linked list on the stack.
///
/// Generated code and rules that contain other values (`each`, nested models) extend the trail
/// as they descend; nothing is allocated unless a violation is recorded.
///
/// ```
/// use model_core::Trail;
///
/// let root = Trail::Root;
/// let tags = root.field("tags");
/// let third = tags.index(3);
/// assert_eq!(third.to_path().to_string(), "tags[3]");
/// ```
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

    /// The owned [`Path`] of this trail. Called only when a violation is recorded.
    #[cold]
    pub fn to_path(&self) -> Path {
        let mut path = Path::root();
        self.push_onto(&mut path);
        path
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
