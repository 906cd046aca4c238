# The generated crates of the compile-time comparisons (sourced by compile-time.sh and
# ir-lines.sh): `MODELS` structs of 8 validated fields, derived with `model`, `garde` and
# `validator`, and without validation. Expects MODELS and WORK to be set.

# The eight rules, the same in every crate (`length` counts characters in all three):
#   name:   String       length 1..=64
#   label:  String       length 2..=32
#   region: String       contains "-"
#   tags:   Vec<String>  at most 16 items
#   cpu:    i64          range 0..=1024
#   ram:    i64          range 1..=4096
#   port:   u32          range 1..=65535
#   load:   u32          range 0..=100

manifest() { # name, dependency line
    cat <<TOML
[package]
name = "ct-$1"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
$2
TOML
}

# The derives of every generated struct: `Clone, Debug`, and serde's when the generator's first
# argument is `serde`.
derives() { # first derive, serde?
    if [[ "${2:-}" == serde ]]; then
        echo "#[derive($1Clone, Debug, serde::Serialize, serde::Deserialize)]"
    else
        echo "#[derive($1Clone, Debug)]"
    fi
}

SERDE_DEP='serde = { version = "1", features = ["derive"] }'

gen_plain() {
    local i
    for ((i = 0; i < MODELS; i++)); do
        derives "" "${1:-}"
        cat <<RS
pub struct Model$i {
    pub name: String,
    pub label: String,
    pub region: String,
    pub tags: Vec<String>,
    pub cpu: i64,
    pub ram: i64,
    pub port: u32,
    pub load: u32,
}

RS
    done
}

gen_model() {
    local i
    echo "use model::Model;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        cat <<RS
#[derive(Model, Clone, Debug)]
pub struct Model$i {
    #[model(length(1..=64))]
    name: String,
    #[model(length(2..=32))]
    label: String,
    #[model(contains("-"))]
    region: String,
    #[model(length(..=16))]
    tags: Vec<String>,
    #[model(range(0..=1024))]
    cpu: i64,
    #[model(range(1..=4096))]
    ram: i64,
    #[model(range(1..=65535))]
    port: u32,
    #[model(range(0..=100))]
    load: u32,
}

RS
    done
}

gen_garde() {
    local i
    echo "use garde::Validate;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        derives "Validate, " "${1:-}"
        cat <<RS
pub struct Model$i {
    #[garde(length(chars, min = 1, max = 64))]
    pub name: String,
    #[garde(length(chars, min = 2, max = 32))]
    pub label: String,
    #[garde(contains("-"))]
    pub region: String,
    #[garde(length(max = 16))]
    pub tags: Vec<String>,
    #[garde(range(min = 0, max = 1024))]
    pub cpu: i64,
    #[garde(range(min = 1, max = 4096))]
    pub ram: i64,
    #[garde(range(min = 1, max = 65535))]
    pub port: u32,
    #[garde(range(min = 0, max = 100))]
    pub load: u32,
}

RS
    done
}

gen_validator() {
    local i
    echo "use validator::Validate;"
    echo
    for ((i = 0; i < MODELS; i++)); do
        derives "Validate, " "${1:-}"
        cat <<RS
pub struct Model$i {
    #[validate(length(min = 1, max = 64))]
    pub name: String,
    #[validate(length(min = 2, max = 32))]
    pub label: String,
    #[validate(contains(pattern = "-"))]
    pub region: String,
    #[validate(length(max = 16))]
    pub tags: Vec<String>,
    #[validate(range(min = 0, max = 1024))]
    pub cpu: i64,
    #[validate(range(min = 1, max = 4096))]
    pub ram: i64,
    #[validate(range(min = 1, max = 65535))]
    pub port: u32,
    #[validate(range(min = 0, max = 100))]
    pub load: u32,
}

RS
    done
}

make_crate() { # name, dependency lines, generator and its argument
    local dir="$WORK/$1"
    mkdir -p "$dir/src"
    manifest "$1" "$2" >"$dir/Cargo.toml"
    printf '#![allow(dead_code)]\n\npub mod models;\n' >"$dir/src/lib.rs"
    $3 >"$dir/src/models.rs"
}

GARDE_DEP='garde = { version = "0.23", default-features = false, features = ["derive"] }'
VALIDATOR_DEP='validator = { version = "0.21", features = ["derive"] }'
