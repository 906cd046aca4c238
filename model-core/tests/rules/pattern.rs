//! The `pattern` rule: a regular expression, built once.

use crate::{assert_error, fails, passes, text};
use model_core::rules::Pattern;
use model_core::{Error, Rule};
use std::borrow::Cow;

static REGION: Pattern = Pattern::new("^[a-z]+-[a-z]+-[0-9]+$");

#[test]
fn pattern() {
    passes(&REGION, "eu-west-1");
    passes(&REGION, &"us-east-12".to_string());
    passes(&REGION, &Cow::Borrowed("ap-south-0"));

    let expect = |error: Error| {
        assert_error(
            &error,
            "pattern",
            &[("pattern", text("^[a-z]+-[a-z]+-[0-9]+$"))],
            "must match the pattern `^[a-z]+-[a-z]+-[0-9]+$`",
        )
    };
    expect(fails(&REGION, "EU-WEST-1"));
    expect(fails(&REGION, "eu-west-"));
    expect(fails(&REGION, "eu-west-1 "));
    expect(fails(&REGION, ""));
    expect(fails(&REGION, &"eu-west".to_string()));

    assert_eq!(REGION.source(), "^[a-z]+-[a-z]+-[0-9]+$");
    assert!(REGION.regex().is_some());
    let params = Rule::<str>::params(&REGION);
    assert_eq!(params.len(), 1);
    assert_eq!(params.get("pattern"), Some(&text("^[a-z]+-[a-z]+-[0-9]+$")));

    // Not anchored: a match anywhere is enough.
    let digit = Pattern::new("[0-9]");
    passes(&digit, "abc1def");
    assert_eq!(
        fails(&digit, "abc").message(),
        "must match the pattern `[0-9]`"
    );

    // Unicode classes.
    let letters = Pattern::new(r"^\p{L}+$");
    passes(&letters, "日本語");
    passes(&letters, "héllo");
    assert!(letters.check("abc1").is_err());
}

#[test]
fn pattern_that_does_not_compile() {
    let broken = Pattern::new("([a-z]");
    assert!(broken.regex().is_none());
    let error = fails(&broken, "abc");
    assert_error(
        &error,
        "pattern",
        &[("pattern", text("([a-z]"))],
        "cannot be checked: the pattern `([a-z]` does not compile",
    );
    // Every value is rejected, the empty one included.
    assert_eq!(fails(&broken, "").code(), "pattern");
}
