//! Change tracking: [`Changes`] (which fields changed, a model's bookkeeping field) and
//! [`ChangedFields`] (their names).

use crate::meta::FieldMeta;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::iter::FusedIterator;

/// Which fields of a model changed: a set of field indices (positions in
/// [`ModelMeta::field_list`](crate::ModelMeta::field_list)), at most 64, in one `u64`.
///
/// A model with `#[model(track_changes)]` declares a field `changes: model::Changes`; its
/// setters and `update` mark the fields they change, and the model reports and clears them.
///
/// Like [`Lazy`](crate::Lazy), it is bookkeeping, not data: two models that hold the same values
/// are equal whatever their history, so a `Changes` compares **equal to every other**, orders as
/// equal, and hashes to nothing, and a model's derived `PartialEq`, `Eq`, `PartialOrd`, `Ord`
/// and `Hash` ignore it. `Debug` shows the bits.
///
/// ```
/// use model_core::Changes;
///
/// let mut changes = Changes::new();
/// assert!(changes.is_empty());
/// changes.mark(0);
/// changes.mark(2);
/// assert!(changes.contains(2) && !changes.contains(1));
/// assert_eq!(changes.bits(), 0b101);
/// assert_eq!(format!("{changes:?}"), "Changes(0b101)");
///
/// let taken = changes.take();
/// assert_eq!(taken.bits(), 0b101);
/// assert!(changes.is_empty());
/// assert_eq!(taken, changes); // bookkeeping, not data
/// ```
#[derive(Clone, Copy, Default)]
pub struct Changes(u64);

impl Changes {
    /// The largest number of fields that can be tracked.
    pub const CAPACITY: usize = u64::BITS as usize;

    /// No change.
    pub const fn new() -> Changes {
        Changes(0)
    }

    /// The changes whose bits are `bits`: bit `i` set for the field at index `i`.
    pub const fn from_bits(bits: u64) -> Changes {
        Changes(bits)
    }

    /// Marks the field at `index` as changed.
    ///
    /// # Panics
    ///
    /// If `index` is 64 or more: a model tracks the changes of at most 64 fields.
    #[inline]
    pub const fn mark(&mut self, index: usize) {
        assert!(
            index < Changes::CAPACITY,
            "a model tracks the changes of at most 64 fields"
        );
        self.0 |= 1 << index;
    }

    /// Marks every field whose bit is set in `bits`.
    #[inline]
    pub fn mark_all(&mut self, bits: u64) {
        self.0 |= bits;
    }

    /// Whether the field at `index` changed.
    #[inline]
    pub const fn contains(&self, index: usize) -> bool {
        index < Changes::CAPACITY && self.0 & (1 << index) != 0
    }

    /// Whether nothing changed.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// How many fields changed.
    #[inline]
    pub const fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    /// The bits: bit `i` set when the field at index `i` changed.
    #[inline]
    pub const fn bits(&self) -> u64 {
        self.0
    }

    /// Forgets every change.
    #[inline]
    pub fn clear(&mut self) {
        self.0 = 0;
    }

    /// The changes so far, forgetting them.
    #[inline]
    pub fn take(&mut self) -> Changes {
        std::mem::take(self)
    }

    /// The names of the changed fields, `fields` being the model's
    /// [`field_list`](crate::ModelMeta::field_list).
    #[inline]
    pub fn names(&self, fields: &'static [FieldMeta]) -> ChangedFields {
        ChangedFields::new(self.0, fields)
    }
}

/// The bits, in binary: `Changes(0b101)`.
impl fmt::Debug for Changes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Changes({:#b})", self.0)
    }
}

/// Always equal: bookkeeping is not data (see [`Changes`]).
impl PartialEq for Changes {
    #[inline]
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Changes {}

/// Always equal: bookkeeping is not data (see [`Changes`]).
impl PartialOrd for Changes {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Always equal: bookkeeping is not data (see [`Changes`]).
impl Ord for Changes {
    #[inline]
    fn cmp(&self, _: &Self) -> Ordering {
        Ordering::Equal
    }
}

/// Writes nothing, consistently with equality: bookkeeping is not data (see [`Changes`]).
impl Hash for Changes {
    #[inline]
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

/// The names of changed fields ([`FieldMeta::name`]), in declaration order.
///
/// ```
/// use model_core::{ChangedFields, FieldMeta};
///
/// static FIELDS: [FieldMeta; 3] = [
///     FieldMeta::new("name", "String"),
///     FieldMeta::new("cpu_cores", "i64"),
///     FieldMeta::new("ram_gb", "i64"),
/// ];
/// let changed = ChangedFields::new(0b110, &FIELDS);
/// assert!(changed.contains("ram_gb") && !changed.contains("name"));
/// assert_eq!(changed.len(), 2);
/// assert_eq!(changed.collect::<Vec<_>>(), ["cpu_cores", "ram_gb"]);
/// ```
#[derive(Clone)]
pub struct ChangedFields {
    bits: u64,
    fields: &'static [FieldMeta],
}

impl ChangedFields {
    /// The fields of `fields` whose bit is set in `bits`. Bits past the end of `fields` are
    /// ignored.
    pub fn new(bits: u64, fields: &'static [FieldMeta]) -> Self {
        let mask = match u32::try_from(fields.len()) {
            Ok(len) if len < u64::BITS => (1u64 << len) - 1,
            _ => u64::MAX,
        };
        ChangedFields {
            bits: bits & mask,
            fields,
        }
    }

    /// Whether the field called `name` (its external name, or its Rust name) is among these.
    pub fn contains(&self, name: &str) -> bool {
        self.fields
            .iter()
            .enumerate()
            .any(|(i, f)| self.has(i) && (f.name() == name || f.ident() == name))
    }

