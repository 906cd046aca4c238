// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]

//! Fuzzing, kept: arbitrary JSON documents, and valid documents mutated at random (a node
//! replaced, a key removed or added, bytes spliced into the text), fed to every entry point that
//! reads a model: the typed `Deserialize` (`serde_json::from_str`), the document readers
//! (`model::json::from_str`, `model::toml::from_str`), `model::deserialize` and the registry
//! (`model::from_json`). None may panic; whatever one accepts must pass `validate()`
//! and survive its own round trip.
//!
//! A few thousand cases run by default; set `MODEL_FUZZ_CASES` for more, as in
//! `MODEL_FUZZ_CASES=200000 cargo test --release --test fuzz`.

use model::{Error, Model};
use proptest::prelude::*;
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Model, Debug, Clone, PartialEq)]
#[model(name = "FuzzServer", check = Self::fits)]
struct Server {
    #[model(length(1..=16), pattern("^[a-z0-9-]+$"))]
    name: String,
    #[model(range(1..=64))]
    cores: u32,
    #[model(range(0.0..=1.0))]
    load: f64,
    #[model(positive)]
    weight: f32,
    #[model(default, length(..=4), each(length(1..=8)))]
    tags: Vec<String>,
    #[model(range(1..=9))]
    tier: Option<u8>,
    #[model(default, keys(length(1..=8)), values(range(0..=100)))]
    quotas: BTreeMap<String, i64>,
}

impl Server {
    /// A tier needs at least as many cores.
    fn fits(&self) -> Result<(), Error> {
        match self.tier {
            Some(tier) if u32::from(tier) > self.cores => Err(Error::new(
                "fits",
                "needs at least as many cores as its tier",
            )),
            _ => Ok(()),
        }
    }
}

#[derive(Model, Clone, PartialEq)]
#[model(name = "FuzzFleet", rename_all = "camelCase")]
struct Fleet {
    #[model(length(1..=8))]
    home_region: String,
    #[model(nested, length(..=4))]
    servers: Vec<Server>,
    #[model(nested)]
    primary: Option<Box<Server>>,
    #[model(secret, length(4..=16))]
    token: String,
    #[model(default, range(..=1e6))]
    budget: f64,
}

/// The names that the documents use, so that arbitrary documents often hit real fields.
const KEYS: &[&str] = &[
    "homeRegion",
    "servers",
    "primary",
    "token",
    "budget",
    "name",
    "cores",
    "load",
    "weight",
    "tags",
    "tier",
    "quotas",
    "type",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-zA-Z_]{0,8}",
        1 => any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Json> {
    prop_oneof![
        any::<i64>().prop_map(Json::from),
        any::<u64>().prop_map(Json::from),
        (-100i64..=100).prop_map(Json::from),
        any::<f64>().prop_map(Json::from), // an infinity or NaN becomes null
        (-2.0f64..2.0).prop_map(Json::from),
        prop::sample::select(vec![0.0, -0.0, 1.0, 1e6, 1e300, f64::MIN_POSITIVE])
            .prop_map(Json::from),
    ]
}

/// Any JSON document, biased towards the shapes of the models.
fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::from),
        number(),
        "[a-z0-9-]{0,20}".prop_map(Json::from),
        any::<String>().prop_map(Json::from),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|entries| Json::Object(entries.into_iter().collect())),
        ]
    })
}

fn server() -> impl Strategy<Value = Server> {
    (
        "[a-z0-9-]{1,16}",
        1u32..=64,
        0.0f64..=1.0,
        0.001f32..1e6,
        prop::collection::vec("[a-z]{1,8}", 0..=4),
        prop::option::of(1u8..=9),
        prop::collection::btree_map("[a-z]{1,8}", 0i64..=100, 0..3),
    )
        .prop_filter_map(
            "a valid server",
            |(name, cores, load, weight, tags, tier, quotas)| {
                let mut server = Server::new(name, cores, load, weight, tier).ok()?;
                server.set_tags(tags).ok()?;
                server.set_quotas(quotas).ok()?;
                Some(server)
            },
        )
}

