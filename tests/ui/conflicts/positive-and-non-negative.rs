use model::Model;

#[derive(Model)]
struct Server {
    #[model(positive, non_negative)]
    cores: i64,
}

fn main() {}
