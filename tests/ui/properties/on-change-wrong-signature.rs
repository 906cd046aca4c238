use model::{Changes, Model};

#[derive(Model)]
#[model(track_changes, on_change = Self::save)]
struct Record {
    foo: i64,
    changes: Changes,
}

impl Record {
    fn save(&mut self) {}
}

fn main() {}
