use model::Model;

#[derive(Model)]
#[serde(rename = "server", rename_all = "camelCase")]
struct Server {
    host_name: String,
}

fn main() {}
