use model::Model;

#[derive(Model, Default)]
#[serde(default)]
struct Server {
    host: String,
}

fn main() {}
