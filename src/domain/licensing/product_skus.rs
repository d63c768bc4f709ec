//! The product SKUs a customer's licences are counted in: Entra ID SKU ids with their service
//! plans, and the offers that sell each of them (reference api-users-licenses §5.2, §5.6.1).
//!
//! A subscription's units count towards a SKU when its offer is listed here: a legacy offer by
//! its id, a new-commerce subscription by its catalog `product:sku`. The ids are Entra ID's own
//! (the same in every tenant), except the Minecraft SKU of licence group 2, whose id no source
//! gives.

use super::LicenseGroup;
use uuid::{Uuid, uuid};

/// Whom a SKU or a service plan is licensed to: `User` or `Tenant`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetType {
    /// Licensed to each user.
    User,
    /// Licensed to the whole tenant.
    Tenant,
}

impl TargetType {
    /// The spelling Partner Center writes.
    pub const fn as_wire(self) -> &'static str {
        match self {
            Self::User => "User",
            Self::Tenant => "Tenant",
        }
    }
}

/// A service plan: one service a SKU's licence turns on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServicePlan {
    /// The service plan's id.
    pub id: Uuid,
    /// The service's name (`EXCHANGE_S_ENTERPRISE`).
    pub service_name: &'static str,
    /// The service plan's display name.
    pub display_name: &'static str,
    /// Whom the service plan is licensed to.
    pub target_type: TargetType,
}

/// A product SKU: what a licence is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductSku {
    /// The product SKU's id.
    pub id: Uuid,
    /// The product SKU's name.
    pub name: &'static str,
    /// The SKU part number (`ENTERPRISEPACK`).
    pub sku_part_number: &'static str,
    /// Whom the SKU is licensed to.
    pub target_type: TargetType,
    /// The licence group: Azure AD or Minecraft Education.
    pub license_group: LicenseGroup,
    /// The service plans a licence turns on.
    pub service_plans: &'static [ServicePlan],
    /// The offers that sell it: legacy offer ids and catalog `product:sku` ids.
    pub sold_as: &'static [&'static str],
}

impl ProductSku {
    /// Whether the subscription to `offer_id` (a legacy offer id or a catalog item id
    /// `product:sku:availability`) is a subscription of this SKU.
    pub fn is_sold_as(&self, offer_id: &str) -> bool {
        let offer_id = offer_id.trim();
        let product_and_sku = match offer_id.rsplit_once(':') {
            Some((head, _availability)) if head.contains(':') => head,
            _ => offer_id,
        };
        self.sold_as
            .iter()
            .any(|sold| sold.eq_ignore_ascii_case(product_and_sku))
    }

    /// The service plan `id` of this SKU.
    pub fn service_plan(&self, id: Uuid) -> Option<&'static ServicePlan> {
        self.service_plans.iter().find(|plan| plan.id == id)
    }
}

const fn plan(
    id: Uuid,
    service_name: &'static str,
    display_name: &'static str,
    target_type: TargetType,
) -> ServicePlan {
    ServicePlan {
        id,
        service_name,
        display_name,
        target_type,
    }
}

use TargetType::{Tenant, User};

