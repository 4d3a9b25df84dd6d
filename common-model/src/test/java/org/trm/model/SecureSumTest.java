package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trm.model.json.Json;
import org.trm.model.payload.StatsPartialPayload;
import org.trm.model.payload.StatsRequestPayload;
import org.trm.model.statistics.FederationLayout;
import org.trm.model.statistics.SecureSum;

class SecureSumTest {
    private static final UUID ROUND = UUID.fromString("6f1c2b9e-8a53-4c1e-9d77-2f0a4b5c6d7e");
    private static final Map<String, String> KEYS = Map.of("AT", "AT-enc-1", "BG", "BG-enc-1", "RO", "RO-enc-1");

    /** A node's encryption key pair, as the directory lists its public half. */
    private static java.security.KeyPair encryptionKey() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldAddUpToTheExactSumsWhileNoPartialSumIsACountry() {
        List<String> countries = List.of("AT", "BG", "HU", "RO");
        int cells = 1000;
        Map<String, java.security.KeyPair> keys = new HashMap<>();
        countries.forEach(c -> keys.put(c, encryptionKey()));
        long[] expected = new long[cells];
        List<long[]> partials = new ArrayList<>();
        for (int c = 0; c < countries.size(); c++) {
            String own = countries.get(c);
            long[] counts = new long[cells];
            for (int i = 0; i < cells; i++) {
                counts[i] = (i * 7L + c * 3L) % 5; // small counts, many of them 1 to 4
                expected[i] += counts[i];
            }
            // Each node agrees its seeds from its own private key and the others' public keys only.
            Map<String, byte[]> seeds = new HashMap<>();
            for (String other : countries) {
                if (!other.equals(own)) {
                    String a = own.compareTo(other) < 0 ? own : other;
                    seeds.put(other, SecureSum.pairSeed(keys.get(own).getPrivate(), keys.get(other).getPublic(), ROUND, a,
                            a.equals(own) ? other : own));
                }
            }
            long[] partial = SecureSum.partial(counts, own, ROUND, seeds);
            long small = java.util.Arrays.stream(partial).filter(x -> x >= 0 && x < 1000).count();
            // A partial sum is uniformly random: a value below 1000 has odds of 2^-54 per cell.
            assertEquals(0, small, "a partial sum of " + own + " looks like counts");
            partials.add(SecureSum.decode(SecureSum.encode(partial)));
        }
        assertArrayEquals(expected, SecureSum.total(partials, cells));
        // Without one participant's partial sum the others' masks with it do not cancel.
        long[] withoutOne = SecureSum.total(partials.subList(0, 3), cells);
        assertEquals(0, java.util.Arrays.stream(withoutOne).filter(x -> x >= 0 && x < 1000).count());
    }

    @Test
    void shouldAgreeOneSeedPerPairAndRoundFromEitherSide() {
        java.security.KeyPair at = encryptionKey();
        java.security.KeyPair bg = encryptionKey();
        byte[] seed = SecureSum.pairSeed(at.getPrivate(), bg.getPublic(), ROUND, "AT", "BG");
        assertArrayEquals(seed, SecureSum.pairSeed(bg.getPrivate(), at.getPublic(), ROUND, "AT", "BG"));
        assertEquals(SecureSum.SEED_BYTES, seed.length);
        assertFalse(java.util.Arrays.equals(seed, SecureSum.pairSeed(at.getPrivate(), bg.getPublic(), UUID.randomUUID(), "AT", "BG")),
                "another round, other masks");
        assertFalse(java.util.Arrays.equals(seed, SecureSum.pairSeed(at.getPrivate(), bg.getPublic(), ROUND, "AT", "RO")));
        assertThrows(IllegalArgumentException.class, () -> SecureSum.pairSeed(at.getPrivate(), bg.getPublic(), ROUND, "BG", "AT"));
    }

    @Test
    void shouldDeriveTheSameMaskFromTheSameSeedOnlyForTheSameRoundAndPair() {
        byte[] seed = new byte[SecureSum.SEED_BYTES];
        new java.security.SecureRandom().nextBytes(seed);
        assertArrayEquals(SecureSum.mask(seed, ROUND, "AT", "BG", 9), SecureSum.mask(seed.clone(), ROUND, "AT", "BG", 9));
        assertFalse(java.util.Arrays.equals(SecureSum.mask(seed, ROUND, "AT", "BG", 9), SecureSum.mask(seed, ROUND, "AT", "RO", 9)));
        assertFalse(java.util.Arrays.equals(SecureSum.mask(seed, ROUND, "AT", "BG", 9),
                SecureSum.mask(seed, UUID.randomUUID(), "AT", "BG", 9)));
        assertThrows(IllegalArgumentException.class, () -> SecureSum.mask(new byte[16], ROUND, "AT", "BG", 9));
    }

