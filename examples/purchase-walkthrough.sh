#!/usr/bin/env bash
# The new-commerce purchase story over plain HTTP, with curl: find a product in the catalog,
# follow its links to an availability, build a cart (with a bad line first, fixed with PUT), check
# it out, read the subscription it made, see it block the relationship removal, cancel it inside
# its 7-day window, and remove the relationship.
#
#   examples/purchase-walkthrough.sh                          # http://127.0.0.1:8080
#   examples/purchase-walkthrough.sh http://127.0.0.1:49152   # or $PCMOCK_URL
#
# The customer is Adatum Corporation from the default seed, whose relationship could be removed
# at once before the purchase. The script works in its own partner namespace (X-Mock-Partner,
# default `purchase-walkthrough`), resets it and sets its provisioning delay to none first, so it
# can run again and never touches the `default` namespace. The ids the server makes up (cart,
# order, subscription) differ on every run, so the script prints them as {cart}, {order} and
# {subscription}. Every step checks its answer; the script exits non-zero at the first one that
# is not as expected.
#
# Needs bash, curl and python3 (to read JSON). With `--admin-token T`, set PCMOCK_ADMIN_TOKEN=T:
# the reset and the settings need it, and /v1 accepts it like any other bearer token.
set -euo pipefail

CUSTOMER=11111111-1111-4111-8111-111111111111 # Adatum Corporation
PRODUCT=CFQ7TTC0LH18                          # Microsoft 365 Business Basic
CART="" ORDER="" SUBSCRIPTION=""

source "$(dirname "${BASH_SOURCE[0]}")/support/walkthrough.sh" purchase-walkthrough "$@"

# show TEXT: prints TEXT with the made-up ids replaced by their names.
show() {
    local text=$1
    [[ -n $CART ]] && text=${text//$CART/\{cart\}}
    [[ -n $ORDER ]] && text=${text//$ORDER/\{order\}}
    [[ -n $SUBSCRIPTION ]] && text=${text//$SUBSCRIPTION/\{subscription\}}
    echo "$text"
}

# cart_line CATALOG_ITEM: a cart of one line buying 5 seats of CATALOG_ITEM, monthly for a year.
cart_line() {
    echo '{"lineItems":[{"catalogItemId":"'"$1"'","quantity":5,"billingCycle":"monthly","termDuration":"P1Y"}]}'
}

call POST /_mock/reset
expect_status 200
call PUT /_mock/settings '{"provisioningDelay":"PT0S"}'
expect_status 200

echo
echo "== 1. New-commerce products in the catalog"
call GET "/v1/products?country=US&targetView=OnlineServices"
expect_status 200
json "p = next(p for p in b['items'] if p['id'] == '$PRODUCT'); print('   %s  %s  %s' % (p['id'], p['productType']['id'], p['title']))"
expect links.skus "next(p for p in b['items'] if p['id'] == '$PRODUCT')['links']['skus']['uri']" \
    "/products/$PRODUCT/skus?country=US"
[[ $(json "print(next(p for p in b['items'] if p['id'] == '$PRODUCT')['productType']['id'])") == OnlineServicesNCE ]] ||
    fail "$PRODUCT is not a new-commerce product"
skus=$(json "print(next(p for p in b['items'] if p['id'] == '$PRODUCT')['links']['skus']['uri'])")

echo
echo "== 2. Follow the links (they carry no /v1) to an availability"
call GET "/v1$skus"
expect_status 200
json "s = b['items'][0]; print('   sku %s: %s' % (s['id'], s['title']))"
availabilities=$(json "print(b['items'][0]['links']['availabilities']['uri'])")
call GET "/v1$availabilities"
expect_status 200
expect catalogItemId "b['items'][0]['catalogItemId']" "$PRODUCT:0001:CFQ7TTC0K971"
json "print('   terms:', ', '.join(t['duration'] + ' ' + t['billingCycle'] for t in b['items'][0]['terms']))"
catalog_item=$(json "print(b['items'][0]['catalogItemId'])")

echo
echo "== 3. A cart with a mistyped catalog item: created, the line carries an integer error"
call POST "/v1/customers/$CUSTOMER/carts" "$(cart_line "${catalog_item%?}X")"
expect_status 201
CART=$(json "print(b['id'])")
property id "b['id']"
expect status "b['status']" Active
expect lineItems[0].error.errorCode "b['lineItems'][0]['error']['errorCode']" 10001
property lineItems[0].error.errorDescription "b['lineItems'][0]['error']['errorDescription']"
call POST "/v1/customers/$CUSTOMER/carts/$CART/checkout"
expect_status 400
expect code "b['code']" 800009
expect_rule cart-checkout-without-line-errors

echo
echo "== 4. Fix the line with PUT"
call PUT "/v1/customers/$CUSTOMER/carts/$CART" "$(cart_line "$catalog_item")"
expect_status 201
expect lineItems[0].error "b['lineItems'][0].get('error', 'none')" none
expect lineItems[0].orderGroup "b['lineItems'][0]['orderGroup']" 0

echo
echo "== 5. Check out"
call POST "/v1/customers/$CUSTOMER/carts/$CART/checkout"
expect_status 201
ORDER=$(json "print(b['orders'][0]['id'])")
SUBSCRIPTION=$(json "print(b['orders'][0]['lineItems'][0]['subscriptionId'])")
expect orders "len(b['orders'])" 1
property orders[0].id "b['orders'][0]['id']"
expect orders[0].status "b['orders'][0]['status']" completed
property orders[0].lineItems[0].subscriptionId "b['orders'][0]['lineItems'][0]['subscriptionId']"
expect orderErrors "b['orderErrors']" "[]"
[[ $ORDER =~ ^[0-9a-f]{12}$ ]] || fail "the order id '$ORDER' is not 12 hex digits"
[[ $SUBSCRIPTION =~ ^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$ ]] ||
    fail "the subscription id '$SUBSCRIPTION' is not a GUID"
call GET "/v1/customers/$CUSTOMER/carts/$CART"
expect_status 200
expect status "b['status']" Ordered

echo
echo "== 6. The subscription the checkout made"
call GET "/v1/customers/$CUSTOMER/subscriptions/$SUBSCRIPTION"
expect_status 200
expect status "b['status']" active
expect offerId "b['offerId']" "$catalog_item"
expect productType.id "b['productType']['id']" OnlineServicesNCE
expect quantity "b['quantity']" 5
expect termDuration "b['termDuration']" P1Y
expect orderId "b['orderId']" "$ORDER"
[[ $(json "print(b['cancellationAllowedUntilDate'] > b['creationDate'])") == True ]] ||
    fail "no cancellation window after the creation date"

echo
echo "== 7. Remove the reseller relationship: refused"
call PATCH "/v1/customers/$CUSTOMER" '{"relationshipToPartner":"none"}'
expect_status 400
expect code "b['code']" 900400
expect_rule relationship-removal-active-subscriptions
property description "b['description']"
expect data "' '.join(b['data'])" "$SUBSCRIPTION"

echo
echo "== 8. Cancel the subscription inside its window"
call PATCH "/v1/customers/$CUSTOMER/subscriptions/$SUBSCRIPTION" '{"status":"deleted"}'
expect_status 200
expect status "b['status']" deleted

echo
echo "== 9. Remove the reseller relationship: done"
call PATCH "/v1/customers/$CUSTOMER" '{"relationshipToPartner":"none"}'
expect_status 200
expect relationshipToPartner "b['relationshipToPartner']" none

echo
echo "purchase walk-through: every step answered as expected"
