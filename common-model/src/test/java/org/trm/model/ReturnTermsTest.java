package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trm.model.code.MessageType;
import org.trm.model.code.SupportNeed;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.json.Json;
import org.trm.model.payload.ReturnFollowUpPayload;
import org.trm.model.payload.ReturnPrenotificationPayload;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

/** Safe return on the wire: the agreement's lead time and follow-ups, and the two payloads. */
class ReturnTermsTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");

    private static Agreement agreement(Period lead, List<Period> followUps) {
        return new Agreement("AT-BG", 1, List.of("AT", "BG"), EnumSet.allOf(MessageType.class), JAN, null,
                Duration.ofDays(3), List.of(), lead, followUps);
    }

    @Test
    void shouldReadTheAgreedLeadTimeAndFollowUpsAsIsoPeriodsAndLeaveThemOutWhenNoneAreAgreed() {
        Directory d = new Directory(1, JAN, Fixtures.DIRECTORY.participants(),
                List.of(agreement(Period.ofDays(14), List.of(Period.ofMonths(1), Period.ofMonths(3), Period.ofMonths(6)))));
        String json = Json.write(d);
        assertTrue(json.contains("\"returnLeadTime\":\"P14D\"") && json.contains("\"returnFollowUps\":[\"P1M\",\"P3M\",\"P6M\"]"), json);
        Agreement read = DirectoryCodec.parse(json).agreements().get(0);
        assertEquals(Period.ofDays(14), read.returnLeadTime());
        assertEquals(List.of(Period.ofMonths(1), Period.ofMonths(3), Period.ofMonths(6)), read.returnFollowUps());

        String without = Json.write(new Directory(1, JAN, Fixtures.DIRECTORY.participants(), List.of(agreement(null, null))));
        assertFalse(without.contains("returnLeadTime") || without.contains("returnFollowUps"), without);
        assertEquals(List.of(), DirectoryCodec.parse(without).agreements().get(0).returnFollowUps());
    }

    @Test
    void shouldRefuseANegativeLeadTimeAndFollowUpsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> agreement(Period.ofDays(-1), List.of()));
        assertThrows(IllegalArgumentException.class, () -> agreement(null, List.of(Period.ofMonths(3), Period.ofMonths(1))));
        assertThrows(IllegalArgumentException.class, () -> agreement(null, List.of(Period.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> agreement(null, List.of(Period.ofMonths(1), Period.ofDays(31))));
        String json = Json.write(new Directory(1, JAN, Fixtures.DIRECTORY.participants(), List.of(agreement(Period.ofDays(14), null))))
                .replace("\"P14D\"", "\"P-14D\"");
        assertEquals(ProblemType.DIRECTORY_INVALID, assertThrows(ProtocolException.class, () -> DirectoryCodec.parse(json)).problem());
    }

    @Test
    void shouldCarryNoFieldAboutAPersonInAPrenotification() {
        ReturnPrenotificationPayload p = new ReturnPrenotificationPayload(1, "AT-2026-000123", 2, "2027-03-01",
                List.of(SupportNeed.RECEPTION_ON_ARRIVAL, SupportNeed.CHILD_PROTECTION));
        String json = Json.write(p);
        assertEquals("{\"v\":1,\"reference\":\"AT-2026-000123\",\"persons\":2,\"plannedDeparture\":\"2027-03-01\","
                + "\"supportNeeds\":[\"RECEPTION_ON_ARRIVAL\",\"CHILD_PROTECTION\"]}", json);
        assertEquals(p, Json.read(json, ReturnPrenotificationPayload.class));
        // A name slipped in is not a field of this payload: malformed, never carried.
        for (String bad : List.of(json.replace("}", ",\"firstName\":\"Ana\"}"), json.replace("\"persons\":2", "\"persons\":0"),
                json.replace("2027-03-01", "01.03.2027"), json.replace("\"CHILD_PROTECTION\"", "\"SPA\""))) {
            assertEquals(ProblemType.MALFORMED,
                    assertThrows(ProtocolException.class, () -> Json.read(bad, ReturnPrenotificationPayload.class)).problem(), bad);
        }
    }

    @Test
    void shouldTakeAFollowUpThatSaysThePersonWasNotReachedButNoContactDateWithIt() {
        assertFalse(Json.read("{\"v\":1,\"reached\":false,\"note\":\"no answer at the address given\"}",
                ReturnFollowUpPayload.class).reached());
        assertEquals(ProblemType.MALFORMED, assertThrows(ProtocolException.class, () -> Json.read(
                "{\"v\":1,\"reached\":false,\"contactedOn\":\"2027-04-01\"}", ReturnFollowUpPayload.class)).problem());
    }
}