    @Test
    void shouldWrapModulo2To64() {
        byte[] seed = new byte[SecureSum.SEED_BYTES];
        long[] masked = SecureSum.partial(new long[] { 3 }, "AT", ROUND, Map.of("BG", seed));
        long[] other = SecureSum.partial(new long[] { Long.MAX_VALUE }, "BG", ROUND, Map.of("AT", seed));
        assertNotEquals(3, masked[0], "the mask is applied");
        assertArrayEquals(new long[] { 3 + Long.MAX_VALUE }, SecureSum.total(List.of(masked, other), 1));
    }

    @Test
    void shouldGiveEveryParticipantTheSameCellsWhateverItsData() {
        FederationLayout a = new FederationLayout(2026, List.of("RO", "AT", "BG"));
        FederationLayout b = new FederationLayout(2026, List.of("AT", "BG", "RO"));
        assertEquals(a.cells(), b.cells());
        assertEquals(FederationLayout.Cell.TOTAL, a.cells().get(0));
        assertEquals(a.size(), a.count(List.of()).length);
        // No cross-tabulation of a dimension with its own coarsening.
        assertFalse(a.cells().stream().anyMatch(c -> c.dimensions().equals(List.of("ageGroup", "childOrAdult"))));
        assertNotEquals(a.size(), new FederationLayout(2027, a.participants()).size());
    }

    @Test
    void shouldCountAVictimOnceInEachTableAndEachFormOfExploitationApart() {
        FederationLayout layout = new FederationLayout(2026, List.of("AT", "BG", "RO"));
        Map<String, List<String>> victim = new HashMap<>();
        victim.put("year", List.of("2015"));
        victim.put("identification", List.of("PRESUMED"));
        victim.put("sex", List.of("Unknown"));
        victim.put("citizenship", List.of("FR"));
        victim.put("formOfExploitation", List.of("SEXUAL", "LABOUR"));
        victim.put("phase", List.of("IDENTIFICATION"));
        victim.put("transnational", List.of("true"));
        long[] counts = layout.count(List.of(victim));
        List<FederationLayout.Cell> cells = layout.cells();
        assertEquals(1, counts[0]);
        assertEquals(1, counts[cells.indexOf(new FederationLayout.Cell(List.of("year"), List.of("2020")))], "before 2020 counts in 2020");
        assertEquals(1, counts[cells.indexOf(new FederationLayout.Cell(List.of("citizenship"), List.of("OTHER_EU")))]);
        assertEquals(1, counts[cells.indexOf(new FederationLayout.Cell(List.of("sex"), List.of("UNKNOWN")))]);
        assertEquals(1, counts[cells.indexOf(new FederationLayout.Cell(List.of("ageGroup"), List.of("Unknown")))]);
        assertEquals(2, java.util.stream.IntStream.range(0, cells.size())
                .filter(i -> cells.get(i).dimensions().equals(List.of("formOfExploitation"))).mapToLong(i -> counts[i]).sum());
    }

    @Test
    void shouldCarryTheMessagesOfARoundThroughJson() {
        StatsRequestPayload request = new StatsRequestPayload(1, ROUND, "AT", List.of("RO", "AT", "BG"),
                FederationLayout.VERSION, 2026, Instant.parse("2026-12-03T10:00:00Z"), KEYS);
        assertEquals(List.of("AT", "BG", "RO"), request.participants());
        assertEquals(request, Json.read(Json.write(request), StatsRequestPayload.class));
        StatsPartialPayload partial = new StatsPartialPayload(1, ROUND, 2, SecureSum.encode(new long[] { -1, 7 }));
        assertArrayEquals(new long[] { -1, 7 }, Json.read(Json.write(partial), StatsPartialPayload.class).vector());
        assertThrows(IllegalArgumentException.class, () -> new StatsRequestPayload(1, ROUND, "HU", List.of("AT", "BG", "RO"),
                FederationLayout.VERSION, 2026, Instant.now(), KEYS));
        assertThrows(IllegalArgumentException.class, () -> new StatsRequestPayload(1, ROUND, "AT", List.of("AT", "BG", "RO"),
                FederationLayout.VERSION, 2026, Instant.now(), Map.of("AT", "AT-enc-1", "BG", "BG-enc-1")), "a key per participant");
        assertThrows(IllegalArgumentException.class, () -> new StatsPartialPayload(1, ROUND, 3, SecureSum.encode(new long[2])));
    }
}
