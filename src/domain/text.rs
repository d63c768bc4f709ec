//! [`Text`]: the model's strings, shared by their copies.
//!
//! Most of what a customer holds is text that many of its parts repeat: every subscription
//! bought from one offer carries the offer's id and name, its order carries them again, and the
//! currency, the unit and a company's city are the same for thousands of customers. A `Text`
//! is a reference-counted `str`, so a copy (of a customer version, of a subscription into its
//! order's line, or of one name into many customers) shares the bytes instead of allocating
//! them again, and it takes 16 bytes inline where a `String` takes 24. Text never changes in
//! place: a rule that changes a name sets a new `Text`.
//!
//! On the wire and in the schema a `Text` is a plain JSON string.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string whose copies share their bytes.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(Arc<str>);

impl Text {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self(text.into())
    }
}

impl From<&String> for Text {
    fn from(text: &String) -> Self {
        Self(text.as_str().into())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self(text.into())
    }
}

impl From<Text> for String {
    fn from(text: Text) -> Self {
        text.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

super::ids::schema_as_string!(Text);

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn a_copy_shares_the_bytes_and_the_wire_form_is_a_string() {
        let name = Text::from("Office 365 E3");
        let copy = name.clone();
        assert!(std::ptr::eq(name.as_str(), copy.as_str()));
        assert_eq!(serde_json::to_string(&copy).unwrap(), r#""Office 365 E3""#);
        let read: Text = serde_json::from_str(r#""Office 365 E3""#).unwrap();
        assert_eq!(read, name);
        assert_eq!(read, "Office 365 E3");
        assert_eq!(format!("{read:?}"), format!("{:?}", "Office 365 E3"));
    }
}
