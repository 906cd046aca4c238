#![cfg(feature = "serde")]

//! Serialization, and deserialization that validates: no invalid instance can be built through
//! serde.

use model::{Error, Model};

#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits_host)]
struct Server {
    #[model(length(1..=64))]
    name: String,
    #[model(non_negative)]
    cpu_cores: i64,
    #[model(range(1..=4096))]
    ram_gb: i64,
    #[model(each(length(1..=32)))]
    tags: Vec<String>,
    #[model(default = true)]
    enabled: bool,
    #[model(range(1..=9))]
    tier: Option<u8>,
}

impl Server {
    fn fits_host(&self) -> Result<(), Error> {
        if self.ram_gb <= self.cpu_cores.max(1) * 256 {
            Ok(())
        } else {
            Err(Error::new(
                "fits_host",
                "needs at most 256 GiB of RAM per core",
            ))
        }
    }
}

#[test]
fn round_trip() {
    let server = Server::new("web-1", 4, 16, vec!["prod".to_string()], Some(2)).unwrap();
    let json = serde_json::to_string(&server).unwrap();
    assert_eq!(
        json,
        r#"{"name":"web-1","cpu_cores":4,"ram_gb":16,"tags":["prod"],"enabled":true,"tier":2}"#
    );
    assert_eq!(serde_json::from_str::<Server>(&json).unwrap(), server);
}

