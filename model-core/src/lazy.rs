//! [`Lazy`]: a field computed on first use and kept.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::ThreadId;

/// A lazily computed field: a cache, filled on first access and kept until [`reset`].
///
/// It is thread-safe (built on [`OnceLock`]): a model holding one can be shared between threads,
/// and the value is computed at most once however many threads ask for it at the same time.
///
/// A cache is not data. Two models that differ only in what they have computed so far are the
/// same model, so a `Lazy` compares **equal to every other** `Lazy` of its type, orders as equal,
/// and hashes to nothing: a model's derived `PartialEq`, `Eq`, `PartialOrd`, `Ord` and `Hash`
/// ignore it, and `a == b` does not depend on whether `a.area()` was called. Cloning keeps the
/// value computed so far.
///
/// A model whose fields change must forget what it derived from them: [`reset`] empties the
/// cache, so that the next access computes the value again.
///
/// ```
/// use model_core::Lazy;
///
/// struct Polygon {
///     sides: Vec<f64>,
///     perimeter: Lazy<f64>,
/// }
///
/// impl Polygon {
///     fn perimeter(&self) -> f64 {
///         *self.perimeter.get_or_init(|| self.sides.iter().sum())
///     }
///
///     fn push_side(&mut self, side: f64) {
///         self.sides.push(side);
///         self.perimeter.reset();
///     }
/// }
///
/// let mut triangle = Polygon { sides: vec![3.0, 4.0, 5.0], perimeter: Lazy::new() };
/// assert!(!triangle.perimeter.is_loaded());
/// assert_eq!(triangle.perimeter(), 12.0);
/// assert_eq!(triangle.perimeter.get(), Some(&12.0));
///
/// triangle.push_side(2.0);
/// assert_eq!(triangle.perimeter.get(), None);
/// assert_eq!(triangle.perimeter(), 14.0);
///
/// // A cache is not data: loaded or not, two caches are equal.
/// assert_eq!(Lazy::from(1.0), Lazy::<f64>::new());
/// ```
///
/// [`reset`]: Lazy::reset
pub struct Lazy<T> {
    cell: OnceLock<T>,
}

impl<T> Lazy<T> {
    /// An empty cache.
    pub const fn new() -> Self {
        Lazy {
            cell: OnceLock::new(),
        }
    }

    /// The value, computed by `f` if it is not loaded yet.
    ///
    /// When several threads ask at once, one computes the value and the others wait for it.
    ///
    /// # Panics
    ///
    /// If `f` asks for this same value, directly or through other lazy values, on this thread
    /// or through a thread that waits for one this thread computes (a cycle, which would
    /// otherwise wait forever), with a message that says so; and if `f` panics. The value is
    /// then still not loaded.
    ///
    /// ```
    /// use model_core::Lazy;
    /// use std::panic::{catch_unwind, AssertUnwindSafe};
    ///
    /// let lazy: Lazy<u32> = Lazy::new();
    /// let cycle = catch_unwind(AssertUnwindSafe(|| *lazy.get_or_init(|| *lazy.get_or_init(|| 1))));
    /// assert!(cycle.is_err());
    /// assert!(!lazy.is_loaded());
    /// assert_eq!(*lazy.get_or_init(|| 2), 2);
    /// ```
    #[inline]
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.load(None, f)
    }

    /// [`Lazy::get_or_init`] for the lazy field `field`, named in the panic of a cycle.
    #[inline]
    pub(crate) fn load(&self, field: Option<&'static str>, f: impl FnOnce() -> T) -> &T {
        if let Some(value) = self.cell.get() {
            return value;
        }
        let asking = Asking::enter(std::ptr::from_ref(self) as usize, field);
        self.cell.get_or_init(|| {
            let _computing = asking.computing();
            f()
        })
    }

    /// The value, if it is loaded.
    #[inline]
    pub fn get(&self) -> Option<&T> {
        self.cell.get()
    }

    /// Whether the value is loaded.
    #[inline]
    pub fn is_loaded(&self) -> bool {
        self.cell.get().is_some()
    }

    /// Forgets the value: the next access computes it again.
    #[inline]
    pub fn reset(&mut self) {
        self.cell.take();
    }

    /// Forgets the value and returns it, if it was loaded.
    #[inline]
    pub fn take(&mut self) -> Option<T> {
        self.cell.take()
    }

    /// The value, if it was loaded.
    #[inline]
    pub fn into_inner(self) -> Option<T> {
        self.cell.into_inner()
    }
}

