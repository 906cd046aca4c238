use model::Model;

#[derive(Model, Debug)]
#[model(frozen)]
struct Point {
    #[model(range(-100..=100))]
    x: i64,
    y: i64,
}

fn main() {
    let mut point = Point::new(1, 2).unwrap();
    point.set_x(5).unwrap();
    point.update(|draft| {
        draft.set_y(3);
    })
    .unwrap();
    point.set("x", 5).unwrap();
}
