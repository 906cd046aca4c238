//! The `length` rule (characters of text, items of collections), `length(bytes = ..)` and
//! `non_empty`.

use crate::{assert_error, fails, passes, text, uint};
use model_core::rules::{ByteLength, Length, NonEmpty};
use model_core::{Error, Rule};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

#[test]
fn length_of_text_between() {
    let rule = Length::new(2, 4);
    passes(&rule, "ab");
    passes(&rule, "abcd");
    assert_error(
        &fails(&rule, "a"),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have between 2 and 4 characters (got 1)",
    );
    assert_error(
        &fails(&rule, "abcde"),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(5)),
        ],
        "must have between 2 and 4 characters (got 5)",
    );
    assert_error(
        &fails(&rule, ""),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(4)),
            ("unit", text("characters")),
            ("length", uint(0)),
        ],
        "must have between 2 and 4 characters (got 0)",
    );
}

#[test]
fn length_counts_characters_not_bytes() {
    // Three characters, nine bytes.
    let rule = Length::new(1, 3);
    passes(&rule, "日本語");
    assert_error(
        &fails(&rule, "日本語x"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have between 1 and 3 characters (got 4)",
    );
    // One character of four bytes.
    passes(&Length::new(1, 1), "👍");
    passes(&Length::new(1, 1), "é");
    passes(&Length::at_most(2), "éé");
    passes(&Length::at_least(3), "ééé");
    passes(&Length::new(4, 4), "🦀🦀🦀🦀");
    assert_error(
        &fails(&Length::at_least(3), "éé"),
        "length",
        &[
            ("min", uint(3)),
            ("unit", text("characters")),
            ("length", uint(2)),
        ],
        "must have at least 3 characters (got 2)",
    );
    assert_error(
        &fails(&Length::at_most(2), "🦀🦀🦀"),
        "length",
        &[
            ("max", uint(2)),
            ("unit", text("characters")),
            ("length", uint(3)),
        ],
        "must have at most 2 characters (got 3)",
    );
    // Characters are Unicode scalar values: a decomposed "é" is two.
    assert_error(
        &fails(&Length::new(1, 1), "e\u{301}"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(1)),
            ("unit", text("character")),
            ("length", uint(2)),
        ],
        "must have exactly 1 character (got 2)",
    );
}

#[test]
fn length_at_least_at_most_exact() {
    let at_least = Length::at_least(2);
    passes(&at_least, "ab");
    passes(&at_least, "a much longer text");
    assert_error(
        &fails(&at_least, "a"),
        "length",
        &[
            ("min", uint(2)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have at least 2 characters (got 1)",
    );
    assert_error(
        &fails(&Length::at_least(1), ""),
        "length",
        &[
            ("min", uint(1)),
            ("unit", text("character")),
            ("length", uint(0)),
        ],
        "must have at least 1 character (got 0)",
    );

    let at_most = Length::at_most(3);
    passes(&at_most, "");
    passes(&at_most, "abc");
    assert_error(
        &fails(&at_most, "abcd"),
        "length",
        &[
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have at most 3 characters (got 4)",
    );

    let exact = Length::new(3, 3);
    passes(&exact, "abc");
    assert_error(
        &fails(&exact, "ab"),
        "length",
        &[
            ("min", uint(3)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(2)),
        ],
        "must have exactly 3 characters (got 2)",
    );
    assert_error(
        &fails(&exact, "abcd"),
        "length",
        &[
            ("min", uint(3)),
            ("max", uint(3)),
            ("unit", text("characters")),
            ("length", uint(4)),
        ],
        "must have exactly 3 characters (got 4)",
    );

    // Exactly zero: the `{min}` placeholder must still be filled.
    let empty = Length::new(0, 0);
    passes(&empty, "");
    assert_error(
        &fails(&empty, "a"),
        "length",
        &[
            ("min", uint(0)),
            ("max", uint(0)),
            ("unit", text("characters")),
            ("length", uint(1)),
        ],
        "must have exactly 0 characters (got 1)",
    );

    // No bounds at all.
    passes(&Length::at_least(0), "");
    passes(&Length::at_most(usize::MAX), "anything");
}

#[test]
fn length_of_text_types() {
    let rule = Length::new(1, 2);
    passes(&rule, &"ab".to_string());
    passes(&rule, &Box::<str>::from("ab"));
    passes(&rule, &Rc::<str>::from("ab"));
    passes(&rule, &Arc::<str>::from("ab"));
    passes(&rule, &Cow::Borrowed("ab"));
    passes(&rule, &Cow::<str>::Owned("ab".to_string()));
    let message = "must have between 1 and 2 characters (got 3)";
    assert_eq!(fails(&rule, &"abc".to_string()).message(), message);
    assert_eq!(fails(&rule, &Box::<str>::from("abc")).message(), message);
    assert_eq!(fails(&rule, &Arc::<str>::from("abc")).message(), message);
    assert_eq!(fails(&rule, &Cow::Borrowed("abc")).message(), message);
}

#[test]
fn length_of_collections_counts_items() {
    let rule = Length::new(1, 2);
    passes(&rule, &vec![1]);
    passes(&rule, &vec![1, 2]);
    passes(&rule, &[1, 2][..]);
    passes(&rule, &[1, 2]);
    passes(&rule, &VecDeque::from([1]));
    passes(&rule, &BTreeSet::from(["a", "b"]));
    passes(&rule, &HashMap::from([("a", 1)]));
    passes(&rule, &BTreeMap::from([("a", 1), ("b", 2)]));
    // Items, not characters: two long strings are two items.
    passes(&rule, &vec!["long text".to_string(), "日本語".to_string()]);

    let too_many = |length: u64| {
        [
            ("min", uint(1)),
            ("max", uint(2)),
            ("unit", text("items")),
            ("length", uint(length)),
        ]
    };
    assert_error(
        &fails(&rule, &vec![1, 2, 3]),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&rule, &Vec::<i32>::new()),
        "length",
        &too_many(0),
        "must have between 1 and 2 items (got 0)",
    );
    assert_error(
        &fails(&rule, &[0u8; 3]),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&rule, &HashMap::from([(1, 1), (2, 2), (3, 3)])),
        "length",
        &too_many(3),
        "must have between 1 and 2 items (got 3)",
    );
    assert_error(
        &fails(&Length::at_most(1), &vec![1, 2]),
        "length",
        &[
            ("max", uint(1)),
            ("unit", text("item")),
            ("length", uint(2)),
        ],
        "must have at most 1 item (got 2)",
    );
    assert_error(
        &fails(&Length::at_least(1), &Vec::<u8>::new()),
        "length",
        &[
            ("min", uint(1)),
            ("unit", text("item")),
            ("length", uint(0)),
        ],
        "must have at least 1 item (got 0)",
    );
    assert_error(
        &fails(&Length::new(2, 2), &BTreeSet::from([1])),
        "length",
        &[
            ("min", uint(2)),
            ("max", uint(2)),
            ("unit", text("items")),
            ("length", uint(1)),
        ],
        "must have exactly 2 items (got 1)",
    );
}

#[test]
fn length_params() {
    let params = Rule::<str>::params(&Length::new(1, 64));
    assert_eq!(params.len(), 3);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("max"), Some(&uint(64)));
    assert_eq!(params.get("unit"), Some(&text("characters")));

    let params = Rule::<Vec<u8>>::params(&Length::at_least(1));
    assert_eq!(params.len(), 2);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("unit"), Some(&text("items")));

    let params = Rule::<String>::params(&Length::at_most(8));
    assert_eq!(params.len(), 2);
    assert_eq!(params.get("max"), Some(&uint(8)));
}

