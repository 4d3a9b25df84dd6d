package org.trm.nrm.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How the audit trail is anchored at the country's gateway (federation on only). The schedule reads
 * the key itself ({@link AuditAnchor}); the mapping checks it is a duration when the node starts.
 */
@ConfigMapping(prefix = "nrm.audit")
public interface AuditConfig {

    /** How often the node signs a checkpoint of its audit head for its gateway; also on every verification. */
    @WithDefault(AuditAnchor.INTERVAL)
    Duration checkpointInterval();
}
