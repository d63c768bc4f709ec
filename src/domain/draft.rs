//! The draft a rule works on: a copy of one published customer version that shares every
//! subscription, order, cart and profile with it until the rule changes one (`Arc::make_mut`).
//!
//! After the rule, the store asks whether the draft differs from the version it was copied
//! from; only a draft that differs becomes a new version. The answer is the one `==` gives, but
//! a shared part is the same by identity, so only the parts the rule copied are compared by
//! value: a write that changed one subscription of a customer with hundreds compares one.
//!
//! A draft that becomes a new version keeps the serialized forms (`super::rendered`) of what it
//! shares with the version before: the customer's own view when none of what it shows changed,
//! and the view of each subscription and order it still shares. A form depends only on what it
//! shows, the customer's id and the namespace's catalog, so a later read of an unchanged part
//! serializes nothing.

use super::customer::Customer;
use super::rendered::Slot;
use std::sync::Arc;

impl Customer {
    /// Whether this draft equals `published`, the version it was copied from (what `==`
    /// answers, without comparing the parts both still share).
    pub(crate) fn is_unchanged_from(&self, published: &Customer) -> bool {
        let Customer {
            id,
            commerce_id,
            company_profile,
            billing_profile,
            relationship_to_partner,
            allow_delegated_access,
            custom_domains,
            associated_partner_id,
            enable_gdap_by_default,
            subscriptions,
            orders,
            entitlements,
            carts,
            transitions,
            migrations,
            users,
            subscription_registrations,
            rendered: _,
        } = self;
        *id == published.id
            && *commerce_id == published.commerce_id
            && same(company_profile, &published.company_profile)
            && same(billing_profile, &published.billing_profile)
            && *relationship_to_partner == published.relationship_to_partner
            && *allow_delegated_access == published.allow_delegated_access
            && *custom_domains == published.custom_domains
            && *associated_partner_id == published.associated_partner_id
            && *enable_gdap_by_default == published.enable_gdap_by_default
            && all_same(subscriptions, &published.subscriptions)
            && all_same(orders, &published.orders)
            && *entitlements == published.entitlements
            && all_same(carts, &published.carts)
            && all_same(transitions, &published.transitions)
            && all_same(migrations, &published.migrations)
            && all_same(users, &published.users)
            && *subscription_registrations == published.subscription_registrations
    }
}

impl Customer {
    /// Takes over the forms `published` made for what this draft shares with it, before the
    /// draft is published in its place.
    pub(crate) fn keep_forms_of(&self, published: &Customer) {
        let Some(earlier) = published.rendered.made() else {
            return;
        };
        let forms = self.forms();
        if self.shows_as(published) {
            keep(&earlier.full, &forms.full);
            keep(&earlier.list_item, &forms.list_item);
        }
        keep_shared(
            &self.subscriptions,
            &published.subscriptions,
            &earlier.subscriptions,
            &forms.subscriptions,
        );
        keep_shared(
            &self.orders,
            &published.orders,
            &earlier.orders,
            &forms.orders,
        );
    }

    /// Whether the customer's own view (full and as a list item) reads the same for both.
    fn shows_as(&self, other: &Customer) -> bool {
        self.id == other.id
            && self.commerce_id == other.commerce_id
            && same(&self.company_profile, &other.company_profile)
            && same(&self.billing_profile, &other.billing_profile)
            && self.relationship_to_partner == other.relationship_to_partner
            && self.allow_delegated_access == other.allow_delegated_access
            && self.custom_domains == other.custom_domains
            && self.associated_partner_id == other.associated_partner_id
            && self.enable_gdap_by_default == other.enable_gdap_by_default
    }
}

/// Keeps the form of each resource at the same position in both versions and shared by them.
fn keep_shared<T>(mine: &[Arc<T>], theirs: &[Arc<T>], from: &[Slot], to: &[Slot]) {
    for (((mine, theirs), from), to) in mine.iter().zip(theirs).zip(from).zip(to) {
        if Arc::ptr_eq(mine, theirs) {
            keep(from, to);
        }
    }
}

fn keep(from: &Slot, to: &Slot) {
    if let Some(json) = from.get() {
        // `to` is a fresh slot of a version no reader has seen yet.
        let _ = to.set(Arc::clone(json));
    }
}

