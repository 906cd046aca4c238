//! `check`: a function or a closure as a rule.

use crate::{assert_error, fails, int, passes};
use model_core::rules::Check;
use model_core::{Error, Rule};

fn even(value: &i64) -> Result<(), Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(Error::new("even", "must be even (got {value})").with_param("value", *value))
    }
}

#[test]
fn check_with_a_function_and_a_closure() {
    let rule = Check(even);
    passes(&rule, &0);
    passes(&rule, &-2);
    assert_error(
        &fails(&rule, &3),
        "even",
        &[("value", int(3))],
        "must be even (got 3)",
    );
    assert!(Rule::<i64>::params(&rule).is_empty());

    let lowercase = Check(|value: &str| {
        if value.chars().all(|c| !c.is_uppercase()) {
            Ok(())
        } else {
            Err(Error::custom("must be lowercase"))
        }
    });
    passes(&lowercase, "abc");
    passes(&lowercase, "");
    assert_error(
        &fails(&lowercase, "aBc"),
        "custom",
        &[],
        "must be lowercase",
    );

    // A rule borrowed is a rule.
    let borrowed = &rule;
    passes(&borrowed, &4);
    assert_eq!(fails(&borrowed, &5).code(), "even");
}
