//! Models derived through a renamed dependency: `validation = { package = "valid-model" }`
//! and `#[model(crate = "validation")]`. Nothing named `model` is in scope here, so a path the
//! derive failed to rename would not compile.

#![forbid(unsafe_code)]

use validation::{Error, Model};

/// A server, through the renamed crate.
#[derive(Model, Debug)]
#[model(crate = "validation", name = "RenamedServer", check = Self::fits)]
pub struct Server {
    #[model(length(1..=64))]
    name: String,
    #[model(range(1..=4096), on_set = Self::noted)]
    ram_gb: u32,
    #[model(nested)]
    disks: Vec<Disk>,
}

impl Server {
    fn fits(&self) -> Result<(), Error> {
        if self.disks.len() <= 8 {
            Ok(())
        } else {
            Err(Error::new("fits", "at most 8 disks"))
        }
    }

    fn noted(_draft: &mut ServerDraft<'_>) {}
}

/// A disk of a server.
#[derive(Model, Debug)]
#[model(crate = "validation")]
pub struct Disk {
    #[model(range(1..=1024))]
    size_gb: u32,
}

/// Secrets, rules on items and keys, and no registry entry, through the renamed crate.
#[derive(Model)]
#[model(crate = "validation", register = false)]
pub struct Vault {
    #[model(secret, length(8..))]
    key: String,
    #[model(each(length(1..=8)))]
    tags: Vec<String>,
    #[model(keys(length(1..=4)), values(each(range(1..=4))))]
    shelves: std::collections::BTreeMap<String, Vec<i32>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_generated_works_through_the_renamed_crate() {
        let mut server = Server::new("web", 16, vec![Disk::new(10).unwrap()]).unwrap();
        assert!(server.set_ram_gb(0).is_err());
        assert_eq!(server.ram_gb(), 16);
        assert_eq!(Server::meta().name(), "RenamedServer");
        let json = serde_json::to_string(&server).unwrap();
        let back: Server = validation::json::from_str(&json).unwrap();
        assert_eq!(back.name(), "web");
        let rejected = validation::json::from_str::<Server>(
            r#"{"name": "", "ram_gb": 1, "disks": [{"size_gb": 0}]}"#,
        )
        .unwrap_err();
        assert_eq!(rejected.validation_errors().unwrap().len(), 2);
        let tagged = r#"{"type": "RenamedServer", "name": "a", "ram_gb": 1, "disks": []}"#;
        assert_eq!(
            validation::from_json(tagged).unwrap().name(),
            "RenamedServer"
        );
    }

    #[test]
    fn secrets_item_rules_and_unregistered_models_work_through_the_renamed_crate() {
        let shelves = std::collections::BTreeMap::from([("a".to_owned(), vec![1])]);
        let vault = Vault::new("correct horse", vec!["x".to_owned()], shelves).unwrap();
        assert!(!format!("{vault:?}").contains("horse"));
        let errors = Vault::new(
            "short",
            vec![String::new()],
            std::collections::BTreeMap::from([("long!".to_owned(), vec![9])]),
        )
        .unwrap_err();
        let paths: Vec<String> = errors.iter().map(|v| v.path().to_string()).collect();
        assert_eq!(
            paths,
            [
                "key",
                "tags[0]",
                "shelves[\"long!\"]",
                "shelves[\"long!\"][0]"
            ]
        );
        assert!(validation::registry().get("Vault").is_err());
    }
}