#[test]
fn byte_length() {
    let rule = ByteLength::new(1, 4);
    passes(&rule, "a");
    passes(&rule, "é"); // two bytes
    passes(&rule, "éé"); // four bytes
    passes(&rule, "👍"); // four bytes
    assert_error(
        &fails(&rule, ""),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(4)),
            ("unit", text("bytes")),
            ("length", uint(0)),
        ],
        "must have between 1 and 4 bytes (got 0)",
    );
    // Two characters but five bytes.
    assert_error(
        &fails(&rule, "éé!"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(4)),
            ("unit", text("bytes")),
            ("length", uint(5)),
        ],
        "must have between 1 and 4 bytes (got 5)",
    );

    // One character, two bytes.
    passes(&Length::new(1, 1), "é");
    assert_error(
        &fails(&ByteLength::new(1, 1), "é"),
        "length",
        &[
            ("min", uint(1)),
            ("max", uint(1)),
            ("unit", text("byte")),
            ("length", uint(2)),
        ],
        "must have exactly 1 byte (got 2)",
    );
    assert_error(
        &fails(&ByteLength::new(0, 3), "abcd"),
        "length",
        &[
            ("max", uint(3)),
            ("unit", text("bytes")),
            ("length", uint(4)),
        ],
        "must have at most 3 bytes (got 4)",
    );
    assert_error(
        &fails(&ByteLength::new(2, usize::MAX), "a"),
        "length",
        &[
            ("min", uint(2)),
            ("unit", text("bytes")),
            ("length", uint(1)),
        ],
        "must have at least 2 bytes (got 1)",
    );
    assert_error(
        &fails(&ByteLength::new(0, 0), "a"),
        "length",
        &[
            ("min", uint(0)),
            ("max", uint(0)),
            ("unit", text("bytes")),
            ("length", uint(1)),
        ],
        "must have exactly 0 bytes (got 1)",
    );

    // Byte buffers and other text types.
    passes(&rule, &vec![0u8; 4]);
    passes(&rule, &[0u8; 1]);
    passes(&rule, &b"ab"[..]);
    passes(&rule, &"abcd".to_string());
    passes(&rule, &Cow::Borrowed("ab"));
    assert_eq!(
        fails(&rule, &vec![0u8; 5]).message(),
        "must have between 1 and 4 bytes (got 5)"
    );
    assert_eq!(
        fails(&rule, &[0u8; 0]).message(),
        "must have between 1 and 4 bytes (got 0)"
    );

    let params = Rule::<str>::params(&rule);
    assert_eq!(params.len(), 3);
    assert_eq!(params.get("min"), Some(&uint(1)));
    assert_eq!(params.get("max"), Some(&uint(4)));
    assert_eq!(params.get("unit"), Some(&text("bytes")));
}

#[test]
fn non_empty() {
    passes(&NonEmpty, "a");
    passes(&NonEmpty, " ");
    passes(&NonEmpty, "é");
    passes(&NonEmpty, &"x".to_string());
    passes(&NonEmpty, &vec![0]);
    passes(&NonEmpty, &HashMap::from([(1, 2)]));
    passes(&NonEmpty, &[0u8; 1]);

    let expect = |error: Error| assert_error(&error, "non_empty", &[], "must not be empty");
    expect(fails(&NonEmpty, ""));
    expect(fails(&NonEmpty, &String::new()));
    expect(fails(&NonEmpty, &Box::<str>::from("")));
    expect(fails(&NonEmpty, &Vec::<u8>::new()));
    expect(fails(&NonEmpty, &[0u8; 0]));
    expect(fails(&NonEmpty, &HashMap::<u8, u8>::new()));
    expect(fails(&NonEmpty, &BTreeSet::<u8>::new()));
    expect(fails(&NonEmpty, &VecDeque::<u8>::new()));
    assert!(Rule::<str>::params(&NonEmpty).is_empty());
}
