use model::Model;

fn parse_port<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    serde::Deserialize::deserialize(deserializer)
}

#[derive(Model)]
struct Server {
    #[serde(deserialize_with = "parse_port")]
    port: u16,
}

fn main() {}
