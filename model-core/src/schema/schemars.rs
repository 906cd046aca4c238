//! `schemars::JsonSchema` for models (feature `schemars`): the same schema, with the nested
//! models among the generator's definitions, so that OpenAPI generators built on schemars
//! pick models up. The derive implements the trait by calling these functions.

use super::object::{object, Defs};
use crate::model::Model;
use schemars::{Schema, SchemaGenerator};
use std::borrow::Cow;

/// The name of a model's schema among a generator's definitions: the model's name.
/// Not public API.
pub fn schemars_name<M: Model>() -> Cow<'static, str> {
    Cow::Borrowed(M::meta().name())
}

/// A model's schema for `generator`: the object schema of [`model_schema`](super::model_schema),
/// its references pointing at the generator's definitions, where the models it holds are
/// added. Not public API.
pub fn schemars_schema<M: Model>(generator: &mut SchemaGenerator) -> Schema {
    let path = generator.settings().definitions_path.to_string();
    let prefix = format!("#{}/", path.trim_start_matches('#').trim_end_matches('/'));
    // No reference is `#`: the schema may be written anywhere, a model that holds itself
    // refers to its own definition.
    let mut defs = Defs::new(&prefix, None);
    let body = object(M::meta(), &mut defs);
    let definitions = generator.definitions_mut();
    for (name, schema) in defs.schemas {
        definitions.entry(name).or_insert(schema);
    }
    Schema::from(body)
}
