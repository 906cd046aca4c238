use model::Model;

#[derive(Model)]
struct Server {
    #[model(each(range(1..=8)))]
    cores: i64,
}

fn main() {}
