use model::Model;

// A generic model has no single type to register.
#[derive(Model)]
#[model(register = true)]
struct Wrapper<T> {
    value: T,
}

fn main() {}
