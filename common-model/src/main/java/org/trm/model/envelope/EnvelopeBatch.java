package org.trm.model.envelope;

import java.util.List;
import java.util.Objects;

/**
 * Several envelopes handed over in one request ({@link MediaTypes#ENVELOPE_BATCH}), each the same
 * compact JWS that would travel alone. Nothing about the batch binds its members: each is checked,
 * stored and answered on its own, in a {@link BatchOutcome} in the same order. A batch only saves
 * the per-request cost: between gateways, and from a gateway to its node.
 */
public record EnvelopeBatch(List<String> envelopes) {
    public EnvelopeBatch {
        envelopes = List.copyOf(Objects.requireNonNull(envelopes, "envelopes"));
    }
}
