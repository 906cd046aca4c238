use model::{Error, Model};

fn even(value: &i64) -> Result<(), Error> {
    if value % 2 == 0 {
        Ok(())
    } else {
        Err(Error::new("even", "must be even"))
    }
}

#[derive(Model)]
struct Server {
    #[model(check = even)]
    name: String,
}

fn main() {}
