//! A DevOps resource, told in Rust: a `ServerResource` whose fields validate themselves. Where a
//! Python framework wires `NonNegativeField` descriptors with a metaclass, `#[derive(Model)]`
//! generates the constructor, setters, builder and `update`, and every one of them validates.

// The shared `ServerResource` matches patterns.
#![cfg(feature = "regex")]

use model::{Model, Target, ValidationErrors, Value};

#[path = "support/server.rs"]
mod server;

use server::{fits_host_calls, ServerResource};

fn web() -> ServerResource {
    ServerResource::new("web-1", 4, 16, "eu-west-1", vec!["prod".to_string()], 7, 35)
        .expect("a valid server")
}

/// `(path, code)` of every violation, in order.
fn codes(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|v| (v.path().to_string(), v.code().to_string()))
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

#[test]
fn a_valid_server_is_built_and_read_back() {
    let server = web();
    assert_eq!(server.name(), "web-1");
    assert_eq!(server.cpu_cores(), 4);
    assert_eq!(server.ram_gb(), 16);
    assert_eq!(server.region(), "eu-west-1");
    assert_eq!(server.tags(), &vec!["prod".to_string()]);
    assert_eq!(server.id(), 7);
    assert_eq!(server.load(), 35);
    assert_eq!(server.validate(), Ok(()));
}

#[test]
fn negative_cpu_cores_is_caught_and_named() {
    // Python: `ServerResource(cpu=-4, ram=16)` raises "cpu_cores cannot be negative".
    let error = ServerResource::new("web-1", -4, 16, "eu-west-1", vec![], 7, 35).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cpu_cores: must not be negative (got -4)"
    );
    assert_eq!(error.len(), 1);
    let violation = &error.as_slice()[0];
    assert_eq!(violation.path().to_string(), "cpu_cores");
    assert_eq!(violation.code(), "non_negative");
    assert_eq!(violation.param("value"), Some(&Value::Int(-4)));
    assert_eq!(violation.message(), "must not be negative (got -4)");
    assert_eq!(violation.template(), "must not be negative (got {value})");
    assert_eq!(error.at("cpu_cores").count(), 1);
    assert_eq!(error.at("ram_gb").count(), 0);
}

#[test]
fn every_error_is_reported_at_once_in_declaration_order() {
    let error = ServerResource::new(
        "",
        -2,
        0,
        "Mars",
        vec!["ok".to_string(), String::new(), "x".repeat(33)],
        9,
        140,
    )
    .unwrap_err();
    assert_eq!(
        codes(&error),
        pairs(&[
            ("name", "length"),
            ("cpu_cores", "non_negative"),
            ("ram_gb", "range"),
            ("region", "pattern"),
            ("tags[1]", "length"),
            ("tags[2]", "length"),
            ("load", "percent"),
        ])
    );
    assert_eq!(
        error.to_string(),
        "name: must have between 1 and 64 characters (got 0)\n\
         cpu_cores: must not be negative (got -2)\n\
         ram_gb: must be between 1 and 4096 (got 0)\n\
         region: must match the pattern `^[a-z]+-[a-z]+-[0-9]+$`\n\
         tags[1]: must have between 1 and 32 characters (got 0)\n\
         tags[2]: must have between 1 and 32 characters (got 33)\n\
         load: must be a percentage (got 140)"
    );

    let ram = error.at("ram_gb").next().unwrap();
    assert_eq!(ram.param("min"), Some(&Value::Int(1)));
    assert_eq!(ram.param("max"), Some(&Value::Int(4096)));
    assert_eq!(ram.param("value"), Some(&Value::Int(0)));

    let name = error.at("name").next().unwrap();
    assert_eq!(name.param("min"), Some(&Value::UInt(1)));
    assert_eq!(name.param("max"), Some(&Value::UInt(64)));
    assert_eq!(name.param("length"), Some(&Value::UInt(0)));
    assert_eq!(name.param("unit"), Some(&Value::str("characters")));

    let region = error.at("region").next().unwrap();
    assert_eq!(
        region.param("pattern"),
        Some(&Value::str("^[a-z]+-[a-z]+-[0-9]+$"))
    );

    // Both rules of a field are checked: too short *and* not matching.
    let short = ServerResource::new("a", 1, 1, "x", vec![], 1, 0).unwrap_err();
    assert_eq!(
        codes(&short),
        pairs(&[("region", "length"), ("region", "pattern")])
    );

    // The list rule and the item rule, together.
    let many_tags: Vec<String> = (0..17).map(|i| format!("t{i}")).collect();
    let mut tags = many_tags.clone();
    tags[16] = String::new();
    let error = ServerResource::new("a", 1, 1, "eu-west-1", tags, 1, 0).unwrap_err();
    assert_eq!(
        error.to_string(),
        "tags: must have at most 16 items (got 17)\ntags[16]: must have between 1 and 32 characters (got 0)"
    );
}

