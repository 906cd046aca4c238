//! The `provision` example: its report of the sample file, word for word; the lines and columns
//! of problems placed anywhere in generated files; its JSON output read back.
//!
//! The example's reading and printing are compiled in here from its own files, with its models.
//! After a deliberate change of the output, `UPDATE_SNAPSHOTS=1 cargo test --test provision`
//! rewrites the snapshot; read the difference before committing it.
// Its models match patterns.
#![cfg(all(feature = "json", feature = "regex"))]

#[path = "../examples/provision/check.rs"]
mod check;
#[path = "../examples/provision/kinds.rs"]
mod kinds;
#[path = "../examples/provision/output.rs"]
mod output;
#[path = "../examples/resources/mod.rs"]
mod resources;

use check::{check, shift, Lines, Summary};
use model::Position;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::sync::Once;

const SAMPLE: &str = include_str!("../examples/data/resources.json");
const SNAPSHOT: &str = "tests/snapshots/provision.txt";

/// Loads and registers the kinds of `examples/data/kinds` (once), as `provision` does when it
/// checks the sample.
fn sample_kinds() {
    static KINDS: Once = Once::new();
    KINDS.call_once(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/kinds");
        let kinds = kinds::load(&dir).expect("the sample kinds load");
        assert_eq!(
            kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
            ["Queue"]
        );
    });
}

fn run(text: &str) -> Summary {
    sample_kinds();
    check(text, model::registry(), |_| {}).expect("a JSON list")
}

fn text_report(file: &str, summary: &Summary) -> String {
    let mut out = Vec::new();
    output::text(&mut out, file, summary).unwrap();
    String::from_utf8(out).unwrap()
}

fn json_report(summary: &Summary) -> Vec<Json> {
    let mut out = Vec::new();
    output::json_lines(&mut out, summary).unwrap();
    let out = String::from_utf8(out).unwrap();
    out.lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON object"))
        .collect()
}

/// The line and column of byte `offset`, counted the plain way: from the start of the text.
fn naive(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

#[test]
fn the_sample_report_is_the_snapshot() {
    let report = text_report("examples/data/resources.json", &run(SAMPLE));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &report).unwrap();
    }
    let expected = std::fs::read_to_string(&path).expect("the snapshot is checked in");
    assert_eq!(
        report, expected,
        "the report of the sample file changed; if on purpose, rerun with UPDATE_SNAPSHOTS=1"
    );
}

