//! Models with type parameters.

use model::Model;

#[derive(Model, Debug)]
struct Page<T> {
    #[model(length(..=100))]
    items: Vec<T>,
    #[model(range(1..))]
    page: u32,
}

#[derive(Model, Debug)]
struct Sample<T: model::rules::Numeric> {
    #[model(non_negative)]
    value: T,
    #[model(range(1..=10))]
    weight: u8,
}

#[derive(Model, Debug)]
struct Labeled<'a, T>
where
    T: Clone + model::rules::Numeric,
{
    #[model(non_empty)]
    label: std::borrow::Cow<'a, str>,
    #[model(each(positive))]
    values: Vec<T>,
    #[model(readonly)]
    fixed: T,
}

fn main() {
    let mut page = Page::new(vec!["a", "b"], 1).unwrap();
    assert_eq!(page.items().len(), 2);
    assert!(Page::<u8>::new(vec![0; 101], 1).is_err());
    assert!(page.set_page(0).is_err());
    page.set_page(2).unwrap();
    page.set_items(vec!["c"]).unwrap();
    page.update(|draft| {
        draft.set_page(3).set_items(Vec::new());
    })
    .unwrap();
    assert_eq!(page.page(), 3);
    let built = Page::<String>::builder().items(vec![]).page(1).build().unwrap();
    assert!(built.items().is_empty());
    assert_eq!(Page::<u8>::meta().field_list().len(), 2);

    let mut sample = Sample::<f64>::new(2.5, 1).unwrap();
    assert!(Sample::<i32>::new(-1, 1).is_err());
    assert!(sample.set_value(-0.5).is_err());
    sample.set_value(0.0).unwrap();
    sample
        .update(|draft| {
            draft.set_value(1.0).set_weight(10);
        })
        .unwrap();
    assert_eq!(*sample.value(), 1.0);
    assert!(Sample::<u64>::builder().weight(1).build().is_err());
    assert!(Sample::<u64>::builder().value(3u64).weight(1).build().is_ok());

    let mut labeled = Labeled::<i64>::new("x", vec![1, 2], 0).unwrap();
    assert!(labeled.set_values(vec![0]).is_err());
    labeled.set_label("y").unwrap();
    labeled
        .update(|draft| {
            draft.set_values(vec![3]);
        })
        .unwrap();
    assert_eq!(*labeled.fixed(), 0);
    assert!(Labeled::<i64>::builder().label("").values(vec![]).fixed(1).build().is_err());
}
