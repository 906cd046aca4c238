//! A small HTTP service on `127.0.0.1`: signups (JSON or a form) and server resources (create,
//! list with a query, read, `PATCH`). Every request that breaks a model's rules is answered 422
//! with every problem as RFC 9457 problem details, without a line of glue.
//!
//! ```sh
//! cargo run --example service --features axum            # listens on 127.0.0.1:3000
//! curl -i 127.0.0.1:3000/signups -H 'content-type: application/json' \
//!      -d '{"username": "x", "email": "nowhere", "password": "hunter2", "age": 9}'
//! ```

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use model::axum::{Form, Json, JsonPatch, Problem, Query};
use model::{Error, Model};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// Someone signing up. (`Debug` is derived too: it hides the password.)
#[derive(Model)]
pub struct Signup {
    #[model(length(3..=32), ascii, alphanumeric)]
    username: String,
    #[model(length(3..=254), contains("@"))]
    email: String,
    #[model(secret, length(8..=128))]
    password: String,
    #[model(range(13..=130))]
    age: u8,
    #[model(default)]
    newsletter: bool,
}

/// What the service answers about a signup: never the password.
#[derive(Serialize)]
pub struct Welcome {
    pub username: String,
    pub email: String,
    pub newsletter: bool,
}

/// A server resource.
#[derive(Model, Debug, Clone, PartialEq)]
#[model(check = Self::fits_host)]
pub struct Server {
    #[model(readonly)]
    id: u64,
    #[model(length(1..=64))]
    name: String,
    #[model(range(1..=256))]
    cpu_cores: u32,
    #[model(range(1..=4096))]
    ram_gb: u32,
    #[model(length(2..=32), pattern("^[a-z]+-[a-z]+-[0-9]+$"))]
    region: String,
    #[model(length(..=16), each(length(1..=32)))]
    tags: Vec<String>,
}

impl Server {
    fn fits_host(&self) -> Result<(), Error> {
        if self.ram_gb <= self.cpu_cores * 64 {
            Ok(())
        } else {
            Err(Error::new(
                "fits_host",
                "needs at most 64 GiB of RAM per core",
            ))
        }
    }
}

/// How servers are listed: `GET /servers?region=eu-west-1&min_ram_gb=8&limit=10`.
#[derive(Model, Debug)]
pub struct Filter {
    #[model(default, length(2..=32))]
    region: Option<String>,
    #[model(default)]
    min_ram_gb: u32,
    #[model(default = 50, range(1..=100))]
    limit: u32,
}

/// What the service keeps.
#[derive(Default)]
pub struct Store {
    signups: Vec<Signup>,
    servers: BTreeMap<u64, Server>,
}

type Shared = Arc<Mutex<Store>>;

fn locked(store: &Shared) -> std::sync::MutexGuard<'_, Store> {
    store
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn welcome(signup: &Signup) -> Welcome {
    Welcome {
        username: signup.username().clone(),
        email: signup.email().clone(),
        newsletter: signup.newsletter(),
    }
}

async fn sign_up(
    State(store): State<Shared>,
    Json(signup): Json<Signup>,
) -> (StatusCode, Json<Welcome>) {
    let answer = welcome(&signup);
    locked(&store).signups.push(signup);
    (StatusCode::CREATED, Json(answer))
}

async fn sign_up_form(
    State(store): State<Shared>,
    Form(signup): Form<Signup>,
) -> (StatusCode, Json<Welcome>) {
    let answer = welcome(&signup);
    locked(&store).signups.push(signup);
    (StatusCode::CREATED, Json(answer))
}

async fn create_server(
    State(store): State<Shared>,
    Json(server): Json<Server>,
) -> Result<(StatusCode, Json<Server>), Problem> {
    let mut store = locked(&store);
    if store.servers.contains_key(&server.id()) {
        let detail = format!("server {} exists already", server.id());
        return Err(Problem::new(StatusCode::CONFLICT, detail));
    }
    store.servers.insert(server.id(), server.clone());
    Ok((StatusCode::CREATED, Json(server)))
}

async fn list_servers(
    State(store): State<Shared>,
    Query(filter): Query<Filter>,
) -> Json<Vec<Server>> {
    let store = locked(&store);
    let servers = store
        .servers
        .values()
        .filter(|s| filter.region().as_ref().is_none_or(|r| s.region() == r))
        .filter(|s| s.ram_gb() >= filter.min_ram_gb())
        .take(filter.limit() as usize)
        .cloned()
        .collect();
    Json(servers)
}

fn not_found(id: u64) -> Problem {
    Problem::new(StatusCode::NOT_FOUND, format!("no server {id}"))
}

async fn get_server(
    State(store): State<Shared>,
    Path(id): Path<u64>,
) -> Result<Json<Server>, Problem> {
    let store = locked(&store);
    store
        .servers
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| not_found(id))
}

async fn patch_server(
    State(store): State<Shared>,
    Path(id): Path<u64>,
    patch: JsonPatch,
) -> Result<Json<Server>, Problem> {
    let mut store = locked(&store);
    let server = store.servers.get_mut(&id).ok_or_else(|| not_found(id))?;
    patch.apply(server)?; // every problem, or every change: never half of one
    Ok(Json(server.clone()))
}

/// The service, with an empty store.
pub fn app() -> Router {
    Router::new()
        .route("/signups", post(sign_up))
        .route("/signups/form", post(sign_up_form))
        .route("/servers", post(create_server).get(list_servers))
        .route("/servers/{id}", get(get_server).patch(patch_server))
        .layer(DefaultBodyLimit::max(16 * 1024))
        .with_state(Shared::default())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::args().nth(1).unwrap_or_else(|| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
