use model::Model;

#[derive(Model)]
#[model(track_changes)]
struct Record {
    foo: i64,
}

fn main() {}
