use model::Model;

#[derive(Model)]
struct Server {
    #[model(each(readonly))]
    tags: Vec<String>,
}

fn main() {}
