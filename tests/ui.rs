//! Compile-time diagnostics of `#[derive(Model)]`.
//!
//! `tests/ui/<category>/<mistake>.rs` must fail to compile with the error in the `.stderr` file
//! beside it, pointing at the offending tokens of `#[model(...)]`; `tests/ui-pass/*.rs` must
//! compile and run. `tests/ui-serde/*.rs` are mistakes whose report includes the generated
//! `Deserialize`, and `tests/ui-serde-pass/*.rs` must compile and run. Regenerate the expected
//! output with `TRYBUILD=overwrite cargo test --test ui` and read every changed `.stderr`.
//!
//! Compiler messages change between releases, so the suite runs on the stable toolchain only:
//! on beta, nightly or a development build it is skipped. The expected output is that of the
//! default features (without `regex`, every `pattern` is the error that asks for it).

#![cfg(all(feature = "json", feature = "regex"))]

use std::process::Command;

/// Whether the `rustc` that `cargo` will invoke is a stable release (`rustc 1.95.0 (...)`, not
/// `1.96.0-beta.1` or `1.97.0-nightly`).
fn stable_toolchain() -> bool {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let Ok(output) = Command::new(rustc).arg("--version").output() else {
        return false;
    };
    let version = String::from_utf8_lossy(&output.stdout);
    version
        .split_whitespace()
        .nth(1)
        .is_some_and(|release| !release.contains('-'))
}

#[test]
fn ui() {
    if !stable_toolchain() {
        eprintln!("skipping the compile-fail suite: its expected output is for stable rustc");
        return;
    }
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*/*.rs");
    t.compile_fail("tests/ui-serde/*.rs");
    t.pass("tests/ui-serde-pass/*.rs");
    t.pass("tests/ui-pass/*.rs");
}
