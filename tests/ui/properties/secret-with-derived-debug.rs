use model::Model;

// A model with a secret field writes its own `Debug`, which redacts it: deriving one too is a
// conflict. A derive is not shown the others of its list, so the compiler reports it, and its
// "first implementation here" points at `secret`, the reason.
#[derive(Model, Debug)]
struct Login {
    user: String,
    #[model(secret)]
    password: String,
}

fn main() {}
