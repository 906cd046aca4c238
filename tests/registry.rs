#![cfg(feature = "json")]
//! Every model registers itself, and any of them can be read back by its name.

use model::{Model, Registry, RegistryError};

#[derive(Model, Debug, PartialEq)]
struct Point2D {
    x: i64,
    y: i64,
}

#[derive(Model, Debug, PartialEq)]
#[model(name = "vector3")]
struct Vector3D {
    #[model(range(-100..=100))]
    x: i64,
    y: i64,
    z: i64,
}

/// Read by its type only: kept out of the registry, and lighter to compile.
#[derive(Model, Debug, PartialEq)]
#[model(register = false)]
struct Unlisted {
    #[model(range(1..=9))]
    level: u8,
}

#[test]
fn any_registered_model_is_read_by_name() {
    let model = model::from_json(r#"{"type":"Point2D","x":5,"y":3}"#).unwrap();
    assert_eq!(model.name(), "Point2D");
    assert_eq!(model.model_meta().field_list().len(), 2);
    assert_eq!(
        model.downcast_ref::<Point2D>(),
        Some(&Point2D::new(5, 3).unwrap())
    );
    assert_eq!(
        model.to_tagged_json("type").unwrap(),
        r#"{"type":"Point2D","x":5,"y":3}"#
    );
}

#[test]
fn round_trip_through_the_tag() {
    let v = Vector3D::new(10, -7, 3).unwrap();
    let boxed: Box<dyn model::AnyModel> = Box::new(v);
    let json = boxed.to_tagged_json("type").unwrap();
    assert_eq!(json, r#"{"type":"vector3","x":10,"y":-7,"z":3}"#);
    let back = model::from_json(&json)
        .unwrap()
        .downcast::<Vector3D>()
        .unwrap();
    assert_eq!(*back, Vector3D::new(10, -7, 3).unwrap());
}

#[test]
fn the_tag_may_come_later_in_json() {
    let model = model::from_json(r#"{"x":1,"y":2,"z":3,"type":"vector3"}"#).unwrap();
    assert_eq!(model.name(), "vector3");
}

#[test]
fn validation_errors_come_back_whole() {
    match model::from_json(r#"{"type":"vector3","x":101,"y":0,"z":0}"#) {
        Err(RegistryError::Invalid(errors)) => {
            assert_eq!(
                errors.to_string(),
                "x: must be between -100 and 100 (got 101) (at line 1, column 23)"
            )
        }
        other => panic!("expected a validation report, got {other:?}"),
    }
}

#[test]
fn unknown_names_list_close_matches() {
    let error = model::from_json(r#"{"type":"Point2d","x":1,"y":2}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "type: no model is named `Point2d`; did you mean `Point2D`? (at line 1, column 2)"
    );
    let RegistryError::Invalid(report) = error else {
        panic!("a report")
    };
    let problem = report.iter().next().unwrap();
    assert_eq!(problem.code(), "unknown_model");
    assert_eq!(problem.param("value"), Some(&model::Value::from("Point2d")));
}

#[test]
fn a_hand_built_registry_and_its_tag() {
    let registry = Registry::new().with::<Point2D>();
    let model = registry
        .from_json_tagged(r#"{"kind":"Point2D","x":1,"y":2}"#, "kind")
        .unwrap();
    assert_eq!(model.name(), "Point2D");
    assert!(matches!(
        registry.get("vector3"),
        Err(RegistryError::Unknown { .. })
    ));
    assert_eq!(model::registry().get("vector3").unwrap().name(), "vector3");
}

#[test]
fn a_model_that_does_not_register_is_only_in_registries_built_by_hand() {
    assert!(matches!(
        model::registry().get("Unlisted"),
        Err(RegistryError::Unknown { .. })
    ));
    assert!(!model::registry().names().contains(&"Unlisted"));
    assert!(model::from_json(r#"{"type":"Unlisted","level":3}"#).is_err());
    // Everything else of a model is still there: its typed read and its serde impls.
    let typed: Unlisted = serde_json::from_str(r#"{"level":3}"#).unwrap();
    assert_eq!(typed, Unlisted::new(3).unwrap());

    let registry = Registry::new().with::<Unlisted>();
    let read = registry
        .from_json(r#"{"type":"Unlisted","level":4}"#)
        .unwrap();
    assert_eq!(
        read.downcast_ref::<Unlisted>(),
        Some(&Unlisted::new(4).unwrap())
    );
    let report = registry
        .from_json(r#"{"type":"Unlisted","level":10}"#)
        .unwrap_err()
        .to_string();
    assert!(report.contains("level"), "{report}");
}

mod billing {
    /// A model named like `Point2D`, in another module.
    #[derive(model::Model, Debug)]
    #[model(name = "Point2D", register = false)]
    pub struct Point {
        x: i32,
    }
}

#[test]
fn duplicate_names_are_reported_never_picked() {
    let registry = Registry::new().with::<Point2D>().with::<billing::Point>();
    let error = registry.check().unwrap_err();
    // Each type by its path, so that the two can be found.
    assert_eq!(
        error.to_string(),
        "2 models are named `Point2D`: registry::Point2D, registry::billing::Point; give them \
         distinct `#[model(name = \"...\")]`"
    );
    assert!(matches!(
        registry.get("Point2D"),
        Err(RegistryError::Duplicate { .. })
    ));
    assert!(model::registry().check().is_ok());
}

#[test]
fn many_threads_look_up_and_read_at_once() {
    let handles: Vec<_> = (0..8)
        .map(|i| {
            std::thread::spawn(move || {
                for j in 0..200 {
                    let json = format!(r#"{{"type":"Point2D","x":{i},"y":{j}}}"#);
                    let model = model::from_json(&json).unwrap();
                    assert_eq!(model.downcast_ref::<Point2D>().unwrap().y(), j);
                    let bad = format!(r#"{{"type":"vector3","x":{},"y":0,"z":0}}"#, 200 + j);
                    assert!(matches!(
                        model::from_json(&bad),
                        Err(RegistryError::Invalid(_))
                    ));
                }
            })
        })
        .collect();
    for handle in handles {
        handle.join().unwrap();
    }
}

#[test]
fn the_registry_reads_other_formats() {
    let toml = "type = \"vector3\"\nx = 1\ny = 2\nz = 3\n";
    let model = model::registry()
        .deserialize_tagged(toml::Deserializer::parse(toml).unwrap(), "type")
        .unwrap();
    assert_eq!(
        model.downcast_ref::<Vector3D>(),
        Some(&Vector3D::new(1, 2, 3).unwrap())
    );
}

#[test]
fn other_formats_may_put_the_tag_anywhere() {
    let json = r#"{"x":1,"y":2,"z":3,"type":"vector3"}"#;
    let model = model::registry()
        .deserialize_tagged(&mut serde_json::Deserializer::from_str(json), "type")
        .unwrap();
    assert_eq!(model.name(), "vector3");
}
