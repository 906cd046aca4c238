// The shared `ServerResource` matches patterns.
#![cfg(feature = "regex")]

use model::Model;

#[path = "support/server.rs"]
mod server;

use server::ServerResource;

#[test]
fn smoke() {
    let s = ServerResource::new("web-1", 4, 16, "eu-west-1", vec!["a".to_string()], 7, 50).unwrap();
    assert_eq!(s.cpu_cores(), 4);
    let e = ServerResource::new("", -4, 0, "x", vec![], 7, 150).unwrap_err();
    println!("{e}");
    assert_eq!(e.len(), 6);
    let mut s2 = s.clone();
    assert!(s2.set_cpu_cores(-1).is_err());
    assert_eq!(s2, s);
    assert!(s2
        .update(|d| {
            d.set_ram_gb(4096).set_cpu_cores(1);
        })
        .is_err());
    assert_eq!(s2, s);
    println!(
        "{:?}",
        ServerResource::meta().field("ram_gb").unwrap().rule_list()[0].params()
    );
    let b = ServerResource::builder().name("x").build().unwrap_err();
    println!("{b}");
}

#[derive(Model, Debug)]
struct Keyworded {
    #[model(one_of("a", "b"))]
    r#type: String,
    #[model(range(1..=9))]
    level: Option<u8>,
}

#[test]
fn raw_identifiers_and_options() {
    let k = Keyworded::new("a", None).unwrap();
    assert_eq!(k.r#type(), "a");
    let e = Keyworded::new("c", Some(10)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "type: must be one of [\"a\", \"b\"] (got c)\nlevel: must be between 1 and 9 (got 10)"
    );
    assert_eq!(Keyworded::meta().field("type").unwrap().ty(), "String");
    assert_eq!(Keyworded::meta().field("level").unwrap().ty(), "Option<u8>");
    assert!(Keyworded::meta().field("level").unwrap().is_optional());
}

#[test]
fn optional_fields_may_be_left_out_of_the_builder() {
    let k = Keyworded::builder().r#type("b").build().unwrap();
    assert_eq!(k.level(), &None);
    let e = Keyworded::builder()
        .r#type("b")
        .level(Some(0))
        .build()
        .unwrap_err();
    assert_eq!(e.to_string(), "level: must be between 1 and 9 (got 0)");
}
