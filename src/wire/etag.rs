//! Etags: base64 of `{"id":"<lower-case id>","version":N}`, the form real Partner Center
//! subscription and order etags decode to. The version grows by one with each change.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The etag of the resource `id` at `version`.
pub(crate) fn etag(id: &str, version: u64) -> String {
    // Ids are GUIDs or URL-safe order ids: nothing in them needs JSON escaping.
    let json = format!(
        "{{\"id\":\"{}\",\"version\":{version}}}",
        id.to_ascii_lowercase()
    );
    STANDARD.encode(json)
}

/// What a received etag (from a body or an `If-Match` header, quoted or weak or not) says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Received {
    /// `*`: whatever the current version is.
    Any,
    /// The etag of the resource `id` at `version`.
    Version { id: String, version: u64 },
    /// Not an etag this mock could have written.
    Unreadable,
}

/// Reads a received etag.
pub(crate) fn read(received: &str) -> Received {
    #[derive(serde::Deserialize)]
    struct Decoded {
        id: String,
        version: u64,
    }
    let received = received.trim().trim_start_matches("W/").trim_matches('"');
    if received == "*" {
        return Received::Any;
    }
    STANDARD
        .decode(received)
        .ok()
        .and_then(|json| serde_json::from_slice::<Decoded>(&json).ok())
        .map_or(Received::Unreadable, |decoded| Received::Version {
            id: decoded.id,
            version: decoded.version,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_decode_to_the_documented_shape() {
        // The documented sample etag of subscription a356ac8c-... at version 2.
        assert_eq!(
            etag("A356AC8C-E310-44F4-BF85-C7F29044AF99", 2),
            "eyJpZCI6ImEzNTZhYzhjLWUzMTAtNDRmNC1iZjg1LWM3ZjI5MDQ0YWY5OSIsInZlcnNpb24iOjJ9"
        );
        assert_eq!(
            read(
                "\"eyJpZCI6ImEzNTZhYzhjLWUzMTAtNDRmNC1iZjg1LWM3ZjI5MDQ0YWY5OSIsInZlcnNpb24iOjJ9\""
            ),
            Received::Version {
                id: "a356ac8c-e310-44f4-bf85-c7f29044af99".to_owned(),
                version: 2
            }
        );
        assert_eq!(read("W/\"*\""), Received::Any);
        assert_eq!(read("stale"), Received::Unreadable);
    }
}
