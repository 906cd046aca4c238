use model::Model;

#[derive(Model)]
#[model(serde = false, register = false)]
struct Local {
    value: u8,
}

fn main() {}
