use model::Model;

#[derive(Model)]
struct Limits {
    cpu: u8,
}

#[derive(Model)]
struct Owner {
    team: String,
}

#[derive(Model)]
struct Server {
    #[model(nested)]
    #[serde(flatten)]
    limits: Limits,
    #[model(nested)]
    #[serde(flatten)]
    owner: Owner,
}

fn main() {}
