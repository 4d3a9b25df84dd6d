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
import org.trm.model.payload.StatsSharesPayload;
import org.trm.model.statistics.FederationLayout;
import org.trm.model.statistics.SecureSum;

class SecureSumTest {
    private static final UUID ROUND = UUID.fromString("6f1c2b9e-8a53-4c1e-9d77-2f0a4b5c6d7e");

    @Test
    void shouldAddUpToTheExactSumsWhileNoPartialSumIsACountry() {
        List<String> countries = List.of("AT", "BG", "RO", "HU");
        int cells = 1000;
        Map<String, long[]> counts = new HashMap<>();
        long[] expected = new long[cells];
        for (int c = 0; c < countries.size(); c++) {
            long[] v = new long[cells];
            for (int i = 0; i < cells; i++) {
                v[i] = (i * 7L + c * 3L) % 5; // small counts, many of them 1 to 4
                expected[i] += v[i];
            }
            counts.put(countries.get(c), v);
        }
        // seeds.get(from).get(to): what "from" sent "to".
        Map<String, Map<String, byte[]>> seeds = new HashMap<>();
        Map<String, long[]> own = new HashMap<>();
        for (String from : countries) {
            List<long[]> outgoing = new ArrayList<>();
            for (String to : countries) {
                if (!to.equals(from)) {
                    byte[] seed = SecureSum.seed();
                    seeds.computeIfAbsent(from, k -> new HashMap<>()).put(to, seed);
                    outgoing.add(SecureSum.mask(seed, ROUND, from, to, cells));
                }
            }
            own.put(from, SecureSum.ownShare(counts.get(from), outgoing));
        }
        List<long[]> partials = new ArrayList<>();
        for (String to : countries) {
            List<long[]> incoming = new ArrayList<>();
            for (String from : countries) {
                if (!from.equals(to)) {
                    incoming.add(SecureSum.mask(seeds.get(from).get(to), ROUND, from, to, cells));
                }
            }
            long[] partial = SecureSum.partial(own.get(to), incoming);
            long small = java.util.Arrays.stream(partial).filter(x -> x >= 0 && x < 1000).count();
            // A partial sum is uniformly random: a value below 1000 has odds of 2^-54 per cell.
            assertEquals(0, small, "a partial sum of " + to + " looks like counts");
            partials.add(SecureSum.decode(SecureSum.encode(partial)));
        }
        assertArrayEquals(expected, SecureSum.total(partials, cells));
    }

    @Test
    void shouldDeriveTheSameMaskFromTheSameSeedOnlyForTheSameRoundAndPair() {
        byte[] seed = SecureSum.seed();
        assertArrayEquals(SecureSum.mask(seed, ROUND, "AT", "BG", 9), SecureSum.mask(seed.clone(), ROUND, "AT", "BG", 9));
        assertFalse(java.util.Arrays.equals(SecureSum.mask(seed, ROUND, "AT", "BG", 9), SecureSum.mask(seed, ROUND, "BG", "AT", 9)));
        assertFalse(java.util.Arrays.equals(SecureSum.mask(seed, ROUND, "AT", "BG", 9),
                SecureSum.mask(seed, UUID.randomUUID(), "AT", "BG", 9)));
        assertThrows(IllegalArgumentException.class, () -> SecureSum.mask(new byte[16], ROUND, "AT", "BG", 9));
    }

    @Test
    void shouldWrapModulo2To64() {
        long[] share = SecureSum.ownShare(new long[] { 3 }, List.of(new long[] { Long.MAX_VALUE }, new long[] { 5 }));
        assertArrayEquals(new long[] { 3 }, SecureSum.partial(share, List.of(new long[] { Long.MAX_VALUE }, new long[] { 5 })));
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
                FederationLayout.VERSION, 2026, Instant.parse("2026-12-03T10:00:00Z"));
        assertEquals(List.of("AT", "BG", "RO"), request.participants());
        assertEquals(request, Json.read(Json.write(request), StatsRequestPayload.class));
        StatsSharesPayload shares = new StatsSharesPayload(1, ROUND, SecureSum.encodeSeed(SecureSum.seed()));
        assertEquals(shares, Json.read(Json.write(shares), StatsSharesPayload.class));
        assertFalse(Json.write(shares.withoutSeed()).contains("seed"));
        StatsPartialPayload partial = new StatsPartialPayload(1, ROUND, 2, SecureSum.encode(new long[] { -1, 7 }));
        assertArrayEquals(new long[] { -1, 7 }, Json.read(Json.write(partial), StatsPartialPayload.class).vector());
        assertThrows(IllegalArgumentException.class, () -> new StatsRequestPayload(1, ROUND, "HU", List.of("AT", "BG", "RO"),
                FederationLayout.VERSION, 2026, Instant.now()));
        assertThrows(IllegalArgumentException.class, () -> new StatsPartialPayload(1, ROUND, 3, SecureSum.encode(new long[2])));
    }
}
