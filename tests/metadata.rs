//! The metadata of a model, reachable from the type alone, and the rules it describes: option
//! fields, collections and maps, custom messages and secrets.

use model::{Model, Target, Value};
use std::collections::{BTreeMap, HashMap};

/// A server in the fleet.
///
/// Every instance is valid.
#[derive(Model, Clone, PartialEq)]
pub struct Server {
    /// The host name,
    /// as DNS knows it.
    #[model(length(1..=64))]
    name: String,
    #[model(range(1..=4096))]
    ram_gb: i64,
    /// Labels.
    #[model(length(..=16), each(length(1..=32)))]
    tags: Vec<String>,
    #[model(readonly)]
    id: u64,
    #[model(default = true)]
    enabled: bool,
    #[model(range(-10..10))]
    priority: Option<i64>,
    #[model(keys(length(1..=8)), values(range(1..=64)))]
    limits: HashMap<String, u32>,
    #[model(values(positive))]
    weights: BTreeMap<String, f64>,
    #[model(
        length(8.., message = "must be at least {min} characters long"),
        secret
    )]
    password: String,
    #[model(range(0..=120, message = "{value} is not between {min} and {max}"))]
    age: u8,
}

fn server() -> Server {
    Server::new(
        "web-1",
        16,
        vec!["prod".to_string(), "eu".to_string()],
        7,
        None,
        HashMap::from([("cpu".to_string(), 4)]),
        BTreeMap::from([("a".to_string(), 0.5)]),
        "correct horse",
        30,
    )
    .expect("valid")
}

#[test]
fn the_model_is_described_without_an_instance() {
    let meta = <Server as Model>::meta();
    assert_eq!(meta.name(), "Server");
    assert_eq!(meta.rust_name(), "Server");
    assert_eq!(
        meta.documentation(),
        "A server in the fleet.\n\nEvery instance is valid."
    );
    assert!(meta.check_list().is_empty());
    // The same static metadata every time.
    assert!(std::ptr::eq(Server::meta(), Server::meta()));

    let fields: Vec<(&str, &str)> = meta
        .field_list()
        .iter()
        .map(|f| (f.name(), f.ty()))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "String"),
            ("ram_gb", "i64"),
            ("tags", "Vec<String>"),
            ("id", "u64"),
            ("enabled", "bool"),
            ("priority", "Option<i64>"),
            ("limits", "HashMap<String, u32>"),
            ("weights", "BTreeMap<String, f64>"),
            ("password", "String"),
            ("age", "u8"),
        ]
    );
    assert!(meta.field("nope").is_none());
}

#[test]
fn docs_are_the_field_comments() {
    let meta = Server::meta();
    assert_eq!(
        meta.field("name").unwrap().documentation(),
        "The host name,\nas DNS knows it."
    );
    assert_eq!(meta.field("tags").unwrap().documentation(), "Labels.");
    assert_eq!(meta.field("ram_gb").unwrap().documentation(), "");
}

#[test]
fn flags() {
    let meta = Server::meta();
    let flagged = |pred: fn(&model::FieldMeta) -> bool| -> Vec<&str> {
        meta.field_list()
            .iter()
            .filter(|f| pred(f))
            .map(|f| f.name())
            .collect()
    };
    assert_eq!(flagged(|f| f.is_readonly()), ["id"]);
    assert_eq!(flagged(|f| f.is_default()), ["enabled"]);
    assert_eq!(flagged(|f| f.is_optional()), ["priority"]);
    assert_eq!(flagged(|f| f.is_secret()), ["password"]);
}

