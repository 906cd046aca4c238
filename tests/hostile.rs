//! Hostile shapes of data: what an attacker, or an accident, can build through the public API
//! costs bounded time and stack, and is refused with a clear error rather than a crash.

use model::{Model, MAX_DEPTH};

/// A linked list of models: each node is valid on its own, and the chain can be as long as
/// anyone cares to build.
#[derive(Model, Debug)]
#[model(serde = false)]
struct Node {
    #[model(range(0..=9))]
    digit: u8,
    #[model(nested)]
    next: Option<Box<Node>>,
}

fn chain(length: usize) -> Node {
    let mut node = Node::new(1, None).unwrap();
    for _ in 1..length {
        node = Node::new(1, Some(Box::new(node))).unwrap();
    }
    node
}

#[test]
fn validating_a_tree_deeper_than_the_limit_reports_it_instead_of_overflowing() {
    // Deep enough to overflow any thread's stack if validation recursed all the way down.
    let deep = chain(300_000);
    let errors = deep.validate().unwrap_err();
    assert_eq!(errors.len(), 1);
    let violation = errors.iter().next().unwrap();
    assert_eq!(violation.code(), "depth");
    assert_eq!(
        violation.param("max"),
        Some(&model::Value::UInt(MAX_DEPTH as u64))
    );
    assert_eq!(
        violation.path().to_string(),
        "next".repeat(MAX_DEPTH + 1).replace("tn", "t.n")
    );
    assert!(violation
        .to_string()
        .ends_with("is nested too deeply to validate (a path of more than 256 segments)"));
    // Dropping a chain this long recurses too (that is the standard library's `Box`), so the
    // test leaves it allocated.
    std::mem::forget(deep);
}

#[test]
fn a_tree_within_the_limit_is_validated_to_the_bottom() {
    let fine = chain(MAX_DEPTH + 1);
    assert_eq!(fine.validate(), Ok(()));
    let too_deep = chain(MAX_DEPTH + 2);
    assert_eq!(
        too_deep
            .validate()
            .unwrap_err()
            .iter()
            .next()
            .unwrap()
            .code(),
        "depth"
    );
}