/// Who computes which lazy value, and who waits for which: the graph in which a cycle means a
/// wait that never ends. Lazy values are identified by address (one cannot move or be freed
/// while it is being computed, since it is borrowed), threads by id. Consulted only on a first
/// access, when a value is not loaded yet.
#[derive(Default)]
struct Graph {
    /// The thread computing each value being computed.
    computing: HashMap<usize, ThreadId>,
    /// The value each thread waits for, if any: while it asks for it and the value is not loaded.
    waiting: HashMap<ThreadId, usize>,
}

fn graph() -> MutexGuard<'static, Graph> {
    static GRAPH: OnceLock<Mutex<Graph>> = OnceLock::new();
    GRAPH
        .get_or_init(Mutex::default)
        .lock()
        // The graph is consistent between calls: a panic cannot leave it half-updated.
        .unwrap_or_else(PoisonError::into_inner)
}

impl Graph {
    /// Whether `thread` asking for `value` closes a cycle: `value` computed by a thread that
    /// waits for a value computed by a thread that waits... for one that `thread` computes.
    fn closes_cycle(&self, thread: ThreadId, value: usize) -> bool {
        let mut value = value;
        // Each step visits another thread; more steps than threads means a cycle elsewhere,
        // which its own last waiter reports.
        for _ in 0..=self.waiting.len() {
            let Some(&owner) = self.computing.get(&value) else {
                return false;
            };
            if owner == thread {
                return true;
            }
            match self.waiting.get(&owner) {
                Some(&next) => value = next,
                None => return false,
            }
        }
        false
    }
}

/// This thread asking for the lazy value at `address`, from [`Asking::enter`] until dropped (a
/// panic included).
struct Asking {
    thread: ThreadId,
    address: usize,
}

impl Asking {
    /// Records that this thread waits for the value at `address`, or panics if that closes a
    /// cycle: its loader, or a loader it waits for, asks for it again, and `OnceLock` would wait
    /// forever.
    fn enter(address: usize, field: Option<&'static str>) -> Asking {
        let thread = std::thread::current().id();
        let mut graph = graph();
        if graph.closes_cycle(thread, address) {
            drop(graph);
            let what = field.map_or_else(
                || "a lazy value".to_owned(),
                |field| format!("lazy field `{field}`"),
            );
            panic!(
                "{what} was asked for while it was being computed: its loader reads it again, \
                 directly, through another lazy field or by name (`get`, `fields`), a cycle that \
                 would never end"
            );
        }
        graph.waiting.insert(thread, address);
        Asking { thread, address }
    }

    /// This thread computes the value it asked for: it no longer waits.
    fn computing(&self) -> Computing {
        let mut graph = graph();
        graph.waiting.remove(&self.thread);
        graph.computing.insert(self.address, self.thread);
        Computing {
            address: self.address,
        }
    }
}

impl Drop for Asking {
    fn drop(&mut self) {
        let mut graph = graph();
        if graph.waiting.get(&self.thread) == Some(&self.address) {
            graph.waiting.remove(&self.thread);
        }
    }
}

/// A value being computed, until dropped (a panic included).
struct Computing {
    address: usize,
}

impl Drop for Computing {
    fn drop(&mut self) {
        graph().computing.remove(&self.address);
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy::new()
    }
}

/// A cache already holding `value`.
impl<T> From<T> for Lazy<T> {
    fn from(value: T) -> Self {
        Lazy {
            cell: OnceLock::from(value),
        }
    }
}

/// Clones the value computed so far, if any.
impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Lazy {
            cell: self.cell.clone(),
        }
    }
}

/// The value when it is loaded, `Lazy(<not loaded>)` otherwise.
impl<T: fmt::Debug> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cell.get() {
            Some(value) => fmt::Debug::fmt(value, f),
            None => f.write_str("Lazy(<not loaded>)"),
        }
    }
}