/// Equal values: the same one shared, or a copy that compares equal.
fn same<T: PartialEq>(draft: &Arc<T>, published: &Arc<T>) -> bool {
    Arc::ptr_eq(draft, published) || **draft == **published
}

fn all_same<T: PartialEq>(draft: &[Arc<T>], published: &[Arc<T>]) -> bool {
    draft.len() == published.len()
        && draft
            .iter()
            .zip(published)
            .all(|(draft, published)| same(draft, published))
}

#[cfg(test)]
mod tests {
    use crate::domain::Customer;
    use crate::domain::ids::IdSource;
    use crate::domain::test_support::{LEGACY_E3, add_subscription, customer, now};
    use std::sync::Arc;

    fn with_three_subscriptions(ids: &IdSource) -> Customer {
        let mut published = customer();
        for _ in 0..3 {
            add_subscription(&mut published, ids, LEGACY_E3, 5);
        }
        published
    }

    #[test]
    fn a_copy_is_unchanged_and_any_change_is_seen() {
        let ids = IdSource::seeded(7);
        let published = with_three_subscriptions(&ids);
        let draft = published.clone();
        assert!(draft.is_unchanged_from(&published));
        assert_eq!(draft.is_unchanged_from(&published), draft == published);

        // Copied but written back as it was: still unchanged, as `==` says.
        let mut rewritten = published.clone();
        let profile = Arc::make_mut(&mut rewritten.billing_profile);
        profile.version = published.billing_profile.version;
        assert!(rewritten.is_unchanged_from(&published));

        let mut renamed = published.clone();
        Arc::make_mut(&mut renamed.company_profile).company_name = "Renamed Ltd".into();
        assert!(!renamed.is_unchanged_from(&published));

        let mut fewer = published.clone();
        fewer.subscriptions.pop();
        assert!(!fewer.is_unchanged_from(&published));

        let mut copied = published.clone();
        Arc::make_mut(&mut copied.subscriptions[1]);
        assert!(copied.is_unchanged_from(&published));

        let mut suspended = published.clone();
        let subscription = Arc::make_mut(&mut suspended.subscriptions[1]);
        subscription.move_to(
            crate::domain::subscription::SubscriptionStatus::Suspended,
            now(),
        );
        assert!(!suspended.is_unchanged_from(&published));
        assert_eq!(
            suspended.is_unchanged_from(&published),
            suspended == published
        );
    }

    fn form(text: &str) -> crate::domain::rendered::Json {
        serde_json::value::RawValue::from_string(text.to_owned())
            .unwrap()
            .into()
    }

    #[test]
    fn a_published_draft_keeps_the_forms_of_what_it_shares() {
        let ids = IdSource::seeded(7);
        let published = with_three_subscriptions(&ids);
        // Nothing made before: nothing kept, and no slots made for the draft.
        let untouched = published.clone();
        untouched.keep_forms_of(&published);
        assert!(untouched.rendered.made().is_none());

        let forms = published.forms();
        forms.full.set(form(r#"{"full":1}"#)).unwrap();
        for (at, slot) in forms.subscriptions.iter().enumerate() {
            slot.set(form(&format!("{at}"))).unwrap();
        }
        let kept = |draft: &crate::domain::Customer| {
            let forms = draft.forms();
            let text =
                |slot: &crate::domain::rendered::Slot| slot.get().map(|json| json.get().to_owned());
            (
                text(&forms.full),
                forms.subscriptions.iter().map(text).collect::<Vec<_>>(),
            )
        };

        let mut suspended = published.clone();
        let subscription = Arc::make_mut(&mut suspended.subscriptions[1]);
        subscription.move_to(
            crate::domain::subscription::SubscriptionStatus::Suspended,
            now(),
        );
        suspended.keep_forms_of(&published);
        assert_eq!(
            kept(&suspended),
            (
                Some(r#"{"full":1}"#.to_owned()),
                vec![Some("0".to_owned()), None, Some("2".to_owned())]
            )
        );

        let mut renamed = published.clone();
        Arc::make_mut(&mut renamed.company_profile).company_name = "Renamed Ltd".into();
        add_subscription(&mut renamed, &ids, LEGACY_E3, 1);
        renamed.keep_forms_of(&published);
        assert_eq!(
            kept(&renamed),
            (
                None,
                vec![
                    Some("0".to_owned()),
                    Some("1".to_owned()),
                    Some("2".to_owned()),
                    None
                ]
            )
        );
    }
}
