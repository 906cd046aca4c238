use model::{Lazy, Model};

#[derive(Model)]
#[model(computed(hint: String = Self::hint))]
struct Login {
    #[model(secret)]
    password: String,
    #[model(lazy = Self::load_fingerprint, depends_on(password))]
    fingerprint: Lazy<String>,
}

impl Login {
    fn hint(&self) -> String {
        self.password.chars().take(2).collect()
    }
    fn load_fingerprint(&self) -> String {
        self.password.chars().rev().collect()
    }
}

fn main() {}
