package org.trm.nrm.followup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The live follow-up figures (Prometheus gauges); reports name their own period. */
@ConfigMapping(prefix = "nrm.follow-up")
public interface FollowUpConfig {

    /** How far back the gauges look: referrals sent or received earlier are left out of them. */
    @WithDefault("365d")
    Duration window();

    /** How often the gauges are recomputed. */
    @WithDefault(FollowUpGauges.REFRESH)
    Duration refresh();
}