#[test]
fn the_sample_shows_every_kind_of_problem() {
    let summary = run(SAMPLE);
    let codes: Vec<&str> = summary
        .invalid
        .iter()
        .flat_map(|resource| resource.violations.iter().map(|v| v.code()))
        .collect();
    for code in [
        "non_negative",
        "range",
        "pattern",
        "length",
        "quota",
        "unknown_model",
        "unknown_field",
        "required",
        "invalid_type",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    assert_eq!(summary.resources, 12);
    assert_eq!(summary.valid(), 4);
    assert_eq!(summary.unknown, 1);
    let tally = |kind: &str| {
        let tally = summary.kinds[kind];
        (tally.valid, tally.invalid)
    };
    assert_eq!(tally("Server"), (1, 2));
    assert_eq!(tally("Bucket"), (1, 2));
    assert_eq!(tally("Network"), (1, 2));
    // A kind loaded from `examples/data/kinds/queue.json`.
    assert_eq!(tally("Queue"), (1, 1));
}

#[test]
fn every_problem_of_the_sample_points_at_its_value() {
    let summary = run(SAMPLE);
    // Each problem's position, turned back into an offset, starts the offending value (or the
    // resource, for a missing field or a check of the whole resource).
    let starts: Vec<usize> = SAMPLE.char_indices().map(|(offset, _)| offset).collect();
    let offset_of = |at: Position| {
        starts
            .iter()
            .copied()
            .find(|&offset| naive(SAMPLE, offset) == (at.line(), at.column()))
            .expect("a position inside the file")
    };
    let mut seen = Vec::new();
    for resource in &summary.invalid {
        for violation in &resource.violations {
            let at = violation.position().expect("every problem has a position");
            let rest = &SAMPLE[offset_of(at)..];
            let expected = match (resource.index, violation.path().to_string().as_str()) {
                (1, "cpu_cores") => "-4,",
                (1, "ram_gb") => "8192,",
                (1, "region") => r#""EU","#,
                (1, "tags[1]") => r#"""]"#,
                (3, "") => r#"{ "type": "Bucket", "name": "logs""#,
                (5, "cidr") => r#""10.1.0.0","#,
                (5, "vlan") => "5000 }",
                (6, "type") => r#""type": "Netwrok""#,
                (7, "colour") => r#""colour""#,
                (8, "max_quota") => r#"{ "type": "Bucket", "name": "backups""#,
                (9, "vlan") => r#""12" }"#,
                (11, "name") => r#""Events","#,
                (11, "retention_hours") => "720,",
                other => panic!("unexpected problem {other:?}: {violation}"),
            };
            assert!(
                rest.starts_with(expected),
                "{violation} points at {:?}",
                &rest[..20]
            );
            seen.push(expected);
        }
    }
    assert_eq!(seen.len(), 13);
}

/// Per resource with problems: its index, then the offset where it starts (path `""`) and the
/// offset of each problem's value, by path, in the order of the report.
type Expected = Vec<(usize, Vec<(&'static str, usize)>)>;

/// A generated file of `count` resources in varied layouts (one per line, spread over lines,
/// several on a line, names with multi-byte characters), with a resource with problems at each
/// index of `bad`. Returns the text and, per bad resource, the offsets of its offending values
/// (by path). With `newline_at_end` false, the text ends with `]` and no newline, on the same
/// line as the last resource.
fn generate(count: usize, bad: &[usize], newline_at_end: bool) -> (String, Expected) {
    let mut text = String::from("[");
    let mut expected = Vec::new();
    for i in 0..count {
        if i > 0 {
            text.push(',');
        }
        // The layout changes with the index: before the resource, a newline, spaces, or nothing.
        match i % 4 {
            0 => text.push_str("\n  "),
            1 => text.push(' '),
            2 => text.push_str("\r\n\t"),
            _ => {}
        }
        if bad.contains(&i) {
            let start = text.len();
            let mut offsets = vec![("", start)];
            text.push_str(r#"{"type": "Server", "name": "é-ß-😀", "cpu_cores": "#);
            offsets.push(("cpu_cores", text.len()));
            text.push_str("-2,\n   \"ram_gb\": ");
            offsets.push(("ram_gb", text.len()));
            text.push_str(r#""lots", "region": "#);
            // Too short and not of the pattern: two problems at one value.
            offsets.push(("region", text.len()));
            offsets.push(("region", text.len()));
            text.push_str(r#""x", "tags": ["ok", "#);
            offsets.push(("tags[1]", text.len()));
            text.push_str(r#""", "fine"], "#);
            offsets.push(("extra", text.len()));
            text.push_str(r#""extra": null}"#);
            expected.push((i, offsets));
        } else {
            match i % 3 {
                0 => text.push_str(&format!(
                    "{{\"type\": \"Server\", \"name\": \"ünïcödé-{i}\", \"cpu_cores\": 2,\n    \"ram_gb\": 8, \"region\": \"eu-west-1\", \"tags\": []}}"
                )),
                1 => text.push_str(&format!(
                    r#"{{"type":"Bucket","name":"b-{i}","max_quota":10,"quota_consumed":1}}"#
                )),
                _ => text.push_str(&format!(
                    r#"{{ "name": "n-{i}", "type": "Network", "cidr": "10.0.0.0/8", "vlan": 7 }}"#
                )),
            }
        }
    }
    text.push(']');
    if newline_at_end {
        text.push('\n');
    }
    (text, expected)
}

fn check_generated(count: usize, bad: &[usize], newline_at_end: bool) {
    let (text, expected) = generate(count, bad, newline_at_end);
    let summary = run(&text);
    assert_eq!(summary.resources, count);
    assert_eq!(summary.invalid.len(), expected.len());
    for (resource, (index, offsets)) in summary.invalid.iter().zip(&expected) {
        assert_eq!(resource.index, *index);
        assert_eq!(resource.kind.as_deref(), Some("Server"));
        assert_eq!(resource.name.as_deref(), Some("é-ß-😀"));
        let (line, column) = naive(&text, offsets[0].1);
        assert_eq!(
            (resource.at.line(), resource.at.column()),
            (line, column),
            "start of resource {index}"
        );
        let found: Vec<(String, usize, usize)> = resource
            .violations
            .iter()
            .map(|v| {
                let at = v.position().unwrap();
                (v.path().to_string(), at.line(), at.column())
            })
            .collect();
        let wanted: Vec<(String, usize, usize)> = offsets[1..]
            .iter()
            .map(|(path, offset)| {
                let (line, column) = naive(&text, *offset);
                (path.to_string(), line, column)
            })
            .collect();
        assert_eq!(found, wanted, "resource {index}");
    }
}

#[test]
fn problems_in_the_first_the_middle_and_the_last_resource_are_found_at_their_lines() {
    check_generated(1000, &[0, 500, 999], true);
    check_generated(1001, &[0, 1, 2, 3, 517, 1000], true);
}

#[test]
fn the_last_resource_on_a_last_line_without_a_newline() {
    for count in [1, 2, 3, 4, 5] {
        check_generated(count, &[count - 1], false);
        check_generated(count, &[count - 1], true);
    }
    check_generated(400, &[399], false);
}

#[test]
fn a_file_on_one_line_places_problems_by_column() {
    let resource = r#"{"type":"Bucket","name":"bkt","max_quota":1,"quota_consumed":-1}"#;
    let items: Vec<&str> = std::iter::repeat_n(resource, 5000).collect();
    let text = format!("[{}]", items.join(","));
    let summary = run(&text);
    assert_eq!(summary.invalid.len(), 5000);
    let last = summary.invalid.last().unwrap();
    let value = text.rfind("-1}").unwrap();
    let at = last.violations[0].position().unwrap();
    assert_eq!((at.line(), at.column()), naive(&text, value));
    assert_eq!(last.violations.len(), 1);
    assert_eq!(last.violations[0].path().to_string(), "quota_consumed");
}

#[test]
fn the_json_output_reads_back_as_every_problem() {
    let summary = run(SAMPLE);
    let problems = json_report(&summary);
    assert_eq!(problems.len(), summary.problems());
    let flat = summary
        .invalid
        .iter()
        .flat_map(|r| r.violations.iter().map(move |v| (r, v)));
    for (problem, (resource, violation)) in problems.iter().zip(flat) {
        let at = violation.position().unwrap();
        assert_eq!(problem["resource"], resource.index);
        assert_eq!(problem["path"], violation.path().to_string());
        assert_eq!(problem["code"], violation.code());
        assert_eq!(problem["message"], violation.message());
        assert_eq!(problem["line"], at.line());
        assert_eq!(problem["column"], at.column());
        assert_eq!(problem["kind"].as_str(), resource.kind.as_deref());
        assert_eq!(problem["name"].as_str(), resource.name.as_deref());
    }
    let db = &problems[0];
    assert_eq!(db["kind"], "Server");
    assert_eq!(db["name"], "db-1");
    assert_eq!(db["code"], "non_negative");
    assert_eq!(db["params"], serde_json::json!({ "value": -4 }));
    // The report's own serialization: the path as a list of steps too.
    assert_eq!(db["loc"], serde_json::json!(["cpu_cores"]));
    assert_eq!(
        (db["line"].as_u64(), db["column"].as_u64()),
        (Some(4), Some(52))
    );
    let range = problems.iter().find(|p| p["path"] == "ram_gb").unwrap();
    assert_eq!(
        range["params"],
        serde_json::json!({ "min": 1, "max": 4096, "value": 8192 })
    );
    let quota = problems.iter().find(|p| p["code"] == "quota").unwrap();
    assert_eq!(quota["path"], "");
}

#[test]
fn a_valid_file_has_no_problems_and_says_so() {
    let (text, _) = generate(300, &[], true);
    let summary = run(&text);
    assert_eq!((summary.resources, summary.valid()), (300, 300));
    assert!(json_report(&summary).is_empty());
    let report = text_report("ok.json", &summary);
    assert!(report.starts_with("ok.json: 300 resources, 300 valid, 0 invalid\n"));
    assert!(report.ends_with("every resource is valid\n"), "{report}");
}

#[test]
fn what_is_not_a_list_is_an_error_and_what_is_not_a_resource_is_a_problem() {
    for text in ["", "{}", "[1,", "[] []", "\"x\""] {
        assert!(check(text, model::registry(), |_| {}).is_err(), "{text:?}");
    }
    let summary = run(r#"[1, {"name": "x"}, {"type": 3}, {"type": "Nope"}, []]"#);
    assert_eq!(summary.unknown, 5);
    let codes: Vec<(usize, &str, usize)> = summary
        .invalid
        .iter()
        .flat_map(|r| {
            r.violations
                .iter()
                .map(move |v| (r.index, v.code(), v.position().unwrap().column()))
        })
        .collect();
    assert_eq!(
        codes,
        [
            (0, "invalid_type", 2),
            (1, "required", 5),
            (2, "invalid_type", 21),
            (3, "unknown_model", 34),
            (4, "invalid_type", 51),
        ]
    );
}

#[test]
fn each_resource_is_seen_once_in_order_with_its_kind() {
    let mut seen = Vec::new();
    sample_kinds();
    let summary = check(SAMPLE, model::registry(), |resource| {
        seen.push((
            resource.index,
            resource.kind.map(str::to_owned),
            resource.problems,
            resource.at.line(),
        ));
        assert_eq!(&SAMPLE[resource.offset..][..1], "{");
    })
    .unwrap();
    assert_eq!(seen.len(), summary.resources);
    let lines: Vec<usize> = seen.iter().map(|s| s.3).collect();
    assert_eq!(lines, [2, 4, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16]);
    assert_eq!(seen[1].2, 4);
    assert_eq!(seen[6].1.as_deref(), Some("Netwrok"));
    assert_eq!(seen[10].1.as_deref(), Some("Queue"));
    assert_eq!(seen[11].2, 2);
}

#[test]
fn the_table_has_a_row_per_resource() {
    let mut out = Vec::new();
    output::table_header(&mut out).unwrap();
    sample_kinds();
    check(SAMPLE, model::registry(), |resource| {
        output::table_row(&mut out, resource).unwrap();
    })
    .unwrap();
    let table = String::from_utf8(out).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows.len(), 13);
    let db: Vec<&str> = rows[2].split_whitespace().collect();
    assert_eq!(db, ["1", "Server", "db-1", "4", "4", "problems"]);
    let ok: Vec<&str> = rows[1].split_whitespace().collect();
    assert_eq!(ok, ["0", "Server", "web-1", "2", "ok"]);
}

#[test]
fn the_line_counter_agrees_with_counting_from_the_start() {
    let text = "a\nßé😀\r\n\n  x 😀😀 y\nlast";
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for step in 1..5 {
        let mut lines = Lines::new(text);
        for &offset in offsets.iter().step_by(step) {
            let at = lines.advance(offset);
            assert_eq!((at.line(), at.column()), naive(text, offset), "{offset}");
        }
    }
}

#[test]
fn positions_inside_a_resource_move_to_the_file() {
    let at = Position::new(10, 7);
    assert_eq!(shift(at, Position::new(1, 1)), at);
    assert_eq!(shift(at, Position::new(1, 5)), Position::new(10, 11));
    assert_eq!(shift(at, Position::new(3, 2)), Position::new(12, 2));
}

/// A directory of its own under the system's temporary one, with `files` in it.
fn kinds_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("provision-kinds-{}-{name}", std::process::id()));
    drop(std::fs::remove_dir_all(&dir));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

#[test]
fn broken_kind_files_are_each_named_with_every_problem() {
    let dir = kinds_dir(
        "broken",
        &[
            ("a-not-json.json", "{"),
            (
                "b-refused.json",
                r#"{"title": "Odd", "type": "object", "properties": {"n": {"type": "integer", "multipleOf": 2}}, "required": ["n"]}"#,
            ),
            (
                "c-compiled-name.json",
                r#"{"title": "Server", "type": "object", "properties": {}}"#,
            ),
            ("notes.txt", "not a kind"),
        ],
    );
    let error = kinds::load(&dir).unwrap_err();
    let lines: Vec<&str> = error.lines().collect();
    assert_eq!(lines.len(), 3, "{error}");
    assert!(
        lines[0]
            .ends_with("a-not-json.json: not JSON: EOF while parsing an object at line 1 column 1"),
        "{error}"
    );
    assert!(
        lines[1].ends_with("b-refused.json: #/properties/n: `multipleOf`: this keyword is not supported: the model would not honour it"),
        "{error}"
    );
    assert!(
        lines[2].ends_with("c-compiled-name.json: a model called `Server` is already registered"),
        "{error}"
    );
    assert!(kinds::load(&dir.join("missing"))
        .unwrap_err()
        .starts_with("cannot read the kinds in "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_kind_is_named_by_its_title_or_its_file_and_names_are_not_taken_twice() {
    let kind = r#"{"type": "object", "properties": {"zone": {"type": "string", "minLength": 1}}, "required": ["zone"]}"#;
    let dir = kinds_dir("names", &[("DnsRecord.json", kind)]);
    let loaded = kinds::load(&dir).unwrap();
    assert_eq!(
        loaded.iter().map(|k| k.name()).collect::<Vec<_>>(),
        ["DnsRecord"]
    );
    let summary = run(r#"[{"type": "DnsRecord", "zone": ""}, {"type": "DnsRecord", "zone": "a"}]"#);
    assert_eq!(
        summary.kinds["DnsRecord"],
        check::Tally {
            valid: 1,
            invalid: 1
        }
    );
    assert_eq!(summary.invalid[0].violations[0].code(), "non_empty");
    // Loaded again, the name is taken.
    let error = kinds::load(&dir).unwrap_err();
    assert!(
        error.ends_with("DnsRecord.json: a model called `DnsRecord` is already registered"),
        "{error}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
