use model::Model;

#[derive(Model)]
enum Shape {
    Circle { radius: f64 },
    Square { side: f64 },
}

fn main() {}