#[test]
fn rules_and_their_typed_params() {
    let meta = Server::meta();

    let ram = meta.field("ram_gb").unwrap().rule_list();
    assert_eq!(ram.len(), 1);
    assert_eq!(ram[0].name(), "range");
    assert_eq!(ram[0].source(), "1..=4096");
    assert_eq!(ram[0].target(), Target::Value);
    assert_eq!(ram[0].custom_message(), None);
    let params = ram[0].params();
    assert_eq!(params.get("min"), Some(&Value::Int(1)));
    assert_eq!(params.get("max"), Some(&Value::Int(4096)));
    assert_eq!(params.len(), 2);

    // An exclusive bound is named as such; the rules of an `Option<i64>` are rules on `i64`.
    let priority = meta.field("priority").unwrap().rule_list();
    assert_eq!(priority[0].source(), "-10..10");
    let params = priority[0].params();
    assert_eq!(params.get("min"), Some(&Value::Int(-10)));
    assert_eq!(params.get("exclusive_max"), Some(&Value::Int(10)));
    assert_eq!(params.get("max"), None);

    // `u8` bounds are unsigned.
    let age = meta.field("age").unwrap().rule_list();
    assert_eq!(age[0].params().get("max"), Some(&Value::UInt(120)));

    let name = meta.field("name").unwrap().rule_list();
    assert_eq!(name[0].name(), "length");
    let params = name[0].params();
    assert_eq!(params.get("min"), Some(&Value::UInt(1)));
    assert_eq!(params.get("max"), Some(&Value::UInt(64)));
    assert_eq!(params.get("unit"), Some(&Value::str("characters")));

    // `each`, `keys` and `values` describe the rules inside them, with their targets.
    let describe = |field: &str| -> Vec<(&str, Target, &str)> {
        meta.field(field)
            .unwrap()
            .rule_list()
            .iter()
            .map(|r| (r.name(), r.target(), r.source()))
            .collect()
    };
    assert_eq!(
        describe("tags"),
        [
            ("length", Target::Value, "..=16"),
            ("length", Target::Each, "1..=32"),
        ]
    );
    assert_eq!(
        meta.field("tags").unwrap().rule_list()[0]
            .params()
            .get("unit"),
        Some(&Value::str("items"))
    );
    assert_eq!(
        describe("limits"),
        [
            ("length", Target::Keys, "1..=8"),
            ("range", Target::Values, "1..=64"),
        ]
    );
    assert_eq!(
        meta.field("limits").unwrap().rule_list()[1]
            .params()
            .get("max"),
        Some(&Value::UInt(64))
    );
    assert_eq!(describe("weights"), [("positive", Target::Values, "")]);
    assert!(describe("id").is_empty());
    assert!(describe("enabled").is_empty());

    // Custom messages are kept as written.
    assert_eq!(
        meta.field("password").unwrap().rule_list()[0].custom_message(),
        Some("must be at least {min} characters long")
    );
    assert_eq!(
        meta.field("age").unwrap().rule_list()[0].custom_message(),
        Some("{value} is not between {min} and {max}")
    );
}

#[test]
fn option_rules_apply_to_some_only() {
    let mut server = server();
    assert_eq!(server.priority(), &None);
    server.set_priority(Some(9)).unwrap();
    assert_eq!(server.priority(), &Some(9));
    server.set_priority(None).unwrap();
    assert_eq!(server.priority(), &None);
    server.set_priority(Some(-10)).unwrap();

    let error = server.set_priority(Some(10)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "priority: must be at least -10 and less than 10 (got 10)"
    );
    let violation = &error.as_slice()[0];
    assert_eq!(violation.path().to_string(), "priority");
    assert_eq!(violation.code(), "range");
    assert_eq!(violation.param("min"), Some(&Value::Int(-10)));
    assert_eq!(violation.param("exclusive_max"), Some(&Value::Int(10)));
    assert_eq!(violation.param("value"), Some(&Value::Int(10)));
    assert_eq!(server.priority(), &Some(-10));
}

