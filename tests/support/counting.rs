//! A counting global allocator for the allocation tests: it counts, per thread, the
//! allocations made while a thread-local flag is on, so that other threads of the test harness
//! do not disturb the count. The one copy for every crate of the workspace: include it with
//! `#[path = "<relative path to this file>"] mod counting;`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

pub struct Counting;

thread_local! {
    /// Whether this thread's allocations are being counted.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    /// This thread's allocations since counting began.
    static COUNT: Cell<usize> = const { Cell::new(0) };
    /// The bytes this thread allocated less those it freed since counting began.
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: the thread-locals may already be gone while a thread shuts down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = COUNT.try_with(|count| count.set(count.get() + 1));
    }
}

/// Adds `bytes` (negative: freed) to this thread's live bytes, while counting.
fn count_bytes(bytes: isize) {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = LIVE.try_with(|live| live.set(live.get() + bytes));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        count_bytes(layout.size() as isize);
        // SAFETY: forwarded as is; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        count_bytes(layout.size() as isize);
        // SAFETY: forwarded as is.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        count_bytes(new_size as isize - layout.size() as isize);
        // SAFETY: forwarded as is; `ptr` was allocated by `System` through this allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count_bytes(-(layout.size() as isize));
        // SAFETY: forwarded as is; `ptr` was allocated by `System` through this allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f`, returning its result and how many allocations it made on this thread. Dropping
/// the result happens after counting, and frees (which are not counted anyway).
#[allow(dead_code)] // not every test that includes this module needs it
pub fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    COUNT.with(|count| count.set(0));
    COUNTING.with(|counting| counting.set(true));
    let result = black_box(f());
    COUNTING.with(|counting| counting.set(false));
    (result, COUNT.with(Cell::get))
}

/// How many allocations this thread has made so far inside the running `allocations` call.
#[allow(dead_code)] // not every test that includes this module needs it
pub fn so_far() -> usize {
    COUNT.with(Cell::get)
}

/// Runs `f`, returning its result and the heap bytes it left allocated on this thread (bytes
/// requested, allocated less freed): what the result holds on the heap when `f` builds it
/// from data made beforehand.
#[allow(dead_code)] // not every test that includes this module needs it
pub fn live_bytes<R>(f: impl FnOnce() -> R) -> (R, isize) {
    LIVE.with(|live| live.set(0));
    COUNTING.with(|counting| counting.set(true));
    let result = black_box(f());
    COUNTING.with(|counting| counting.set(false));
    (result, LIVE.with(Cell::get))
}
