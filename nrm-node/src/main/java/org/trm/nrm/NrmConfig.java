package org.trm.nrm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of this node. */
@ConfigMapping(prefix = "nrm")
public interface NrmConfig {

    /**
     * ISO 3166-1 alpha-2 code of the country this node serves; it prefixes case references. No
     * default: a node that assumed one would number its cases as another country's.
     */
    String country();

    /** Length in days of the reflection and recovery period when the caller does not give its end. */
    @WithDefault("30")
    int reflectionPeriodDays();

    /** Statistics cells with fewer cases than this are suppressed, so that no person can be singled out. */
    @WithDefault("5")
    int statisticsMinCell();

    /** How long a federation statistics round may take before it fails, naming those that did not answer. */
    @WithDefault("60s")
    java.time.Duration statisticsRoundTimeout();

    /**
     * How long after answering a round this node refuses a round whose participants differ from it by
     * one country: the two sums subtracted would be that country's counts.
     */
    @WithDefault("24h")
    java.time.Duration statisticsOverlapWindow();
}
