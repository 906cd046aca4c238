use model::Model;

struct Handle;

#[derive(Model)]
struct Server {
    name: String,
    #[serde(skip)]
    handle: Handle,
}

fn main() {}
