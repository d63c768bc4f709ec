//! The OpenAPI 3.1 document of the served surface, `/v1` and `/_mock`.
//!
//! Every route is registered together with its [`Operation`] (see `http::routes`), and
//! the operation names the Rust types its handler reads and writes. The document is assembled from
//! those operations and the types' JSON Schemas, so a route cannot be served undocumented, and a
//! documented shape is the shape the handler serializes.

mod operation;

pub(crate) use operation::{Access, Content, Location, Operation, ParameterKind};

use schemars::SchemaGenerator;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

const SCHEMAS: &str = "/components/schemas";
const REF_PREFIX: &str = "#/components/schemas/";
/// The media type of JSON Lines; the schema of each line is the `x-itemSchema` extension.
pub const JSON_LINES: &str = "application/x-ndjson";
/// The error envelopes every operation may answer with.
const ERROR_SCHEMA: &str = "ErrorEnvelope";

/// Assembles the document for `operations`.
pub(crate) fn document(operations: &[Operation]) -> Value {
    let mut responses = Generator::new(SchemaSettings::draft2020_12().for_serialize());
    let mut requests = Generator::new(SchemaSettings::draft2020_12().for_deserialize());
    let error = responses.schema(|g| {
        let fault = g.subschema_for::<crate::wire::fault::Fault>();
        let gateway = g.subschema_for::<crate::wire::fault::GatewayFault>();
        schemars::json_schema!({"anyOf": [fault, gateway]})
    });
    let bodies: Vec<Option<Value>> = operations
        .iter()
        .map(|operation| operation.body.map(|body| requests.schema(body)))
        .collect();
    let entries: Vec<Map<String, Value>> = operations
        .iter()
        .map(|operation| describe(operation, &mut responses))
        .collect();
    let mut schemas = responses.definitions();
    schemas.insert(ERROR_SCHEMA.to_owned(), error);
    let renamed = merge_request_schemas(&mut schemas, requests.definitions());
    let mut paths: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for ((operation, mut entry), body) in operations.iter().zip(entries).zip(bodies) {
        if let Some(mut body) = body {
            rename_refs(&mut body, &renamed);
            entry.insert(
                "requestBody".into(),
                json!({"required": true, "content": {"application/json": {"schema": body}}}),
            );
        }
        paths
            .entry(operation.path)
            .or_default()
            .insert(operation.method.as_str().to_ascii_lowercase(), entry.into());
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "partner-center-mock",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The Microsoft Partner Center REST API as partner-center-mock serves it \
                (`/v1`), and the mock's control plane (`/_mock`). Request bodies are read \
                leniently: property names in any case, enum values by spelling in any case or by \
                number; the schemas show the canonical camelCase form. Errors are the ApiFault \
                envelope, or the gateway's for unknown routes.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "partnerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "bearerFormat": "JWT",
                    "description": "Any bearer token; a JWT's `tid` names the partner tenant."
                },
                "adminToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token given with `--admin-token`, when the mock has one."
                }
            }
        }
    })
}

/// A schema generator that puts shared schemas under `components/schemas`.
struct Generator(SchemaGenerator);

impl Generator {
    fn new(settings: SchemaSettings) -> Self {
        Self(
            settings
                .with(|s| {
                    s.definitions_path = SCHEMAS.into();
                    s.meta_schema = None;
                })
                .into_generator(),
        )
    }

    fn schema(&mut self, schema: impl FnOnce(&mut SchemaGenerator) -> schemars::Schema) -> Value {
        schema(&mut self.0).to_value()
    }

    fn definitions(&mut self) -> Map<String, Value> {
        self.0.take_definitions(true)
    }
}

/// An operation's entry, but for its request body, which [`document`] adds once the request
/// schemas are named.
fn describe(operation: &Operation, responses: &mut Generator) -> Map<String, Value> {
    let mut entry = Map::new();
    entry.insert("operationId".into(), operation.id.into());
    if !operation.summary.is_empty() {
        entry.insert("summary".into(), operation.summary.into());
    }
    entry.insert("tags".into(), json!([tag(operation.path)]));
    entry.insert("parameters".into(), parameters(operation).into());
    let mut answers = Map::new();
    for answer in &operation.answers {
        let mut described = json!({"description": answer.description});
        let content = match answer.content {
            Content::Json(schema) => Some(("application/json", responses.schema(schema))),
            Content::JsonLines(item) => Some((
                JSON_LINES,
                json!({"type": "string", "x-itemSchema": responses.schema(item)}),
            )),
            Content::Empty => None,
        };
        if let Some((media, schema)) = content {
            described["content"] = json!({media: {"schema": schema}});
        }
        answers.insert(answer.status.to_string(), described);
    }
    answers.insert(
        "default".into(),
        json!({
            "description": "A Partner Center error: the ApiFault envelope, or the gateway's.",
            "content": {"application/json": {"schema": {"$ref": format!("{REF_PREFIX}{ERROR_SCHEMA}")}}}
        }),
    );
    entry.insert("responses".into(), answers.into());
    let security = match operation.access {
        Access::PartnerToken => json!([{"partnerToken": []}]),
        Access::AdminToken => json!([{"adminToken": []}, {}]),
        Access::Open => json!([]),
    };
    entry.insert("security".into(), security);
    entry
}

