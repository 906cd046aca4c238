use model::Model;

#[derive(Model)]
struct Server {
    #[model(pattern("^[0-9]+$"))]
    port: u32,
}

fn main() {}
