//! Property-based fuzzing of the request decoder, the enum reader and the other
//! readers of client input: whatever the input, they answer `Ok` or `Err`, and never panic.
//! Run longer with `PROPTEST_CASES=100000 cargo test --release --lib wire::fuzz`.

use crate::domain::customer::NewCustomer;
use crate::domain::order::OrderRequest;
use crate::domain::subscription::SubscriptionStatus;
use crate::domain::subscription::update::SubscriptionUpdate;
use crate::wire::query::QueryParams;
use crate::wire::{date, duration, path, read_body};
use proptest::prelude::*;
use serde_json::{Value, json};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Arbitrary JSON, with the property names and values requests really use mixed in.
fn json_value() -> impl Strategy<Value = Value> {
    let names = prop_oneof![
        Just("status".to_owned()),
        Just("Quantity".to_owned()),
        Just("lineItems".to_owned()),
        Just("OfferId".to_owned()),
        Just("companyProfile".to_owned()),
        Just("billingProfile".to_owned()),
        Just("Attributes".to_owned()),
        Just("etag".to_owned()),
        "[a-zA-Z]{1,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,24}".prop_map(Value::from),
        prop_oneof![
            Just("active"),
            Just("Suspended"),
            Just("one_time"),
            Just("0001-01-01T00:00:00")
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec((names.clone(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn the_request_decoder_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = read_body::<NewCustomer>(&bytes);
        let _ = read_body::<SubscriptionUpdate>(&bytes);
        let _ = read_body::<OrderRequest>(&bytes);
    }

    #[test]
    fn the_request_decoder_never_panics_on_json(value in json_value()) {
        let bytes = value.to_string().into_bytes();
        let _ = read_body::<NewCustomer>(&bytes);
        let _ = read_body::<SubscriptionUpdate>(&bytes);
        let _ = read_body::<OrderRequest>(&bytes);
    }

    #[test]
    fn the_enum_reader_takes_only_known_spellings(text in ".{0,24}", number in any::<i64>()) {
        match SubscriptionStatus::from_wire(&text) {
            Some(status) => prop_assert!(
                text.replace('_', "").eq_ignore_ascii_case(&status.as_wire().replace('_', ""))
            ),
            None => prop_assert!(serde_json::from_value::<SubscriptionStatus>(json!(text)).is_err()),
        }
        let by_number = serde_json::from_value::<SubscriptionStatus>(json!(number));
        prop_assert_eq!(by_number.is_ok(), (0..=6).contains(&number));
    }

    #[test]
    fn query_path_date_and_duration_readers_never_panic(text in ".{0,64}") {
        let query = QueryParams::parse(Some(&text));
        let _ = query.get("size");
        let _ = path::normalize(&format!("/v1/{text}"));
        let _ = date::parse(&text);
        let _ = duration::parse(&text);
        let _ = duration::parse(&format!("P{text}"));
    }
}
