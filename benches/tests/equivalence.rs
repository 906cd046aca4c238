//! The five implementations benchmarked in `benches/validation.rs` accept and reject the same
//! values, and the ones that collect every violation find as many.

use model_benches::{collect, floor, with_garde, with_model, with_validator, Fields};

/// What each implementation says about one set of fields: `None` when valid, otherwise the
/// number of violations it reports.
#[derive(Debug, PartialEq)]
struct Verdicts {
    floor: Option<usize>,
    collect: Option<usize>,
    model: Option<usize>,
    garde: Option<usize>,
    validator: Option<usize>,
}

fn verdicts(f: &Fields) -> Verdicts {
    Verdicts {
        floor: floor::new(f.clone()).err().map(|e| floor::count(&e)),
        collect: collect::new(f.clone()).err().map(|e| collect::count(&e)),
        model: with_model::new(f.clone())
            .err()
            .map(|e| with_model::count(&e)),
        garde: with_garde::new(f.clone())
            .err()
            .map(|e| with_garde::count(&e)),
        validator: with_validator::new(f.clone())
            .err()
            .map(|e| with_validator::count(&e)),
    }
}

/// Asserts that all five agree on validity, and that the collect-all ones report `expected`
/// violations (`validator` reports at most one for all the bad tags together: `validator_tags`
/// is its count when it differs).
#[track_caller]
fn agree(case: &str, f: Fields, expected: usize, validator_differs: Option<usize>) {
    let v = verdicts(&f);
    let valid = expected == 0;
    for (who, verdict) in [
        ("floor", v.floor),
        ("collect", v.collect),
        ("model", v.model),
        ("garde", v.garde),
        ("validator", v.validator),
    ] {
        assert_eq!(
            verdict.is_none(),
            valid,
            "{case}: {who} disagrees on validity: {v:?}"
        );
    }
    if !valid {
        assert_eq!(v.floor, Some(1), "{case}: {v:?}");
        for (who, verdict) in [
            ("collect", v.collect),
            ("model", v.model),
            ("garde", v.garde),
        ] {
            assert_eq!(verdict, Some(expected), "{case}: {who} count: {v:?}");
        }
        assert_eq!(
            v.validator,
            Some(validator_differs.unwrap_or(expected)),
            "{case}: validator count: {v:?}"
        );
    }
}

fn with(change: impl FnOnce(&mut Fields)) -> Fields {
    let mut f = Fields::valid();
    change(&mut f);
    f
}

fn text(c: char, n: usize) -> String {
    std::iter::repeat_n(c, n).collect()
}

#[test]
fn the_benchmark_inputs() {
    agree("valid", Fields::valid(), 0, None);
    agree("three invalid fields", Fields::invalid(), 3, None);
}

#[test]
fn name_bounds() {
    agree("name 0", with(|f| f.name = String::new()), 1, None);
    agree("name 1", with(|f| f.name = text('a', 1)), 0, None);
    agree("name 64", with(|f| f.name = text('a', 64)), 0, None);
    agree("name 65", with(|f| f.name = text('a', 65)), 1, None);
    // Characters, not bytes: 64 two-byte, three-byte and four-byte characters are valid.
    agree(
        "name 64 é (128 bytes)",
        with(|f| f.name = text('é', 64)),
        0,
        None,
    );
    agree(
        "name 64 € (192 bytes)",
        with(|f| f.name = text('€', 64)),
        0,
        None,
    );
    agree(
        "name 64 🦀 (256 bytes)",
        with(|f| f.name = text('🦀', 64)),
        0,
        None,
    );
    agree("name 65 é", with(|f| f.name = text('é', 65)), 1, None);
    agree("name 65 🦀", with(|f| f.name = text('🦀', 65)), 1, None);
    agree(
        "name 1 🦀 (4 bytes)",
        with(|f| f.name = text('🦀', 1)),
        0,
        None,
    );
}

#[test]
fn cpu_cores_bounds() {
    agree("cores -1", with(|f| f.cpu_cores = -1), 1, None);
    agree("cores min", with(|f| f.cpu_cores = i64::MIN), 1, None);
    agree("cores 0", with(|f| f.cpu_cores = 0), 0, None);
    agree("cores max", with(|f| f.cpu_cores = i64::MAX), 0, None);
}

