use model::Model;

#[derive(Model)]
#[model(rename_all = "camel_case")]
struct Account {
    #[model(length(1..=32))]
    display_name: String,
}

fn main() {}
