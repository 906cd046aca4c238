//! The error report: one violation per line, paths, nested reports, positions of items,
//! message templates and redaction.

use crate::{assert_error, fails, int};
use model_core::__private::{self, How};
use model_core::path::{Path, Segment, Trail};
#[cfg(feature = "regex")]
use model_core::rules::Pattern;
use model_core::rules::{Length, NonEmpty, NonNegative, OneOf, Prefix, Range};
use model_core::{Error, ValidationErrors, Value, Violation};
#[cfg(feature = "regex")]
use std::collections::BTreeMap;
use std::ops::Bound::{Included, Unbounded};

#[test]
fn report_displays_one_violation_per_line_in_order() {
    let mut errors = ValidationErrors::new();
    assert!(errors.is_empty());
    assert_eq!(errors.to_string(), "");

    let root = Trail::Root;
    errors.add(&root.field("cpu_cores"), fails(&NonNegative, &-4i64));
    errors.add(&root.field("name"), fails(&Length::new(1, 64), ""));
    errors.add(&root, Error::custom("the quota is exceeded"));
    errors.add(
        &root.field("tags").index(3),
        fails(&Length::at_most(8), "much-too-long"),
    );

    assert_eq!(errors.len(), 4);
    assert!(!errors.is_empty());
    assert_eq!(
        errors.to_string(),
        "cpu_cores: must not be negative (got -4)\n\
         name: must have between 1 and 64 characters (got 0)\n\
         the quota is exceeded\n\
         tags[3]: must have at most 8 characters (got 13)"
    );
    let codes: Vec<&str> = errors.iter().map(Violation::code).collect();
    assert_eq!(codes, ["non_negative", "length", "custom", "length"]);
    let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["cpu_cores", "name", "", "tags[3]"]);
    assert!(errors.as_slice()[2].path().is_root());

    assert_eq!(errors.at("tags[3]").count(), 1);
    assert_eq!(
        errors.at("").next().unwrap().message(),
        "the quota is exceeded"
    );
    assert_eq!(errors.at("nope").count(), 0);

    let first = &errors.as_slice()[0];
    assert_eq!(first.param("value"), Some(&int(-4)));
    assert_eq!(first.params().len(), 1);
    assert_eq!(first.message(), "must not be negative (got -4)");
    assert_eq!(
        first.to_string(),
        "cpu_cores: must not be negative (got -4)"
    );
    assert_eq!(first.template(), "must not be negative (got {value})");

    // A report is a standard error, and a `Result`.
    let dynamic: &dyn std::error::Error = &errors;
    assert_eq!(dynamic.to_string(), errors.to_string());
    let result = errors.clone().into_result();
    assert_eq!(result.unwrap_err(), errors);
    assert_eq!(ValidationErrors::new().into_result(), Ok(()));

    let owned: Vec<Violation> = errors.into_iter().collect();
    assert_eq!(owned.len(), 4);
}

