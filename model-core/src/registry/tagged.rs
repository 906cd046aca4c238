//! The tag of a document read through the registry.

use crate::de::document::{Document, Kind};
use crate::error::{Error, ValidationErrors, Violation};
use crate::path::{Path, Trail};
use crate::suggest::DidYouMean;

/// Takes the `tag` entries out of the document's root, recording what is wrong with them;
/// the model's name, when the first is a string.
pub(super) fn take_tag(
    document: &mut Document<'_>,
    tag: &str,
    report: &mut ValidationErrors,
) -> Option<(String, usize)> {
    let Kind::Map(entries) = &mut document.root.kind else {
        report.add(
            &Trail::Root,
            Error::new("invalid_type", "expected {expected}, found {found}")
                .with_param("expected", format!("a map whose `{tag}` key names a model"))
                .with_param("found", "another value"),
        );
        return None;
    };
    let mut tags = Vec::new();
    entries.retain_mut(|(key, value)| {
        let is_tag = matches!(&key.kind, Kind::Str(k) if k == tag);
        if is_tag {
            tags.push((key.at, std::mem::replace(&mut value.kind, Kind::Unit)));
        }
        !is_tag
    });
    let mut at = |offset: usize, error: Error| {
        let mut violation = Violation::new(Path::field(tag.to_owned()), error);
        if let Some(position) = document.position(offset) {
            violation.set_position(position);
        }
        report.push(violation);
    };
    for (offset, _) in tags.iter().skip(1) {
        at(*offset, crate::error::duplicate_field());
    }
    match tags.into_iter().next() {
        None => {
            at(document.root.at, Error::required());
            None
        }
        Some((offset, Kind::Str(name))) => Some((name.into_owned(), offset)),
        Some((offset, _)) => {
            at(
                offset,
                Error::new("invalid_type", "expected {expected}, found {found}")
                    .with_param("expected", "the name of a model")
                    .with_param("found", "another value"),
            );
            None
        }
    }
}

/// The error of a tag that names no model.
pub(super) fn unknown(name: String, close: Vec<&'static str>) -> Error {
    Error::custom(format!("no model is named `{name}`{}", DidYouMean(&close)))
        .with_code("unknown_model")
        .with_param("value", name)
}
