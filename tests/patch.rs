//! `patch_json`: a partial JSON document applied all or nothing, every problem reported with its
//! line and column in the patch, hooks and change tracking as for setters.
#![cfg(feature = "json")]

use model::{ChangedFields, Changes, Error, Lazy, Model, Rejected};
use std::sync::atomic::{AtomicUsize, Ordering};

static SAVED: AtomicUsize = AtomicUsize::new(0);

#[derive(Model, Clone, PartialEq)]
#[model(check = Self::fits_host, track_changes, on_change = Self::saved)]
#[model(computed(ram_mb: u64 = Self::ram_mb, secret = false))]
struct Server {
    #[model(length(1..=64), on_set = Self::stamp)]
    name: String,
    #[model(non_negative)]
    cpu_cores: i64,
    #[model(range(1..=4096))]
    ram_gb: i64,
    #[model(each(length(1..=32)))]
    tags: Vec<String>,
    #[model(readonly)]
    id: u64,
    #[model(default)]
    renamed: u32,
    #[model(secret, length(8..))]
    password: String,
    #[model(default)]
    note: Option<String>,
    #[model(lazy = Self::describe, depends_on(name), secret = false)]
    label: Lazy<String>,
    changes: Changes,
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
    fn ram_mb(&self) -> u64 {
        self.ram_gb as u64 * 1024
    }
    fn describe(&self) -> String {
        format!("server {}", self.name)
    }
    fn stamp(draft: &mut ServerDraft<'_>) {
        let renamed = draft.renamed() + 1;
        draft.set_renamed(renamed);
    }
    fn saved(&self, _: ChangedFields) {
        SAVED.fetch_add(1, Ordering::Relaxed);
    }
}

fn server() -> Server {
    let mut server = Server::new(
        "web-1",
        4,
        16,
        vec!["prod".into()],
        7,
        "correct horse".to_owned(),
    )
    .unwrap();
    assert_eq!(server.label(), "server web-1");
    server.take_changes();
    server
}

fn invalid(rejected: Rejected<serde_json::Error>) -> model::ValidationErrors {
    match rejected {
        Rejected::Invalid(report) => report,
        Rejected::Malformed(error) => panic!("expected problems, got malformed JSON: {error}"),
    }
}

