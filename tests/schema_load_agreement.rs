// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]
//! A compiled model and the runtime model loaded from its exported schema read documents
//! alike: for random and mutated documents around a valid one, both accept or both refuse,
//! with the same paths and codes.
//!
//! The rules and struct checks a schema cannot say (`x-model-rules`, `x-model-checks`) are
//! skipped on loading, then given back to the loaded definition as functions, as a program
//! loading such a schema would; documents that only a rule without a schema could judge (a
//! `load` above 100 for `with = Percent`) are left out, and so are documents with a list where
//! a model stood: serde's derived readers take a struct's fields from a sequence too, which
//! records, read from maps only, refuse.

#[path = "support/server.rs"]
mod server;

#[path = "../examples/resources/mod.rs"]
mod resources;

use model::dynamic::schema::Loader;
use model::dynamic::{Record, RuntimeModel};
use model::{Error, Model};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{json, Value as Json};

#[path = "support/limits.rs"]
mod limits;
use limits::Limits;

/// Fields of any JSON value: a schema of `{}`.
#[derive(Model, Debug)]
struct Loose {
    #[model(length(1..=3))]
    name: String,
    anything: Json,
    maybe: Option<Json>,
    #[model(length(..=2))]
    list: Vec<Json>,
}

#[derive(Model, Debug)]
#[model(name = "Volume", rename_all = "camelCase")]
struct Volume {
    #[model(range(1..=64))]
    size_gb: u16,
    #[model(default, one_of("ssd", "hdd"))]
    kind: Option<String>,
}

fn int(record: &Record, name: &str) -> i64 {
    record.get(name).ok().and_then(|v| v.as_i64()).unwrap_or(0)
}

/// A struct check of a record.
type RecordCheck = fn(&Record) -> Result<(), Error>;

/// The runtime model of `T`'s schema, its unsayable rules skipped and its struct check given
/// back as `check`.
fn loaded<T: Model>(name: &str, check: Option<(&str, RecordCheck)>) -> &'static RuntimeModel {
    let schema = T::json_schema();
    let (mut definition, _skipped) = Loader::new()
        .name(name)
        .skip_model_rules()
        .definition(&schema)
        .unwrap_or_else(|e| panic!("{e}\n{schema:#}"));
    if let Some((name, check)) = check {
        definition = definition.check(name, check);
    }
    definition.build().unwrap()
}

/// Values that break or keep rules of every kind.
fn pool() -> impl Strategy<Value = Json> {
    let fixed = prop::sample::select(vec![
        Json::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(2),
        json!(3),
        json!(9),
        json!(10),
        json!(100),
        json!(101),
        json!(255),
        json!(256),
        json!(4094),
        json!(4095),
        json!(4096),
        json!(4097),
        json!(65536),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(0.5),
        json!(2.5),
        json!(1.0),
        json!(-1e300),
        json!(""),
        json!("a"),
        json!("x"),
        json!("é!"),
        json!("a.1"),
        json!("é-١"),
        json!("eu-west-1"),
        json!("EU"),
        json!("10.0.0.0/16"),
        json!("10.0.0/16"),
        json!("ssd"),
        json!("a\r1"),
        json!([]),
        json!([""]),
        json!(["a", "ab", "abc"]),
        json!([[]]),
        json!([[true]]),
        json!([1]),
        json!({}),
        json!({"v": 1}),
        json!({"v": 4}),
        json!({"": 1}),
        json!({"ab": 10}),
        json!({"size_gb": 8}),
    ]);
    let text = (
        0usize..70,
        prop::sample::select(vec!['a', 'é', '😀', '-', '1', 'Z']),
    )
        .prop_map(|(n, c)| Json::String(std::iter::repeat_n(c, n).collect()));
    prop_oneof![4 => fixed, 1 => text]
}

