use model::Model;

#[derive(Model)]
struct Account {
    #[model(rename = "", length(1..=32))]
    display_name: String,
}

fn main() {}
