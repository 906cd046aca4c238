use model::Model;

#[derive(Model)]
#[model(assert(Self::SIDES >= 3, SIDES_MESSAGE))]
struct Line;

const SIDES_MESSAGE: &str = "polygons need 3+ sides";

impl Line {
    const SIDES: u32 = 1;
}

fn main() {}
