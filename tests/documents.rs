#![cfg(all(feature = "json", feature = "toml"))]

//! Reading whole documents: every problem at once, structural and broken rules, with full
//! paths through any container and the line and column of each.

use model::{json, Model, Rejected, ValidationErrors, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

#[derive(Model, Clone, PartialEq)]
struct User {
    #[model(length(1..=20))]
    name: String,
    #[model(range(0..=150))]
    age: u8,
    #[model(secret, length(8..=64))]
    password: String,
}

#[derive(Model, Debug, PartialEq)]
#[model(name = "Team")]
struct Team {
    #[model(length(1..=20))]
    name: String,
    #[model(nested)]
    lead: User,
    #[model(nested)]
    members: Vec<User>,
    #[model(nested)]
    by_role: BTreeMap<String, User>,
    #[model(nested)]
    deputy: Option<User>,
    #[model(range(1..=10))]
    size: u32,
}

/// Each problem as `path code @line:column`.
fn lines(report: &ValidationErrors) -> Vec<String> {
    report
        .iter()
        .map(|v| {
            let at = v
                .position()
                .map_or(String::new(), |p| format!(" @{}:{}", p.line(), p.column()));
            format!("{} {}{at}", v.path(), v.code())
        })
        .collect()
}

fn invalid<E: std::fmt::Debug>(
    result: Result<impl std::fmt::Debug, Rejected<E>>,
) -> ValidationErrors {
    match result {
        Err(Rejected::Invalid(report)) => report,
        other => panic!("expected a report, got {other:?}"),
    }
}

const USER: &str = r#"{"name": "ann", "age": 30, "password": "hunter2hunter2"}"#;

fn team(lead: &str, members: &str, extra: &str) -> String {
    format!(
        "{{\n  \"name\": \"core\",\n  \"lead\": {lead},\n  \"members\": {members},\n  \"by_role\": {{\"qa\": {USER}}},\n  \"size\": 3{extra}\n}}"
    )
}

#[test]
fn a_valid_document_reads_as_serde_json_reads_it() {
    let text = team(USER, &format!("[{USER}, {USER}]"), "");
    let fast: Team = serde_json::from_str(&text).unwrap();
    let team: Team = json::from_str(&text).unwrap();
    assert_eq!(team, fast);
    assert_eq!(team.members().len(), 2);
}

#[test]
fn structural_problems_and_broken_rules_come_in_one_report() {
    // Missing, unknown, wrong type, out of range and repeated, at every depth, beside rules.
    let lead = r#"{"name": "", "age": 300, "password": "hunter2hunter2", "pasword": 1}"#;
    let members = r#"[{"name": "bo", "age": "ten", "password": "hunter2hunter2"}, {"name": "cy", "password": "short"}]"#;
    let text = team(lead, members, ",\n  \"size\": 4,\n  \"colour\": \"red\"");
    let report = invalid(json::from_str::<Team>(&text));
    assert_eq!(
        lines(&report),
        [
            "lead.name length @3:20",
            "lead.age out_of_range @3:31",
            "lead.pasword unknown_field @3:66",
            "members[0].age invalid_type @4:37",
            "members[1].age required @4:75",
            "members[1].password length @4:102",
            "size duplicate_field @7:3",
            "colour unknown_field @8:3",
        ]
    );
    let age = report.at("lead.age").next().unwrap();
    assert_eq!(age.param("type"), Some(&Value::from("u8")));
    assert_eq!(age.param("value"), Some(&Value::UInt(300)));
    assert_eq!(age.message(), "must fit in u8 (got 300)");
    let mistyped = report.at("members[0].age").next().unwrap();
    assert_eq!(mistyped.param("expected"), Some(&Value::from("u8")));
    assert_eq!(mistyped.param("found"), Some(&Value::from("a string")));
    let unknown = report.at("colour").next().unwrap();
    assert!(unknown.message().contains("`by_role`"), "{unknown}");
    // The report's text shows where.
    assert!(
        report
            .to_string()
            .contains("members[1].age: is required (at line 4, column 75)"),
        "{report}"
    );
}

#[test]
fn options_and_maps_report_inside_them() {
    let mut text = team(
        USER,
        "[]",
        ",\n  \"deputy\": {\"name\": \"\", \"age\": 1, \"password\": \"hunter2hunter2\"}",
    );
    text = text.replace(
        "\"by_role\": {\"qa\"",
        "\"by_role\": {\"ops\": {\"name\": \"x\", \"age\": -1, \"password\": \"hunter2hunter2\"}, \"qa\"",
    );
    let report = invalid(json::from_str::<Team>(&text));
    assert_eq!(
        lines(&report),
        [
            "by_role[\"ops\"].age out_of_range @5:43",
            "deputy.name length @7:22"
        ]
    );
}

/// A plain serde struct holding a model.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Envelope {
    id: u32,
    user: User,
}

