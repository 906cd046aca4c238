//! A documented public model compiles without a warning, under the strictest lints.

#![deny(warnings, unused_qualifications, missing_docs)]

use model::{Error, Model};

/// A virtual server.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits)]
pub struct Server {
    /// Its host name.
    #[model(length(1..=64), pattern("^[a-z0-9-]+$"))]
    name: String,
    /// Cores.
    #[model(range(1..=64))]
    cores: u32,
    /// Memory, in GiB.
    #[model(positive)]
    ram_gb: u32,
    /// Labels.
    #[model(each(non_empty))]
    tags: Vec<String>,
    /// Fixed at creation.
    #[model(readonly)]
    id: u64,
    /// Whether it runs.
    #[model(default = true)]
    enabled: bool,
    /// A plain field.
    note: Option<String>,
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

fn main() {
    let mut server = Server::new("web-1", 2, 8, vec!["a".to_owned()], 1, None).unwrap();
    assert_eq!(server.name(), "web-1");
    assert_eq!(server.cores(), 2);
    assert_eq!(server.ram_gb(), 8);
    assert_eq!(server.tags().len(), 1);
    assert_eq!(server.id(), 1);
    assert!(server.enabled());
    assert_eq!(server.note(), &None);
    server.set_name("web-2").unwrap();
    server.set_cores(4).unwrap();
    server.set_ram_gb(16).unwrap();
    server.set_tags(Vec::<String>::new()).unwrap();
    server.set_enabled(false).unwrap();
    server.set_note(Some("n".to_owned())).unwrap();
    server
        .update(|draft| {
            let cores = draft.cores() * 2;
            draft.set_cores(cores).set_ram_gb(512);
            assert_eq!(draft.name(), "web-2");
            assert_eq!(draft.ram_gb(), 512);
            assert!(draft.tags().is_empty());
            assert_eq!(draft.id(), 1);
            assert!(!draft.enabled());
            assert!(draft.note().is_some());
        })
        .unwrap();
    let copy = Server::builder()
        .name("web-2")
        .cores(8)
        .ram_gb(512)
        .tags(Vec::<String>::new())
        .id(1)
        .enabled(false)
        .note(Some("n".to_owned()))
        .build()
        .unwrap();
    assert_eq!(copy, server);
    assert!(Server::meta().field("cores").is_some());
    assert!(server.validate().is_ok());
    let _: ServerBuilder = Server::builder();
}
