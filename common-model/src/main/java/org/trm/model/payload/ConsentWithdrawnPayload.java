package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.trm.model.code.ConsentScope;

/**
 * The victim withdrew a consent under which the partner received data: the partner erases
 * ({@code ERASE}) or restricts ({@code RESTRICT}: kept for the record, no longer shown) what it
 * received under it. {@code scope} says which consent: {@code SHARE_WITH_COUNTRY} (absent means the
 * same) covers the case, and the partner also stops processing for the conversation;
 * {@code SHARE_IDENTITY_WITH_COUNTRY} covers only the identity data, and the conversation goes on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentWithdrawnPayload(int v, String withdrawnAt, String instruction, ConsentScope scope) {

    /** A withdrawal of the consent to share the case. */
    public ConsentWithdrawnPayload(int v, String withdrawnAt, String instruction) {
        this(v, withdrawnAt, instruction, null);
    }

    /** Whether only the identity data is withdrawn, not the case. */
    public boolean identityOnly() {
        return scope == ConsentScope.SHARE_IDENTITY_WITH_COUNTRY;
    }
}