/// Always equal: a cache is not data (see [`Lazy`]).
impl<T> PartialEq for Lazy<T> {
    #[inline]
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<T> Eq for Lazy<T> {}

/// Always equal: a cache is not data (see [`Lazy`]).
impl<T> PartialOrd for Lazy<T> {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Always equal: a cache is not data (see [`Lazy`]).
impl<T> Ord for Lazy<T> {
    #[inline]
    fn cmp(&self, _: &Self) -> Ordering {
        Ordering::Equal
    }
}

/// Writes nothing, consistently with equality: a cache is not data (see [`Lazy`]).
impl<T> Hash for Lazy<T> {
    #[inline]
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::collections::hash_map::DefaultHasher;
    use std::sync::atomic::{AtomicUsize, Ordering as Atomic};

    fn hash_of<T: Hash>(value: &T) -> u64 {
        let mut hasher = DefaultHasher::new();
        value.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn computes_once_until_reset() {
        let calls = Cell::new(0);
        let compute = || {
            calls.set(calls.get() + 1);
            calls.get() * 10
        };
        let mut lazy = Lazy::new();
        assert!(!lazy.is_loaded());
        assert_eq!(lazy.get(), None);
        assert_eq!(*lazy.get_or_init(compute), 10);
        assert_eq!(*lazy.get_or_init(compute), 10);
        assert_eq!(calls.get(), 1);
        assert!(lazy.is_loaded());
        assert_eq!(lazy.get(), Some(&10));

        lazy.reset();
        assert!(!lazy.is_loaded());
        assert_eq!(*lazy.get_or_init(compute), 20);
        assert_eq!(calls.get(), 2);

        assert_eq!(lazy.take(), Some(20));
        assert_eq!(lazy.take(), None);
        lazy.get_or_init(|| 7);
        assert_eq!(lazy.into_inner(), Some(7));
        assert_eq!(Lazy::<u8>::default().into_inner(), None);
    }

    #[test]
    fn const_and_static() {
        static CACHE: Lazy<String> = Lazy::new();
        assert_eq!(CACHE.get_or_init(|| "once".to_owned()), "once");
        assert_eq!(CACHE.get_or_init(|| "twice".to_owned()), "once");
    }

    #[test]
    fn threads_compute_once() {
        let calls = AtomicUsize::new(0);
        let lazy = Lazy::new();
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    let value = lazy.get_or_init(|| {
                        calls.fetch_add(1, Atomic::SeqCst);
                        42
                    });
                    assert_eq!(*value, 42);
                });
            }
        });
        assert_eq!(calls.load(Atomic::SeqCst), 1);
    }

    #[test]
    fn clone_keeps_the_value() {
        let lazy = Lazy::from(vec![1, 2]);
        let copy = lazy.clone();
        assert_eq!(copy.get(), Some(&vec![1, 2]));
        assert_eq!(Lazy::<Vec<u8>>::new().clone().get(), None);
    }

    #[test]
    fn debug() {
        assert_eq!(format!("{:?}", Lazy::<u8>::new()), "Lazy(<not loaded>)");
        assert_eq!(format!("{:?}", Lazy::from("x")), "\"x\"");
        assert_eq!(format!("{:?}", Lazy::from(1.5)), "1.5");
    }

    #[test]
    fn a_cache_is_not_data() {
        let empty = Lazy::<i32>::new();
        let one = Lazy::from(1);
        let two = Lazy::from(2);
        assert_eq!(empty, one);
        assert_eq!(one, two);
        assert_eq!(one.cmp(&two), Ordering::Equal);
        assert_eq!(empty.partial_cmp(&two), Some(Ordering::Equal));
        assert_eq!(hash_of(&one), hash_of(&empty));
        assert_eq!(hash_of(&(5, one)), hash_of(&(5, two)));

        #[derive(PartialEq, Eq, Hash, Debug)]
        struct Square {
            side: u32,
            area: Lazy<u32>,
        }
        let a = Square {
            side: 3,
            area: Lazy::new(),
        };
        let b = Square {
            side: 3,
            area: Lazy::from(9),
        };
        assert_eq!(a, b);
        assert_eq!(hash_of(&a), hash_of(&b));
        assert_ne!(
            a,
            Square {
                side: 4,
                area: Lazy::new()
            }
        );
    }
}
