//! The serialized forms of one version of a customer, kept beside it.
//!
//! The store never changes a customer it has published: every write publishes a new version. A
//! form serialized from one version therefore never goes stale, so each is made on its first
//! read and shared by every reader after. A copy of a customer (the draft a rule works on)
//! starts without forms, and two customers compare equal whatever forms either holds. When the
//! store publishes a draft, it takes over the forms of what the rule left as it was (the
//! customer's own view, each subscription and order it still shares; `crate::domain::draft`).
//!
//! What goes into the slots, and from which view, is the views' business
//! (`crate::views::rendered`); this module only keeps them.

use serde_json::value::RawValue;
use std::fmt;
use std::sync::{Arc, OnceLock};

/// One serialized JSON value, shared.
pub(crate) type Json = Arc<RawValue>;

/// A slot for one form, filled on first use.
pub(crate) type Slot = OnceLock<Json>;

/// The forms of one customer version, made on first read.
#[derive(Default)]
pub(crate) struct Rendered(OnceLock<Box<Forms>>);

/// The slots of one customer version: the customer itself, and each of its resources in the
/// order the customer holds them.
#[derive(Default)]
pub(crate) struct Forms {
    /// The customer with every detail (get by id).
    pub(crate) full: Slot,
    /// The customer as a list item.
    pub(crate) list_item: Slot,
    /// One slot per subscription, by position.
    pub(crate) subscriptions: Box<[Slot]>,
    /// One slot per order, by position.
    pub(crate) orders: Box<[Slot]>,
    /// One pair of slots per entitlement, by position: without and with its expiry date.
    pub(crate) entitlements: Box<[[Slot; 2]]>,
    /// One slot per user, by position.
    pub(crate) users: Box<[Slot]>,
    /// Per user, by position, one slot per assigned licence.
    pub(crate) licenses: Box<[Box<[Slot]>]>,
    /// One slot per cart, by position.
    pub(crate) carts: Box<[Slot]>,
    /// One slot per migration, by position.
    pub(crate) migrations: Box<[Slot]>,
}

/// How many of each resource a customer version holds: the number of slots its forms get.
#[derive(Debug, Default)]
pub(crate) struct Sizes {
    /// Subscriptions.
    pub(crate) subscriptions: usize,
    /// Orders.
    pub(crate) orders: usize,
    /// Entitlements.
    pub(crate) entitlements: usize,
    /// Assigned licences, per user.
    pub(crate) licenses: Vec<usize>,
    /// Carts.
    pub(crate) carts: usize,
    /// Migrations.
    pub(crate) migrations: usize,
}

fn slots(count: usize) -> Box<[Slot]> {
    (0..count).map(|_| Slot::new()).collect()
}

impl Rendered {
    /// The slots, if a reader has asked for them.
    pub(crate) fn made(&self) -> Option<&Forms> {
        self.0.get().map(|forms| &**forms)
    }

    /// The slots, made on first use for the resources `sizes` counts.
    pub(crate) fn forms(&self, sizes: impl FnOnce() -> Sizes) -> &Forms {
        self.0.get_or_init(|| {
            let sizes = sizes();
            Box::new(Forms {
                full: Slot::new(),
                list_item: Slot::new(),
                subscriptions: slots(sizes.subscriptions),
                orders: slots(sizes.orders),
                entitlements: (0..sizes.entitlements)
                    .map(|_| Default::default())
                    .collect(),
                users: slots(sizes.licenses.len()),
                licenses: sizes.licenses.into_iter().map(slots).collect(),
                carts: slots(sizes.carts),
                migrations: slots(sizes.migrations),
            })
        })
    }
}

/// A copy is a new version in the making: it starts empty.
impl Clone for Rendered {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// Forms are derived from the customer, never part of what it is.
impl PartialEq for Rendered {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "Rendered(made)"
        } else {
            "Rendered(empty)"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_starts_without_forms_and_compares_equal() {
        let rendered = Rendered::default();
        let forms = rendered.forms(|| Sizes {
            subscriptions: 2,
            orders: 1,
            entitlements: 3,
            licenses: vec![0, 2],
            carts: 1,
            migrations: 4,
        });
        assert_eq!((forms.subscriptions.len(), forms.orders.len()), (2, 1));
        assert_eq!((forms.entitlements.len(), forms.users.len()), (3, 2));
        assert_eq!(forms.licenses[1].len(), 2);
        assert_eq!((forms.carts.len(), forms.migrations.len()), (1, 4));
        forms
            .full
            .get_or_init(|| RawValue::from_string("{}".to_owned()).unwrap().into());
        let copy = rendered.clone();
        assert!(copy.0.get().is_none());
        assert_eq!(copy, rendered);
    }
}