fn fleet() -> impl Strategy<Value = Fleet> {
    (
        "[a-z]{1,8}",
        prop::collection::vec(server(), 0..=4),
        prop::option::of(server().prop_map(Box::new)),
        // Upper case, which no other generated text is: an error that shows it leaked it.
        "TOK[A-Z]{4,13}",
        -1e6f64..=1e6,
    )
        .prop_filter_map(
            "a valid fleet",
            |(region, servers, primary, token, budget)| {
                let mut fleet = Fleet::new(region, servers, primary, token).ok()?;
                fleet.set_budget(budget).ok()?;
                Some(fleet)
            },
        )
}

/// One change to a document.
#[derive(Debug, Clone)]
enum Mutation {
    /// The `n`th node (in depth-first order) replaced.
    Replace(usize, Json),
    /// A key of the `n`th object removed.
    Remove(usize, usize),
    /// A key added to (or replaced in) the `n`th object.
    Insert(usize, String, Json),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), json()).prop_map(|(n, value)| Mutation::Replace(n, value)),
        (any::<usize>(), any::<usize>()).prop_map(|(n, k)| Mutation::Remove(n, k)),
        (any::<usize>(), key(), json()).prop_map(|(n, k, v)| Mutation::Insert(n, k, v)),
    ]
}

fn count(value: &Json) -> usize {
    1 + match value {
        Json::Array(items) => items.iter().map(count).sum(),
        Json::Object(map) => map.values().map(count).sum(),
        _ => 0,
    }
}

/// The `n`th node of `value`, depth first, `value` itself being the 0th.
fn nth(value: &mut Json, n: usize) -> Option<&mut Json> {
    if n == 0 {
        return Some(value);
    }
    let mut n = n - 1;
    let children: Vec<&mut Json> = match value {
        Json::Array(items) => items.iter_mut().collect(),
        Json::Object(map) => map.values_mut().collect(),
        _ => return None,
    };
    for child in children {
        let size = count(child);
        if n < size {
            return nth(child, n);
        }
        n -= size;
    }
    None
}

fn apply(document: &mut Json, mutation: Mutation) {
    let nodes = count(document);
    match mutation {
        Mutation::Replace(n, value) => {
            if let Some(node) = nth(document, n % nodes) {
                *node = value;
            }
        }
        Mutation::Remove(n, k) => {
            if let Some(Json::Object(map)) = nth(document, n % nodes) {
                if !map.is_empty() {
                    let key = map.keys().nth(k % map.len()).cloned().unwrap_or_default();
                    map.remove(&key);
                }
            }
        }
        Mutation::Insert(n, key, value) => {
            if let Some(Json::Object(map)) = nth(document, n % nodes) {
                map.insert(key, value);
            }
        }
    }
}

/// Bytes spliced into a document's text: `(position, text)`; the position is taken modulo the
/// length, at a character boundary.
fn splice(text: &mut String, (position, insert): (usize, String)) {
    let mut at = position % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.insert_str(at, &insert);
}