#[test]
fn each_keys_and_values_report_the_item_path() {
    let mut server = server();

    let error = server
        .set_tags(vec!["ok".to_string(), String::new(), "x".repeat(40)])
        .unwrap_err();
    let paths: Vec<String> = error.iter().map(|v| v.path().to_string()).collect();
    assert_eq!(paths, ["tags[1]", "tags[2]"]);
    assert_eq!(
        error.to_string(),
        "tags[1]: must have between 1 and 32 characters (got 0)\n\
         tags[2]: must have between 1 and 32 characters (got 40)"
    );
    assert_eq!(error.as_slice()[1].param("length"), Some(&Value::UInt(40)));

    let error = server
        .set_limits(HashMap::from([("cpu".to_string(), 65)]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "limits[\"cpu\"]: must be between 1 and 64 (got 65)"
    );
    let violation = &error.as_slice()[0];
    assert_eq!(violation.path().to_string(), "limits[\"cpu\"]");
    assert_eq!(
        violation.path().segments(),
        [
            model::path::Segment::Field("limits".into()),
            model::path::Segment::Key("cpu".to_string()),
        ]
    );
    assert_eq!(violation.param("value"), Some(&Value::UInt(65)));

    // A bad key is reported at the key.
    let error = server
        .set_limits(HashMap::from([("memory_mb".to_string(), 8)]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "limits[\"memory_mb\"]: must have between 1 and 8 characters (got 9)"
    );

    // A BTreeMap reports in key order.
    let error = server
        .set_weights(BTreeMap::from([
            ("b".to_string(), -1.0),
            ("a".to_string(), 0.0),
            ("c".to_string(), 2.0),
        ]))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "weights[\"a\"]: must be greater than 0 (got 0.0)\n\
         weights[\"b\"]: must be greater than 0 (got -1.0)"
    );

    assert_eq!(
        server,
        self::server(),
        "every refused set left the server unchanged"
    );
}

#[test]
fn custom_messages_fill_their_placeholders() {
    let mut server = server();
    let error = server.set_age(130).unwrap_err();
    assert_eq!(error.to_string(), "age: 130 is not between 0 and 120");
    let violation = &error.as_slice()[0];
    // The code and parameters are the rule's own; only the message changes.
    assert_eq!(violation.code(), "range");
    assert_eq!(
        violation.template(),
        "{value} is not between {min} and {max}"
    );
    assert_eq!(violation.param("min"), Some(&Value::UInt(0)));
    assert_eq!(violation.param("max"), Some(&Value::UInt(120)));

    let error = server.set_password("short").unwrap_err();
    assert_eq!(
        error.to_string(),
        "password: must be at least 8 characters long"
    );
    assert_eq!(error.as_slice()[0].code(), "length");
}

/// A model whose secret's rules report the offending value, which must not show.
#[derive(Model)]
struct Credentials {
    #[model(one_of("alice", "bob"))]
    user: String,
    #[model(secret, one_of("hunter2", "swordfish"))]
    token: String,
    #[model(secret, range(1000..=9999))]
    pin: u32,
}

#[test]
fn secret_fields_redact_the_value() {
    let error = Credentials::new("carol", "my-real-token", 12).unwrap_err();
    assert_eq!(
        error.to_string(),
        "user: must be one of [\"alice\", \"bob\"] (got carol)\n\
         token: must be one of [\"hunter2\", \"swordfish\"] (got [redacted])\n\
         pin: must be between 1000 and 9999 (got [redacted])"
    );
    let violations = error.as_slice();
    assert_eq!(violations[0].param("value"), Some(&Value::str("carol")));
    assert_eq!(violations[1].param("value"), Some(&Value::REDACTED));
    assert_eq!(violations[2].param("value"), Some(&Value::REDACTED));
    // The other parameters stay.
    assert_eq!(violations[2].param("min"), Some(&Value::UInt(1000)));
    assert_eq!(violations[2].param("max"), Some(&Value::UInt(9999)));
    assert!(!format!("{error:?}").contains("my-real-token"));

    let meta = Credentials::meta();
    assert!(!meta.field("user").unwrap().is_secret());
    assert!(meta.field("token").unwrap().is_secret());
    assert!(meta.field("pin").unwrap().is_secret());

    // Setters redact too.
    let mut credentials = Credentials::new("bob", "swordfish", 1234).unwrap();
    let error = credentials.set_pin(99_999).unwrap_err();
    assert_eq!(
        error.to_string(),
        "pin: must be between 1000 and 9999 (got [redacted])"
    );
    assert_eq!(credentials.pin(), 1234);
}
