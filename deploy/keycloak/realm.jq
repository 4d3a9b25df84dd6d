# Template of a country's realm. generate-realms.sh runs it once per country and commits the result
# (nrm-at.json, ...), so the exports stay reviewable and Keycloak imports plain JSON.
# Inputs: $cc (lower-case country code), $profile (the user profile JSON, as a string).
($cc | ascii_upcase) as $CC
| "demo-only-change-me" as $demo
# Organisation ids follow the node's rule (lower-case letters, digits, '-'); a node admin registers them
# under the same ids (POST /api/v1/organisations), since the node scopes cases by the org claim.
| "\($cc)-org-ngo-1" as $ngoOrg
# The console each node serves (/console/): reached from the browser, so its origins are listed exactly
# (Keycloak derives no CORS origin from a redirect URI with a wildcard port). The country's node port in
# the local federation is 8101 + its index, and 18101 + its index in the tests' federation.
| ({at: 0, bg: 1, ro: 2}[$cc] // 0) as $index
| [ (8101 + $index), (18101 + $index) | tostring ] as $consolePorts
| [ $consolePorts[] as $p | "http://127.0.0.1:\($p)", "http://localhost:\($p)" ] as $consoleOrigins
# Who the demo users are: username, realm role, organisation.
| [
    ["coordinator", "nrm-coordinator", "\($cc)-org-nrm"],
    ["caseworker", "case-worker", "\($cc)-org-nrm"],
    ["ngo", "ngo-partner", $ngoOrg],
    ["auditor", "auditor", "\($cc)-org-audit"],
    ["admin", "node-admin", "\($cc)-org-nrm"]
  ] as $people
| {
  realm: "nrm-\($cc)",
  displayName: "National referral mechanism \($CC)",
  enabled: true,
  sslRequired: "external",
  # Short-lived access tokens: a node cannot revoke a token it has accepted, so the window is kept small.
  accessTokenLifespan: 300,
  ssoSessionIdleTimeout: 1800,
  ssoSessionMaxLifespan: 36000,
  bruteForceProtected: true,
  failureFactor: 10,
  passwordPolicy: "length(12) and notUsername(undefined)",
  # Logins and admin changes are kept 30 days: who signed in, and who changed a role or an org, is evidence.
  eventsEnabled: true,
  eventsExpiration: 2592000,
  adminEventsEnabled: true,
  adminEventsDetailsEnabled: false,
  registrationAllowed: false,
  resetPasswordAllowed: false,
  editUsernameAllowed: false,
  attributes: {
    "trm.demo-notice": "DEMO REALM. Every password and client secret in this export is demo-only-change-me. Replace them before any real use: see deploy/keycloak/README.md (Replacing the demo secrets)."
  },
  roles: {
    realm: [
      { name: "nrm-coordinator", description: "National coordinator: all cases of the country and transnational referrals." },
      { name: "case-worker", description: "Case worker: cases of their own organisation." },
      { name: "ngo-partner", description: "Partner NGO: notifies presumed victims; sees only cases and services referred to its organisation." },
      { name: "auditor", description: "Auditor: audit trail and statistics, no personal data." },
      { name: "node-admin", description: "Node administrator: organisations and configuration." },
      { name: "default-roles-nrm-\($cc)", description: "Given to every new user; grants no node role. (Keycloak keeps offline_access in it, but no client offers the offline_access scope.)" },
      # Keycloak's own roles, declared here so that the import adds fewer of them to the default role.
      { name: "offline_access", description: "${role_offline-access}" },
      { name: "uma_authorization", description: "${role_uma_authorization}" }
    ]
  },
  defaultRole: { name: "default-roles-nrm-\($cc)" },
  # The claims the node reads (see nrm-node: smallrye.jwt.path.groups=groups, mp.jwt.verify.audiences=nrm-node).
  # Listing client scopes replaces Keycloak's built-in set, so only what a node caller needs is here: basic
  # (sub, auth_time) and nrm-node. Both are realm defaults, so a client an operator adds later (another
  # NGO's integration) gets the node's claims without further setup.
  defaultDefaultClientScopes: ["basic", "nrm-node"],
  defaultOptionalClientScopes: [],
  clientScopes: [
    {
      name: "basic",
      description: "Subject and authentication time.",
      protocol: "openid-connect",
      attributes: { "include.in.token.scope": "false", "display.on.consent.screen": "false" },
      protocolMappers: [
        {
          name: "sub",
          protocol: "openid-connect",
          protocolMapper: "oidc-sub-mapper",
          config: { "access.token.claim": "true", "introspection.token.claim": "true" }
        },
        {
          name: "auth_time",
          protocol: "openid-connect",
          protocolMapper: "oidc-usersessionmodel-note-mapper",
          config: {
            "user.session.note": "AUTH_TIME", "claim.name": "auth_time", "jsonType.label": "long",
            "access.token.claim": "true", "id.token.claim": "true", "introspection.token.claim": "true"
          }
        }
      ]
    },
    {
      name: "nrm-node",
      description: "Claims the national referral node needs: realm roles in groups, organisation in org, username, audience nrm-node.",
      protocol: "openid-connect",
      attributes: { "include.in.token.scope": "false", "display.on.consent.screen": "false" },
      protocolMappers: [
        {
          name: "realm roles in groups",
          protocol: "openid-connect",
          protocolMapper: "oidc-usermodel-realm-role-mapper",
          config: {
            "claim.name": "groups", "multivalued": "true", "jsonType.label": "String",
            "access.token.claim": "true", "id.token.claim": "false",
            "userinfo.token.claim": "true", "introspection.token.claim": "true"
          }
        },
        {
          name: "organisation in org",
          protocol: "openid-connect",
          protocolMapper: "oidc-usermodel-attribute-mapper",
          config: {
            "user.attribute": "org", "claim.name": "org", "jsonType.label": "String",
            "access.token.claim": "true", "id.token.claim": "true",
            "userinfo.token.claim": "true", "introspection.token.claim": "true"
          }
        },
        {
          # The node names the caller by it (SmallRye JWT: upn, then preferred_username, then sub).
          name: "username in preferred_username",
          protocol: "openid-connect",
          protocolMapper: "oidc-usermodel-attribute-mapper",
          config: {
            "user.attribute": "username", "claim.name": "preferred_username", "jsonType.label": "String",
            "access.token.claim": "true", "id.token.claim": "true",
            "userinfo.token.claim": "true", "introspection.token.claim": "true"
          }
        },
        {
          name: "audience nrm-node",
          protocol: "openid-connect",
          protocolMapper: "oidc-audience-mapper",
          config: {
            "included.custom.audience": "nrm-node",
            "access.token.claim": "true", "id.token.claim": "false", "introspection.token.claim": "true"
          }
        }
      ]
    }
  ],
  clients: [
    {
      clientId: "nrm-web",
      name: "National referral node (users)",
      description: "Users of the node. Direct access grants (password grant) are a DEMO/TEST CONVENIENCE: switch them off in production and use the authorization code flow.",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: true,
      implicitFlowEnabled: false,
      serviceAccountsEnabled: false,
      redirectUris: ["http://127.0.0.1:*", "http://localhost:*"],
      webOrigins: ["+"],
      attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+" },
      defaultClientScopes: ["basic", "nrm-node"]
    },
    {
      clientId: "nrm-console",
      name: "National referral node console",
      description: "The web console the node serves at /console/: authorization code flow with PKCE (S256) only, no password grant. Add the console's origin of each deployment to its redirect URIs and web origins.",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: true,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
      serviceAccountsEnabled: false,
      redirectUris: [ $consoleOrigins[] | "\(.)/console/*" ],
      webOrigins: $consoleOrigins,
      attributes: { "pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+" },
      defaultClientScopes: ["basic", "nrm-node"]
    },
    {
      clientId: "ngo-integration",
      name: "Partner NGO integration (\($ngoOrg))",
      description: "Machine access for one partner NGO: client credentials only; its service account holds ngo-partner and the NGO's org. DEMO secret demo-only-change-me: regenerate it (see deploy/keycloak/README.md).",
      enabled: true,
      publicClient: false,
      clientAuthenticatorType: "client-secret",
      secret: $demo,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: false,
      implicitFlowEnabled: false,
      serviceAccountsEnabled: true,
      defaultClientScopes: ["basic", "nrm-node"]
    },
    {
      clientId: "nrm-expiry-test",
      name: "Expiry test (TEST ONLY)",
      description: "TEST ONLY: issues 2-second access tokens so that a test can show the node refusing an expired token without waiting minutes. Delete this client in production.",
      enabled: true,
      publicClient: true,
      standardFlowEnabled: false,
      directAccessGrantsEnabled: true,
      implicitFlowEnabled: false,
      serviceAccountsEnabled: false,
      attributes: { "access.token.lifespan": "2" },
      defaultClientScopes: ["basic", "nrm-node"]
    }
  ],
  users: (
    [ $people[] | {
        username: .[0],
        enabled: true,
        emailVerified: true,
        firstName: "Demo",
        lastName: .[0],
        email: "\(.[0])@\($cc).nrm.example",
        attributes: { org: [.[2]] },
        realmRoles: [.[1]],
        credentials: [ { type: "password", value: $demo, temporary: false } ]
      } ]
    + [ {
        username: "service-account-ngo-integration",
        enabled: true,
        serviceAccountClientId: "ngo-integration",
        attributes: { org: [$ngoOrg] },
        realmRoles: ["ngo-partner"]
      } ]
  ),
  components: {
    "org.keycloak.userprofile.UserProfileProvider": [
      { providerId: "declarative-user-profile", subComponents: {}, config: { "kc.user.profile.config": [$profile] } }
    ]
  }
}
