use model::Model;

#[derive(Model)]
struct User {
    #[model(length(kilobytes = ..=4))]
    name: String,
}

fn main() {}
