use model::Model;

#[derive(Model)]
struct VoltageResistance {
    ohms: f64,
    #[model(on_set(Self::update_current, always))]
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
