use model::Model;

#[derive(Model)]
#[model(crate = "not a path")]
struct Server {
    name: String,
}

fn main() {}
