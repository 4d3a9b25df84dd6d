package org.trm.gateway;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.trm.testkit.docs.ConfigTable;

/**
 * The README's configuration table for trm-gateway names exactly the keys of the {@code @ConfigMapping}
 * interfaces in target/classes, with their defaults.
 */
class ConfigTableTest {

    @Test
    void shouldListEveryConfigKeyWithItsDefaultWhenReadmeDescribesTheGateway() {
        ConfigTable.assertReadmeDescribes(Path.of("target/classes"), "trm", Path.of("../README.md"), "**trm-gateway**");
    }
}
