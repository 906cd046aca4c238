use model::{Changes, Model};

#[derive(Model)]
struct Record {
    foo: i64,
    changes: Changes,
}

fn main() {}
