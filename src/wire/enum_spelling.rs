//! Enum spelling, both ways.
//!
//! Out: lower snake case (`microsoft_support`, `one_time`), as the .NET SDK's `EnumJsonConverter`
//! writes them. In: case-insensitive, with or without underscores (`OneTime`, `one_time`,
//! `onetime`), or the enum's number. An unknown value is an error, never a silent default.

/// Compares a received spelling with a wire spelling, ignoring case and underscores.
pub(crate) fn spelling_matches(received: &str, wire: &str) -> bool {
    let mut received = received.bytes().filter(|b| *b != b'_');
    let mut wire = wire.bytes().filter(|b| *b != b'_');
    loop {
        match (received.next(), wire.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {}
            _ => return false,
        }
    }
}

/// Declares a Partner Center enum with its wire spelling and number for each member.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $number:literal => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every member, in declaration order.
            $vis const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling Partner Center writes.
            $vis const fn as_wire(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The member's number, as clients may send it.
            $vis const fn number(self) -> u64 {
                match self { $($name::$variant => $number),+ }
            }

            /// Reads a received spelling, ignoring case and underscores.
            $vis fn from_wire(received: &str) -> Option<Self> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|member| $crate::wire::enum_spelling::spelling_matches(received, member.as_wire()))
            }

            fn from_number(number: u64) -> Option<Self> {
                Self::ALL.iter().copied().find(|member| member.number() == number)
            }

            fn expected() -> String {
                Self::ALL.iter().map(|m| m.as_wire()).collect::<Vec<_>>().join(", ")
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_wire())
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            /// Written in its wire spelling; read by spelling (in any case, with or without
            /// underscores) or by number.
            fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let spellings = [$($wire),+];
                if generator.contract().is_serialize() {
                    ::schemars::json_schema!({"type": "string", "enum": spellings})
                } else {
                    ::schemars::json_schema!({"anyOf": [
                        {"type": "string", "enum": spellings},
                        {"type": "integer", "enum": [$($number),+]}
                    ]})
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_wire())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct WireVisitor;
                impl ::serde::de::Visitor<'_> for WireVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        write!(f, "one of {}", $name::expected())
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> Result<$name, E> {
                        $name::from_wire(v).ok_or_else(|| {
                            E::custom(format!(
                                "unknown {} value '{}', expected one of {}",
                                stringify!($name), v, $name::expected()
                            ))
                        })
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> Result<$name, E> {
                        $name::from_number(v).ok_or_else(|| {
                            E::custom(format!(
                                "unknown {} number {}, expected one of {}",
                                stringify!($name), v, $name::expected()
                            ))
                        })
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> Result<$name, E> {
                        u64::try_from(v)
                            .map_err(|_| E::custom(format!("unknown {} number {}", stringify!($name), v)))
                            .and_then(|v| self.visit_u64(v))
                    }
                }
                deserializer.deserialize_any(WireVisitor)
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::spelling_matches;

    crate::wire_enum! {
        enum Cycle { Unknown = 0 => "unknown", OneTime = 4 => "one_time" }
    }

    #[test]
    fn spellings_match_ignoring_case_and_underscores() {
        for s in ["one_time", "OneTime", "onetime", "ONE_TIME", "One_Time"] {
            assert!(spelling_matches(s, "one_time"), "{s}");
        }
        assert!(!spelling_matches("one_times", "one_time"));
        assert!(!spelling_matches("", "one_time"));
    }

    #[test]
    fn enums_read_names_and_numbers_and_refuse_the_unknown() {
        let read = |s: &str| serde_json::from_str::<Cycle>(s);
        assert_eq!(read("\"OneTime\"").unwrap(), Cycle::OneTime);
        assert_eq!(read("4").unwrap(), Cycle::OneTime);
        assert_eq!(read("0").unwrap(), Cycle::Unknown);
        assert!(read("\"weekly\"").is_err());
        assert!(read("9").is_err());
        assert_eq!(
            serde_json::to_string(&Cycle::OneTime).unwrap(),
            "\"one_time\""
        );
    }
}
