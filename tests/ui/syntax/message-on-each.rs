use model::Model;

#[derive(Model)]
struct Server {
    #[model(each(length(1..=32), message = "bad tag"))]
    tags: Vec<String>,
}

fn main() {}
