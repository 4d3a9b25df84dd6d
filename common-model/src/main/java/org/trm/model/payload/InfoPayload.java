package org.trm.model.payload;

/** An INFO_REQUEST's question or an INFO_RESPONSE's answer. */
public record InfoPayload(int v, String text) {
}
