use model::Model;

#[derive(Model)]
struct Part {
    label: String,
}

#[derive(Model)]
struct Server {
    #[model(nested)]
    #[serde(flatten)]
    parts: Vec<Part>,
}

fn main() {}
