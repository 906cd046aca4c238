//! A model with a `Drop` of its own: patching moves fields out of a model read from the patch,
//! which a `Drop` type forbids, so it turns patching off with `patch = false`.

use model::Model;

#[derive(Model)]
#[model(patch = false)]
struct Handle {
    #[model(length(1..=8))]
    name: String,
    port: u16,
}

impl Drop for Handle {
    fn drop(&mut self) {}
}

fn main() {
    let mut handle = Handle::new("db", 5432).unwrap();
    // Every key is refused, and nothing changes.
    assert!(handle.patch_json(r#"{"port": 1}"#).is_err());
    assert_eq!(handle.port(), 5432);
    assert!(handle.set_port(1).is_ok());
}