#[test]
fn paths_with_indices_and_keys() {
    let root = Trail::Root;
    let tags = root.field("tags");
    let third = tags.index(3);
    assert_eq!(third.to_path().to_string(), "tags[3]");
    assert_eq!(
        third.to_path().segments(),
        [Segment::Field("tags".into()), Segment::Index(3)]
    );

    let limits = root.field("limits");
    let cpu = limits.key(&"cpu");
    assert_eq!(cpu.to_path().to_string(), r#"limits["cpu"]"#);
    assert_eq!(
        cpu.to_path().segments(),
        [Segment::Field("limits".into()), Segment::Key("cpu".into())]
    );
    // Keys are quoted and escaped.
    let odd = limits.key(&"a\"b");
    assert_eq!(odd.to_path().to_string(), r#"limits["a\"b"]"#);

    // Top-level items, run-time names and deep paths (more than four steps).
    assert_eq!(root.index(0).to_path().to_string(), "[0]");
    let name = String::from("dynamic");
    let dynamic = Trail::Name(&root, &name);
    assert_eq!(dynamic.to_path().to_string(), "dynamic");
    let servers = root.field("servers");
    let second = servers.index(2);
    let labels = second.field("labels");
    let env = labels.key(&"env");
    let chars = env.field("chars");
    let first = chars.index(0);
    assert_eq!(
        first.to_path().to_string(),
        r#"servers[2].labels["env"].chars[0]"#
    );
    assert_eq!(first.to_path().segments().len(), 6);
    assert_eq!(
        format!("{first:?}"),
        r#"Trail(servers[2].labels["env"].chars[0])"#
    );
    assert!(root.to_path().is_root());
    assert_eq!(Path::field("x").to_string(), "x");

    let mut errors = ValidationErrors::new();
    errors.add(&third, fails(&Length::at_most(3), "abcd"));
    errors.add(&cpu, fails(&Range::new(Unbounded, Included(8)), &16));
    assert_eq!(
        errors.to_string(),
        "tags[3]: must have at most 3 characters (got 4)\n\
         limits[\"cpu\"]: must be at most 8 (got 16)"
    );
    assert_eq!(errors.at(r#"limits["cpu"]"#).count(), 1);
}

#[test]
fn absorb_prefixes_nested_violations() {
    // What a nested model reports, seen from itself.
    let mut inner = ValidationErrors::new();
    let root = Trail::Root;
    inner.add(&root.field("tags").index(0), fails(&NonEmpty, ""));
    inner.add(&root, Error::custom("the server is inconsistent"));

    let mut outer = ValidationErrors::new();
    outer.add(&root.field("name"), fails(&NonEmpty, ""));
    let servers = root.field("servers");
    outer.absorb(&servers.index(2), inner);
    // Nothing to absorb: nothing changes.
    outer.absorb(&servers.index(3), ValidationErrors::new());

    assert_eq!(outer.len(), 3);
    assert_eq!(
        outer.to_string(),
        "name: must not be empty\n\
         servers[2].tags[0]: must not be empty\n\
         servers[2]: the server is inconsistent"
    );
    assert_eq!(
        outer.as_slice()[1].path().segments(),
        [
            Segment::Field("servers".into()),
            Segment::Index(2),
            Segment::Field("tags".into()),
            Segment::Index(0),
        ]
    );

    // Absorbing under the root changes no path.
    let mut top = ValidationErrors::new();
    top.absorb(&Trail::Root, outer.clone());
    assert_eq!(top, outer);

    // Two levels of nesting.
    let mut cluster = ValidationErrors::new();
    let regions = root.field("regions");
    let region = regions.key(&"eu");
    cluster.absorb(&region, outer);
    assert_eq!(
        cluster.as_slice()[1].path().to_string(),
        r#"regions["eu"].servers[2].tags[0]"#
    );
}

#[cfg(feature = "regex")]
#[test]
fn each_keys_and_values_report_positions() {
    let rule = Length::new(1, 3);
    let tags = vec!["ok", "", "fine", "abc"];
    let root = Trail::Root;
    let at = root.field("tags");
    let mut errors = ValidationErrors::new();
    __private::each(&tags, &at, &mut errors, |tag, at, errors| {
        __private::check(*tag, &rule, How::PLAIN, at, errors);
    });
    assert_eq!(
        errors.to_string(),
        "tags[1]: must have between 1 and 3 characters (got 0)\n\
         tags[2]: must have between 1 and 3 characters (got 4)"
    );

    let limits = BTreeMap::from([("cpu", 16), ("disk", 2), ("LOUD", 1)]);
    let at = root.field("limits");
    let mut errors = ValidationErrors::new();
    __private::keys(&limits, &at, &mut errors, |key, at, errors| {
        __private::check(*key, &Pattern::new("^[a-z]+$"), How::PLAIN, at, errors);
    });
    __private::values(&limits, &at, &mut errors, |value, at, errors| {
        __private::check(
            value,
            &Range::new(Included(1), Included(8)),
            How::PLAIN,
            at,
            errors,
        );
    });
    assert_eq!(
        errors.to_string(),
        "limits[\"LOUD\"]: must match the pattern `^[a-z]+$`\n\
         limits[\"cpu\"]: must be between 1 and 8 (got 16)"
    );
}

#[test]
fn custom_message_templates() {
    let root = Trail::Root;
    let at = root.field("cpu_cores");
    let rule = Range::new(Included(1), Included(64));
    let mut errors = ValidationErrors::new();
    let how = How {
        message: Some("cores: {min}..={max}, not {value}"),
        secret: false,
    };
    __private::check(&0, &rule, how, &at, &mut errors);
    __private::check(&8, &rule, how, &at, &mut errors); // valid: nothing recorded
    assert_eq!(errors.len(), 1);
    let violation = &errors.as_slice()[0];
    // The code and parameters are the rule's; only the message changes.
    assert_eq!(violation.code(), "range");
    assert_eq!(violation.param("min"), Some(&int(1)));
    assert_eq!(violation.param("max"), Some(&int(64)));
    assert_eq!(violation.param("value"), Some(&int(0)));
    assert_eq!(violation.message(), "cores: 1..=64, not 0");
    assert_eq!(errors.to_string(), "cpu_cores: cores: 1..=64, not 0");

    // Unknown placeholders and unclosed braces are kept as written.
    let error = Error::new("grade", "{min} to {max}, {unknown} {value")
        .with_param("min", 0)
        .with_param("max", 100u8);
    assert_eq!(error.message(), "0 to 100, {unknown} {value");
    assert_eq!(error.template(), "{min} to {max}, {unknown} {value");

    // Placeholders may repeat and be adjacent.
    let error = Error::new("x", "{a}{a}-{b}")
        .with_param("a", "A")
        .with_param("b", 2.5);
    assert_eq!(error.message(), "AA-2.5");

    // Every kind of value renders.
    let error = Error::new("x", "{n} {b} {l} {m}")
        .with_param("n", Value::Null)
        .with_param("b", true)
        .with_param("l", vec!["a", "b"])
        .with_param("m", Value::Map(vec![("k".to_string(), int(1))]));
    assert_eq!(error.message(), r#"null true ["a", "b"] {k: 1}"#);

    // A parameter set twice keeps its place and takes the new value.
    let error = Error::new("x", "{a}").with_param("a", 1).with_param("a", 2);
    assert_eq!(error.params().len(), 1);
    assert_eq!(error.message(), "2");

    // Message and code can both be replaced.
    let error = fails(&NonEmpty, "")
        .with_message("give it a name")
        .with_code("missing_name");
    assert_eq!(error.code(), "missing_name");
    assert_eq!(error.message(), "give it a name");
    assert_eq!(Error::required().code(), "required");
    assert_eq!(Error::required().message(), "is required");
}

#[test]
fn redact_hides_the_offending_value() {
    let rule = Range::new(Included(1000), Included(9999));
    let mut error = fails(&rule, &42);
    error.redact();
    // Alone, an error cannot tell its rule's configuration from what came of the value: every
    // parameter is hidden. (A secret field's rule shows its declared bounds again: below.)
    assert_error(
        &error,
        "range",
        &[
            ("min", Value::REDACTED),
            ("max", Value::REDACTED),
            ("value", Value::REDACTED),
        ],
        "must be between [redacted] and [redacted] (got [redacted])",
    );

    // Through generated code: secret fields, with and without a custom message.
    let root = Trail::Root;
    let at = root.field("pin");
    let mut errors = ValidationErrors::new();
    let secret = How {
        message: None,
        secret: true,
    };
    __private::check(&42, &rule, secret, &at, &mut errors);
    let tiers = OneOf::new(&["small", "medium", "large"]);
    __private::check(&"hunter2", &tiers, secret, &at, &mut errors);
    let secret_message = How {
        message: Some("bad pin {value}"),
        secret: true,
    };
    __private::check(&7, &rule, secret_message, &at, &mut errors);
    assert_eq!(
        errors.to_string(),
        "pin: must be between 1000 and 9999 (got [redacted])\n\
         pin: must be one of [\"small\", \"medium\", \"large\"] (got [redacted])\n\
         pin: bad pin [redacted]"
    );
    assert!(!errors.to_string().contains("hunter2"));

    // A rule's configuration shows for a secret field: it does not come from the value.
    let mut errors = ValidationErrors::new();
    __private::check("pk-123", &Prefix::new("sk-"), secret, &at, &mut errors);
    assert_eq!(errors.to_string(), "pin: must start with `sk-`");
}

#[test]
fn violations_can_be_built_and_collected() {
    let mut errors =
        ValidationErrors::from(Violation::new(Path::field("a"), Error::custom("first")));
    errors.push(Violation::new(Path::root(), Error::custom("second")));
    errors.extend([Violation::new(Path::field("c"), Error::custom("third"))]);
    let mut prefixed = Violation::new(Path::field("d"), Error::custom("fourth"));
    prefixed.prepend(&Path::field("outer"));
    errors.push(prefixed);
    assert_eq!(
        errors.to_string(),
        "a: first\nsecond\nc: third\nouter.d: fourth"
    );
    let messages: Vec<String> = (&errors).into_iter().map(Violation::message).collect();
    assert_eq!(messages, ["first", "second", "third", "fourth"]);
}
