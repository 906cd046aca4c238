//! `use model::*` brings what an application names, and nothing that collides with the names
//! of the standard library: a second glob import of `std::ops` (`Range`) and `std::path`
//! (`Path`) would make those names ambiguous, and this file would not compile.

use model::*;
use std::ops::*;
use std::path::*;

#[derive(Model, Debug)]
struct Disk {
    #[model(range(1..=64))]
    size_gb: u32,
}

#[test]
fn the_glob_brings_the_application_api_and_no_rule_types() {
    let span: Range<u32> = 1..65;
    assert!(span.contains(&Disk::new(8).unwrap().size_gb()));
    assert_eq!(Path::new("/tmp").file_name().unwrap(), "tmp");

    let report: ValidationErrors = Disk::new(0).unwrap_err();
    let violation: &Violation = report.iter().next().unwrap();
    assert_eq!(violation.param("min"), Some(&Value::UInt(1)));
    let meta: &ModelMeta = Disk::meta();
    assert_eq!(meta.field_list()[0].name(), "size_gb");
}

#[test]
fn rules_and_paths_have_one_home_each() {
    let rule = model::rules::Range::new(Bound::Included(1u32), Bound::Included(64));
    assert!(Rule::check(&rule, &64).is_ok());
    let error: Error = Rule::check(&rule, &65).unwrap_err();
    assert_eq!(error.code(), "range");

    let path: model::path::Path = [model::path::Segment::Field("size_gb".into())]
        .into_iter()
        .collect();
    assert_eq!(path.to_string(), "size_gb");
}