const EXCHANGE_PLAN_1: ServicePlan = plan(
    uuid!("9aaf7827-d63c-4b61-89c3-182f06f82e5c"),
    "EXCHANGE_S_STANDARD",
    "Exchange Online (Plan 1)",
    User,
);
const EXCHANGE_PLAN_2: ServicePlan = plan(
    uuid!("efb87545-963c-4e0d-99df-69c6916d9eb0"),
    "EXCHANGE_S_ENTERPRISE",
    "Exchange Online (Plan 2)",
    User,
);
const EXCHANGE_FOUNDATION: ServicePlan = plan(
    uuid!("113feb6c-3fe4-4440-bddc-54d774bf0318"),
    "EXCHANGE_S_FOUNDATION",
    "Exchange Foundation",
    Tenant,
);
const SHAREPOINT_PLAN_1: ServicePlan = plan(
    uuid!("c7699d2e-19aa-44de-8edf-1736da088ca1"),
    "SHAREPOINTSTANDARD",
    "SharePoint (Plan 1)",
    User,
);
const SHAREPOINT_PLAN_2: ServicePlan = plan(
    uuid!("5dbe027f-2339-4123-9542-606e4d348a72"),
    "SHAREPOINTENTERPRISE",
    "SharePoint (Plan 2)",
    User,
);
const TEAMS: ServicePlan = plan(
    uuid!("57ff2da0-773e-42df-b2af-ffb7a2317929"),
    "TEAMS1",
    "Microsoft Teams",
    User,
);
const APPS_FOR_ENTERPRISE: ServicePlan = plan(
    uuid!("43de0ff5-c92c-492b-9116-175376d08c38"),
    "OFFICESUBSCRIPTION",
    "Microsoft 365 Apps for enterprise",
    User,
);
const APPS_FOR_BUSINESS: ServicePlan = plan(
    uuid!("094e7854-93fc-4d55-b2c0-3ab5369ebdc1"),
    "O365_BUSINESS",
    "Microsoft 365 Apps for business",
    User,
);
const SKYPE_PLAN_2: ServicePlan = plan(
    uuid!("0feaeb32-d00e-4d66-bd5a-43b5b83db82c"),
    "MCOSTANDARD",
    "Skype for Business Online (Plan 2)",
    User,
);
const INTUNE: ServicePlan = plan(
    uuid!("c1ec4a95-1f05-45b3-a911-aa3fa01094f5"),
    "INTUNE_A",
    "Microsoft Intune Plan 1",
    User,
);
const ENTRA_P1: ServicePlan = plan(
    uuid!("41781fb2-bc02-4b7c-bd55-b576c07bb09d"),
    "AAD_PREMIUM",
    "Microsoft Entra ID P1",
    User,
);
const ENTRA_P2: ServicePlan = plan(
    uuid!("eec0eb4f-6444-4f95-aba0-50c24d67f998"),
    "AAD_PREMIUM_P2",
    "Microsoft Entra ID P2",
    User,
);
const DEFENDER_PLAN_1: ServicePlan = plan(
    uuid!("f20fedf3-f3c3-43c3-8267-2bfdd51c0939"),
    "ATP_ENTERPRISE",
    "Microsoft Defender for Office 365 (Plan 1)",
    User,
);
const DEFENDER_PLAN_2: ServicePlan = plan(
    uuid!("8e0c0a52-6a6c-4d40-8370-dd62790dcd70"),
    "THREAT_INTELLIGENCE",
    "Microsoft Defender for Office 365 (Plan 2)",
    User,
);