#[test]
fn the_struct_check_runs_only_when_every_field_is_valid() {
    // 5000 GiB on 1 core would break `fits_host`, but ram_gb is already out of range: only the
    // field's error is reported, and the struct check does not even run.
    let before = fits_host_calls();
    let error = ServerResource::new("db", 1, 5000, "eu-west-1", vec![], 1, 0).unwrap_err();
    assert_eq!(codes(&error), pairs(&[("ram_gb", "range")]));
    assert_eq!(fits_host_calls(), before);

    // Every field valid: the struct check runs once, and reports at the root.
    let error = ServerResource::new("db", 1, 4096, "eu-west-1", vec![], 1, 0).unwrap_err();
    assert_eq!(fits_host_calls(), before + 1);
    assert_eq!(codes(&error), pairs(&[("", "fits_host")]));
    assert!(error.as_slice()[0].path().is_root());
    assert_eq!(error.to_string(), "needs at most 256 GiB of RAM per core");

    // A setter whose value breaks a field rule does not run the struct check either.
    let mut server = web();
    let before = fits_host_calls();
    assert!(server.set_ram_gb(5000).is_err());
    assert_eq!(fits_host_calls(), before);
    // A valid value does.
    assert!(server.set_ram_gb(1024).is_ok());
    assert_eq!(fits_host_calls(), before + 1);

    // Nor does `update` or the builder.
    let before = fits_host_calls();
    assert!(server
        .update(|d| {
            d.set_cpu_cores(-1);
        })
        .is_err());
    assert!(ServerResource::builder().name("x").build().is_err());
    assert_eq!(fits_host_calls(), before);
}

#[test]
fn a_failed_set_leaves_the_model_unchanged() {
    let mut server = web();
    let original = server.clone();

    let error = server.set_cpu_cores(-4).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cpu_cores: must not be negative (got -4)"
    );
    assert_eq!(server.cpu_cores(), 4);

    let error = server.set_ram_gb(0).unwrap_err();
    assert_eq!(codes(&error), pairs(&[("ram_gb", "range")]));
    assert_eq!(server.ram_gb(), 16);

    let error = server.set_region("EU-WEST-1").unwrap_err();
    assert_eq!(codes(&error), pairs(&[("region", "pattern")]));
    assert_eq!(server.region(), "eu-west-1");

    let error = server
        .set_tags(vec!["ok".to_string(), String::new()])
        .unwrap_err();
    assert_eq!(codes(&error), pairs(&[("tags[1]", "length")]));
    assert_eq!(server.tags(), &vec!["prod".to_string()]);

    let error = server.set_load(101).unwrap_err();
    assert_eq!(error.to_string(), "load: must be a percentage (got 101)");
    assert_eq!(server.load(), 35);

    // Valid for the field, but not for the whole server: refused and rolled back too.
    let error = server.set_ram_gb(4096).unwrap_err();
    assert_eq!(codes(&error), pairs(&[("", "fits_host")]));
    assert_eq!(server.ram_gb(), 16);
    // Lowering the cores below what the RAM needs is refused the same way.
    server.set_ram_gb(1024).unwrap();
    let error = server.set_cpu_cores(3).unwrap_err();
    assert_eq!(codes(&error), pairs(&[("", "fits_host")]));
    assert_eq!(server.cpu_cores(), 4);
    server.set_ram_gb(16).unwrap();

    assert_eq!(server, original);

    // And a successful set changes exactly one field.
    server.set_cpu_cores(8).unwrap();
    assert_eq!(server.cpu_cores(), 8);
    server.set_enabled(false).unwrap();
    assert!(!server.enabled());
    server.set_name(String::from("web-2")).unwrap();
    assert_eq!(server.name(), "web-2");
    assert_eq!(server.validate(), Ok(()));
}

