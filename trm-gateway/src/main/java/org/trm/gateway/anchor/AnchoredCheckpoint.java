package org.trm.gateway.anchor;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.trm.model.anchor.AuditCheckpoint;

/** A checkpoint of the own node's audit trail as this gateway received it; never changed (V5's triggers). */
@Entity
@Table(name = "audit_checkpoint")
public class AnchoredCheckpoint {
    @Id
    public long seq;

    public String hash;

    public String country;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "signing_kid")
    public String signingKid;

    public String jws;

    @Column(name = "received_at")
    public Instant receivedAt;

    static AnchoredCheckpoint of(AuditCheckpoint.Signed signed, Instant receivedAt) {
        AnchoredCheckpoint a = new AnchoredCheckpoint();
        AuditCheckpoint c = signed.checkpoint();
        a.seq = c.seq();
        a.hash = c.hash();
        a.country = c.country();
        a.issuedAt = c.issuedAt();
        a.signingKid = signed.kid();
        a.jws = signed.jws();
        a.receivedAt = receivedAt;
        return a;
    }
}