/// An example for each path parameter, from the default seed (the customer Fabrikam, its
/// subscription, its reserved-instance order and reservation, its administrator, a Global
/// Administrator, and its open cart), so that a tool calling the examples reaches real data.
const PATH_EXAMPLES: [(&str, &str); 17] = [
    ("customer_id", "33333333-3333-4333-8333-333333333333"),
    ("subscription_id", "3c333333-3333-4333-8333-000000000002"),
    ("entitlement_id", "3a333333-3333-4333-8333-000000000001"),
    ("order_id", "Fa3RiOrder00000000000000000000031"),
    ("line", "0"),
    ("resource", "3e333333-3333-4333-8333-000000000001"),
    ("domain", "fabrikaminc.onmicrosoft.com"),
    ("offer_id", "91fd106f-4b2c-4938-95ac-f54f74e9a239"),
    ("name", "default"),
    ("id", "fault-1"),
    ("product_id", "CFQ7TTC0LH18"),
    ("sku_id", "0001"),
    ("availability_id", "CFQ7TTC0K971"),
    ("cart_id", "3ca33333-3333-4333-8333-000000000001"),
    ("user_id", "3f333333-3333-4333-8333-000000000001"),
    ("role_id", "62e90394-69f5-4237-9190-012177145e10"),
    ("migration_id", "3ab33333-3333-4333-8333-000000000001"),
];

/// The example of the path parameter `name`.
pub(crate) fn path_example(name: &str) -> Option<&'static str> {
    PATH_EXAMPLES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, example)| *example)
}

fn parameters(operation: &Operation) -> Vec<Value> {
    let in_path = operation.path_parameters().map(|name| {
        let mut schema = json!({"type": "string", "minLength": 1});
        if matches!(
            name,
            "customer_id" | "subscription_id" | "user_id" | "role_id" | "cart_id" | "migration_id"
        ) {
            schema["format"] = "uuid".into();
        }
        let mut parameter = json!({"name": name, "in": "path", "required": true, "schema": schema});
        if let Some(example) = path_example(name) {
            parameter["example"] = example.into();
        }
        parameter
    });
    let others = operation.parameters.iter().map(|parameter| {
        let kind = match parameter.kind {
            ParameterKind::String => "string",
            ParameterKind::Integer => "integer",
            ParameterKind::Boolean => "boolean",
        };
        let location = match parameter.location {
            Location::Query => "query",
            Location::Header => "header",
        };
        let mut described = json!({
            "name": parameter.name,
            "in": location,
            "required": parameter.required,
            "description": parameter.description,
            "schema": {"type": kind}
        });
        if parameter.name == "country" {
            described["example"] = "US".into();
            described["schema"]["pattern"] = "^[A-Za-z]{2}$".into();
        }
        described
    });
    in_path.chain(others).collect()
}

/// The tag of a path: `control plane` for `/_mock`, else the resource it is about.
fn tag(path: &str) -> &'static str {
    const RESOURCES: [&str; 9] = [
        "artifacts",
        "entitlements",
        "subscriptions",
        "orders",
        "relationships",
        "profiles",
        "offers",
        "domains",
        "customers",
    ];
    if path.starts_with("/_mock") {
        return "control plane";
    }
    RESOURCES
        .into_iter()
        .find(|resource| path.split('/').any(|segment| segment == *resource))
        .unwrap_or("customers")
}

/// Adds the request schemas to the response schemas. A type whose request form differs from its
/// response form (fields that are optional on the way in, enums read by number) keeps both, the
/// request one as `<name>Input`. Returns the renames.
fn merge_request_schemas(
    schemas: &mut Map<String, Value>,
    requests: Map<String, Value>,
) -> BTreeMap<String, String> {
    let renamed: BTreeMap<String, String> = requests
        .iter()
        .filter(|(name, schema)| schemas.get(*name).is_some_and(|shown| shown != *schema))
        .map(|(name, _)| (name.clone(), format!("{name}Input")))
        .collect();
    for new_name in renamed.values() {
        assert!(
            !schemas.contains_key(new_name) && !requests.contains_key(new_name),
            "the schema name {new_name} is taken"
        );
    }
    for (name, mut schema) in requests {
        rename_refs(&mut schema, &renamed);
        let name = renamed.get(&name).cloned().unwrap_or(name);
        schemas.insert(name, schema);
    }
    renamed
}

/// Points the references in `value` to renamed request schemas at their new names.
fn rename_refs(value: &mut Value, renamed: &BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref")
                && let Some(name) = reference.strip_prefix(REF_PREFIX)
                && let Some(new_name) = renamed.get(name)
            {
                *reference = format!("{REF_PREFIX}{new_name}");
            }
            for item in map.values_mut() {
                rename_refs(item, renamed);
            }
        }
        Value::Array(items) => {
            for item in items {
                rename_refs(item, renamed);
            }
        }
        _ => {}
    }
}