#[test]
fn a_patch_sets_the_fields_present_through_the_commit_path() {
    let mut server = server();
    let saved = SAVED.load(Ordering::Relaxed);
    server
        .patch_json(r#"{"name": "web-2", "ram_gb": 32, "note": "moved"}"#)
        .unwrap();
    assert_eq!((server.name().as_str(), server.ram_gb()), ("web-2", 32));
    assert_eq!(server.note(), &Some("moved".to_owned()));
    // The hook of `name` ran, the lazy label was reset, the change was recorded and told.
    assert_eq!(server.renamed(), 1);
    assert_eq!(server.label(), "server web-2");
    assert_eq!(
        server.take_changes().collect::<Vec<_>>(),
        ["name", "ram_gb", "renamed", "note"]
    );
    assert!(SAVED.load(Ordering::Relaxed) > saved);
    // Untouched fields keep their values, secrets included.
    assert_eq!(server.password(), "correct horse");
    assert_eq!(server.tags(), &["prod"]);

    // `null` clears an option; an empty patch changes nothing.
    server.patch_json(r#"{"note": null}"#).unwrap();
    assert_eq!(server.note(), &None);
    let before = server.clone();
    server.patch_json("{ }").unwrap();
    assert!(server == before);
    assert_eq!(server.take_changes().count(), 1);
}

#[test]
fn every_problem_of_a_patch_with_its_position_and_nothing_changes() {
    let mut server = server();
    let before = server.clone();
    let patch = r#"{
  "name": "",
  "cpu_cores": "many",
  "tags": ["ok", ""],
  "id": 9,
  "ram_mb": 1,
  "label": "x",
  "colour": "red",
  "password": "short"
}"#;
    let report = invalid(server.patch_json(patch).unwrap_err());
    assert_eq!(
        report.to_string(),
        "name: must have between 1 and 64 characters (got 0) (at line 2, column 11)
cpu_cores: expected i64, found a string (at line 3, column 16)
tags[1]: must have between 1 and 32 characters (got 0) (at line 4, column 18)
id: is read-only (at line 5, column 9)
ram_mb: is computed from other fields; it cannot be patched (at line 6, column 13)
label: is computed when first read; it cannot be patched (at line 7, column 12)
colour: unknown field; expected one of `name`, `cpu_cores`, `ram_gb`, `tags`, `renamed`, `password`, `note` (at line 8, column 3)
password: must have at least 8 characters (got [redacted]) (at line 9, column 15)"
    );
    let codes: Vec<&str> = report.iter().map(|v| v.code()).collect();
    assert_eq!(
        codes,
        [
            "length",
            "invalid_type",
            "length",
            "readonly",
            "readonly",
            "readonly",
            "unknown_field",
            "length"
        ]
    );
    assert!(!format!("{report:?}").contains("short"));
    assert!(server == before);
    assert_eq!(server.changed_fields().count(), 0);
}

#[test]
fn a_patch_that_breaks_a_struct_check_changes_nothing() {
    let mut server = server();
    let before = server.clone();
    let report = invalid(
        server
            .patch_json(r#"{"name": "big", "ram_gb": 4096}"#)
            .unwrap_err(),
    );
    assert_eq!(
        report.to_string(),
        "needs at most 256 GiB of RAM per core (at line 1, column 1)"
    );
    assert!(server == before);
    assert_eq!(server.renamed(), 0);
    assert_eq!(server.changed_fields().count(), 0);
    // Together with enough cores it holds.
    server
        .patch_json(r#"{"ram_gb": 4096, "cpu_cores": 16}"#)
        .unwrap();
    assert_eq!((server.ram_gb(), server.cpu_cores()), (4096, 16));
}

#[test]
fn a_patch_must_be_a_json_object() {
    let mut server = server();
    let malformed = server.patch_json(r#"{"name": "#).unwrap_err();
    assert!(matches!(malformed, Rejected::Malformed(_)), "{malformed}");
    let report = invalid(server.patch_json("[1, 2]").unwrap_err());
    assert_eq!(
        report.to_string(),
        "expected an object of fields, found an array (at line 1, column 1)"
    );
    let report = invalid(
        server
            .patch_json(r#"{"name": "a", "name": "b"}"#)
            .unwrap_err(),
    );
    assert_eq!(report.iter().next().unwrap().code(), "duplicate_field");
    assert_eq!(server.name(), "web-1");
}

#[derive(Model, Debug, Clone, PartialEq)]
#[model(frozen)]
struct Frozen {
    #[model(length(1..))]
    name: String,
}

#[derive(Model, Debug, Clone, PartialEq)]
#[model(rename_all = "camelCase")]
struct Inner {
    #[model(range(1..=10))]
    max_size: u8,
}

#[derive(Model, Debug, Clone, PartialEq)]
struct Outer {
    #[model(nested)]
    inner: Inner,
    #[model(nested)]
    list: Vec<Inner>,
}

#[test]
fn frozen_models_refuse_every_key() {
    let mut frozen = Frozen::new("a").unwrap();
    let report = invalid(frozen.patch_json(r#"{"name": "b"}"#).unwrap_err());
    assert_eq!(
        report.to_string(),
        "name: is read-only (at line 1, column 10)"
    );
    assert_eq!(frozen.name(), "a");
}

#[test]
fn nested_models_are_replaced_and_reported_at_their_paths() {
    let mut outer = Outer::new(Inner::new(1).unwrap(), vec![]).unwrap();
    outer
        .patch_json(r#"{"inner": {"maxSize": 5}, "list": [{"maxSize": 2}]}"#)
        .unwrap();
    assert_eq!(outer.inner().max_size(), 5);
    assert_eq!(outer.list().len(), 1);
    let report = invalid(
        outer
            .patch_json(r#"{"list": [{"maxSize": 2}, {"maxSize": 11}, {}]}"#)
            .unwrap_err(),
    );
    assert_eq!(
        report.to_string(),
        "list[1].maxSize: must be between 1 and 10 (got 11) (at line 1, column 39)
list[2].maxSize: is required (at line 1, column 44)"
    );
    assert_eq!(outer.list().len(), 1);
}

#[derive(Model, Debug)]
struct Hidden {
    #[model(range(0..=100))]
    a: i64,
    #[serde(skip_serializing)]
    #[model(range(0..=100))]
    hidden: i64,
}

#[test]
fn a_field_left_out_of_the_serialized_form_is_said_so_not_required() {
    let mut hidden = Hidden::new(1, 90).unwrap();
    let error = hidden.patch_json(r#"{"a": 50}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "hidden: is left out of the model's serialized form (`skip_serializing`, or \
         `skip_serializing_if` as it is now), so a patch cannot keep its value: give it in the \
         patch, or change the model with `update` (at line 1, column 1)"
    );
    assert_eq!((hidden.a(), hidden.hidden()), (1, 90));
    // Given in the patch, it is set.
    hidden.patch_json(r#"{"a": 50, "hidden": 70}"#).unwrap();
    assert_eq!((hidden.a(), hidden.hidden()), (50, 70));
}
