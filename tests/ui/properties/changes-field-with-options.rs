use model::{Changes, Model};

#[derive(Model)]
#[model(track_changes)]
struct Record {
    foo: i64,
    #[model(secret, default)]
    changes: Changes,
}

fn main() {}
