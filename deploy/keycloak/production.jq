# Turns a demo realm export (nrm-<cc>.json) into one fit to import into a real Keycloak:
#   jq -f production.jq nrm-at.json > nrm-at.production.json
# It drops the demo users and their demo-only passwords, the test-only client, the demo secret of the
# NGO integration (Keycloak then generates a random one) and the password grant of nrm-web.
# Users are then created by the operator, each with a role and an org attribute (see README.md).
del(.users[] | select(.serviceAccountClientId == null))
| del(.clients[] | select(.clientId == "nrm-expiry-test"))
| (.clients[] | select(.clientId == "ngo-integration")) |= (del(.secret)
    | .description = "Machine access for one partner NGO: client credentials only; its service account holds ngo-partner and the NGO's org.")
| (.clients[] | select(.clientId == "nrm-web")) |= (.directAccessGrantsEnabled = false
    | .description = "Users of the node: authorization code flow with PKCE.")
| .attributes |= del(."trm.demo-notice")
