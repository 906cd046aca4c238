use model::Model;

#[derive(Model)]
struct Server<'a> {
    #[serde(borrow, getter = "Server::host", bound = "")]
    host: &'a str,
}

fn main() {}