#[test]
fn defaults_and_options_fill_missing_fields() {
    let server: Server =
        serde_json::from_str(r#"{"name":"a","cpu_cores":1,"ram_gb":2,"tags":[]}"#).unwrap();
    assert!(server.enabled());
    assert_eq!(server.tier(), &None);
}

#[test]
fn every_violation_is_reported() {
    let json = r#"{"name":"","cpu_cores":-4,"ram_gb":0,"tags":["ok",""],"tier":10}"#;
    let error = serde_json::from_str::<Server>(json).unwrap_err();
    assert_eq!(
        error.to_string(),
        "name: must have between 1 and 64 characters (got 0)\n\
         cpu_cores: must not be negative (got -4)\n\
         ram_gb: must be between 1 and 4096 (got 0)\n\
         tags[1]: must have between 1 and 32 characters (got 0)\n\
         tier: must be between 1 and 9 (got 10)"
    );
}

#[test]
fn struct_checks_run_on_deserialized_values() {
    let json = r#"{"name":"big","cpu_cores":1,"ram_gb":4096,"tags":[]}"#;
    let error = serde_json::from_str::<Server>(json).unwrap_err();
    assert!(error
        .to_string()
        .starts_with("needs at most 256 GiB of RAM per core"));
}

#[test]
fn unknown_fields_are_rejected() {
    let json = r#"{"name":"a","cpu_cores":1,"ram_gb":2,"tags":[],"colour":"red"}"#;
    let error = serde_json::from_str::<Server>(json).unwrap_err();
    assert!(
        error.to_string().starts_with("unknown field `colour`"),
        "{error}"
    );
}

#[derive(Model, Debug, PartialEq)]
#[model(allow_unknown_fields)]
struct Lenient {
    #[model(positive)]
    size: u32,
}

#[test]
fn unknown_fields_can_be_allowed() {
    let lenient: Lenient = serde_json::from_str(r#"{"size":3,"colour":"red"}"#).unwrap();
    assert_eq!(lenient.size(), 3);
    assert!(serde_json::from_str::<Lenient>(r#"{"size":0}"#).is_err());
}

/// A field type without serde support: the model opts out of serde.
#[derive(Debug)]
struct Handle;

#[derive(Model, Debug)]
#[model(serde = false)]
struct Local {
    #[model(length(1..))]
    label: String,
    handle: Handle,
}

#[test]
fn serde_can_be_turned_off_per_model() {
    let local = Local::new("x", Handle).unwrap();
    assert_eq!(local.label(), "x");
    assert!(matches!(local.handle(), Handle));
}

#[derive(Model, Debug, PartialEq)]
struct Page<T> {
    #[model(length(..=3))]
    items: Vec<T>,
    #[model(default = 1)]
    page: u32,
}

#[test]
fn generic_models_deserialize() {
    let page: Page<u8> = serde_json::from_str(r#"{"items":[1,2]}"#).unwrap();
    assert_eq!((page.items().len(), page.page()), (2, 1));
    assert!(serde_json::from_str::<Page<u8>>(r#"{"items":[1,2,3,4]}"#).is_err());
    assert_eq!(
        serde_json::to_string(&page).unwrap(),
        r#"{"items":[1,2],"page":1}"#
    );
}

#[derive(Model, Debug, PartialEq)]
struct Fleet {
    #[model(length(1..=64))]
    name: String,
    #[model(nested, length(..=3))]
    servers: Vec<Server>,
    #[model(nested)]
    spare: Option<Server>,
}

#[test]
fn nested_models_report_every_violation_with_full_paths() {
    let json = r#"{"name":"","servers":[
        {"name":"a","cpu_cores":1,"ram_gb":2,"tags":[]},
        {"name":"b","cpu_cores":-1,"ram_gb":2,"tags":["x",""]}
    ],"spare":{"name":"","cpu_cores":1,"ram_gb":1,"tags":[]}}"#;
    let rejected =
        model::deserialize::<Fleet, _>(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
    let errors = rejected.validation_errors().expect("a validation report");
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "name: must have between 1 and 64 characters (got 0)",
            "servers[1].cpu_cores: must not be negative (got -1)",
            "servers[1].tags[1]: must have between 1 and 32 characters (got 0)",
            "spare.name: must have between 1 and 64 characters (got 0)",
        ]
    );
    assert_eq!(errors.as_slice()[2].code(), "length");
}

#[test]
fn nested_struct_checks_run_under_their_path() {
    let json = r#"{"name":"f","servers":[{"name":"a","cpu_cores":1,"ram_gb":4000,"tags":[]}],"spare":null}"#;
    let rejected =
        model::deserialize::<Fleet, _>(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
    assert_eq!(
        rejected.to_string(),
        "servers[0]: needs at most 256 GiB of RAM per core"
    );
}

#[test]
fn malformed_input_is_not_a_validation_report() {
    let rejected =
        model::deserialize::<Fleet, _>(&mut serde_json::Deserializer::from_str("{")).unwrap_err();
    assert!(matches!(rejected, model::Rejected::Malformed(_)));
    // A valid fleet deserializes; its servers were validated once, by the fleet.
    let fleet: Fleet = serde_json::from_str(r#"{"name":"f","servers":[],"spare":null}"#).unwrap();
    assert_eq!(fleet.servers().len(), 0);
    // Afterwards, a server alone validates itself again.
    assert!(
        serde_json::from_str::<Server>(r#"{"name":"","cpu_cores":1,"ram_gb":1,"tags":[]}"#)
            .is_err()
    );
}

#[test]
fn another_format_validates_the_same_way() {
    let server: Server =
        toml::from_str("name = \"web-1\"\ncpu_cores = 2\nram_gb = 8\ntags = [\"a\"]\n").unwrap();
    assert_eq!(server.ram_gb(), 8);
    let error = toml::from_str::<Server>("name = \"\"\ncpu_cores = -1\nram_gb = 8\ntags = []\n")
        .unwrap_err();
    assert!(
        error.to_string().contains(
            "name: must have between 1 and 64 characters (got 0)\ncpu_cores: must not be negative (got -1)"
        ),
        "{error}"
    );
    let rejected = model::deserialize::<Server, _>(
        toml::Deserializer::parse("name = \"\"\ncpu_cores = 1\nram_gb = 8\ntags = []\n").unwrap(),
    )
    .unwrap_err();
    assert_eq!(rejected.validation_errors().unwrap().len(), 1);
}

#[derive(Model, Debug, PartialEq)]
#[model(rename_all = "camelCase")]
struct Account {
    #[model(length(1..=32))]
    display_name: String,
    #[model(rename = "e-mail", contains("@"))]
    email_address: String,
    #[model(range(0..=150))]
    age_years: u8,
}

#[test]
fn renames_apply_to_keys_paths_and_metadata() {
    let account = Account::new("Ada", "ada@example.org", 36).unwrap();
    assert_eq!(
        serde_json::to_string(&account).unwrap(),
        r#"{"displayName":"Ada","e-mail":"ada@example.org","ageYears":36}"#
    );
    let back: Account =
        serde_json::from_str(r#"{"displayName":"Ada","e-mail":"ada@example.org","ageYears":36}"#)
            .unwrap();
    assert_eq!(back, account);
    let error =
        serde_json::from_str::<Account>(r#"{"displayName":"","e-mail":"nope","ageYears":200}"#)
            .unwrap_err();
    assert_eq!(
        error.to_string(),
        "displayName: must have between 1 and 32 characters (got 0)\n\
         e-mail: must contain `@`\n\
         ageYears: must be between 0 and 150 (got 200)"
    );
    let meta = Account::meta().field("ageYears").unwrap();
    assert_eq!((meta.name(), meta.ident()), ("ageYears", "age_years"));
    assert_eq!(
        Account::meta().field("age_years").unwrap().name(),
        "ageYears"
    );
    // The same paths from the constructor.
    let error = Account::new("", "ada@example.org", 36).unwrap_err();
    assert_eq!(
        error.iter().next().unwrap().path().to_string(),
        "displayName"
    );
}

#[test]
fn models_read_from_sequences_too() {
    // Formats that write structs as sequences (and serde_json, given an array) go through
    // the same validation, nested models and defaults included.
    let server: Server = serde_json::from_str(r#"["web", 2, 16, ["prod"], false, null]"#).unwrap();
    assert_eq!(
        (server.name().as_str(), server.enabled(), *server.tier()),
        ("web", false, None)
    );
    let short: Server = serde_json::from_str(r#"["web", 2, 16, []]"#).unwrap();
    assert!(
        short.enabled(),
        "a missing trailing field with a default takes it"
    );
    let error = serde_json::from_str::<Server>(r#"["web", 2]"#).unwrap_err();
    assert!(error.to_string().contains("invalid length 2"), "{error}");
    let rejected = model::deserialize::<Fleet, _>(&mut serde_json::Deserializer::from_str(
        r#"["", [["a", -1, 2, []]], null]"#,
    ))
    .unwrap_err();
    let lines: Vec<String> = rejected
        .validation_errors()
        .expect("a validation report")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "name: must have between 1 and 64 characters (got 0)",
            "servers[0].cpu_cores: must not be negative (got -1)",
        ]
    );
}

#[test]
fn a_field_given_twice_is_an_error() {
    let error = serde_json::from_str::<Server>(
        r#"{"name":"a","name":"b","cpu_cores":1,"ram_gb":1,"tags":[]}"#,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("duplicate field `name`"),
        "{error}"
    );
}
