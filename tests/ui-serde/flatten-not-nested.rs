use model::Model;

#[derive(Model)]
struct Limits {
    cpu: u8,
}

#[derive(Model)]
struct Server {
    #[serde(flatten)]
    limits: Limits,
}

fn main() {}
