//! The mock embedded in a Rust program: start it, find a customer whose reseller relationship
//! cannot be removed, show the refusal, clear what blocks it, remove the relationship, and read
//! the result back from the store without HTTP.
//!
//! ```sh
//! cargo run --example embedded              # the first blocked customer in the list
//! cargo run --example embedded -- Fabrikam  # the first blocked one whose name starts so
//! ```
//!
//! A Rust test does the same: `MockPartnerCenter::start().await` gives each test its own server on
//! a free loopback port, which stops when the handle is dropped.

use partner_center::PartnerCenter;
use partner_center_mock::MockPartnerCenter;
use partner_center_mock::domain::{CustomerId, CustomerPartnerRelationship};
use reqwest::Method;
use serde_json::json;
use std::error::Error;

#[path = "support/partner_center.rs"]
mod partner_center;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let mock = MockPartnerCenter::start().await;
    println!("mock Partner Center listening on {}", mock.uri());
    let company = std::env::args().nth(1);
    let removal = remove_a_blocked_customer(&mock, company.as_deref()).await?;
    println!(
        "{} ({}) is no longer a reseller customer: refused with {} ({}), {} blocker(s) cleared",
        removal.company,
        removal.customer,
        removal.refusal.0,
        removal.refusal.1,
        removal.cleared.len()
    );
    Ok(())
}

/// What [`remove_a_blocked_customer`] did.
#[derive(Debug)]
pub struct Removal {
    /// The customer's tenant id.
    pub customer: String,
    /// The customer's company name.
    pub company: String,
    /// The refused removal's Partner Center code and its `X-Mock-Rule` header.
    pub refusal: (i64, String),
    /// The subscriptions suspended and the orders cancelled, in that order.
    pub cleared: Vec<String>,
}

/// Finds the first listed customer (whose company name starts with `company`, when given) whose
/// relationship removal is blocked, shows the refusal, clears every blocker the mock's removal
/// check lists, and removes the relationship.
pub async fn remove_a_blocked_customer(
    mock: &MockPartnerCenter,
    company: Option<&str>,
) -> Result<Removal, Box<dyn Error>> {
    let pc = PartnerCenter::at(mock.uri())?;

    // 1. Find a blocked customer: list customers and ask the control plane about each.
    let mut list = "/v1/customers?size=20".to_owned();
    if let Some(prefix) = company {
        let filter = json!({"Field": "CompanyName", "Value": prefix, "Operator": "starts_with"});
        list.push_str("&filter=");
        list.extend(form_urlencoded::byte_serialize(
            filter.to_string().as_bytes(),
        ));
    }
    let page = pc.expect(Method::GET, &list, None, 200).await?;
    let mut found = None;
    for customer in page["items"].as_array().ok_or("no items in the page")? {
        let id = customer["id"].as_str().ok_or("a customer without id")?;
        let company = customer["companyProfile"]["companyName"]
            .as_str()
            .unwrap_or_default();
        let path = format!("/_mock/customers/{id}/removal-check");
        let check = pc.expect(Method::GET, &path, None, 200).await?;
        if check["removable"] == true {
            println!("1. {company} ({id}): removable");
            continue;
        }
        println!(
            "1. {company} ({id}): blocked by {}",
            check["rule"].as_str().unwrap_or_default()
        );
        found = Some((id.to_owned(), company.to_owned(), check));
        break;
    }
    let (customer, name, check) = found.ok_or("no blocked customer on the first page")?;

    // 2. Try the removal: refused with the first blocking rule's code and the rule's id.
    let removal = json!({"relationshipToPartner": "none"});
    let customer_path = format!("/v1/customers/{customer}");
    let refused = pc
        .call(Method::PATCH, &customer_path, Some(&removal))
        .await?;
    if refused.status != 400 {
        return Err(format!("the removal answered {}: {}", refused.status, refused.body).into());
    }
    let code = refused.body["code"]
        .as_i64()
        .ok_or("a refusal without code")?;
    let rule = refused.rule.ok_or("a refusal without X-Mock-Rule")?;
    println!("2. PATCH {customer_path} -> 400, code {code}, X-Mock-Rule: {rule}");
    println!(
        "   {}",
        refused.body["description"].as_str().unwrap_or_default()
    );

    // 3. Clear every blocker: suspend subscriptions, cancel reserved-instance and software orders.
    let mut cleared = Vec::new();
    for blocker in check["blockers"].as_array().ok_or("no blockers listed")? {
        let id = blocker["id"].as_str().ok_or("a blocker without id")?;
        let (path, change) = match blocker["kind"].as_str() {
            Some("subscription") => (
                format!("{customer_path}/subscriptions/{id}"),
                json!({"status": "suspended"}),
            ),
            Some("reservedInstance" | "softwarePurchase") => (
                format!("{customer_path}/orders/{id}"),
                json!({"status": "cancelled"}),
            ),
            other => return Err(format!("unknown blocker kind {other:?}").into()),
        };
        let changed = pc.expect(Method::PATCH, &path, Some(&change), 200).await?;
        println!(
            "3. PATCH {path} -> 200, status {}",
            changed["status"].as_str().unwrap_or_default()
        );
        cleared.push(id.to_owned());
    }

    // 4. Remove the relationship.
    let removed = pc
        .expect(Method::PATCH, &customer_path, Some(&removal), 200)
        .await?;
    println!(
        "4. PATCH {customer_path} -> 200, relationshipToPartner {}",
        removed["relationshipToPartner"]
            .as_str()
            .unwrap_or_default()
    );

    // 5. The store shows the change without HTTP.
    let id = CustomerId::parse(&customer).ok_or("the customer id is not a GUID")?;
    let stored = mock.store().customer(id)?;
    println!(
        "5. the store: relationship {:?}, delegated access {}",
        stored.relationship_to_partner, stored.allow_delegated_access
    );
    if stored.relationship_to_partner != CustomerPartnerRelationship::None {
        return Err("the store still holds the relationship".into());
    }
    Ok(Removal {
        customer,
        company: name,
        refusal: (code, rule),
        cleared,
    })
}
