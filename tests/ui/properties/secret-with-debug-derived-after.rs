use model::Model;

// A `#[derive(Debug)]` after the model's own derive is seen by it, and refused at `Debug`.
#[derive(Model, Clone)]
#[derive(PartialEq, Debug)]
struct Login {
    user: String,
    #[model(secret)]
    password: String,
}

fn main() {}
