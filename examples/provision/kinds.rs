//! Resource kinds given as files: every `*.json` file of a directory is a JSON Schema document
//! of one kind (see `examples/data/kinds/`), loaded as a runtime model at start and registered
//! next to the compiled kinds, so that resources of it are checked like any other.

use model::dynamic::schema::Loader;
use model::dynamic::RuntimeModel;
use std::path::Path;

/// Loads and registers every kind of `dir`, in the order of the file names. A kind's name is
/// its schema's `title`, or else its file's name without `.json`; its fields are in the order
/// of the file.
///
/// Fails with every problem of every file, each line naming its file: a file that cannot be
/// read or is not JSON, a schema the loader refuses (with the keyword and where it stands),
/// a name taken by a compiled kind or an earlier file.
pub fn load(dir: &Path) -> Result<Vec<&'static RuntimeModel>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|error| format!("cannot read the kinds in {}: {error}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut kinds = Vec::new();
    let mut problems = Vec::new();
    for file in &files {
        match kind(file) {
            Ok(model) => kinds.push(model),
            Err(lines) => problems.extend(
                lines
                    .into_iter()
                    .map(|line| format!("{}: {line}", file.display())),
            ),
        }
    }
    if problems.is_empty() {
        Ok(kinds)
    } else {
        Err(problems.join("\n"))
    }
}

/// The kind of one file, registered.
fn kind(file: &Path) -> Result<&'static RuntimeModel, Vec<String>> {
    let text =
        std::fs::read_to_string(file).map_err(|error| vec![format!("cannot read: {error}")])?;
    let schema: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| vec![format!("not JSON: {error}")])?;
    let mut loader = Loader::new();
    if schema.get("title").is_none() {
        if let Some(stem) = file.file_stem().and_then(|s| s.to_str()) {
            loader = loader.name(stem);
        }
    }
    // The text, not the parsed value: the fields keep the order of the file.
    let loaded = loader.load_str(&text).map_err(|errors| {
        errors
            .as_slice()
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    })?;
    loaded
        .model
        .register()
        .map_err(|error| vec![error.to_string()])?;
    Ok(loaded.model)
}
