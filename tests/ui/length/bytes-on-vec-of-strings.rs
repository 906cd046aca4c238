use model::Model;

#[derive(Model)]
struct User {
    #[model(length(bytes = ..=1024))]
    names: Vec<String>,
}

fn main() {}
