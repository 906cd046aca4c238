use model::{Error, Model, Rule};

struct Percent;

impl Rule<u8> for Percent {
    fn check(&self, value: &u8) -> Result<(), Error> {
        if *value <= 100 {
            Ok(())
        } else {
            Err(Error::new("percent", "must be a percentage"))
        }
    }
}

#[derive(Model)]
struct Server {
    #[model(with = Percent)]
    load: String,
}

fn main() {}
