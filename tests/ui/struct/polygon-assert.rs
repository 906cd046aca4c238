use model::Model;

// Effective Python Item 33: validate subclasses with a metaclass. Here the check runs when the
// crate is compiled.
#[derive(Model)]
#[model(assert(Self::SIDES >= 3, "polygons need 3+ sides"))]
struct Line;

impl Line {
    const SIDES: u32 = 1;
}

fn main() {}
