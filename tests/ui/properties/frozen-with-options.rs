use model::{Changes, Lazy, Model};

#[derive(Model)]
#[model(frozen, track_changes, on_change = Self::saved)]
#[model(computed(quota: i64 = Self::quota, set = Self::apply_quota))]
struct Bucket {
    #[model(readonly)]
    max_quota: i64,
    #[model(on_set = Self::consumed)]
    quota_consumed: i64,
    #[model(lazy = Self::load_report, depends_on(max_quota))]
    report: Lazy<String>,
    changes: Changes,
}

impl Bucket {
    fn quota(&self) -> i64 {
        self.max_quota - self.quota_consumed
    }
    fn apply_quota(_: &mut BucketDraft<'_>, _: i64) {}
    fn consumed(_: &mut BucketDraft<'_>) {}
    fn saved(&self, _: model::ChangedFields) {}
    fn load_report(&self) -> String {
        String::new()
    }
}

fn main() {}