#[test]
fn update_is_all_or_nothing() {
    let mut server = web();

    // 2048 GiB alone does not fit 4 cores; with 8 cores it does: set both, committed together.
    assert!(server.clone().set_ram_gb(2048).is_err());
    server
        .update(|draft| {
            draft.set_cpu_cores(8).set_ram_gb(2048);
            // The draft reads the pending values.
            assert_eq!(draft.cpu_cores(), 8);
            assert_eq!(draft.ram_gb(), 2048);
            assert_eq!(draft.name(), "web-1");
        })
        .unwrap();
    assert_eq!((server.cpu_cores(), server.ram_gb()), (8, 2048));

    // One invalid field: nothing is stored, not even the valid ones, and every error is given.
    let before = server.clone();
    let error = server
        .update(|draft| {
            draft
                .set_name("web-9")
                .set_cpu_cores(-1)
                .set_load(200)
                .set_enabled(false);
        })
        .unwrap_err();
    assert_eq!(
        codes(&error),
        pairs(&[("cpu_cores", "non_negative"), ("load", "percent")])
    );
    assert_eq!(server, before);

    // Every field valid but the struct check fails: rolled back as well.
    let error = server
        .update(|draft| {
            draft.set_name("web-9").set_cpu_cores(1).set_enabled(false);
        })
        .unwrap_err();
    assert_eq!(codes(&error), pairs(&[("", "fits_host")]));
    assert_eq!(server, before);

    // An update that sets nothing is valid and changes nothing.
    server.update(|_| {}).unwrap();
    assert_eq!(server, before);
}

#[test]
fn the_builder_reports_missing_and_invalid_fields_together() {
    let error = ServerResource::builder()
        .name("")
        .cpu_cores(-1)
        .region("eu-west-1")
        .load(140)
        .build()
        .unwrap_err();
    assert_eq!(
        codes(&error),
        pairs(&[
            ("name", "length"),
            ("cpu_cores", "non_negative"),
            ("ram_gb", "required"),
            ("tags", "required"),
            ("id", "required"),
            ("load", "percent"),
        ])
    );
    let required = error.at("ram_gb").next().unwrap();
    assert_eq!(required.message(), "is required");
    assert!(required.params().is_empty());
    assert_eq!(
        error.to_string(),
        "name: must have between 1 and 64 characters (got 0)\n\
         cpu_cores: must not be negative (got -1)\n\
         ram_gb: is required\n\
         tags: is required\n\
         id: is required\n\
         load: must be a percentage (got 140)"
    );

    // An empty builder names every required field, and not `enabled`, which has a default.
    let error = ServerResource::builder().build().unwrap_err();
    assert_eq!(
        codes(&error),
        pairs(&[
            ("name", "required"),
            ("cpu_cores", "required"),
            ("ram_gb", "required"),
            ("region", "required"),
            ("tags", "required"),
            ("id", "required"),
            ("load", "required"),
        ])
    );

    // Complete and valid: the same server as `new`.
    let built = ServerResource::builder()
        .load(35)
        .id(7)
        .tags(vec!["prod".to_string()])
        .region("eu-west-1")
        .ram_gb(16)
        .cpu_cores(4)
        .name("web-1")
        .build()
        .unwrap();
    assert_eq!(built, web());

    // Complete, fields valid, struct check broken.
    let error = ServerResource::builder()
        .name("db")
        .cpu_cores(1)
        .ram_gb(4096)
        .region("eu-west-1")
        .tags(Vec::<String>::new())
        .id(1)
        .load(0)
        .build()
        .unwrap_err();
    assert_eq!(codes(&error), pairs(&[("", "fits_host")]));
}

