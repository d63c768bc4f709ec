//! The draft a rule works on: a copy of one published customer version that shares every
//! subscription, order, cart and profile with it until the rule changes one (`Arc::make_mut`).
//!
//! After the rule, the store asks whether the draft differs from the version it was copied
//! from; only a draft that differs becomes a new version. The answer is the one `==` gives, but
//! a shared part is the same by identity, so only the parts the rule copied are compared by
//! value: a write that changed one subscription of a customer with hundreds compares one.

use super::customer::Customer;
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
    use crate::domain::test_support::{LEGACY_E3, add_subscription, customer, now};
    use std::sync::Arc;

    #[test]
    fn a_copy_is_unchanged_and_any_change_is_seen() {
        let ids = crate::domain::ids::IdSource::seeded(7);
        let mut published = customer();
        for _ in 0..3 {
            add_subscription(&mut published, &ids, LEGACY_E3, 5);
        }
        let draft = published.clone();
        assert!(draft.is_unchanged_from(&published));
        assert_eq!(draft.is_unchanged_from(&published), draft == published);

        // Copied but written back as it was: still unchanged, as `==` says.
        let mut rewritten = published.clone();
        let profile = Arc::make_mut(&mut rewritten.billing_profile);
        profile.version = published.billing_profile.version;
        assert!(rewritten.is_unchanged_from(&published));

        let mut renamed = published.clone();
        Arc::make_mut(&mut renamed.company_profile).company_name = "Renamed Ltd".to_owned();
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
}
