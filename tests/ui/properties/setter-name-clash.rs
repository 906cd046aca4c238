use model::Model;

#[derive(Model)]
#[model(computed(free: i64 = Self::free, set = Self::set_free))]
struct Account {
    limit: i64,
    set_limit: bool,
}

impl Account {
    fn free(&self) -> i64 {
        self.limit
    }
    fn set_free(draft: &mut AccountDraft<'_>, free: i64) {
        draft.set_limit(free);
    }
}

fn main() {}
