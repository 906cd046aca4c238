use model::Model;

#[derive(Model)]
struct Server {
    #[serde(rename = "hostName")]
    host: String,
}

fn main() {}
