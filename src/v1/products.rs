//! `/v1/products`: the product catalog, read-only (reference api-new-commerce §2): products,
//! their SKUs and the SKUs' availabilities, for a country and a customer segment; and the same
//! pages for one customer, `/v1/customers/{id}/products...`, read for the customer's own country.
//!
//! The catalog has no paging: a listing is one collection of everything that matches (§11.7).

use super::auth::Caller;
use crate::domain::CustomerId;
use crate::domain::catalog::{Market, TargetView};
use crate::http::error::ApiError;
use crate::http::extract::{PathId, Query};
use crate::http::response::ok;
use crate::http::routes::Routes;
use crate::http::state::Shared;
use crate::openapi::Operation;
use crate::views::catalog::{AvailabilityView, CatalogBase, ProductView, SkuView};
use crate::views::customer_uri;
use crate::wire::query::QueryParams;
use crate::wire::{Collection, Links};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::Response;
use std::collections::HashMap;

/// Whose catalog a page reads, and for which market.
struct Reading {
    market: Market,
    base: CatalogBase,
    target_segment: Option<String>,
}

impl Reading {
    /// The partner's catalog: `country` is required, `targetSegment` optional.
    fn partner(params: &QueryParams) -> Result<Self, ApiError> {
        let country = params.non_empty("country").ok_or_else(|| {
            ApiError::BadRequest("country is required: a two-letter ISO country code.".to_owned())
        })?;
        let target_segment = params.non_empty("targetSegment").map(str::to_owned);
        let market = Market::new(country, target_segment.as_deref())?;
        Ok(Self {
            base: CatalogBase::partner(&market),
            market,
            target_segment,
        })
    }

    /// A customer's catalog, read for the country of the customer's billing address.
    fn customer(caller: &Caller, id: CustomerId, params: &QueryParams) -> Result<Self, ApiError> {
        let customer = caller.store.related_customer(id)?;
        let country = customer
            .billing_profile
            .default_address
            .country
            .as_deref()
            .unwrap_or("US")
            .to_owned();
        let target_segment = params.non_empty("targetSegment").map(str::to_owned);
        let market = Market::new(&country, target_segment.as_deref())?;
        Ok(Self {
            base: CatalogBase::customer(&customer_uri(id)),
            market,
            target_segment,
        })
    }

    /// The self link of a listing at `path`.
    fn listing(&self, path: &str, target_view: Option<&str>) -> Links {
        Links::to_self(self.base.listing(
            path,
            &[
                ("targetView", target_view),
                ("targetSegment", self.target_segment.as_deref()),
            ],
        ))
    }
}

/// The `targetView` query value, which product listings require.
fn target_view(params: &QueryParams) -> Result<(TargetView, &str), ApiError> {
    let raw = params.non_empty("targetView").ok_or_else(|| {
        ApiError::BadRequest("targetView is required, such as OnlineServices or Azure.".to_owned())
    })?;
    Ok((TargetView::parse(raw)?, raw))
}

/// `GET /v1/products?country&targetView&targetSegment`, or a customer's.
fn products(
    caller: &Caller,
    reading: &Reading,
    _: &CatalogPath,
    params: &QueryParams,
) -> Result<Response, ApiError> {
    let (view, raw_view) = target_view(params)?;
    let catalog = caller.store.catalog();
    let items = catalog
        .products()
        .products(view, &reading.market)
        .into_iter()
        .map(|product| ProductView::new(product, &reading.base))
        .collect();
    let links = reading.listing("/products", Some(raw_view));
    Ok(ok(&Collection::new(items).with_links(links)))
}

/// `GET /v1/products/{productId}?country`, or a customer's.
fn product(
    caller: &Caller,
    reading: &Reading,
    at: &CatalogPath,
    _: &QueryParams,
) -> Result<Response, ApiError> {
    let catalog = caller.store.catalog();
    let product = catalog.products().product(&at.product, &reading.market)?;
    Ok(ok(&ProductView::new(product, &reading.base)))
}

