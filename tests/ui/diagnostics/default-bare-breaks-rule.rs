use model::Model;

#[derive(Model)]
struct Server {
    #[model(default, range(1..=9))]
    tier: u8,
    #[model(default, length(1..=32))]
    label: String,
    #[model(default, non_empty)]
    tags: Vec<String>,
    // The default of an option is `None`, which the rules do not judge.
    #[model(default, range(1..=9))]
    spare: Option<u8>,
}

fn main() {}
