use model::Model;

#[derive(Model)]
struct Server {
    #[model(each(ascii))]
    ports: Vec<u16>,
}

fn main() {}
