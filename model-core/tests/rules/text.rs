//! The text rules `prefix`, `suffix`, `contains`, `ascii` and `alphanumeric`.

use crate::{assert_error, fails, passes, text};
use model_core::rules::{Alphanumeric, Ascii, Contains, Prefix, Suffix};
use model_core::{Error, Rule};

#[test]
fn prefix() {
    let rule = Prefix::new("eu-");
    passes(&rule, "eu-west-1");
    passes(&rule, "eu-"); // the prefix alone
    passes(&rule, &"eu-central".to_string());
    let expect = |error: Error| {
        assert_error(
            &error,
            "prefix",
            &[("prefix", text("eu-"))],
            "must start with `eu-`",
        )
    };
    expect(fails(&rule, "us-east-1"));
    expect(fails(&rule, "eu"));
    expect(fails(&rule, "EU-west-1"));
    expect(fails(&rule, " eu-west-1"));
    expect(fails(&rule, ""));
    passes(&Prefix::new(""), "");
    assert_eq!(Rule::<str>::params(&rule).get("prefix"), Some(&text("eu-")));
}

#[test]
fn suffix() {
    let rule = Suffix::new(".io");
    passes(&rule, "model.io");
    passes(&rule, ".io");
    let expect = |error: Error| {
        assert_error(
            &error,
            "suffix",
            &[("suffix", text(".io"))],
            "must end with `.io`",
        )
    };
    expect(fails(&rule, "model.com"));
    expect(fails(&rule, "io"));
    expect(fails(&rule, "model.io."));
    expect(fails(&rule, "model.IO"));
    expect(fails(&rule, ""));
    passes(&Suffix::new(""), "");
    assert_eq!(Rule::<str>::params(&rule).len(), 1);
    assert_eq!(Rule::<str>::params(&rule).get("suffix"), Some(&text(".io")));
}

#[test]
fn contains() {
    let rule = Contains::new("@");
    passes(&rule, "a@b");
    passes(&rule, "@");
    passes(&rule, "ops@");
    let expect = |error: Error| {
        assert_error(
            &error,
            "contains",
            &[("substring", text("@"))],
            "must contain `@`",
        )
    };
    expect(fails(&rule, "ab"));
    expect(fails(&rule, ""));
    expect(fails(&rule, "＠")); // a full-width at sign is another character

    let word = Contains::new("日本");
    passes(&word, "ようこそ日本へ");
    assert_error(
        &fails(&word, "日 本"),
        "contains",
        &[("substring", text("日本"))],
        "must contain `日本`",
    );
    assert_eq!(
        Rule::<str>::params(&rule).get("substring"),
        Some(&text("@"))
    );
}

#[test]
fn ascii() {
    passes(&Ascii, "");
    passes(&Ascii, "abc XYZ 0123 ~!");
    passes(&Ascii, "\0\x7f"); // the first and last ASCII characters
    passes(&Ascii, &"plain".to_string());
    let expect =
        |error: Error| assert_error(&error, "ascii", &[], "must contain only ASCII characters");
    expect(fails(&Ascii, "héllo"));
    expect(fails(&Ascii, "\u{80}"));
    expect(fails(&Ascii, "abc👍"));
    assert!(Rule::<str>::params(&Ascii).is_empty());
}

#[test]
fn alphanumeric() {
    passes(&Alphanumeric, "abc123");
    passes(&Alphanumeric, "ABC");
    passes(&Alphanumeric, "héllo42"); // Unicode letters
    passes(&Alphanumeric, "日本語");
    passes(&Alphanumeric, "٣"); // an Arabic-Indic digit
    passes(&Alphanumeric, ""); // vacuously
    let expect = |error: Error| {
        assert_error(
            &error,
            "alphanumeric",
            &[],
            "must contain only letters and digits",
        )
    };
    expect(fails(&Alphanumeric, "abc-123"));
    expect(fails(&Alphanumeric, "a b"));
    expect(fails(&Alphanumeric, "_"));
    expect(fails(&Alphanumeric, "abc!"));
    expect(fails(&Alphanumeric, "👍"));
    expect(fails(&Alphanumeric, &"tab\there".to_string()));
}
