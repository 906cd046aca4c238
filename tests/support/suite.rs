//! Where the JSON Schema Test Suite's files are: the copy kept in `tests/json-schema-test-suite`
//! (draft 2020-12, the keywords model schemas use), or the one `JSON_SCHEMA_TEST_SUITE` names.

use std::path::PathBuf;

/// The suite's `draft2020-12` folder; a missing folder fails the test that asks.
pub fn suite() -> PathBuf {
    let dir = std::env::var_os("JSON_SCHEMA_TEST_SUITE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/json-schema-test-suite")
        })
        .join("draft2020-12");
    assert!(
        dir.is_dir(),
        "the JSON Schema Test Suite is not at {}",
        dir.display()
    );
    dir
}
