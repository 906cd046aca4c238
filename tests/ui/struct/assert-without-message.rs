use model::Model;

#[derive(Model)]
#[model(assert(Self::SIDES >= 3))]
struct Line;

impl Line {
    const SIDES: u32 = 1;
}

fn main() {}
