//! A derived model costs what hand-written checks cost: on a valid `ServerResource`, `new()`,
//! the builder, every setter, `update()` and `validate()` allocate nothing beyond the argument
//! values themselves, which are built before counting starts. An invalid call allocates little:
//! the report's list, not one allocation per violation.
//!
//! A counting global allocator counts, per thread, the allocations made while a thread-local
//! flag is on, so that other threads of the test harness do not disturb the count.

// The shared `ServerResource` matches patterns.
#![cfg(feature = "regex")]

use model::{Model, ValidationErrors};
use std::hint::black_box;
use std::sync::{Mutex, MutexGuard};

#[path = "support/counting.rs"]
mod counting;

use counting::allocations;

#[path = "support/server.rs"]
mod server;

use server::ServerResource;

/// The regular expression's match cache is pooled per thread; two tests matching at once could
/// take each other's cache and allocate a new one. The tests of this file run one at a time.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

/// Compiles the region pattern and fills this thread's match cache, outside any count.
fn warm_up() -> ServerResource {
    let mut server = ServerResource::new("warm-up", 1, 1, "eu-west-1", tags(&["a"]), 1, 0)
        .expect("a valid server");
    server.set_region("us-east-2").expect("a valid region");
    server.validate().expect("valid");
    server
}

#[test]
fn the_counter_counts() {
    let _serial = serial();
    let (boxed, count) = allocations(|| Box::new(black_box(7u64)));
    assert_eq!(*boxed, 7);
    assert_eq!(count, 1);
    let (text, count) = allocations(|| black_box("text").to_string());
    assert_eq!(text, "text");
    assert_eq!(count, 1);
}

#[test]
fn new_on_valid_values_allocates_nothing() {
    let _serial = serial();
    warm_up();

    // The argument values are built first...
    let name = String::from("web-1");
    let region = String::from("eu-west-1");
    let labels = tags(&["prod", "eu", "web"]);
    // ...then `new` moves them in and validates: nothing more.
    let (server, count) = allocations(|| {
        ServerResource::new(
            black_box(name),
            black_box(4),
            black_box(16),
            black_box(region),
            black_box(labels),
            black_box(7),
            black_box(35),
        )
    });
    let server = server.expect("a valid server");
    assert_eq!(count, 0, "`new` allocated {count} times");
    assert_eq!(server.name(), "web-1");

    // The builder as well.
    let name = String::from("db-1");
    let region = String::from("us-east-2");
    let labels = tags(&["db"]);
    let (built, count) = allocations(|| {
        ServerResource::builder()
            .name(black_box(name))
            .cpu_cores(black_box(16))
            .ram_gb(black_box(512))
            .region(black_box(region))
            .tags(black_box(labels))
            .id(black_box(8))
            .load(black_box(80))
            .build()
    });
    assert!(built.is_ok());
    assert_eq!(count, 0, "the builder allocated {count} times");
}

#[test]
fn setters_on_valid_values_allocate_nothing() {
    let _serial = serial();
    let mut server = warm_up();

    let name = String::from("web-2");
    let region = String::from("ap-south-1");
    let labels = tags(&["blue", "green"]);
    let (results, count) = allocations(|| {
        [
            server.set_name(black_box(name)),
            server.set_cpu_cores(black_box(8)),
            server.set_ram_gb(black_box(64)),
            server.set_region(black_box(region)),
            server.set_tags(black_box(labels)),
            server.set_enabled(black_box(false)),
            server.set_load(black_box(99)),
        ]
    });
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(count, 0, "the setters allocated {count} times");
    assert_eq!(
        (server.name().as_str(), server.cpu_cores(), server.ram_gb()),
        ("web-2", 8, 64)
    );
    assert_eq!(server.region(), "ap-south-1");
    assert_eq!(server.tags().len(), 2);
    assert!(!server.enabled());
}

#[test]
fn update_on_valid_values_allocates_nothing() {
    let _serial = serial();
    let mut server = warm_up();

    let name = String::from("big-1");
    let region = String::from("eu-north-1");
    let labels = tags(&["big"]);
    let (result, count) = allocations(|| {
        server.update(|draft| {
            draft
                .set_name(black_box(name))
                .set_cpu_cores(black_box(16))
                .set_ram_gb(black_box(4096))
                .set_region(black_box(region))
                .set_tags(black_box(labels))
                .set_load(black_box(10));
        })
    });
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(count, 0, "`update` allocated {count} times");
    assert_eq!((server.cpu_cores(), server.ram_gb()), (16, 4096));
    assert_eq!(server.name(), "big-1");
}

#[test]
fn validate_and_meta_allocate_nothing() {
    let _serial = serial();
    let server = warm_up();

    let (result, count) = allocations(|| black_box(&server).validate());
    assert!(result.is_ok());
    assert_eq!(count, 0, "`validate` allocated {count} times");

    let (ram, count) = allocations(|| {
        let field = ServerResource::meta().field(black_box("ram_gb")).unwrap();
        (field.ty(), field.rule_list()[0].params())
    });
    assert_eq!(ram.0, "i64");
    assert_eq!(ram.1.len(), 2);
    assert_eq!(count, 0, "reading the metadata allocated {count} times");
}

/// `(path, code)` of every violation, outside any count.
fn codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_string()))
        .collect()
}

#[test]
fn three_invalid_fields_allocate_at_most_twice() {
    let _serial = serial();
    let mut server = warm_up();
    let expected = vec![
        ("name".to_string(), "length".to_string()),
        ("cpu_cores".to_string(), "non_negative".to_string()),
        ("ram_gb".to_string(), "range".to_string()),
    ];

    let name = String::new();
    let region = String::from("eu-west-1");
    let labels = tags(&["prod"]);
    let (result, count) = allocations(|| {
        ServerResource::new(
            black_box(name),
            black_box(-4),
            black_box(0),
            black_box(region),
            black_box(labels),
            black_box(7),
            black_box(35),
        )
    });
    let errors = result.unwrap_err();
    assert_eq!(codes(&errors), expected);
    assert!(
        count <= 2,
        "`new` with three violations allocated {count} times"
    );

    let name = String::new();
    let (result, count) = allocations(|| {
        server.update(|draft| {
            draft
                .set_name(black_box(name))
                .set_cpu_cores(black_box(-4))
                .set_ram_gb(black_box(0));
        })
    });
    assert_eq!(codes(&result.unwrap_err()), expected);
    assert!(
        count <= 2,
        "`update` with three violations allocated {count} times"
    );

    let name = String::new();
    let region = String::from("eu-west-1");
    let labels = tags(&["prod"]);
    let (result, count) = allocations(|| {
        ServerResource::builder()
            .name(black_box(name))
            .cpu_cores(black_box(-4))
            .ram_gb(black_box(0))
            .region(black_box(region))
            .tags(black_box(labels))
            .id(black_box(7))
            .load(black_box(35))
            .build()
    });
    assert_eq!(codes(&result.unwrap_err()), expected);
    assert!(
        count <= 2,
        "the builder with three violations allocated {count} times"
    );

    // One invalid value in a setter: at most the same.
    let (result, count) = allocations(|| server.set_cpu_cores(black_box(-4)));
    assert_eq!(
        result.unwrap_err().to_string(),
        "cpu_cores: must not be negative (got -4)"
    );
    assert!(count <= 2, "a refused set allocated {count} times");
    assert_eq!(server.cpu_cores(), 1, "and left the value alone");
}
