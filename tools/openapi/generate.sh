#!/usr/bin/env bash
# Regenerates the committed OpenAPI spec (apps/api/openapi.json) from the built api, and the
# Angular client (libs/web/api-client/src/lib/generated) from that spec.
# With --check, fails (and shows the difference) when either differs from what is committed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

spec=apps/api/openapi.json
client=libs/web/api-client/src/lib/generated

[[ -f dist/apps/api/main.js ]] || { echo "dist/apps/api/main.js is missing: run 'npx nx build api' first" >&2; exit 1; }
LOG_LEVEL=warn node dist/apps/api/main.js openapi "$spec"
npx prettier --log-level warn --write "$spec"
npx ng-openapi-gen --config libs/web/api-client/ng-openapi-gen.json --silent true
npx prettier --log-level warn --write "$client"

if [[ ${1:-} == --check ]]; then
  if [[ -n "$(git status --porcelain -- "$spec" "$client")" ]]; then
    git --no-pager diff --stat -- "$spec" "$client"
    git status --porcelain -- "$spec" "$client"
    echo "The OpenAPI spec or the generated client is out of date: run 'npm run openapi' and commit the result." >&2
    exit 1
  fi
  echo "OpenAPI spec and generated client match the code."
fi