/// The product SKUs the mock knows, in the order subscribed SKUs are listed.
pub const PRODUCT_SKUS: &[ProductSku] = &[
    ProductSku {
        id: uuid!("6fd2c87f-b296-42f0-b197-1e91e994b900"),
        name: "Office 365 E3",
        sku_part_number: "ENTERPRISEPACK",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            EXCHANGE_PLAN_2,
            SHAREPOINT_PLAN_2,
            APPS_FOR_ENTERPRISE,
            TEAMS,
            SKYPE_PLAN_2,
            EXCHANGE_FOUNDATION,
        ],
        sold_as: &["91fd106f-4b2c-4938-95ac-f54f74e9a239", "CFQ7TTC0LF8R:0001"],
    },
    ProductSku {
        id: uuid!("3b555118-da6a-4418-894f-7df1e2096870"),
        name: "Microsoft 365 Business Basic",
        sku_part_number: "O365_BUSINESS_ESSENTIALS",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            EXCHANGE_PLAN_1,
            SHAREPOINT_PLAN_1,
            TEAMS,
            EXCHANGE_FOUNDATION,
        ],
        sold_as: &["031c9e47-4802-4248-838e-778fb1d2cc05", "CFQ7TTC0LH18:0001"],
    },
    ProductSku {
        id: uuid!("f245ecc8-75af-4f8e-b61f-27d8114de5f3"),
        name: "Microsoft 365 Business Standard",
        sku_part_number: "O365_BUSINESS_PREMIUM",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[EXCHANGE_PLAN_1, SHAREPOINT_PLAN_1, APPS_FOR_BUSINESS, TEAMS],
        sold_as: &["CFQ7TTC0LDPB:0001"],
    },
    ProductSku {
        id: uuid!("cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46"),
        name: "Microsoft 365 Business Premium",
        sku_part_number: "SPB",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            EXCHANGE_PLAN_1,
            SHAREPOINT_PLAN_1,
            APPS_FOR_BUSINESS,
            TEAMS,
            INTUNE,
            ENTRA_P1,
        ],
        sold_as: &[
            "796b6b5f-613c-4e24-a17c-eba730d49c02",
            "CFQ7TTC0LCHC:0001",
            "CFQ7TTC0LCHC:0002",
        ],
    },
    ProductSku {
        id: uuid!("05e9a617-0261-4cee-bb44-138d3ef5d965"),
        name: "Microsoft 365 E3",
        sku_part_number: "SPE_E3",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            EXCHANGE_PLAN_2,
            SHAREPOINT_PLAN_2,
            APPS_FOR_ENTERPRISE,
            TEAMS,
            INTUNE,
            ENTRA_P1,
        ],
        sold_as: &["CFQ7TTC0LFLS:0002"],
    },
    ProductSku {
        id: uuid!("06ebc4ee-1bb5-47dd-8120-11324bc54e06"),
        name: "Microsoft 365 E5",
        sku_part_number: "SPE_E5",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            EXCHANGE_PLAN_2,
            SHAREPOINT_PLAN_2,
            APPS_FOR_ENTERPRISE,
            TEAMS,
            INTUNE,
            ENTRA_P1,
            ENTRA_P2,
            DEFENDER_PLAN_1,
            DEFENDER_PLAN_2,
        ],
        sold_as: &["CFQ7TTC0LFLZ:0002"],
    },
    ProductSku {
        id: uuid!("4b9405b0-7788-4568-add1-99614e613b69"),
        name: "Exchange Online (Plan 1)",
        sku_part_number: "EXCHANGESTANDARD",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[EXCHANGE_PLAN_1],
        sold_as: &["195416c1-3447-423a-b37b-ee59a99a19c4", "CFQ7TTC0LH16:0001"],
    },
    ProductSku {
        id: uuid!("4ef96642-f096-40de-a3e9-d83fb2f90211"),
        name: "Microsoft Defender for Office 365 (Plan 1)",
        sku_part_number: "ATP_ENTERPRISE",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[DEFENDER_PLAN_1],
        sold_as: &["3f9cf9b0-3f5e-4d3a-9c9b-7d1d53c2a4e1", "CFQ7TTC0LHSF:0001"],
    },
    ProductSku {
        id: uuid!("1b1b1f7a-8355-43b6-829f-336cfccb744c"),
        name: "Office 365 Advanced Compliance",
        sku_part_number: "EQUIVIO_ANALYTICS",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[plan(
            uuid!("4de31727-a228-4ec3-a5bf-8e45b5ca48cc"),
            "EQUIVIO_ANALYTICS",
            "Office 365 Advanced eDiscovery",
            User,
        )],
        sold_as: &["c94271d8-b431-4a25-a3c5-a57737a1c909"],
    },
    ProductSku {
        id: uuid!("84d5f90f-cd0d-4864-b90b-1c7ba63b4808"),
        name: "Office 365 Cloud App Security",
        sku_part_number: "ADALLOM_O365",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[plan(
            uuid!("8c098270-9dd4-4350-9b30-ba4703f3b36b"),
            "ADALLOM_S_O365",
            "Office 365 Cloud App Security",
            User,
        )],
        sold_as: &["43fce491-76d1-4bcc-b709-8a288786dbae"],
    },
    ProductSku {
        id: uuid!("f8a1db68-be16-40ed-86d5-cb42ce701560"),
        name: "Power BI Pro",
        sku_part_number: "POWER_BI_PRO",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[
            plan(
                uuid!("70d33638-9c74-4d01-bfd3-562de28bd4ba"),
                "BI_AZURE_P2",
                "Power BI Pro",
                User,
            ),
            EXCHANGE_FOUNDATION,
        ],
        sold_as: &["CFQ7TTC0L3PB:0001"],
    },
    ProductSku {
        id: uuid!("e43b5b99-8dfb-405f-9987-dc307f34bcbd"),
        name: "Microsoft Teams Phone Standard",
        sku_part_number: "MCOEV",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[plan(
            uuid!("4828c8ec-dc2e-4779-b502-87ac9ce28ab7"),
            "MCOEV",
            "Microsoft 365 Phone System",
            User,
        )],
        sold_as: &["CFQ7TTC0LHRJ:0001"],
    },
    ProductSku {
        id: uuid!("ee02fd1b-340e-4a4b-b355-4a514e4c8943"),
        name: "Exchange Online Archiving for Exchange Online",
        sku_part_number: "EXCHANGEARCHIVE_ADDON",
        target_type: User,
        license_group: LicenseGroup::Group1,
        service_plans: &[plan(
            uuid!("176a09a6-7ec5-4039-ac02-b2791c6ba793"),
            "EXCHANGE_S_ARCHIVE_ADDON",
            "Exchange Online Archiving",
            User,
        )],
        sold_as: &["CFQ7TTC0LHXM:0001"],
    },
    // Licence group 2: the docs' Minecraft licence, with no service plans and the catalog form
    // of a part number. No public source gives its id, so the mock names one.
    ProductSku {
        id: uuid!("a1d5c0f2-7e4b-4c39-9b8e-3f60e2d1c002"),
        name: "Minecraft: Education Edition",
        sku_part_number: "CFQ7TTC0K5DR/0002",
        target_type: User,
        license_group: LicenseGroup::Group2,
        service_plans: &[],
        sold_as: &[],
    },
];

