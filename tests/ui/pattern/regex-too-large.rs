use model::Model;

#[derive(Model)]
struct Server {
    #[model(pattern("^a{99999999}$"))]
    region: String,
}

fn main() {}
