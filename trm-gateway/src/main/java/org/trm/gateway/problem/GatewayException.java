package org.trm.gateway.problem;

/** A refusal by this gateway; the detail never carries message content. */
public class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error, String detail) {
        super(detail);
        this.error = error;
    }

    public GatewayError error() {
        return error;
    }
}