#[test]
fn ram_gb_bounds() {
    agree("ram 0", with(|f| f.ram_gb = 0), 1, None);
    agree("ram -1", with(|f| f.ram_gb = -1), 1, None);
    agree("ram 1", with(|f| f.ram_gb = 1), 0, None);
    agree("ram 4096", with(|f| f.ram_gb = 4096), 0, None);
    agree("ram 4097", with(|f| f.ram_gb = 4097), 1, None);
    agree("ram max", with(|f| f.ram_gb = i64::MAX), 1, None);
}

#[test]
fn region_bounds() {
    agree("region 1", with(|f| f.region = text('a', 1)), 1, None);
    agree("region 2", with(|f| f.region = text('a', 2)), 0, None);
    agree("region 32", with(|f| f.region = text('a', 32)), 0, None);
    agree("region 33", with(|f| f.region = text('a', 33)), 1, None);
    agree("region 0", with(|f| f.region = String::new()), 1, None);
    // One character of four bytes is too short; two are enough.
    agree("region 1 🦀", with(|f| f.region = text('🦀', 1)), 1, None);
    agree("region 2 é", with(|f| f.region = text('é', 2)), 0, None);
    agree(
        "region 32 € (96 bytes)",
        with(|f| f.region = text('€', 32)),
        0,
        None,
    );
    agree("region 33 €", with(|f| f.region = text('€', 33)), 1, None);
}

#[test]
fn tags_bounds() {
    agree("no tags", with(|f| f.tags = vec![]), 0, None);
    agree("16 tags", with(|f| f.tags = vec!["t".into(); 16]), 0, None);
    agree("17 tags", with(|f| f.tags = vec!["t".into(); 17]), 1, None);
    agree("tag 32", with(|f| f.tags = vec![text('a', 32)]), 0, None);
    agree("tag 33", with(|f| f.tags = vec![text('a', 33)]), 1, None);
    agree("tag 0", with(|f| f.tags = vec![String::new()]), 1, None);
    agree(
        "tag 32 🦀 (128 bytes)",
        with(|f| f.tags = vec![text('🦀', 32)]),
        0,
        None,
    );
    agree("tag 33 é", with(|f| f.tags = vec![text('é', 33)]), 1, None);
    // Two bad tags: two violations (`tags[0]`, `tags[2]`), one for validator's custom rule.
    agree(
        "two bad tags",
        with(|f| f.tags = vec![String::new(), "ok".into(), text('a', 33)]),
        2,
        Some(1),
    );
    // Too many tags, and a bad one among them.
    agree(
        "17 tags, one empty",
        with(|f| {
            f.tags = vec!["t".into(); 17];
            f.tags[5] = String::new();
        }),
        2,
        None,
    );
}

#[test]
fn every_field_invalid() {
    let f = Fields {
        name: text('n', 65),
        cpu_cores: -1,
        ram_gb: 4097,
        region: "x".into(),
        tags: vec![String::new(); 17],
        enabled: false,
    };
    // name, cpu_cores, ram_gb, region, tags (count), and 17 empty tags.
    agree("every field", f, 5 + 17, Some(6));
}

#[test]
fn enabled_is_not_checked() {
    agree("disabled", with(|f| f.enabled = false), 0, None);
}

#[test]
fn same_paths_for_the_invalid_benchmark_input() {
    let model = with_model::new(Fields::invalid()).unwrap_err();
    let model: Vec<String> = model.iter().map(|v| v.path().to_string()).collect();
    let collect: Vec<String> = collect::new(Fields::invalid())
        .unwrap_err()
        .iter()
        .map(|v| v.path.field.to_string())
        .collect();
    let mut garde: Vec<String> = with_garde::new(Fields::invalid())
        .unwrap_err()
        .iter()
        .map(|(path, _)| path.to_string())
        .collect();
    let mut validator: Vec<String> = with_validator::new(Fields::invalid())
        .unwrap_err()
        .errors()
        .keys()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(model, ["name", "cpu_cores", "ram_gb"]);
    assert_eq!(collect, model);
    garde.sort();
    validator.sort();
    let mut sorted = model.clone();
    sorted.sort();
    assert_eq!(garde, sorted);
    assert_eq!(validator, sorted);
}

#[test]
fn item_paths_agree() {
    let f = with(|f| f.tags = vec!["ok".into(), String::new(), text('a', 33)]);
    let model: Vec<String> = with_model::new(f.clone())
        .unwrap_err()
        .iter()
        .map(|v| v.path().to_string())
        .collect();
    let garde: Vec<String> = with_garde::new(f.clone())
        .unwrap_err()
        .iter()
        .map(|(path, _)| path.to_string())
        .collect();
    let collect: Vec<(&str, Option<usize>)> = collect::new(f)
        .unwrap_err()
        .iter()
        .map(|v| (v.path.field, v.path.index))
        .collect();
    assert_eq!(model, ["tags[1]", "tags[2]"]);
    assert_eq!(garde, model);
    assert_eq!(collect, [("tags", Some(1)), ("tags", Some(2))]);
}

