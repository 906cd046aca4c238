use model::{Changes, Model};

#[derive(Model)]
#[model(track_changes)]
pub struct Profile {
    nickname: String,
    pub(crate) changes: Changes,
}

fn main() {}
