use model::Model;

#[derive(Model)]
#[model(assert(Self::SIDES >= 3, "polygons need 3+ sides"))]
struct Polygon<T> {
    #[model(length(3..))]
    points: Vec<T>,
}

impl<T> Polygon<T> {
    const SIDES: u32 = 3;
}

fn main() {}