#[test]
fn struct_level_check_agrees() {
    use model_benches::collect::checked;

    let cases = [
        (4, 1024, true),
        (4, 1025, false),
        (0, 1, false),
        (1, 256, true),
    ];
    for (cores, ram, ok) in cases {
        let f = with(|f| {
            f.cpu_cores = cores;
            f.ram_gb = ram;
        });
        let model = with_model::new_checked(f.clone());
        let hand = collect::new(f).map_err(|_| ()).and_then(|s| {
            checked::validate(&s).map_err(|_| ())?;
            Ok(s)
        });
        assert_eq!(model.is_ok(), ok, "model {cores} cores, {ram} GiB");
        assert_eq!(hand.is_ok(), ok, "hand-written {cores} cores, {ram} GiB");
    }
}

#[test]
fn setters_agree_and_roll_back() {
    use model_benches::collect::checked;

    for value in [0, 1, 16, 1024, 1025, 4096, 4097] {
        let mut model = with_model::new(Fields::valid()).unwrap();
        let mut hand = collect::new(Fields::valid()).unwrap();
        let mut garde = with_garde::new(Fields::valid()).unwrap();
        let mut validator = with_validator::new(Fields::valid()).unwrap();
        let ok = (1..=4096).contains(&value);
        assert_eq!(model.set_ram_gb(value).is_ok(), ok, "model {value}");
        assert_eq!(
            collect::set_ram_gb(&mut hand, value).is_ok(),
            ok,
            "hand {value}"
        );
        assert_eq!(
            with_garde::set_ram_gb(&mut garde, value).is_ok(),
            ok,
            "garde {value}"
        );
        assert_eq!(
            with_validator::set_ram_gb(&mut validator, value).is_ok(),
            ok,
            "validator {value}"
        );
        let expected = if ok { value } else { 16 };
        assert_eq!(model.ram_gb(), expected);
        assert_eq!(hand.ram_gb, expected);
        assert_eq!(garde.ram_gb, expected);
        assert_eq!(validator.ram_gb, expected);

        // With `ram_gb <= cpu_cores * 256` (4 cores: at most 1024).
        let mut model = with_model::new_checked(Fields::valid()).unwrap();
        let mut hand = collect::new(Fields::valid()).unwrap();
        let ok = (1..=1024).contains(&value);
        assert_eq!(model.set_ram_gb(value).is_ok(), ok, "checked model {value}");
        assert_eq!(
            checked::set_ram_gb(&mut hand, value).is_ok(),
            ok,
            "checked hand {value}"
        );
        let expected = if ok { value } else { 16 };
        assert_eq!(model.ram_gb(), expected);
        assert_eq!(hand.ram_gb, expected);
    }
}

/// Read from JSON, every implementation agrees too, and the registry finds the model.
#[test]
fn json_input_agrees() {
    fn from_json(json: &str) -> [Option<usize>; 4] {
        let plain: floor::ServerResource = serde_json::from_str(json).unwrap();
        let garde: with_garde::ServerResource = serde_json::from_str(json).unwrap();
        let validator: with_validator::ServerResource = serde_json::from_str(json).unwrap();
        let mut de = serde_json::Deserializer::from_str(json);
        let model = model::deserialize::<with_model::ServerResource, _>(&mut de);
        [
            collect::validate(&plain).err().map(|e| e.len()),
            model
                .err()
                .map(|e| e.validation_errors().expect("a report").len()),
            garde::Validate::validate(&garde)
                .err()
                .map(|e| with_garde::count(&e)),
            validator::Validate::validate(&validator)
                .err()
                .map(|e| with_validator::count(&e)),
        ]
    }
    assert_eq!(from_json(&Fields::valid().to_json()), [None; 4]);
    assert_eq!(from_json(&Fields::invalid().to_json()), [Some(3); 4]);
    let tagged = Fields::valid().to_tagged_json();
    assert!(tagged.starts_with(r#"{"type":"ServerResource","name":"#));
    let read = model::from_json(&tagged).unwrap();
    assert_eq!(
        read.downcast_ref::<with_model::ServerResource>(),
        Some(&with_model::new(Fields::valid()).unwrap())
    );
    assert!(model::from_json(&Fields::invalid().to_tagged_json()).is_err());
}
