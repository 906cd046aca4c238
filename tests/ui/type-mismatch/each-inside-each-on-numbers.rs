use model::Model;

// The items of the outer list are numbers, not collections: one error, at the inner `each`.
#[derive(Model)]
struct Rack {
    #[model(each(each(range(1..=8))))]
    slots: Vec<i64>,
}

fn main() {}
