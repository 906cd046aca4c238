use model::{Changes, Model};

#[derive(Model)]
#[model(track_changes)]
pub struct Profile {
    pub nickname: String,
    changes: Changes,
}

fn main() {}
