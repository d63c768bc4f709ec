#!/usr/bin/env bash
# The relationship-removal story over plain HTTP, with curl: list a customer's subscriptions, try to
# remove the reseller relationship, read the refusal, suspend what blocks it, and remove it.
#
#   examples/removal-walkthrough.sh                          # http://127.0.0.1:8080
#   examples/removal-walkthrough.sh http://127.0.0.1:49152   # or $PCMOCK_URL
#
# The customer is Contoso Ltd from the default seed, blocked only by active subscriptions. The
# script works in its own partner namespace (X-Mock-Partner, default `removal-walkthrough`) and
# resets it first, so it can run again and never touches the `default` namespace. Every step
# checks its answer; the script exits non-zero at the first one that is not as expected.
#
# Needs bash, curl and python3 (to read JSON). With `--admin-token T`, set PCMOCK_ADMIN_TOKEN=T:
# the reset needs it, and /v1 accepts it like any other bearer token.
set -euo pipefail

CUSTOMER=22222222-2222-4222-8222-222222222222 # Contoso Ltd

source "$(dirname "${BASH_SOURCE[0]}")/support/walkthrough.sh" removal-walkthrough "$@"

call POST /_mock/reset
expect_status 200

echo
echo "== 1. The customer's subscriptions"
call GET "/v1/customers/$CUSTOMER/subscriptions"
expect_status 200
json 'print("\n".join("   %s  %-9s  %s" % (s["id"], s["status"], s["offerName"]) for s in b["items"]))'
active=$(json 'print(" ".join(sorted(s["id"] for s in b["items"] if s["status"] == "active")))')
[[ -n $active ]] || fail "the customer has no active subscription to block the removal"

echo
echo "== 2. Remove the reseller relationship: refused"
call PATCH "/v1/customers/$CUSTOMER" '{"relationshipToPartner":"none"}'
expect_status 400
expect code "b['code']" 900400
expect_rule relationship-removal-active-subscriptions
json 'print("   description:", b["description"])'
named=$(json 'print(" ".join(sorted(b["data"])))')
echo "   data: $named"
[[ $named == "$active" ]] || fail "the refusal names '$named', the active subscriptions are '$active'"

echo
echo "== 3. Suspend each subscription the refusal names"
for subscription in $named; do
    call PATCH "/v1/customers/$CUSTOMER/subscriptions/$subscription" '{"status":"suspended"}'
    expect_status 200
    expect status "b['status']" suspended
done

echo
echo "== 4. Remove the reseller relationship: done"
call PATCH "/v1/customers/$CUSTOMER" '{"relationshipToPartner":"none"}'
expect_status 200
expect relationshipToPartner "b['relationshipToPartner']" none

echo
echo "== 5. The customer is no longer the partner's"
call GET "/v1/customers/$CUSTOMER"
expect_status 403
expect code "b['code']" 20002

echo
echo "removal walk-through: every step answered as expected"
