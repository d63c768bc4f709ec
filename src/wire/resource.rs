//! The envelope pieces every Partner Center resource shares: links, attributes and collections.

use serde::Serialize;

/// A link: `{"uri": "/v1/...", "method": "GET", "headers": [...]}`. Uris are relative and start with `/v1/`.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct Link {
    pub uri: String,
    pub method: &'static str,
    pub headers: Vec<Header>,
}

/// A header a client must send when following a link.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct Header {
    pub key: &'static str,
    pub value: String,
}

impl Link {
    pub(crate) fn get(uri: impl Into<String>) -> Self {
        Self::new("GET", uri)
    }

    pub(crate) fn new(method: &'static str, uri: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            method,
            headers: Vec::new(),
        }
    }

    pub(crate) fn with_header(mut self, key: &'static str, value: String) -> Self {
        self.headers.push(Header { key, value });
        self
    }
}

/// The `links` object of a resource or a collection. Absent links are omitted.
#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub(crate) struct Links {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_link: Option<Link>,
}

impl Links {
    pub(crate) fn to_self(uri: impl Into<String>) -> Self {
        Self {
            self_link: Some(Link::get(uri)),
            ..Self::default()
        }
    }
}

/// A `links` object whose members depend on the resource, such as a subscription's `offer`,
/// `product`, `sku`, `availability`, `parentSubscription` and `self`.
#[derive(Debug, Clone, Default)]
pub(crate) struct NamedLinks(Vec<(&'static str, Link)>);

impl NamedLinks {
    pub(crate) fn with(mut self, name: &'static str, link: Link) -> Self {
        self.0.push((name, link));
        self
    }

    pub(crate) fn with_get(self, name: &'static str, uri: impl Into<String>) -> Self {
        self.with(name, Link::get(uri))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl schemars::JsonSchema for NamedLinks {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NamedLinks".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "additionalProperties": generator.subschema_for::<Link>()
        })
    }
}

impl Serialize for NamedLinks {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, link) in &self.0 {
            map.serialize_entry(name, link)?;
        }
        map.end()
    }
}

/// `attributes`: the resource's `objectType`, and its `etag` where it has one.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Attributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    pub object_type: &'static str,
}

impl Attributes {
    pub(crate) const fn of(object_type: &'static str) -> Self {
        Self {
            etag: None,
            object_type,
        }
    }

    pub(crate) fn with_etag(object_type: &'static str, etag: String) -> Self {
        Self {
            etag: Some(etag),
            object_type,
        }
    }
}

/// A collection: `totalCount` is the number of items on this page, as Partner Center reports it.
/// Seek-based collections also carry a top-level `continuationToken`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "{T}Collection")]
pub(crate) struct Collection<T> {
    pub total_count: usize,
    pub items: Vec<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuation_token: Option<String>,
    pub attributes: Attributes,
}

impl<T> Collection<T> {
    pub(crate) fn new(items: Vec<T>) -> Self {
        Self {
            total_count: items.len(),
            items,
            links: None,
            continuation_token: None,
            attributes: Attributes::of("Collection"),
        }
    }

    pub(crate) fn with_links(mut self, links: Links) -> Self {
        self.links = Some(links);
        self
    }

    pub(crate) fn with_continuation(mut self, token: String) -> Self {
        self.continuation_token = Some(token);
        self
    }
}
