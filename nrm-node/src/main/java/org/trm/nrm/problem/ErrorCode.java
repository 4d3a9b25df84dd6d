package org.trm.nrm.problem;

import java.net.URI;
import org.trm.model.problem.ProblemCode;
import org.trm.model.problem.ProblemType;

/**
 * The node's own causes of a refused request: its part of the federation's problem registry, next
 * to the protocol's {@link ProblemType} (which the node answers for a cause the protocol already
 * names: no agreement, too large, unsupported media type). The {@code type} URIs are part of the
 * API: clients branch on them, so a published one never changes.
 */
public enum ErrorCode implements ProblemCode {
    MALFORMED_JSON(400, "malformed-json", "The request body is not well-formed JSON"),
    INVALID_VALUE(400, "invalid-value", "A field or parameter has a value outside its type or code list"),
    UNKNOWN_FIELD(400, "unknown-field", "The request body has a field this API does not know"),
    VALIDATION_FAILED(400, "validation-failed", "The request does not satisfy the constraints"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    FORBIDDEN(403, "forbidden", "The caller's roles do not allow this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "The resource does not support this method"),
    NOT_ACCEPTABLE(406, "not-acceptable", "The resource cannot answer in the requested media type"),
    ILLEGAL_TRANSITION(409, "illegal-transition", "The change is not allowed from the current state"),
    CONSENT_REQUIRED(409, "consent-required", "No valid consent covers this"),
    RISK_ASSESSMENT_REQUIRED(409, "risk-assessment-required", "A risk assessment is required first"),
    IDENTITY_CONSENT_REQUIRED(409, "identity-consent-required",
            "No valid consent covers sharing identity data with this country"),
    GUARDIAN_CONSENT_REQUIRED(409, "guardian-consent-required", "A child's case is shared only with its guardian's consent"),
    BEST_INTERESTS_DETERMINATION_REQUIRED(409, "best-interests-determination-required",
            "A child's return needs a best-interests determination that supports it"),
    REFLECTION_PERIOD_RUNNING(409, "reflection-period-running",
            "The reflection and recovery period is running and the victim has not asked to return early"),
    PERSONAL_DATA_NOT_ALLOWED(409, "personal-data-not-allowed",
            "The case holds no personal data: an anonymous notification, or its data was erased"),
    DUPLICATE(409, "duplicate", "The resource already exists"),
    DO_NOT_CONTACT(409, "do-not-contact", "The case forbids contacting this country"),
    // Safe return and service referrals (issue 15).
    LEAD_TIME_TOO_SHORT(409, "lead-time-too-short",
            "The planned departure gives the country of return less notice than the agreement's lead time"),
    RETURN_NOT_REQUESTED(409, "return-not-requested", "No return was requested in this conversation"),
    SERVICE_REFERRAL_CONSENT_REQUIRED(409, "service-referral-consent-required",
            "No valid consent covers referring the case to a service provider"),
    FEDERATION_DISABLED(503, "federation-disabled", "This node is not connected to the federation"),
    DATABASE_UNAVAILABLE(503, "database-unavailable", "The node's database cannot be reached for a moment"),
    VERSION_MISMATCH(412, "version-mismatch", "The resource was changed since it was read"),
    UNKNOWN_ORGANISATION(422, "unknown-organisation", "The organisation is not registered on this node"),
    IF_MATCH_REQUIRED(428, "if-match-required", "Updates need an If-Match header with the current ETag"),
    INTERNAL_ERROR(500, "internal-error", "The node failed to handle the request");

    private final int status;
    private final URI type;
    private final String title;

    ErrorCode(int status, String slug, String title) {
        this.status = status;
        this.type = URI.create(PREFIX + slug);
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public URI type() {
        return type;
    }

    @Override
    public String title() {
        return title;
    }
}