/// `GET /v1/products/{productId}/skus?country&targetSegment`, or a customer's.
fn skus(
    caller: &Caller,
    reading: &Reading,
    at: &CatalogPath,
    _: &QueryParams,
) -> Result<Response, ApiError> {
    let product_id = at.product.as_str();
    let catalog = caller.store.catalog();
    let products = catalog.products();
    let product = products.product(product_id, &reading.market)?;
    let items = products
        .skus(product_id, &reading.market)?
        .into_iter()
        .map(|sku| SkuView::new(product, sku, &reading.base))
        .collect();
    let links = reading.listing(&format!("/products/{}/skus", product.id), None);
    Ok(ok(&Collection::new(items).with_links(links)))
}

/// `GET /v1/products/{productId}/skus/{skuId}?country`, or a customer's.
fn sku(
    caller: &Caller,
    reading: &Reading,
    at: &CatalogPath,
    _: &QueryParams,
) -> Result<Response, ApiError> {
    let catalog = caller.store.catalog();
    let products = catalog.products();
    let sku = products.sku(&at.product, &at.sku, &reading.market)?;
    let product = products.product(&at.product, &reading.market)?;
    Ok(ok(&SkuView::new(product, sku, &reading.base)))
}

/// `GET /v1/products/{productId}/skus/{skuId}/availabilities?country&targetSegment`, or a
/// customer's.
fn availabilities(
    caller: &Caller,
    reading: &Reading,
    at: &CatalogPath,
    _: &QueryParams,
) -> Result<Response, ApiError> {
    let (product_id, sku_id) = (at.product.as_str(), at.sku.as_str());
    let catalog = caller.store.catalog();
    let products = catalog.products();
    let product = products.product(product_id, &reading.market)?;
    let sku = products.sku(product_id, sku_id, &reading.market)?;
    let country = reading.market.country();
    let items = products
        .availabilities(product_id, sku_id, &reading.market)?
        .into_iter()
        .filter_map(|availability| {
            let id = format!("{}:{}:{}", product.id, sku.id, availability.id);
            products.item(&id)
        })
        .map(|item| AvailabilityView::new(item, country, &reading.base))
        .collect();
    let path = format!("/products/{}/skus/{}/availabilities", product.id, sku.id);
    Ok(ok(
        &Collection::new(items).with_links(reading.listing(&path, None))
    ))
}

/// `GET /v1/products/{productId}/skus/{skuId}/availabilities/{availabilityId}?country`, or a
/// customer's.
fn availability(
    caller: &Caller,
    reading: &Reading,
    at: &CatalogPath,
    _: &QueryParams,
) -> Result<Response, ApiError> {
    let catalog = caller.store.catalog();
    let item =
        catalog
            .products()
            .availability(&at.product, &at.sku, &at.availability, &reading.market)?;
    let country = reading.market.country();
    Ok(ok(&AvailabilityView::new(item, country, &reading.base)))
}

/// The ids a catalog page's path names, and whose catalog it reads: the customer's when the path
/// starts with `/v1/customers/{id}`, else the partner's.
struct CatalogPath {
    customer: Option<CustomerId>,
    product: String,
    sku: String,
    availability: String,
}

impl<S: Send + Sync> FromRequestParts<S> for CatalogPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(named) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
        let id = |name: &str| named.get(name).cloned().unwrap_or_default();
        let customer = named.get("customer_id").cloned().map(CustomerId::from_path);
        Ok(Self {
            customer: customer.transpose()?,
            product: id("product_id"),
            sku: id("sku_id"),
            availability: id("availability_id"),
        })
    }
}

impl CatalogPath {
    fn reading(&self, caller: &Caller, params: &QueryParams) -> Result<Reading, ApiError> {
        match self.customer {
            Some(id) => Reading::customer(caller, id, params),
            None => Reading::partner(params),
        }
    }
}

