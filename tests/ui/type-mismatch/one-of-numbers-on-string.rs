use model::Model;

#[derive(Model)]
struct Server {
    #[model(one_of(1, 2, 4))]
    tier: String,
}

fn main() {}
