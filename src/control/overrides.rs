//! `/_mock/faults` and `/_mock/overrides`: the namespace's overrides. Both routes act on one list
//! of rules, checked in the order they were added; each route lists, removes and clears the
//! rules of its kind of answer (Partner Center errors, or pinned answers).

use super::{Items, Target};
use crate::http::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::response::{created, ok};
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::namespace::faults::{ArmedRule, FaultRule};
use crate::namespace::overrides::pinned::{ArmedOverride, OverrideRule};
use crate::namespace::overrides::{Armed, Kind, Rule};
use crate::openapi::Operation;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A kind of rule, as its route reads and lists it.
trait RuleKind: DeserializeOwned + Send + 'static {
    const KIND: Kind;
    /// What the list route shows of each rule.
    type Listed: Serialize;
    /// What the refusal of an unknown id calls a rule of this kind.
    const NOUN: &'static str;

    fn into_rule(self) -> Result<Rule, String>;
    fn listed(armed: &Armed) -> Option<Self::Listed>;
}

impl RuleKind for FaultRule {
    const KIND: Kind = Kind::Fault;
    type Listed = ArmedRule;
    const NOUN: &'static str = "Fault rule";

    fn into_rule(self) -> Result<Rule, String> {
        FaultRule::into_rule(self)
    }

    fn listed(armed: &Armed) -> Option<ArmedRule> {
        ArmedRule::of(armed)
    }
}

impl RuleKind for OverrideRule {
    const KIND: Kind = Kind::Override;
    type Listed = ArmedOverride;
    const NOUN: &'static str = "Override";

    fn into_rule(self) -> Result<Rule, String> {
        OverrideRule::into_rule(self)
    }

    fn listed(armed: &Armed) -> Option<ArmedOverride> {
        ArmedOverride::of(armed)
    }
}

#[derive(Serialize, schemars::JsonSchema)]
struct Created {
    id: String,
}

/// `POST`: 201 `{"id": ...}`; the rule goes to the end of the list.
async fn add<K: RuleKind>(
    Target(namespace): Target,
    JsonBody(rule): JsonBody<K>,
) -> Result<Response, ApiError> {
    let rule = rule.into_rule().map_err(ApiError::BadRequest)?;
    Ok(created(&Created {
        id: namespace.overrides().add(rule),
    }))
}

/// `GET`: the rules of this kind, with how many requests each matched and answered.
async fn list<K: RuleKind>(Target(namespace): Target) -> Response {
    let items: Vec<K::Listed> = namespace
        .overrides()
        .list(K::KIND)
        .iter()
        .filter_map(K::listed)
        .collect();
    ok(&Items { items: &items })
}

/// `DELETE`: 204, and no rule of this kind remains.
async fn clear<K: RuleKind>(Target(namespace): Target) -> StatusCode {
    namespace.overrides().clear(K::KIND);
    StatusCode::NO_CONTENT
}

/// `DELETE .../{id}`: 204, or 404 when no rule of this kind has that id.
async fn remove<K: RuleKind>(
    Target(namespace): Target,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if namespace.overrides().remove(K::KIND, &id) {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound(format!("{} {id} not found.", K::NOUN)))
    }
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    Routes::new()
        .add(
            Operation::get("/_mock/faults", "listFaults")
                .summary("The namespace's fault rules, with how many requests each matched and how often it fired.")
                .ok::<Items<ArmedRule>>("The rules."),
            list::<FaultRule>,
        )
        .add(
            Operation::post("/_mock/faults", "addFault")
                .summary("Adds a fault rule for matching `/v1` requests, after the namespace's other overrides.")
                .body::<FaultRule>()
                .created::<Created>("The rule's id."),
            add::<FaultRule>,
        )
        .add(
            Operation::delete("/_mock/faults", "clearFaults")
                .summary("Removes every fault rule; pinned overrides stay.")
                .empty(204, "No rules remain."),
            clear::<FaultRule>,
        )
        .add(
            Operation::delete("/_mock/faults/{id}", "removeFault")
                .summary("Removes one fault rule.")
                .empty(204, "The rule is gone."),
            remove::<FaultRule>,
        )
        .add(
            Operation::get("/_mock/overrides", "listOverrides")
                .summary("The namespace's pinned overrides, with how many requests each matched and answered.")
                .ok::<Items<ArmedOverride>>("The overrides."),
            list::<OverrideRule>,
        )
        .add(
            Operation::post("/_mock/overrides", "addOverride")
                .summary("Pins an answer (status, headers, body) for matching `/v1` requests, after the namespace's other overrides.")
                .body::<OverrideRule>()
                .created::<Created>("The override's id."),
            add::<OverrideRule>,
        )
        .add(
            Operation::delete("/_mock/overrides", "clearOverrides")
                .summary("Removes every pinned override; fault rules stay.")
                .empty(204, "No pinned overrides remain."),
            clear::<OverrideRule>,
        )
        .add(
            Operation::delete("/_mock/overrides/{id}", "removeOverride")
                .summary("Removes one pinned override.")
                .empty(204, "The override is gone."),
            remove::<OverrideRule>,
        )
}
