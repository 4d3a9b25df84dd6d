package org.trm.nrm;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.trm.testkit.docs.ConfigTable;

/**
 * The README's configuration table for nrm-node names exactly the keys of the {@code @ConfigMapping}
 * interfaces in target/classes, with their defaults.
 */
class ConfigTableTest {

    @Test
    void shouldListEveryConfigKeyWithItsDefaultWhenReadmeDescribesTheNode() {
        ConfigTable.assertReadmeDescribes(Path.of("target/classes"), "nrm", Path.of("../README.md"), "**nrm-node**");
    }
}
