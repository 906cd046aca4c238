use model::Model;

#[derive(Model)]
pub struct Thermostat {
    #[model(on_set = Self::round)]
    pub celsius: f64,
}

impl Thermostat {
    fn round(draft: &mut ThermostatDraft<'_>) {
        let rounded = draft.celsius().round();
        draft.set_celsius(rounded);
    }
}

fn main() {}
