use model::Model;

#[derive(Model)]
#[serde(tag = "type", transparent, bound = "", crate = "serde", try_from = "String")]
struct Server {
    host: String,
}

fn main() {}
