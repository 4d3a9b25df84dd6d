package org.trm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trm.model.code.MessageType;
import org.trm.model.directory.Agreement;
import org.trm.model.directory.Coverage;
import org.trm.model.directory.Directory;
import org.trm.model.directory.DirectoryCodec;
import org.trm.model.directory.FocalPoint;
import org.trm.model.json.Json;
import org.trm.model.problem.ProblemType;
import org.trm.model.problem.ProtocolException;

class AgreementRevisionTest {
    private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JUL = Instant.parse("2026-07-01T00:00:00Z");
    private static final Instant END = Instant.parse("2027-01-01T00:00:00Z");
    private static final Set<MessageType> ALL = EnumSet.allOf(MessageType.class);

    private static Agreement revision(int n, List<String> parties, Set<MessageType> types, Instant from, Instant until) {
        return new Agreement("AT-BG", n, parties, types, from, until, Duration.ofDays(3),
                parties.stream().map(p -> new FocalPoint(p, "National coordinator " + p, "mailto:trm@" + p.toLowerCase()
                        + ".example")).toList());
    }

    private static Directory directory(Agreement... agreements) {
        return new Directory(1, JAN, Fixtures.DIRECTORY.participants(), List.of(agreements));
    }

    private static ProblemType refusal(Coverage c) {
        return ((Coverage.Refused) c).problem();
    }

    @Test
    void shouldReplaceARevisionFromItsStartDateAndKeepTheOldOneReadable() {
        Directory d = directory(revision(1, List.of("AT", "BG"), ALL, JAN, END),
                revision(2, List.of("AT", "BG"), EnumSet.of(MessageType.REFERRAL, MessageType.REFERRAL_RESPONSE), JUL, END));
        Instant june = JUL.minusSeconds(1);
        assertEquals(1, d.agreement("AT", "BG", MessageType.CASE_UPDATE, june).orElseThrow().revision());
        assertEquals(ProblemType.TYPE_NOT_COVERED, refusal(d.coverage("AT", "BG", MessageType.CASE_UPDATE, JUL)));
        assertEquals(2, d.agreement("BG", "AT", MessageType.REFERRAL, JUL).orElseThrow().revision());
        assertEquals(List.of(1, 2), d.revisions("AT-BG").stream().map(Agreement::revision).toList());
        assertEquals(1, d.inForce("AT-BG", june).orElseThrow().revision());
        assertEquals(2, d.inForce("AT-BG", JUL).orElseThrow().revision());
    }

    @Test
    void shouldTellExpiredFromNotYetValidFromNoneAtAll() {
        Directory d = directory(revision(1, List.of("AT", "BG"), ALL, JUL, END));
        assertEquals(ProblemType.AGREEMENT_NOT_YET_VALID, refusal(d.coverage("AT", "BG", MessageType.REFERRAL, JAN)));
        assertEquals(ProblemType.AGREEMENT_EXPIRED, refusal(d.coverage("AT", "BG", MessageType.REFERRAL, END)));
        assertEquals(ProblemType.NO_AGREEMENT, refusal(d.coverage("AT", "RO", MessageType.REFERRAL, JUL)));
        // A revision that ended is not revived by the older one it replaced.
        Directory replaced = directory(revision(1, List.of("AT", "BG"), ALL, JAN, null),
                revision(2, List.of("AT", "BG"), ALL, JUL, END));
        assertEquals(ProblemType.AGREEMENT_EXPIRED, refusal(replaced.coverage("AT", "BG", MessageType.REFERRAL, END)));
    }

    @Test
    void shouldLetReceiptsAnswerUnderARevisionThatHasSinceEnded() {
        Directory d = directory(revision(1, List.of("AT", "BG"), EnumSet.of(MessageType.REFERRAL), JAN, JUL));
        assertTrue(d.covers("BG", "AT", MessageType.RECEIPT, END));
        assertTrue(d.covers("AT", "BG", MessageType.DELIVERY_FAILURE, END));
        assertEquals(ProblemType.AGREEMENT_NOT_YET_VALID,
                refusal(d.coverage("BG", "AT", MessageType.RECEIPT, JAN.minusSeconds(1))));
    }

    @Test
    void shouldCoverEveryPairOfAMultilateralAgreement() {
        Directory d = directory(new Agreement("BSR-TRM", 1, List.of("AT", "BG", "RO"), ALL, JAN, null,
                Duration.ofDays(5), List.of()));
        assertEquals("BSR-TRM", d.agreement("RO", "BG", MessageType.REFERRAL, JUL).orElseThrow().id());
        assertEquals("BSR-TRM", d.agreement("AT", "RO", MessageType.REFERRAL, JUL).orElseThrow().id());
        // A revision that drops a party ends the agreement for that party only.
        Directory without = directory(new Agreement("BSR-TRM", 1, List.of("AT", "BG", "RO"), ALL, JAN, null,
                Duration.ofDays(5), List.of()), new Agreement("BSR-TRM", 2, List.of("AT", "BG"), ALL, JUL, null,
                Duration.ofDays(5), List.of()));
        assertEquals(ProblemType.NO_AGREEMENT, refusal(without.coverage("AT", "RO", MessageType.REFERRAL, JUL)));
        assertTrue(without.covers("AT", "BG", MessageType.REFERRAL, JUL));
    }

    @Test
    void shouldRefuseAmbiguousRevisionsAndFocalPointsOfNoParty() {
        assertThrows(IllegalArgumentException.class, () -> directory(revision(1, List.of("AT", "BG"), ALL, JUL, null),
                revision(2, List.of("AT", "BG"), ALL, JAN, null)));
        assertThrows(IllegalArgumentException.class, () -> directory(revision(1, List.of("AT", "BG"), ALL, JAN, null),
                revision(1, List.of("AT", "BG"), ALL, JUL, null)));
        assertThrows(IllegalArgumentException.class, () -> new Agreement("AT-BG", 1, List.of("AT", "BG"), ALL, JAN,
                null, Duration.ofDays(3), List.of(new FocalPoint("RO", "NRM RO", "mailto:x@ro.example"))));
        assertThrows(IllegalArgumentException.class, () -> new Agreement("AT", 1, List.of("AT"), ALL, JAN, null,
                Duration.ofDays(3), List.of()));
        // Read from a signed directory, any of these is directory-invalid, not a half-read agreement.
        String json = Json.write(directory(revision(1, List.of("AT", "BG"), ALL, JAN, null)))
                .replace("\"revision\":1", "\"revision\":0");
        assertEquals(ProblemType.DIRECTORY_INVALID,
                assertThrows(ProtocolException.class, () -> DirectoryCodec.parse(json)).problem());
    }

    @Test
    void shouldReadAnAgreementWrittenBeforeRevisionsAsRevisionOne() {
        Directory d = directory(new Agreement("AT-BG", List.of("AT", "BG"), ALL, JAN, null, Duration.ofDays(3)));
        String old = Json.write(d).replace("\"revision\":1,", "").replace(",\"focalPoints\":[]", "");
        Agreement read = DirectoryCodec.parse(old).agreements().get(0);
        assertEquals(1, read.revision());
        assertEquals(List.of(), read.focalPoints());
        assertEquals(d, DirectoryCodec.parse(Json.write(d)));
    }
}
