use model::Model;

#[derive(Model)]
#[model(computed(quota = Self::quota))]
struct Bucket {
    max_quota: i64,
    quota_consumed: i64,
}

impl Bucket {
    fn quota(&self) -> i64 {
        self.max_quota - self.quota_consumed
    }
}

fn main() {}