/// The JSON pointers of every value of `json`, the root included.
fn pointers(json: &Json, at: String, out: &mut Vec<String>) {
    match json {
        Json::Object(map) => {
            for (k, v) in map {
                pointers(v, format!("{at}/{k}"), out);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[derive(Clone, Debug)]
enum Change {
    Set(prop::sample::Index, Json),
    Remove(prop::sample::Index),
    Add(prop::sample::Index, &'static str, Json),
}

/// `valid`, changed up to three times: a value replaced, a key removed, a key added.
fn documents(valid: Json) -> impl Strategy<Value = Json> {
    let change = prop_oneof![
        4 => (any::<prop::sample::Index>(), pool()).prop_map(|(i, v)| Change::Set(i, v)),
        1 => any::<prop::sample::Index>().prop_map(Change::Remove),
        1 => (any::<prop::sample::Index>(), prop::sample::select(vec!["extra", "v", "name", "kind"]), pool())
            .prop_map(|(i, k, v)| Change::Add(i, k, v)),
    ];
    prop::collection::vec(change, 0..=3).prop_map(move |changes| {
        let mut document = valid.clone();
        for change in changes {
            let mut all = Vec::new();
            pointers(&document, String::new(), &mut all);
            match change {
                Change::Set(i, value) => {
                    if let Some(slot) = document.pointer_mut(i.get(&all[..]).as_str()) {
                        *slot = value;
                    }
                }
                Change::Remove(i) => {
                    let pointer = i.get(&all).clone();
                    if let Some((parent, key)) = pointer.rsplit_once('/') {
                        match document.pointer_mut(parent) {
                            Some(Json::Object(map)) => {
                                map.remove(key);
                            }
                            Some(Json::Array(items)) => {
                                if let Ok(i) = key.parse::<usize>() {
                                    if i < items.len() {
                                        items.remove(i);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                Change::Add(i, key, value) => {
                    if let Some(Json::Object(map)) = document.pointer_mut(i.get(&all[..]).as_str())
                    {
                        map.insert(key.to_owned(), value);
                    }
                }
            }
        }
        document
    })
}

/// Every problem as `path code`, sorted.
fn problems(report: &model::ValidationErrors) -> Vec<String> {
    let mut all: Vec<String> = report
        .iter()
        .map(|v| format!("{} {}", v.path(), v.code()))
        .collect();
    all.sort();
    all
}

/// Reads random documents around `valid` with the compiled `T` and the runtime `model`: the
/// same verdicts, and the same problems once the compiled model's `aliases` (`path code` as
/// compiled, as loaded) are put for the loaded model's.
fn agree<T: DeserializeOwned>(
    model: &'static RuntimeModel,
    valid: Json,
    skip: fn(&Json) -> bool,
    aliases: &[(&str, &str)],
) -> (u32, u32) {
    assert!(
        model::json::from_str::<T>(&valid.to_string()).is_ok(),
        "{valid}"
    );
    let (mut accepted, mut refused) = (0, 0);
    let mut runner = TestRunner::new(Config {
        cases: 3000,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = std::cell::Cell::new((0u32, 0u32));
    let mut objects = Vec::new();
    pointers(&valid, String::new(), &mut objects);
    objects.retain(|p| valid.pointer(p).is_some_and(Json::is_object));
    runner
        .run(&documents(valid), |document| {
            // serde reads a struct from a sequence of its fields too; records from maps only.
            let sequence = objects
                .iter()
                .any(|p| document.pointer(p).is_some_and(Json::is_array));
            if skip(&document) || sequence {
                return Ok(());
            }
            let text = document.to_string();
            let compiled = model::json::from_str::<T>(&text);
            let runtime = Record::from_json(model, &text);
            prop_assert_eq!(
                compiled.is_ok(),
                runtime.is_ok(),
                "{}: {:?} / {:?}",
                text,
                compiled.as_ref().err().map(ToString::to_string),
                runtime.as_ref().err().map(ToString::to_string)
            );
            if let (Err(compiled), Err(runtime)) = (&compiled, &runtime) {
                let (Some(compiled), Some(runtime)) =
                    (compiled.validation_errors(), runtime.validation_errors())
                else {
                    return Ok(());
                };
                let mut compiled = problems(compiled);
                for problem in &mut compiled {
                    if let Some((_, loaded)) = aliases.iter().find(|(c, _)| c == problem) {
                        *problem = (*loaded).to_owned();
                    }
                }
                compiled.sort();
                prop_assert_eq!(compiled, problems(runtime), "{}", text);
            }
            let (a, r) = counts.get();
            counts.set(if compiled.is_ok() {
                (a + 1, r)
            } else {
                (a, r + 1)
            });
            Ok(())
        })
        .unwrap();
    let (a, r) = counts.get();
    accepted += a;
    refused += r;
    assert!(
        accepted >= 20 && refused >= 500,
        "accepted {accepted}, refused {refused}"
    );
    (accepted, refused)
}

fn keep(_: &Json) -> bool {
    false
}

#[test]
fn limits() {
    let model = loaded::<Limits>("LoadedLimits", None);
    let valid = json!({
        "name": "ab", "small": 0, "ratio": 1.0, "count": 1, "tags": ["a"], "kind": "x",
        "map": {}, "shout": "é!", "code": "a", "grid": [[true]], "word": "a.1",
        "inner": {"v": 2}, "plain": "p", "retries": 1, "letter": "é"
    });
    // A `char` is text of one character in a schema: its `length`, where deserializing a
    // `char` says `invalid_value`.
    agree::<Limits>(
        model,
        valid,
        keep,
        &[("letter invalid_value", "letter length")],
    );
}

#[test]
fn any_values() {
    let model = loaded::<Loose>("LoadedLoose", None);
    agree::<Loose>(
        model,
        json!({"name": "a", "anything": {"x": [1, null]}, "maybe": 2, "list": [true, "x"]}),
        keep,
        &[],
    );
}

#[test]
fn volume() {
    let model = loaded::<Volume>("LoadedVolume", None);
    agree::<Volume>(model, json!({"sizeGb": 8, "kind": "ssd"}), keep, &[]);
}

fn fits_host(record: &Record) -> Result<(), Error> {
    if int(record, "ram_gb") <= int(record, "cpu_cores").max(1) * 256 {
        Ok(())
    } else {
        Err(Error::new(
            "fits_host",
            "needs at most 256 GiB of RAM per core",
        ))
    }
}

#[test]
fn server_resource() {
    let model =
        loaded::<server::ServerResource>("LoadedServerResource", Some(("fits_host", fits_host)));
    let valid = json!({
        "name": "web-1", "cpu_cores": 4, "ram_gb": 16, "region": "eu-west-1",
        "tags": ["prod", "web"], "id": 7, "enabled": true, "load": 50
    });
    // `with = Percent` has no schema: a `load` it alone refuses is left out.
    agree::<server::ServerResource>(
        model,
        valid,
        |document| {
            document["load"]
                .as_u64()
                .is_some_and(|load| (101..=255).contains(&load))
        },
        &[],
    );
}

#[test]
fn the_provision_resources() {
    let server = loaded::<resources::Server>("LoadedServer", Some(("fits_host", fits_host)));
    agree::<resources::Server>(
        server,
        json!({"name": "web-1", "cpu_cores": 4, "ram_gb": 16, "region": "eu-west-1", "tags": ["prod"]}),
        keep,
        &[],
    );
    fn within_quota(record: &Record) -> Result<(), Error> {
        if int(record, "quota_consumed") <= int(record, "max_quota") {
            Ok(())
        } else {
            Err(Error::new("quota", "consumes more than the quota"))
        }
    }
    let bucket = loaded::<resources::Bucket>("LoadedBucket", Some(("within_quota", within_quota)));
    agree::<resources::Bucket>(
        bucket,
        json!({"name": "uploads", "max_quota": 100, "quota_consumed": 20}),
        keep,
        &[],
    );
    let network = loaded::<resources::Network>("LoadedNetwork", None);
    agree::<resources::Network>(
        network,
        json!({"name": "lan", "cidr": "10.0.0.0/16", "vlan": 100}),
        keep,
        &[],
    );
}
