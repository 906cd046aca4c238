//! The `one_of` rule.

use crate::{assert_error, fails, int, passes, text, uint};
use model_core::rules::OneOf;
use model_core::{Error, Rule, Value};
use std::borrow::Cow;

static TIERS: OneOf<&str> = OneOf::new(&["small", "medium", "large"]);

#[test]
fn one_of_strings() {
    passes(&TIERS, "small");
    passes(&TIERS, "large");
    passes(&TIERS, &"medium".to_string());
    passes(&TIERS, &Box::<str>::from("medium"));
    passes(&TIERS, &Cow::Borrowed("medium"));
    passes(&TIERS, &"small"); // a `&'static str` field

    let allowed = Value::List(vec![text("small"), text("medium"), text("large")]);
    let expect = |error: Error, got: &'static str| {
        assert_error(
            &error,
            "one_of",
            &[("allowed", allowed.clone()), ("value", text(got))],
            &format!(r#"must be one of ["small", "medium", "large"] (got {got})"#),
        )
    };
    expect(fails(&TIERS, "huge"), "huge");
    expect(fails(&TIERS, "Small"), "Small"); // case-sensitive
    expect(fails(&TIERS, "small "), "small ");
    expect(fails(&TIERS, ""), "");
    expect(fails(&TIERS, &"tiny".to_string()), "tiny");
    expect(fails(&TIERS, &Cow::Borrowed("xl")), "xl");
    expect(fails(&TIERS, &"xxl"), "xxl");

    let params = Rule::<str>::params(&TIERS);
    assert_eq!(params.len(), 1);
    assert_eq!(params.get("allowed"), Some(&allowed));
}

#[test]
fn one_of_integers() {
    let sizes = OneOf::new(&[1, 2, 4, 8]);
    for size in [1, 2, 4, 8] {
        passes(&sizes, &size);
    }
    let allowed = Value::List(vec![int(1), int(2), int(4), int(8)]);
    assert_error(
        &fails(&sizes, &3),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(3))],
        "must be one of [1, 2, 4, 8] (got 3)",
    );
    assert_error(
        &fails(&sizes, &0),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(0))],
        "must be one of [1, 2, 4, 8] (got 0)",
    );
    assert_error(
        &fails(&sizes, &9),
        "one_of",
        &[("allowed", allowed.clone()), ("value", int(9))],
        "must be one of [1, 2, 4, 8] (got 9)",
    );
    assert_eq!(Rule::<i32>::params(&sizes).get("allowed"), Some(&allowed));

    let ports = OneOf::new(&[80u16, 443]);
    passes(&ports, &443);
    assert_error(
        &fails(&ports, &8080),
        "one_of",
        &[
            ("allowed", Value::List(vec![uint(80), uint(443)])),
            ("value", uint(8080)),
        ],
        "must be one of [80, 443] (got 8080)",
    );

    let nothing = OneOf::<i64>::new(&[]);
    assert_error(
        &fails(&nothing, &1),
        "one_of",
        &[("allowed", Value::List(vec![])), ("value", int(1))],
        "must be one of [] (got 1)",
    );
}
