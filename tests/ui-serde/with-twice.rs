use model::Model;

mod hex {
    pub fn serialize<S: serde::Serializer>(value: &u32, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&format!("{value:x}"))
    }
}

#[derive(Model)]
struct Register {
    #[serde(with = "hex", serialize_with = "hex::serialize")]
    value: u32,
}

fn main() {}
