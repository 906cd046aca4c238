use model::Model;

#[derive(Model)]
struct Meters(#[model(non_negative)] f64);

fn main() {}
