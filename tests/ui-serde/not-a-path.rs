use model::Model;

#[derive(Model)]
struct Server {
    #[serde(skip_serializing_if = "is empty")]
    host: String,
}

fn main() {}
