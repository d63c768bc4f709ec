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

BASE=${1:-${PCMOCK_URL:-http://127.0.0.1:8080}}
BASE=${BASE%/}
PARTNER=${PCMOCK_PARTNER:-removal-walkthrough}
TOKEN=${PCMOCK_ADMIN_TOKEN:-any-token}
CUSTOMER=22222222-2222-4222-8222-222222222222 # Contoso Ltd

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# call METHOD PATH [BODY]: sends one request; leaves the status in $STATUS, the body in
# $WORK/body and the response headers in $WORK/headers.
call() {
    local method=$1 path=$2 body=${3-}
    rm -f "$WORK/body" "$WORK/headers"
    local args=(-sS --max-time 10 -X "$method" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}'
        -H "Authorization: Bearer $TOKEN" -H "X-Mock-Partner: $PARTNER")
    if [[ -n $body ]]; then
        args+=(-H 'Content-Type: application/json' --data "$body")
    fi
    STATUS=$(curl "${args[@]}" "$BASE$path") || fail "$method $path: curl failed against $BASE"
    echo "$method $path${body:+ $body} -> $STATUS"
}

fail() {
    echo "FAILED: $*" >&2
    [[ -s $WORK/body ]] && { echo "body: $(cat "$WORK/body")" >&2; }
    exit 1
}

expect_status() {
    [[ $STATUS == "$1" ]] || fail "expected HTTP $1, got $STATUS"
}

# json CODE: runs python CODE with the last body parsed as `b`.
json() {
    python3 -c "import json, sys; b = json.load(open(sys.argv[1])); $1" "$WORK/body" ||
        fail "the body is not the expected JSON"
}

# expect_property NAME VALUE: prints the last body's property NAME and checks that it is VALUE.
expect_property() {
    local value
    value=$(json "print(b[\"$1\"])")
    echo "   $1: $value"
    [[ $value == "$2" ]] || fail "expected $1 $2, got $value"
}

# header NAME: the value of a response header of the last answer.
header() {
    awk -v name="$1" -F': ' 'tolower($1) == tolower(name) { v = substr($0, length($1) + 3); sub(/\r$/, "", v); print v }' "$WORK/headers"
}

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
expect_property code 900400
rule=$(header X-Mock-Rule)
echo "   X-Mock-Rule: $rule"
json 'print("   description:", b["description"])'
named=$(json 'print(" ".join(sorted(b["data"])))')
echo "   data: $named"
[[ $rule == relationship-removal-active-subscriptions ]] || fail "unexpected X-Mock-Rule '$rule'"
[[ $named == "$active" ]] || fail "the refusal names '$named', the active subscriptions are '$active'"

echo
echo "== 3. Suspend each subscription the refusal names"
for subscription in $named; do
    call PATCH "/v1/customers/$CUSTOMER/subscriptions/$subscription" '{"status":"suspended"}'
    expect_status 200
    expect_property status suspended
done

echo
echo "== 4. Remove the reseller relationship: done"
call PATCH "/v1/customers/$CUSTOMER" '{"relationshipToPartner":"none"}'
expect_status 200
expect_property relationshipToPartner none

echo
echo "== 5. The customer is no longer the partner's"
call GET "/v1/customers/$CUSTOMER"
expect_status 403
expect_property code 20002

echo
echo "removal walk-through: every step answered as expected"
