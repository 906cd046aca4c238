use model::Model;

#[derive(Model)]
struct Server {
    #[model(one_of())]
    tier: String,
}

fn main() {}