    /// Whether there are none.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// The bits of the fields still to be yielded.
    #[inline]
    pub fn bits(&self) -> u64 {
        self.bits
    }

    fn has(&self, index: usize) -> bool {
        index < 64 && self.bits & (1 << index) != 0
    }
}

impl Iterator for ChangedFields {
    type Item = &'static str;

    #[inline]
    fn next(&mut self) -> Option<&'static str> {
        if self.bits == 0 {
            return None;
        }
        let index = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(self.fields[index].name())
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.bits.count_ones() as usize;
        (len, Some(len))
    }
}

impl DoubleEndedIterator for ChangedFields {
    #[inline]
    fn next_back(&mut self) -> Option<&'static str> {
        if self.bits == 0 {
            return None;
        }
        let index = (u64::BITS - 1 - self.bits.leading_zeros()) as usize;
        self.bits &= !(1 << index);
        Some(self.fields[index].name())
    }
}

impl ExactSizeIterator for ChangedFields {}

impl FusedIterator for ChangedFields {}

/// The names: `["cpu_cores", "ram_gb"]`.
impl fmt::Debug for ChangedFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    static FIELDS: [FieldMeta; 4] = [
        FieldMeta::new("name", "String"),
        FieldMeta::new("cpuCores", "i64").rust_name("cpu_cores"),
        FieldMeta::new("ram_gb", "i64"),
        FieldMeta::new("tags", "Vec<String>"),
    ];

    fn hash_of<T: Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn eight_bytes() {
        assert_eq!(size_of::<Changes>(), 8);
        assert_eq!(size_of::<Option<Changes>>(), 16);
    }

    #[test]
    fn marks() {
        let mut changes = Changes::new();
        assert!(changes.is_empty());
        assert_eq!(changes.len(), 0);
        changes.mark(1);
        changes.mark(1);
        changes.mark(63);
        assert!(changes.contains(1) && changes.contains(63));
        assert!(!changes.contains(0) && !changes.contains(64) && !changes.contains(usize::MAX));
        assert_eq!(changes.bits(), (1 << 63) | 0b10);
        assert_eq!(changes.len(), 2);
        changes.mark_all(0b1001);
        assert_eq!(changes.bits(), (1 << 63) | 0b1011);
        changes.clear();
        assert!(changes.is_empty());
        assert_eq!(Changes::default().bits(), 0);
        assert_eq!(Changes::from_bits(0b110).bits(), 0b110);
    }

    #[test]
    #[should_panic = "at most 64 fields"]
    fn index_out_of_range() {
        Changes::new().mark(64);
    }

    #[test]
    fn const_mark() {
        const CHANGES: Changes = {
            let mut changes = Changes::new();
            changes.mark(3);
            changes
        };
        assert!(CHANGES.contains(3));
    }

    #[test]
    fn take() {
        let mut changes = Changes::from_bits(0b11);
        let taken = changes.take();
        assert_eq!(taken.bits(), 0b11);
        assert!(changes.is_empty());
        assert!(changes.take().is_empty());
    }

    #[test]
    fn bookkeeping_is_not_data() {
        let none = Changes::new();
        let some = Changes::from_bits(0b101);
        assert_eq!(none, some);
        assert_eq!(none.cmp(&some), Ordering::Equal);
        assert_eq!(some.partial_cmp(&none), Some(Ordering::Equal));
        assert_eq!(hash_of(&none), hash_of(&some));
        assert_eq!(format!("{none:?}"), "Changes(0b0)");
        assert_eq!(format!("{some:?}"), "Changes(0b101)");
    }

    #[test]
    fn names_in_order() {
        let changed = Changes::from_bits(0b1101).names(&FIELDS);
        assert_eq!(changed.len(), 3);
        assert_eq!(changed.bits(), 0b1101);
        assert_eq!(format!("{changed:?}"), r#"["name", "ram_gb", "tags"]"#);
        assert_eq!(
            changed.clone().collect::<Vec<_>>(),
            ["name", "ram_gb", "tags"]
        );
        assert_eq!(
            changed.rev().collect::<Vec<_>>(),
            ["tags", "ram_gb", "name"]
        );
    }

    #[test]
    fn names_iterate_both_ends() {
        let mut changed = ChangedFields::new(0b1111, &FIELDS);
        assert_eq!(changed.next(), Some("name"));
        assert_eq!(changed.next_back(), Some("tags"));
        assert_eq!(changed.len(), 2);
        assert!(!changed.contains("name"));
        assert!(changed.contains("cpuCores") && changed.contains("cpu_cores"));
        assert_eq!(changed.next(), Some("cpuCores"));
        assert_eq!(changed.next(), Some("ram_gb"));
        assert_eq!(changed.next(), None);
        assert_eq!(changed.next_back(), None);
        assert!(changed.is_empty());
    }

    #[test]
    fn bits_past_the_fields_are_ignored() {
        let changed = ChangedFields::new(u64::MAX, &FIELDS);
        assert_eq!(changed.bits(), 0b1111);
        assert_eq!(changed.len(), 4);
        let none = ChangedFields::new(0b110000, &FIELDS);
        assert!(none.is_empty());
        assert_eq!(format!("{none:?}"), "[]");
        assert!(!none.contains("name") && !none.contains("nothing"));
        assert_eq!(ChangedFields::new(u64::MAX, &[]).count(), 0);
    }

    #[test]
    fn sixty_four_fields() {
        static MANY: [FieldMeta; 64] = [FieldMeta::new("f", "u8"); 64];
        let changed = ChangedFields::new(u64::MAX, &MANY);
        assert_eq!(changed.len(), 64);
        assert_eq!(changed.count(), 64);
    }
}
