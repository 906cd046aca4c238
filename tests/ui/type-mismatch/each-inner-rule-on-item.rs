use model::Model;

#[derive(Model)]
struct Server {
    #[model(each(length(1..=32)))]
    ports: Vec<u16>,
}

fn main() {}
