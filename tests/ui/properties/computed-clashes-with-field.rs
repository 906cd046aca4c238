use model::Model;

#[derive(Model)]
#[model(computed(quota: i64 = Self::quota))]
struct Bucket {
    max_quota: i64,
    quota: i64,
}

impl Bucket {
    fn quota(&self) -> i64 {
        self.max_quota
    }
}

fn main() {}
