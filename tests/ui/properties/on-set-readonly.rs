use model::Model;

#[derive(Model)]
struct VoltageResistance {
    #[model(positive)]
    ohms: f64,
    #[model(readonly, on_set = Self::update_current)]
    voltage: f64,
    current: f64,
}

impl VoltageResistance {
    fn update_current(draft: &mut VoltageResistanceDraft<'_>) {
        let current = draft.voltage() / draft.ohms();
        draft.set_current(current);
    }
}

fn main() {}
