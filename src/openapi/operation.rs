//! One operation of the served surface, described next to the handler that serves it.

use axum::http::Method;
use schemars::{JsonSchema, Schema, SchemaGenerator};

/// Writes the schema of a Rust type into a generator and returns a reference to it.
pub(crate) type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

fn schema_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<T>()
}

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// A Partner Center bearer token (App+User or app-only).
    PartnerToken,
    /// The admin token, when the mock was started with one.
    AdminToken,
    /// Anyone.
    Open,
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Location {
    Query,
    Header,
}

/// A query or header parameter. Its value is a string unless `kind` says otherwise.
#[derive(Debug, Clone)]
pub(crate) struct Parameter {
    pub location: Location,
    pub name: &'static str,
    pub description: &'static str,
    pub kind: ParameterKind,
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParameterKind {
    String,
    Integer,
    Boolean,
}

/// What an answer's body is.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Content {
    /// JSON of a Rust type.
    Json(SchemaFn),
    /// JSON Lines: one JSON value of a Rust type a line.
    JsonLines(SchemaFn),
    /// No body.
    Empty,
}

/// One answer an operation gives when it succeeds.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    pub status: u16,
    pub description: &'static str,
    pub content: Content,
}

/// A method on a path, and what it takes and gives. Errors are described once, for every
/// operation, as the ApiFault and gateway envelopes.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub method: Method,
    /// The path in the router's syntax, `{name}` for a parameter; also the OpenAPI syntax.
    pub path: &'static str,
    pub id: &'static str,
    pub summary: &'static str,
    pub access: Access,
    pub parameters: Vec<Parameter>,
    pub body: Option<SchemaFn>,
    pub answers: Vec<Answer>,
}

impl Operation {
    pub(crate) fn new(method: Method, path: &'static str, id: &'static str) -> Self {
        let access = if path.starts_with("/v1/") {
            Access::PartnerToken
        } else {
            Access::AdminToken
        };
        Self {
            method,
            path,
            id,
            summary: "",
            access,
            parameters: Vec::new(),
            body: None,
            answers: Vec::new(),
        }
    }

    pub(crate) fn get(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::GET, path, id)
    }

    pub(crate) fn post(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::POST, path, id)
    }

    pub(crate) fn put(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::PUT, path, id)
    }

    pub(crate) fn patch(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::PATCH, path, id)
    }

    pub(crate) fn delete(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::DELETE, path, id)
    }

    pub(crate) fn head(path: &'static str, id: &'static str) -> Self {
        Self::new(Method::HEAD, path, id)
    }

    pub(crate) fn summary(mut self, summary: &'static str) -> Self {
        self.summary = summary;
        self
    }

    /// Callable without any token.
    pub(crate) fn open(mut self) -> Self {
        self.access = Access::Open;
        self
    }

    /// An optional string query parameter.
    pub(crate) fn query(self, name: &'static str, description: &'static str) -> Self {
        self.parameter(Location::Query, name, description, ParameterKind::String)
    }

    /// An optional query parameter of another kind.
    pub(crate) fn query_of(
        self,
        name: &'static str,
        kind: ParameterKind,
        description: &'static str,
    ) -> Self {
        self.parameter(Location::Query, name, description, kind)
    }

    /// Marks the parameter added last as required.
    pub(crate) fn required(mut self) -> Self {
        if let Some(last) = self.parameters.last_mut() {
            last.required = true;
        }
        self
    }

    /// An optional request header.
    pub(crate) fn header(self, name: &'static str, description: &'static str) -> Self {
        self.parameter(Location::Header, name, description, ParameterKind::String)
    }

    fn parameter(
        mut self,
        location: Location,
        name: &'static str,
        description: &'static str,
        kind: ParameterKind,
    ) -> Self {
        self.parameters.push(Parameter {
            location,
            name,
            description,
            kind,
            required: false,
        });
        self
    }

    /// The request body: JSON read as `T` reads it.
    pub(crate) fn body<T: JsonSchema>(mut self) -> Self {
        self.body = Some(schema_of::<T>);
        self
    }

    /// A successful answer with a JSON body of type `T`.
    pub(crate) fn answers<T: JsonSchema>(self, status: u16, description: &'static str) -> Self {
        self.answer(status, description, Content::Json(schema_of::<T>))
    }

    /// 200 with a JSON body of type `T`.
    pub(crate) fn ok<T: JsonSchema>(self, description: &'static str) -> Self {
        self.answers::<T>(200, description)
    }

    /// 200 with JSON Lines, one `T` a line.
    pub(crate) fn ok_lines<T: JsonSchema>(self, description: &'static str) -> Self {
        self.answer(200, description, Content::JsonLines(schema_of::<T>))
    }

    /// 201 with a JSON body of type `T`.
    pub(crate) fn created<T: JsonSchema>(self, description: &'static str) -> Self {
        self.answers::<T>(201, description)
    }

    /// A successful answer with no body.
    pub(crate) fn empty(self, status: u16, description: &'static str) -> Self {
        self.answer(status, description, Content::Empty)
    }

    pub(crate) fn answer(
        mut self,
        status: u16,
        description: &'static str,
        content: Content,
    ) -> Self {
        self.answers.push(Answer {
            status,
            description,
            content,
        });
        self
    }

    /// The names of the path's parameters, in order.
    pub(crate) fn path_parameters(&self) -> impl Iterator<Item = &'static str> {
        self.path
            .split('/')
            .filter_map(|segment| segment.strip_prefix('{')?.strip_suffix('}'))
    }
}
