//! A Partner Center client in a few lines, as the Rust examples call the mock: any bearer token
//! is accepted on `/v1`.

use reqwest::{Client, Method};
use serde_json::Value;
use std::error::Error;

/// One answer: status, the `X-Mock-Rule` header, and the JSON body.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) rule: Option<String>,
    pub(crate) body: Value,
}

/// Calls one mock at its base URL.
pub(crate) struct PartnerCenter {
    base: String,
    client: Client,
}

impl PartnerCenter {
    /// A client for the mock at `base` (`http://127.0.0.1:PORT`), never through a proxy.
    pub(crate) fn at(base: String) -> Result<Self, Box<dyn Error>> {
        Ok(Self {
            base,
            client: Client::builder().no_proxy().build()?,
        })
    }

    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Answer, Box<dyn Error>> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth("any-token");
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await?;
        let status = response.status().as_u16();
        let rule = response
            .headers()
            .get("x-mock-rule")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let text = response.text().await?;
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text)?
        };
        Ok(Answer { status, rule, body })
    }

    /// Calls, and fails unless the answer has `status`; gives the body.
    pub(crate) async fn expect(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        status: u16,
    ) -> Result<Value, Box<dyn Error>> {
        let answer = self.call(method.clone(), path, body).await?;
        if answer.status != status {
            return Err(format!(
                "{method} {path} answered {} where {status} was expected: {}",
                answer.status, answer.body
            )
            .into());
        }
        Ok(answer.body)
    }
}
