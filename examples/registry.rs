//! Effective Python Item 34, "Register class existence with metaclasses", in Rust.
//!
//! In Python, `deserialize` needs a registry of classes, and forgetting to call
//! `register_class(Point3D)` breaks it at run time. Here `#[derive(Model)]` registers every model
//! as it is defined: there is no registration to forget.

use model::Model;

#[derive(Model, Debug, Clone, PartialEq)]
struct Point2D {
    x: i64,
    y: i64,
}

/// Defined with no registration call: the derive is the registration.
#[derive(Model, Debug, Clone, PartialEq)]
struct Vector3D {
    x: i64,
    y: i64,
    z: i64,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("registered: {:?}", model::registry().names());
    model::registry().check()?;

    let point = Point2D::new(5, 3)?;
    let data = model::AnyModel::to_tagged_json(&point, "type")?;
    println!("Before:     {point:?}");
    println!("Serialized: {data}");
    let after = model::from_json(&data)?;
    println!(
        "After:      {:?}",
        after.downcast_ref::<Point2D>().expect("a Point2D")
    );

    let v3 = Vector3D::new(10, -7, 3)?;
    let data = model::AnyModel::to_tagged_json(&v3, "type")?;
    println!("Before:     {v3:?}");
    println!("Serialized: {data}");
    let after = model::from_json(&data)?
        .downcast::<Vector3D>()
        .map_err(|_| "not a Vector3D")?;
    println!("After:      {after:?}");
    assert_eq!(*after, v3);

    match model::from_json(r#"{"type": "Point3D", "x": 5, "y": 9, "z": -4}"#) {
        Err(error) => println!("Point3D was never defined: {error}"),
        Ok(model) => println!("unexpected: {model:?}"),
    }
    Ok(())
}
