# What the curl walk-throughs share: where they send, how they call, and how they check an answer.
# A walk-through sources it with its own partner namespace and its arguments:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/support/walkthrough.sh" NAMESPACE "$@"
#
# The base URL is the walk-through's first argument, else PCMOCK_URL, else http://127.0.0.1:8080;
# the namespace is PCMOCK_PARTNER, else NAMESPACE; the token is PCMOCK_ADMIN_TOKEN, else any.
# Needs bash, curl and python3 (to read JSON).

BASE=${2:-${PCMOCK_URL:-http://127.0.0.1:8080}}
BASE=${BASE%/}
PARTNER=${PCMOCK_PARTNER:-$1}
TOKEN=${PCMOCK_ADMIN_TOKEN:-any-token}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# show TEXT: prints TEXT; a walk-through redefines it to hide what differs on every run.
show() {
    echo "$1"
}

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
    show "$method $path${body:+ $body} -> $STATUS"
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

# property NAME EXPRESSION: prints the last body's EXPRESSION (python, on `b`) as NAME.
property() {
    local value
    value=$(json "print($2)")
    show "   $1: $value"
}

# expect NAME EXPRESSION VALUE: prints the last body's EXPRESSION as NAME and checks that it is
# VALUE.
expect() {
    local value
    value=$(json "print($2)")
    show "   $1: $value"
    [[ $value == "$3" ]] || fail "expected $1 $3, got $value"
}

# header NAME: the value of a response header of the last answer.
header() {
    awk -v name="$1" -F': ' 'tolower($1) == tolower(name) { v = substr($0, length($1) + 3); sub(/\r$/, "", v); print v }' "$WORK/headers"
}

# expect_rule RULE: prints the last answer's X-Mock-Rule header and checks that it is RULE.
expect_rule() {
    local rule
    rule=$(header X-Mock-Rule)
    echo "   X-Mock-Rule: $rule"
    [[ $rule == "$1" ]] || fail "unexpected X-Mock-Rule '$rule'"
}
