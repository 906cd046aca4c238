use model::{Error, Model};

#[derive(Model)]
#[model(check = Self::fits)]
pub struct Server {
    #[model(range(1..=64))]
    cores: u32,
    pub ram_gb: u32,
}

impl Server {
    fn fits(&self) -> Result<(), Error> {
        if self.ram_gb <= self.cores * 64 {
            Ok(())
        } else {
            Err(Error::new("fits", "needs more cores"))
        }
    }
}

fn main() {}
