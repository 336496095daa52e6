#!/bin/sh
# Smoke test of a running emulator over HTTP: discovery, JWKS, a password grant for the reports API (403
# mfa_required), OTP enrollment, the TOTP computed from the secret, and the mfa-otp grant (tokens).
# Needs curl and python3. Usage: ./smoke.sh [base URL, default http://localhost:8080/emulator]
set -eu
BASE=${1:-http://localhost:8080/emulator}
CLIENT=sample-app
SECRET=sample-app-secret-not-for-production
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }

curl -sf -X POST "$BASE/__test/reset" >/dev/null || echo "(test hooks off: not reset)"
issuer=$(curl -sf "$BASE/.well-known/openid-configuration" | json '["issuer"]')
echo "issuer: $issuer"
kid=$(curl -sf "$BASE/.well-known/jwks.json" | json '["keys"][0]["kid"]')
echo "signing key: $kid"

answer=$(curl -s -w '\n%{http_code}' -u "$CLIENT:$SECRET" -d grant_type=password -d username=alice \
    -d password=alice-password --data-urlencode audience=https://reports.example.com "$BASE/oauth/token")
status=$(echo "$answer" | tail -n 1)
body=$(echo "$answer" | head -n 1)
[ "$status" = 403 ] || { echo "expected 403, got $status: $body"; exit 1; }
[ "$(echo "$body" | json '["error"]')" = mfa_required ] || { echo "expected mfa_required: $body"; exit 1; }
mfa_token=$(echo "$body" | json '["mfa_token"]')
echo "password grant: 403 mfa_required, requirements $(echo "$body" | json '["mfa_requirements"]')"

enrollment=$(curl -sf -H "Authorization: Bearer $mfa_token" -H 'Content-Type: application/json' \
    -d '{"authenticator_types":["otp"]}' "$BASE/mfa/associate")
secret=$(echo "$enrollment" | json '["secret"]')
echo "associate: $(echo "$enrollment" | json '["barcode_uri"]')"

otp=$(python3 - "$secret" <<'PY'
import base64, hashlib, hmac, struct, sys, time
s = sys.argv[1]
key = base64.b32decode(s + "=" * (-len(s) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
)
echo "TOTP: $otp"

tokens=$(curl -sf --data-urlencode grant_type=http://auth0.com/oauth/grant-type/mfa-otp -d client_id=$CLIENT \
    -d client_secret=$SECRET --data-urlencode mfa_token="$mfa_token" -d otp="$otp" "$BASE/oauth/token")
payload=$(echo "$tokens" | json '["access_token"]' | cut -d. -f2)
echo "mfa-otp grant: access token claims $(python3 -c "import base64,sys; p=sys.argv[1]; print(base64.urlsafe_b64decode(p + '=' * (-len(p) % 4)).decode())" "$payload")"
echo "OK"