#[test]
fn a_model_inside_a_plain_struct_reports_its_full_path() {
    let text = r#"{"id": 1, "user": {"name": "", "age": 2, "password": "hunter2hunter2"}}"#;
    let report = invalid(json::from_str::<Envelope>(text));
    assert_eq!(lines(&report), ["user.name length @1:28"]);
}

#[test]
fn every_element_of_a_top_level_list_is_reported() {
    let text = format!(
        "[{USER},\n {{\"name\": \"\", \"age\": 1, \"password\": \"hunter2hunter2\"}},\n {USER},\n {{\"name\": \"dee\", \"age\": 999, \"password\": \"x\"}}]"
    );
    let report = invalid(json::from_str::<Vec<User>>(&text));
    assert_eq!(
        lines(&report),
        [
            "[1].name length @2:11",
            "[3].age out_of_range @4:25",
            "[3].password length @4:42"
        ]
    );
    // Through a map at the top too.
    let text = format!("{{\"a\": {USER}, \"b\": {{\"name\": \"\"}}}}");
    let report = invalid(json::from_str::<HashMap<String, User>>(&text));
    assert_eq!(
        lines(&report),
        [
            "[\"b\"].age required @1:70",
            "[\"b\"].password required @1:70",
            "[\"b\"].name length @1:79"
        ]
    );
}

#[derive(Model, Debug, PartialEq)]
struct Count {
    #[model(non_negative)]
    n: i64,
}

#[derive(Debug, Deserialize, Serialize)]
#[serde(untagged)]
enum Choice {
    Count(Count),
    Text(String),
}

#[derive(Model, Debug)]
struct Picked {
    choice: Choice,
    x: u8,
}

