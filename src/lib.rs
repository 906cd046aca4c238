pub use model_core::*;
pub use model_derive::Model;
