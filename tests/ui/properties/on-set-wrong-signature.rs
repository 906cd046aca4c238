use model::Model;

#[derive(Model)]
struct VoltageResistance {
    ohms: f64,
    #[model(on_set = Self::update_current)]
    voltage: f64,
    current: f64,
}

impl VoltageResistance {
    fn update_current(&mut self) {
        self.current = self.voltage / self.ohms;
    }
}

fn main() {}
