use model::Model;

#[derive(Model)]
struct Server {
    #[serde(alias = "host")]
    name: String,
    host: String,
    #[serde(alias = "ip", alias = "ip")]
    address: String,
}

fn main() {}
