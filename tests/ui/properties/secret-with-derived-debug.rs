use model::Model;

// A model with a secret field writes its own `Debug`, which redacts it: deriving one too is a
// conflict.
#[derive(Model, Debug)]
struct Login {
    user: String,
    #[model(secret)]
    password: String,
}

fn main() {}