#[test]
fn a_failed_untagged_variant_leaves_no_report_behind() {
    // The first variant fails its rule, the second fits; the later error is the only one.
    let text = r#"{"choice": {"n": -1}, "x": 300}"#;
    let report = invalid(json::from_str::<Picked>(text));
    assert_eq!(
        lines(&report),
        ["choice no_variant @1:12", "x out_of_range @1:28"]
    );
    let report = invalid(json::from_str::<Picked>(r#"{"choice": "ok", "x": 300}"#));
    assert_eq!(lines(&report), ["x out_of_range @1:23"]);
    // Through the generic entry point, state does not leak between calls either.
    let mut de = serde_json::Deserializer::from_str(r#"{"choice": "ok", "x": 300}"#);
    let rejected = model::deserialize::<Picked, _>(&mut de).unwrap_err();
    assert_eq!(
        lines(rejected.validation_errors().unwrap()),
        ["x out_of_range"]
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
enum Shape {
    Circle { owner: User },
    Square(User),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
#[serde(tag = "kind")]
enum Tagged {
    Person(User),
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Person(User),
}

#[test]
fn enums_keep_paths_where_serde_reads_them_directly() {
    let bad = r#"{"name": "", "age": 1, "password": "hunter2hunter2"}"#;
    let report = invalid(json::from_str::<Vec<Shape>>(&format!(
        r#"[{{"Circle": {{"owner": {bad}}}}}, {{"Square": {bad}}}]"#
    )));
    assert_eq!(
        lines(&report),
        [
            "[0].Circle.owner.name length @1:32",
            "[1].Square.name length @1:99"
        ]
    );
    let report = invalid(json::from_str::<Adjacent>(&format!(
        r#"{{"t": "Person", "c": {bad}}}"#
    )));
    assert_eq!(lines(&report), ["c.name length @1:31"]);
    // Serde reads an internally tagged enum from a copy: the path is the fields' own.
    let report = invalid(json::from_str::<Tagged>(
        r#"{"kind": "Person", "name": "", "age": 1, "password": "hunter2hunter2"}"#,
    ));
    assert_eq!(lines(&report), ["name length @1:28"]);
}

#[derive(Model, Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Cell {
    #[model(range(0..=9))]
    row: u8,
    #[model(range(0..=9))]
    col: u8,
}

#[derive(Model, Debug)]
struct Board {
    cells: BTreeMap<Cell, i64>,
}

#[test]
fn models_used_as_map_keys_are_validated() {
    use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
    let key = |row: u8, col: u8| SeqDeserializer::<_, Error>::new(vec![row, col].into_iter());
    let cells = vec![(key(1, 2), 5i64), (key(3, 42), 6)];
    let board = MapDeserializer::<_, Error>::new(
        vec![("cells", MapDeserializer::<_, Error>::new(cells.into_iter()))].into_iter(),
    );
    let rejected = model::deserialize::<Board, _>(board).unwrap_err();
    assert_eq!(
        lines(rejected.validation_errors().unwrap()),
        ["cells[\"[3, 42]\"].col range"]
    );
}

#[test]
fn a_repeated_key_is_refused_on_every_path() {
    let text = r#"{"name": "a", "age": 1, "age": 2, "password": "hunter2hunter2"}"#;
    assert!(serde_json::from_str::<User>(text)
        .unwrap_err()
        .to_string()
        .contains("duplicate field `age`"));
    let report = invalid(json::from_str::<User>(text));
    assert_eq!(lines(&report), ["age duplicate_field @1:25"]);
}

#[test]
fn registry_tags_are_problems_like_any_other() {
    let first = r#"{"type": "Team", "type": "User", "name": ""}"#;
    let model::RegistryError::Invalid(report) = model::from_json(first).unwrap_err() else {
        panic!("a report")
    };
    assert_eq!(lines(&report)[0], "type duplicate_field @1:18");
    assert!(
        lines(&report).contains(&"name length @1:42".to_owned()),
        "{report}"
    );
    // The tag later, repeated: the same problem, found the same way.
    let later = r#"{"name": "", "type": "Team", "type": "User"}"#;
    let model::RegistryError::Invalid(report) = model::from_json(later).unwrap_err() else {
        panic!("a report")
    };
    assert!(
        lines(&report).contains(&"type duplicate_field @1:30".to_owned()),
        "{report}"
    );
    for text in [r#"{"name": "x"}"#, r#"{"type": 3}"#, r#"{"type": "Tem"}"#] {
        let model::RegistryError::Invalid(report) = model::from_json(text).unwrap_err() else {
            panic!("a report")
        };
        let problem = report.iter().next().unwrap();
        assert_eq!(problem.path().to_string(), "type", "{text}");
        assert!(
            ["required", "invalid_type", "unknown_model"].contains(&problem.code()),
            "{problem}"
        );
    }
}

#[test]
fn toml_documents_report_every_problem_with_lines() {
    let text = "name = \"\"\nsize = 99\n\n[lead]\nname = \"ann\"\nage = 300\npassword = \"hunter2hunter2\"\n\n[by_role]\n";
    let rejected = model::toml::from_str::<Team>(text).unwrap_err();
    let report = rejected.validation_errors().expect("a report");
    assert_eq!(
        lines(report),
        [
            "members required @1:1",
            "name length @1:8",
            "size range @2:8",
            "lead.age out_of_range @6:7",
        ]
    );
    let Err(Rejected::Malformed(error)) = model::toml::from_str::<Team>("size = 1\nname = ") else {
        panic!("unreadable")
    };
    assert_eq!(error.position(), Some(model::Position::new(2, 8)));
    assert!(
        error.to_string().ends_with("(at line 2, column 8)"),
        "{error}"
    );
}

#[test]
fn secrets_never_show_in_any_error() {
    let secret = "sk_live_0123456789";
    // Wrong type, wrong length, and an unreadable document around it, in each format.
    let json_texts = [
        format!(r#"{{"name": "a", "age": 1, "password": ["{secret}"]}}"#),
        format!(r#"{{"name": "a", "age": 1, "password": "{secret}{secret}{secret}{secret}"}}"#),
        format!(r#"{{"name": "a", "age": 1, "password": "{secret}", "x": 1}}"#),
    ];
    for text in &json_texts {
        let shown = match json::from_str::<User>(text) {
            Err(error) => format!("{error} {error:?}"),
            Ok(user) => format!("{user:?}"),
        };
        assert!(!shown.contains(secret), "{shown}");
        let shown = serde_json::from_str::<User>(text).unwrap_err().to_string();
        assert!(!shown.contains(secret), "{shown}");
        // Through the registry, the tag first and the tag last.
        for tagged in [
            text.replacen('{', r#"{"type": "User", "#, 1),
            text.replacen('}', r#", "type": "User"}"#, 1),
        ] {
            let error = model::from_json(&tagged).unwrap_err();
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains(secret), "{shown}");
        }
    }
    let toml_texts = [
        format!("name = \"a\"\nage = 1\npassword = [\"{secret}\"]\n"),
        format!("name = \"a\"\nage = 1\npassword = \"{secret}\" x\n"),
        format!("name = \"a\"\nage = 1\npassword = \"{secret}{secret}{secret}{secret}\"\n"),
        format!("password = \"{secret}\"\nname = \"a\"\nage = 1000\n"),
    ];
    for text in &toml_texts {
        let error = model::toml::from_str::<User>(text).unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[test]
fn no_state_outlives_a_call_even_a_panicking_one() {
    #[derive(Debug, Serialize)]
    struct Boom;
    impl<'de> Deserialize<'de> for Boom {
        fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Boom, D::Error> {
            panic!("boom")
        }
    }
    #[derive(Model, Debug)]
    struct Risky {
        #[model(non_negative)]
        n: i64,
        boom: Option<Boom>,
    }
    let caught = std::panic::catch_unwind(|| json::from_str::<Risky>(r#"{"n": -1, "boom": 1}"#));
    assert!(caught.is_err());
    // After the panic, a plain read formats its report as usual (no full pass left on).
    let error = serde_json::from_str::<Count>(r#"{"n": -1}"#).unwrap_err();
    assert_eq!(error.to_string(), "n: must not be negative (got -1)");
    let report = invalid(json::from_str::<Count>(r#"{"n": -2}"#));
    assert_eq!(lines(&report), ["n non_negative @1:7"]);
}

#[test]
fn many_threads_never_see_each_others_reports() {
    let handles: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                for i in 0..200 {
                    let n = -(t * 1000 + i) - 1;
                    let report = invalid(json::from_str::<Count>(&format!(r#"{{"n": {n}}}"#)));
                    assert_eq!(report.len(), 1);
                    assert_eq!(
                        report.iter().next().unwrap().param("value"),
                        Some(&Value::Int(n))
                    );
                    let ok: Count = json::from_str(r#"{"n": 1}"#).unwrap();
                    assert_eq!(ok.n(), 1);
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

#[test]
fn unreadable_text_is_malformed_with_the_format_error() {
    for text in ["{\"n\": ", "{\"n\": 1,}", "[1 2]", "\u{feff}{}"] {
        match json::from_str::<Count>(text) {
            Err(Rejected::Malformed(error)) => assert!(!error.is_data(), "{text}: {error}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    // A type error before a syntax error: still unreadable.
    assert!(matches!(
        json::from_str::<Count>(r#"{"n": "x", }"#),
        Err(Rejected::Malformed(_))
    ));
    assert!(matches!(
        json::from_slice::<Count>(b"{\"n\": \xff}"),
        Err(Rejected::Malformed(_))
    ));
}

#[derive(Model, Debug)]
struct Gauge {
    #[model(range(0..=10))]
    n: u8,
    m: u8,
}

/// Reads a `Gauge` through a format of its own (as a `deserialize_with` may).
fn through_a_value<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Gauge, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    serde_json::from_value(value).map_err(serde::de::Error::custom)
}

#[derive(Model, Debug)]
struct Panel {
    #[serde(deserialize_with = "through_a_value")]
    gauge: Gauge,
    k: u8,
}

#[test]
fn a_model_read_through_another_deserializer_keeps_its_report() {
    let report = invalid(json::from_str::<Panel>(
        r#"{"gauge": {"n": 50, "m": 1}, "k": 300}"#,
    ));
    assert_eq!(
        lines(&report),
        ["gauge invalid @1:11", "k out_of_range @1:35"]
    );
    let gauge = report.iter().next().unwrap();
    assert!(
        gauge
            .message()
            .contains("n: must be between 0 and 10 (got 50)"),
        "{gauge}"
    );
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Plain {
    a: u8,
    b: u8,
    c: u8,
}

#[test]
fn a_plain_struct_at_the_root_reports_what_its_own_derive_can() {
    // serde's derive stops at the first problem, and at the first missing field: read again
    // past the failed value, it is still missing its first field, so no more is said.
    let report = invalid(json::from_str::<Plain>(r#"{"a": 300}"#));
    assert_eq!(lines(&report), ["a out_of_range @1:7"]);
    let report = invalid(json::from_str::<Plain>(r#"{"a": 3}"#));
    assert_eq!(lines(&report), ["b required @1:1"]);
    // A model reports every missing field.
    let report = invalid(json::from_str::<Count>(r#"{}"#));
    assert_eq!(lines(&report), ["n required @1:1"]);
}

#[derive(Model, Debug)]
struct Counter {
    total: u64,
    #[model(range(0..=10))]
    small: u8,
}

#[test]
fn toml_integers_past_i64_read_as_the_toml_crate_reads_them() {
    let text = "total = 18446744073709551615\nsmall = 3\n";
    assert_eq!(
        model::toml::from_str::<Counter>(text).unwrap().total(),
        u64::MAX
    );
    // With another problem, the full pass agrees about the large integer.
    let text = "total = 18446744073709551615\nsmall = 300\n";
    let rejected = model::toml::from_str::<Counter>(text).unwrap_err();
    assert_eq!(
        lines(rejected.validation_errors().unwrap()),
        ["small out_of_range @2:9"]
    );
}

#[derive(Model, Debug)]
struct Fixed {
    arr: [u8; 2],
    #[model(range(1..=5))]
    n: u8,
}

#[test]
fn a_fixed_array_given_more_elements_is_a_problem_not_malformed_nor_dropped() {
    // serde_json calls it "trailing characters"; the text is JSON, so every problem is said.
    let report = invalid(json::from_str::<Fixed>(r#"{"arr": [1, 2, 3], "n": 0}"#));
    assert_eq!(lines(&report), ["arr invalid_length @1:9", "n range @1:25"]);
    assert_eq!(
        report.iter().next().unwrap().to_string(),
        "arr: expected an array of length 2, found 3 elements (at line 1, column 9)"
    );
    // Read through any deserializer: the third element is not silently dropped.
    let mut de = serde_json::Deserializer::from_str(r#"{"arr": [1, 2, 3], "n": 1}"#);
    let report = invalid(model::deserialize::<Fixed, _>(&mut de));
    assert_eq!(lines(&report), ["arr invalid_length"]);
    // A model written as a sequence with one value too many.
    let report = invalid(json::from_str::<Fixed>("[[1, 2], 1, 9]"));
    assert_eq!(lines(&report), [" invalid_length @1:1"]);
    // Malformed text is still malformed.
    assert!(matches!(
        json::from_str::<Fixed>(r#"{"arr": [1, 2, 3]"#),
        Err(Rejected::Malformed(_))
    ));
}

#[derive(Model, Debug)]
struct Keyed {
    keyed: HashMap<u8, String>,
    flags: BTreeMap<bool, u8>,
    #[model(range(1..=5))]
    n: u8,
}

#[test]
fn numeric_keys_read_in_the_full_pass_as_serde_json_reads_them() {
    let text = r#"{"keyed": {"1": "a"}, "flags": {"true": 1}, "n": 0}"#;
    // Only the real problem: the keys that serde_json reads are read by the full pass too.
    assert_eq!(
        lines(&invalid(json::from_str::<Keyed>(text))),
        ["n range @1:50"]
    );
    let text = r#"{"keyed": {"x": "a", "300": "b"}, "flags": {}, "n": 1}"#;
    assert_eq!(
        lines(&invalid(json::from_str::<Keyed>(text))),
        [
            "keyed[\"x\"] invalid_type @1:17",
            "keyed[\"300\"] out_of_range @1:29"
        ]
    );
}

#[test]
fn a_decimal_number_where_an_integer_belongs_says_so() {
    let report = invalid(json::from_str::<Fixed>(r#"{"arr": [1, 2], "n": 1.5}"#));
    assert_eq!(
        report.to_string(),
        "n: expected u8, found a decimal number (at line 1, column 22)"
    );
}

#[test]
fn a_key_given_twice_at_the_root_is_reported_once() {
    #[derive(Model, Debug)]
    struct Level {
        #[model(range(1..=9))]
        v: u8,
    }
    let report = invalid(json::from_str::<HashMap<String, Level>>(
        r#"{"a": {"v": 1}, "a": {"v": 10}}"#,
    ));
    assert_eq!(report.len(), 1, "{report}");
}

#[derive(Model)]
struct Pin {
    #[model(secret)]
    pin: u16,
    #[model(secret, length(8..=64))]
    password: String,
}

#[test]
fn a_secret_read_from_a_document_hides_its_value_not_the_type_it_should_have() {
    let report = invalid(json::from_str::<Pin>(
        r#"{"pin": 99999, "password": 12345678}"#,
    ));
    assert_eq!(
        report.to_string(),
        "pin: must fit in u16 (got [redacted]) (at line 1, column 9)\n\
         password: expected a string, found [redacted] (at line 1, column 28)"
    );
    assert!(!format!("{report:?}").contains("99999"));
    assert!(!format!("{report:?}").contains("12345678"));
}

#[derive(Model, Debug)]
struct Rated {
    #[model(each(range(1..=5)))]
    ratings: Vec<u8>,
    #[model(default, length(..=2), each(length(1..=3)))]
    tags: Vec<String>,
    #[model(keys(length(1..=3)), values(range(1..=10)))]
    limits: BTreeMap<String, u8>,
    #[model(each(range(1..=5)))]
    maybe: Option<Vec<u8>>,
    #[model(each(each(range(0..=9))))]
    grid: Vec<Vec<u8>>,
}

#[test]
fn an_element_that_cannot_be_read_hides_no_other_problem_of_its_collection() {
    let text = r#"{
  "ratings": [9, "x", 0],
  "tags": ["toolong", 5],
  "limits": {"long": 11, "b": "x"},
  "maybe": [7, null],
  "grid": [[1, 10], [2, "y", 3, 42]]
}"#;
    assert_eq!(
        lines(&invalid(json::from_str::<Rated>(text))),
        [
            "ratings[0] range @2:15",
            "ratings[1] invalid_type @2:18",
            "ratings[2] range @2:23",
            "tags[0] length @3:12",
            "tags[1] invalid_type @3:23",
            "limits[\"long\"] length @4:22",
            "limits[\"long\"] range @4:22",
            "limits[\"b\"] invalid_type @4:31",
            "maybe[0] range @5:13",
            "maybe[1] invalid_type @5:16",
            "grid[0][1] range @6:16",
            // The rules of `grid`'s items are checked on its whole items: `grid[1][3]`, 42,
            // is not, its item being read in part.
            "grid[1][1] invalid_type @6:25",
        ]
    );
    // The rules of a whole collection read in part are not checked against the elements that
    // could be read: a list of three with one broken is not "at most two" (nor "at least 3").
    let text = r#"{"ratings": [], "tags": ["a", "b", 5], "limits": {}, "grid": []}"#;
    assert_eq!(
        lines(&invalid(json::from_str::<Rated>(text))),
        ["tags[2] invalid_type @1:36"]
    );
    // A valid document is read whole, as before.
    let text =
        r#"{"ratings": [1], "tags": ["a"], "limits": {"a": 1}, "maybe": [2], "grid": [[0]]}"#;
    assert!(json::from_str::<Rated>(text).is_ok());
}

#[derive(Model)]
struct Vault {
    #[model(secret, each(length(4..=4)))]
    pins: Vec<String>,
    #[model(nested, length(..=2))]
    users: Vec<User>,
}

#[test]
fn a_collection_read_in_part_reads_the_same_through_every_entry_point() {
    let text = r#"{"type": "Vault", "pins": ["12345", 6, "1234"], "users": [{"name": "", "age": 1, "password": "hunter2hunter2"}, 7]}"#;
    let expected = [
        "pins[0] length @1:28",
        "pins[1] invalid_type @1:37",
        "users[0].name length @1:68",
        "users[1] invalid_type @1:113",
    ];
    let model::RegistryError::Invalid(report) = model::from_json(text).unwrap_err() else {
        panic!("a report")
    };
    assert_eq!(lines(&report), expected, "{report}");
    let untagged = text.replacen(r#""type": "Vault", "#, "", 1);
    let report = invalid(json::from_str::<Vault>(&untagged));
    assert_eq!(report.len(), 4, "{report}");
    // Without positions, through any deserializer.
    let mut de = serde_json::Deserializer::from_str(&untagged);
    let report = invalid(model::deserialize::<Vault, _>(&mut de));
    let paths: Vec<String> = report
        .iter()
        .map(|v| format!("{} {}", v.path(), v.code()))
        .collect();
    assert_eq!(
        paths,
        [
            "pins[0] length",
            "pins[1] invalid_type",
            "users[0].name length",
            "users[1] invalid_type"
        ]
    );
    // A secret's elements show neither their values nor their text.
    let shown = format!("{report} {report:?}");
    assert!(
        !shown.contains("12345") && !shown.contains("read_in_part"),
        "{shown}"
    );
}

#[derive(Model, Debug)]
struct Many {
    #[model(default)]
    items: Vec<u8>,
    #[model(default)]
    map: BTreeMap<String, u8>,
}

#[test]
fn problems_of_large_maps_and_long_lines_stand_where_their_values_do() {
    // Forty entries, past the size where a map is walked; each value of 3 digits at a column
    // known from its index.
    let entries: Vec<String> = (0..40).map(|i| format!(r#""k{i:02}":300"#)).collect();
    let text = format!(
        r#"{{"map":{{{}}},"items":[1,300,2,400]}}"#,
        entries.join(",")
    );
    let report = invalid(json::from_str::<Many>(&text));
    let found = lines(&report);
    assert_eq!(found.len(), 42, "{report}");
    for (i, line) in found.iter().take(40).enumerate() {
        // `{"map":{` is 8 bytes, each entry `"kNN":300,` 10, its value 6 bytes in.
        assert_eq!(
            line,
            &format!("map[\"k{i:02}\"] out_of_range @1:{}", 8 + 10 * i + 7)
        );
    }
    // Then `},"items":[` and `1,300,2,400`: the list opens at column 418.
    assert_eq!(found[40], "items[1] out_of_range @1:421");
    assert_eq!(found[41], "items[3] out_of_range @1:427");
}

#[derive(Model, Debug)]
struct Reading {
    #[model(length(1..=40))]
    label: String,
    value: f64,
}

#[test]
fn toml_values_the_toml_crate_refuses_are_refused_by_the_full_pass_too() {
    // Each alone: the `toml` crate's own read refuses it.
    for text in [
        "label = 1979-05-27T07:32:00Z\nvalue = 1.0\n",
        "label = \"a\"\nvalue = 1e400\n",
    ] {
        assert!(model::toml::from_str::<Reading>(text).is_err(), "{text}");
    }
    // Beside another problem, the full pass refuses them as well, where they stand.
    let text = "label = 1979-05-27T07:32:00Z\nvalue = 1e400\nextra = 1\n";
    let rejected = model::toml::from_str::<Reading>(text).unwrap_err();
    let report = rejected.validation_errors().expect("a report");
    assert_eq!(
        lines(report),
        [
            "label invalid_type @1:9",
            "value out_of_range @2:9",
            "extra unknown_field @3:1"
        ]
    );
}

#[derive(Model, Debug)]
struct Event {
    when: toml::value::Datetime,
    #[model(range(1..=5))]
    n: u8,
}

#[test]
fn a_toml_date_reads_into_the_toml_crates_datetime_in_the_full_pass() {
    let text = "when = 1979-05-27T07:32:00Z\nn = 3\n";
    assert_eq!(
        model::toml::from_str::<Event>(text)
            .unwrap()
            .when()
            .to_string(),
        "1979-05-27T07:32:00Z"
    );
    let text = "when = 1979-05-27T07:32:00Z\nn = 9\n";
    let rejected = model::toml::from_str::<Event>(text).unwrap_err();
    assert_eq!(
        lines(rejected.validation_errors().unwrap()),
        ["n range @2:5"]
    );
}

#[test]
fn every_element_of_a_fixed_size_array_is_read() {
    let report = invalid(json::from_str::<Fixed>(r#"{"arr": [300, "x"], "n": 0}"#));
    assert_eq!(
        lines(&report),
        [
            "arr[0] out_of_range @1:10",
            "arr[1] invalid_type @1:15",
            "n range @1:26"
        ]
    );
    let report = invalid(json::from_str::<Fixed>(r#"{"arr": [1], "n": 0}"#));
    assert_eq!(
        report.to_string(),
        "arr: expected an array of length 2, found 1 elements (at line 1, column 9)\n\
         n: must be between 1 and 5 (got 0) (at line 1, column 19)"
    );
    // And on the fast path, as serde reads it.
    assert_eq!(
        serde_json::from_str::<Fixed>(r#"{"arr": [1], "n": 1}"#)
            .unwrap_err()
            .to_string(),
        "invalid length 1, expected an array of length 2 at line 1 column 11"
    );
    assert_eq!(
        json::from_str::<Fixed>(r#"{"arr": [1, 2], "n": 1}"#)
            .unwrap()
            .arr(),
        &[1, 2]
    );
}

#[derive(Model, Debug)]
struct Wide {
    big: u128,
    small: u64,
    negative: i64,
    ratio: f64,
    #[model(range(1..=5))]
    n: u8,
}

#[test]
fn integers_past_64_bits_read_as_serde_json_reads_them() {
    // A `u128` past `u64::MAX` is no problem, and an `f64` takes any integer; beside another
    // problem, the full pass agrees.
    let text = r#"{"big": 18446744073709551616, "small": 1, "negative": -1, "ratio": 18446744073709551616, "n": 0}"#;
    assert_eq!(
        lines(&invalid(json::from_str::<Wide>(text))),
        ["n range @1:95"]
    );
    // Past a narrower type's range: out of range, with the value, as for any integer.
    let text = r#"{"big": 1, "small": 18446744073709551616, "negative": -9223372036854775809, "ratio": 0, "n": 1}"#;
    assert_eq!(
        invalid(json::from_str::<Wide>(text)).to_string(),
        "small: must fit in u64 (got 18446744073709551616) (at line 1, column 21)\n\
         negative: must fit in i64 (got -9223372036854775809) (at line 1, column 55)"
    );
}

#[derive(Model, Debug)]
struct Shapes {
    #[model(each(range(..=10)))]
    ids: std::collections::BTreeSet<u8>,
    #[model(default)]
    arr: [u8; 2],
    #[model(default)]
    extra: Option<serde_json::Value>,
    #[model(range(1..=5))]
    n: u8,
}

#[test]
fn sets_arrays_and_values_read_in_the_full_pass_as_the_first() {
    // A set is not read in part (its elements are not where they stood): the element that
    // cannot be read is reported, and no rule of the others at a wrong place.
    let report = invalid(json::from_str::<Shapes>(r#"{"ids": ["x", 50], "n": 1}"#));
    assert_eq!(lines(&report), ["ids[0] invalid_type @1:10"]);
    // An array with a bad element and one too many: both.
    let report = invalid(json::from_str::<Shapes>(
        r#"{"ids": [], "arr": [1, "x", 3], "n": 1}"#,
    ));
    assert_eq!(
        lines(&report),
        ["arr invalid_length @1:20", "arr[1] invalid_type @1:24"]
    );
    // Any value takes an integer past 64 bits, as serde_json gives it one: a float.
    let report = invalid(json::from_str::<Shapes>(
        r#"{"ids": [], "extra": 18446744073709551616, "n": 9}"#,
    ));
    assert_eq!(lines(&report), ["n range @1:49"]);
}

#[derive(Model, Debug)]
struct InText {
    tags: Vec<u8>,
}

/// A model read from a string of JSON, through serde_json, inside another document.
fn tagged_from_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<InText, D::Error> {
    let text = String::deserialize(deserializer)?;
    serde_json::from_str(&text).map_err(serde::de::Error::custom)
}

#[derive(Model, Debug)]
struct Outer {
    #[serde(deserialize_with = "tagged_from_text")]
    inner: InText,
    #[model(length(..=1))]
    other: Vec<u8>,
    #[model(range(1..=3))]
    n: u8,
}

#[test]
fn a_collection_read_in_part_inside_another_format_is_not_taken_by_the_next_field() {
    let text = r#"{"inner": "{\"tags\": [1, \"x\", 3]}", "other": [1, 2, 3], "n": 5}"#;
    let report = invalid(json::from_str::<Outer>(text));
    let found: Vec<String> = report
        .iter()
        .map(|v| format!("{} {}", v.path(), v.code()))
        .collect();
    assert_eq!(
        found,
        ["inner invalid", "other length", "n range"],
        "{report}"
    );
}

#[test]
fn a_toml_number_past_any_type_is_refused_wherever_it_goes() {
    let text = "label = 1e400\nvalue = 1.0\n";
    assert!(model::toml::from_str::<Reading>(text).is_err());
    let text = "label = 1e400\nvalue = 1e400\nextra = 1\n";
    let report = model::toml::from_str::<Reading>(text).unwrap_err();
    assert_eq!(
        lines(report.validation_errors().unwrap()),
        [
            "label out_of_range @1:9",
            "value out_of_range @2:9",
            "extra unknown_field @3:1"
        ]
    );
}