/// The product SKU `id`.
pub fn product_sku(id: Uuid) -> Option<&'static ProductSku> {
    PRODUCT_SKUS.iter().find(|sku| sku.id == id)
}

/// The product SKU a subscription to `offer_id` is counted in, if any.
pub fn sku_of_offer(offer_id: &str) -> Option<&'static ProductSku> {
    PRODUCT_SKUS.iter().find(|sku| sku.is_sold_as(offer_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_offers_and_catalog_items_find_their_sku() {
        let e3 = sku_of_offer("91FD106F-4B2C-4938-95AC-F54F74E9A239").unwrap();
        assert_eq!(e3.sku_part_number, "ENTERPRISEPACK");
        assert_eq!(sku_of_offer("CFQ7TTC0LF8R:0001:CFQ7TTC0K3PT"), Some(e3));
        assert_eq!(
            sku_of_offer("cfq7ttc0lh18:0001:CFQ7TTC0K971")
                .unwrap()
                .sku_part_number,
            "O365_BUSINESS_ESSENTIALS"
        );
        assert!(sku_of_offer("DZH318Z0BPS6:0001:DZH318Z0BPXW").is_none());
        assert!(sku_of_offer("MS-AZR-0145P").is_none());
        assert!(sku_of_offer("CFQ7TTC0LF8R").is_none());
    }

    #[test]
    fn skus_and_their_plans_have_unique_ids_and_every_offer_one_sku() {
        let mut ids: Vec<Uuid> = PRODUCT_SKUS.iter().map(|sku| sku.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PRODUCT_SKUS.len());
        let mut sold: Vec<String> = PRODUCT_SKUS
            .iter()
            .flat_map(|sku| sku.sold_as.iter().map(|s| s.to_ascii_lowercase()))
            .collect();
        let count = sold.len();
        sold.sort_unstable();
        sold.dedup();
        assert_eq!(sold.len(), count, "an offer sells one SKU");
        for sku in PRODUCT_SKUS {
            let mut plans: Vec<Uuid> = sku.service_plans.iter().map(|p| p.id).collect();
            plans.sort_unstable();
            plans.dedup();
            assert_eq!(plans.len(), sku.service_plans.len(), "{}", sku.name);
        }
    }
}