/// A catalog page: its answer from the catalog `reading` reads, for the ids `at` names.
type Page = fn(&Caller, &Reading, &CatalogPath, &QueryParams) -> Result<Response, ApiError>;

/// Serves `page` from the partner's catalog, or from the customer's when the path names one.
async fn serve(
    page: Page,
    caller: Caller,
    at: CatalogPath,
    params: QueryParams,
) -> Result<Response, ApiError> {
    let reading = at.reading(&caller, &params)?;
    page(&caller, &reading, &at, &params)
}

const COUNTRY: &str = "A two-letter ISO country code, such as US.";
const TARGET_VIEW: &str = "The part of the catalog: OnlineServices (new-commerce licences), Azure, MicrosoftAzure, AzureReservations, Software, MarketplaceSaaS, ...";
const TARGET_SEGMENT: &str =
    "commercial, education, government or nonprofit; without it every segment but nonprofit.";

/// Serves one catalog page twice: the partner's, read for `country`, at `/v1{path}`, and a
/// customer's, read for the customer's own country, at `/v1/customers/{customer_id}{path}`.
macro_rules! catalog_page {
    ($routes:expr, $path:literal, $id:literal, $customer_id:literal, $summary:literal,
     $describe:expr, $page:expr) => {{
        let handler = |caller: Caller, at: CatalogPath, Query(params): Query| {
            serve($page, caller, at, params)
        };
        $routes
            .add(
                $describe(
                    Operation::get(concat!("/v1", $path), $id)
                        .summary(concat!($summary, ", as sold in a country."))
                        .query("country", COUNTRY),
                ),
                handler,
            )
            .add(
                $describe(
                    Operation::get(concat!("/v1/customers/{customer_id}", $path), $customer_id)
                        .summary(concat!($summary, ", for a customer, read for its country.")),
                ),
                handler,
            )
    }};
}

pub(super) fn routes<S: Shared>() -> Routes<S> {
    let routes = catalog_page!(
        Routes::new(),
        "/products",
        "listProducts",
        "listCustomerProducts",
        "Lists the products of a part of the catalog",
        |operation: Operation| operation
            .query("targetView", TARGET_VIEW)
            .query("targetSegment", TARGET_SEGMENT)
            .ok::<Collection<ProductView<'static>>>("The products."),
        products
    );
    let routes = catalog_page!(
        routes,
        "/products/{product_id}",
        "getProduct",
        "getCustomerProduct",
        "Gets a product",
        |operation: Operation| operation.ok::<ProductView<'static>>("The product."),
        product
    );
    let routes = catalog_page!(
        routes,
        "/products/{product_id}/skus",
        "listSkus",
        "listCustomerSkus",
        "Lists a product's SKUs",
        |operation: Operation| operation
            .query("targetSegment", TARGET_SEGMENT)
            .ok::<Collection<SkuView<'static>>>("The SKUs."),
        skus
    );
    let routes = catalog_page!(
        routes,
        "/products/{product_id}/skus/{sku_id}",
        "getSku",
        "getCustomerSku",
        "Gets a SKU of a product",
        |operation: Operation| operation.ok::<SkuView<'static>>("The SKU."),
        sku
    );
    let routes = catalog_page!(
        routes,
        "/products/{product_id}/skus/{sku_id}/availabilities",
        "listAvailabilities",
        "listCustomerAvailabilities",
        "Lists the availabilities of a SKU",
        |operation: Operation| operation
            .query("targetSegment", TARGET_SEGMENT)
            .ok::<Collection<AvailabilityView<'static>>>("The availabilities."),
        availabilities
    );
    catalog_page!(
        routes,
        "/products/{product_id}/skus/{sku_id}/availabilities/{availability_id}",
        "getAvailability",
        "getCustomerAvailability",
        "Gets an availability, with the catalogItemId a cart line buys",
        |operation: Operation| operation.ok::<AvailabilityView<'static>>("The availability."),
        availability
    )
}