/// The checks on one document, through every entry point. `secret`, if given, is a secret
/// value of the document, which no error may show.
fn feed(text: &str, secret: Option<&str>) -> Result<(), TestCaseError> {
    // The typed entry.
    if let Ok(fleet) = serde_json::from_str::<Fleet>(text) {
        accepted(&fleet)?;
    }
    if let Ok(server) = serde_json::from_str::<Server>(text) {
        prop_assert_eq!(server.validate(), Ok(()));
        let back: Server = serde_json::from_str(&serde_json::to_string(&server).unwrap()).unwrap();
        prop_assert_eq!(back, server);
    }
    // `model::deserialize`, which reports every violation.
    match model::deserialize::<Fleet, _>(&mut serde_json::Deserializer::from_str(text)) {
        Ok(fleet) => accepted(&fleet)?,
        Err(rejected) => {
            // A report, when there is one, is not empty; no error shows the token.
            if let Some(errors) = rejected.validation_errors() {
                prop_assert!(!errors.is_empty());
            }
            if let Some(secret) = secret {
                let shown = format!("{rejected} {rejected:?}");
                prop_assert!(!shown.contains(secret), "{} shows the token", shown);
            }
        }
    }
    // The document readers, which report every problem: the same verdict as the typed entry, a
    // position for every problem read from text, and no secret shown.
    let typed = serde_json::from_str::<Fleet>(text).is_ok();
    match model::json::from_str::<Fleet>(text) {
        Ok(fleet) => {
            accepted(&fleet)?;
            prop_assert!(
                typed,
                "model::json accepts what serde_json refuses: {}",
                text
            );
        }
        Err(rejected) => {
            prop_assert!(
                !typed,
                "model::json refuses what serde_json accepts: {}",
                text
            );
            if let Some(errors) = rejected.validation_errors() {
                prop_assert!(!errors.is_empty());
                prop_assert!(errors.iter().all(|v| v.position().is_some()), "{}", errors);
            }
            if let Some(secret) = secret {
                let shown = format!("{rejected} {rejected:?}");
                prop_assert!(!shown.contains(secret), "{} shows the token", shown);
            }
        }
    }
    #[cfg(feature = "toml")]
    if let Some(toml) = serde_json::from_str::<Json>(text)
        .ok()
        .filter(Json::is_object)
        .and_then(|json| toml::to_string(&json).ok())
    {
        match model::toml::from_str::<Fleet>(&toml) {
            Ok(fleet) => accepted(&fleet)?,
            Err(rejected) => {
                if let Some(errors) = rejected.validation_errors() {
                    prop_assert!(!errors.is_empty());
                }
                if let Some(secret) = secret {
                    let shown = format!("{rejected} {rejected:?}");
                    prop_assert!(!shown.contains(secret), "{} shows the token", shown);
                }
            }
        }
    }
    // The registry, with the tag of either model added to objects.
    let tagged = |name: &str| match serde_json::from_str::<Json>(text) {
        Ok(Json::Object(mut map)) => {
            map.insert("type".to_owned(), Json::from(name));
            serde_json::to_string(&Json::Object(map)).unwrap()
        }
        _ => text.to_owned(),
    };
    for document in [text.to_owned(), tagged("FuzzFleet"), tagged("FuzzServer")] {
        let document = document.as_str();
        if let Ok(any) = model::from_json(document) {
            let again = any.to_tagged_json("type").unwrap();
            if let Some(fleet) = any.as_any().downcast_ref::<Fleet>() {
                accepted(fleet)?;
                let back = model::from_json(&again).unwrap();
                prop_assert!(back.as_any().downcast_ref::<Fleet>() == Some(fleet));
            }
            if let Some(server) = any.as_any().downcast_ref::<Server>() {
                prop_assert_eq!(server.validate(), Ok(()));
                let back = model::from_json(&again).unwrap();
                prop_assert!(back.as_any().downcast_ref::<Server>() == Some(server));
            }
        }
    }
    Ok(())
}

/// An accepted fleet is valid and reads back from its own JSON.
fn accepted(fleet: &Fleet) -> Result<(), TestCaseError> {
    prop_assert_eq!(fleet.validate(), Ok(()));
    let json = serde_json::to_string(fleet).unwrap();
    let back: Result<Fleet, _> = serde_json::from_str(&json);
    prop_assert!(
        back.is_ok(),
        "{} does not read back: {:?}",
        json,
        back.err()
    );
    prop_assert!(
        back.unwrap() == *fleet,
        "{} reads back as another fleet",
        json
    );
    Ok(())
}

/// `MODEL_FUZZ_CASES`, or `default`.
fn cases(default: u32) -> u32 {
    std::env::var("MODEL_FUZZ_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_documents(document in json()) {
        feed(&document.to_string(), None)?;
    }

    #[test]
    fn mutated_documents(
        fleet in fleet(),
        mutations in prop::collection::vec(mutation(), 1..4),
        spliced in prop::option::weighted(0.2, (any::<usize>(), "[\\[\\]{}\",:0-9a-z\\\\ ]{1,3}")),
    ) {
        let mut document = serde_json::to_value(&fleet).unwrap();
        accepted(&fleet)?;
        for mutation in mutations {
            apply(&mut document, mutation);
        }
        let mut text = document.to_string();
        if let Some(splice_at) = spliced {
            splice(&mut text, splice_at);
        }
        feed(&text, Some(fleet.token()))?;
    }

    #[test]
    fn mutated_servers(
        server in server(),
        mutations in prop::collection::vec(mutation(), 1..3),
    ) {
        let mut document = serde_json::to_value(&server).unwrap();
        for mutation in mutations {
            apply(&mut document, mutation);
        }
        feed(&document.to_string(), None)?;
    }
}
