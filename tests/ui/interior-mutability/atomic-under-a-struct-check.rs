use model::{Error, Model};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Model)]
#[model(check = Self::fits)]
pub struct Pool {
    #[model(range(1..=64))]
    size: u32,
    used: AtomicU32,
    log: Arc<Mutex<Vec<String>>>,
}

impl Pool {
    fn fits(&self) -> Result<(), Error> {
        if self.used.load(Ordering::Relaxed) <= self.size {
            Ok(())
        } else {
            Err(Error::new("fits", "uses more than its size"))
        }
    }
}

fn main() {}
