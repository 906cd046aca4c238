use model::Model;

fn eighty() -> u16 {
    80
}

#[derive(Model)]
struct Server {
    #[model(default = 80)]
    #[serde(default = "eighty")]
    port: u16,
    #[serde(default)]
    #[model(range(1..=64), default = 8)]
    cores: u8,
}

fn main() {}
