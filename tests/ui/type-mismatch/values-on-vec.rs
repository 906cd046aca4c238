use model::Model;

#[derive(Model)]
struct Labels {
    #[model(values(length(1..=32)))]
    names: Vec<String>,
}

fn main() {}
