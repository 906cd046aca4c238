use model::Model;

#[derive(Model)]
#[serde(deny_unknown_fields)]
struct Server {
    host: String,
}

fn main() {}