#[test]
fn defaults_apply() {
    // `new` takes no `enabled`: it is `true`.
    assert!(web().enabled());
    // Nor does the builder need it...
    let built = ServerResource::builder()
        .name("a")
        .cpu_cores(0)
        .ram_gb(1)
        .region("eu-west-1")
        .tags(Vec::<String>::new())
        .id(1)
        .load(0)
        .build()
        .unwrap();
    assert!(built.enabled());
    // ...but it may override it.
    let built = ServerResource::builder()
        .name("a")
        .cpu_cores(0)
        .ram_gb(1)
        .region("eu-west-1")
        .tags(Vec::<String>::new())
        .id(1)
        .load(0)
        .enabled(false)
        .build()
        .unwrap();
    assert!(!built.enabled());

    let meta = ServerResource::meta();
    assert!(meta.field("enabled").unwrap().is_default());
    let with_default: Vec<&str> = meta
        .field_list()
        .iter()
        .filter(|f| f.is_default())
        .map(|f| f.name())
        .collect();
    assert_eq!(with_default, ["enabled"]);
}

#[test]
fn readonly_has_no_setter() {
    // That `set_id` does not exist is proven by a compile-fail test; here, the metadata says so,
    // and the value set at construction stays.
    let meta = ServerResource::meta();
    let id = meta.field("id").unwrap();
    assert!(id.is_readonly());
    assert_eq!(id.ty(), "u64");
    assert!(id.rule_list().is_empty());
    let readonly: Vec<&str> = meta
        .field_list()
        .iter()
        .filter(|f| f.is_readonly())
        .map(|f| f.name())
        .collect();
    assert_eq!(readonly, ["id"]);

    let mut server = web();
    server
        .update(|draft| {
            // The draft reads `id` but cannot set it.
            assert_eq!(draft.id(), 7);
            draft.set_cpu_cores(2);
        })
        .unwrap();
    assert_eq!(server.id(), 7);
    // The builder sets it, once, at construction.
    let built = ServerResource::builder()
        .name("a")
        .cpu_cores(0)
        .ram_gb(1)
        .region("eu-west-1")
        .tags(Vec::<String>::new())
        .id(99)
        .load(0)
        .build()
        .unwrap();
    assert_eq!(built.id(), 99);
}

#[test]
fn the_metadata_describes_the_rules() {
    let meta = ServerResource::meta();
    assert_eq!(meta.name(), "ServerResource");
    assert_eq!(meta.check_list(), ["Self::fits_host"]);
    let names: Vec<&str> = meta.field_list().iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        [
            "name",
            "cpu_cores",
            "ram_gb",
            "region",
            "tags",
            "id",
            "enabled",
            "load"
        ]
    );
    let cpu = meta.field("cpu_cores").unwrap();
    assert_eq!(cpu.rule_list().len(), 1);
    assert_eq!(cpu.rule_list()[0].name(), "non_negative");
    let load = meta.field("load").unwrap();
    assert_eq!(load.rule_list()[0].name(), "with");
    assert_eq!(load.rule_list()[0].source(), "Percent");
    let tags = meta.field("tags").unwrap();
    let targets: Vec<(&str, Target, &str)> = tags
        .rule_list()
        .iter()
        .map(|r| (r.name(), r.target(), r.source()))
        .collect();
    assert_eq!(
        targets,
        [
            ("length", Target::Value, "..=16"),
            ("length", Target::Each, "1..=32"),
        ]
    );
}
