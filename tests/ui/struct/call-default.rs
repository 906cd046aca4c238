use model::Model;

#[derive(Model)]
struct Settings {
    #[model(default = 8, range(1..=64))]
    workers: u32,
}

fn main() {
    let _ = Settings::default();
    let _ = Settings::new();
}
