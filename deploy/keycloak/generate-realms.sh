#!/usr/bin/env bash
# Writes nrm-<cc>.json for every country from realm.jq and user-profile.json.
# Run it after changing either; commit the generated files.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
profile=$(jq -c . "$here/user-profile.json")
for cc in at bg ro; do
  jq -n --arg cc "$cc" --arg profile "$profile" -f "$here/realm.jq" > "$here/nrm-$cc.json"
  echo "wrote $here/nrm-$cc.json"
done
