//! The containers that `each(...)`, `keys(...)` and `values(...)` look into.
//!
//! ```
//! use model_core::rules::{Entries, Items};
//! use std::collections::BTreeMap;
//!
//! let tags = vec!["a", "b"];
//! assert_eq!(tags.items().count(), 2);
//! let limits = BTreeMap::from([("cpu", 4)]);
//! assert_eq!(limits.entries().next(), Some((&"cpu", &4)));
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

/// A collection whose items `each(...)` checks, with their positions in the error path.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a collection, so `each` does not apply to it",
    label = "`each` needs a Vec, slice, array, set or deque"
)]
pub trait Items {
    /// The type of the items.
    type Item;

    /// The items, in order.
    fn items(&self) -> impl Iterator<Item = &Self::Item>;
}

macro_rules! items {
    ($([$($gen:tt)*] $ty:ty),*) => {$(
        impl<$($gen)*> Items for $ty {
            type Item = T;
            #[inline]
            fn items(&self) -> impl Iterator<Item = &T> {
                self.iter()
            }
        }
    )*};
}
items!(
    [T] [T], [T] Vec<T>, [T, const N: usize] [T; N], [T] VecDeque<T>, [T] Box<[T]>,
    [T, S] HashSet<T, S>, [T] BTreeSet<T>
);

/// A map whose keys or values `keys(...)` and `values(...)` check, keyed in the error path.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a map, so `keys` and `values` do not apply to it",
    label = "`keys` and `values` need a HashMap or a BTreeMap"
)]
pub trait Entries {
    /// The type of the keys.
    type Key;
    /// The type of the values.
    type Value;

    /// The entries, in the map's order.
    fn entries(&self) -> impl Iterator<Item = (&Self::Key, &Self::Value)>;
}

impl<K, V, S> Entries for HashMap<K, V, S> {
    type Key = K;
    type Value = V;
    #[inline]
    fn entries(&self) -> impl Iterator<Item = (&K, &V)> {
        self.iter()
    }
}

impl<K, V> Entries for BTreeMap<K, V> {
    type Key = K;
    type Value = V;
    #[inline]
    fn entries(&self) -> impl Iterator<Item = (&K, &V)> {
        self.iter()
    }
}
