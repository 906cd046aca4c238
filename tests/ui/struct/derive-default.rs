use model::Model;

// `Default` would build a server from `String::new()` and `0`, around both rules.
#[derive(Model, Default)]
struct Server {
    #[model(length(1..=64))]
    name: String,
    #[model(range(1..=4096))]
    ram_gb: i64,
}

#[derive(Default)]
#[derive(Model)]
struct Bucket {
    #[model(length(3..=63))]
    name: String,
}

#[derive(Model)]
struct Network {
    #[model(range(1..=32))]
    prefix: u8,
}

// A hand-written one too: it could only be a struct literal or an unwrapped `new`.
impl Default for Network {
    fn default() -> Self {
        Network::new(24).unwrap()
    }
}

fn main() {}
