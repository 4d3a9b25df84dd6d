package org.trm.nrm.referral.service;

import java.time.LocalDate;
import java.util.List;
import org.trm.model.code.Phase;
import org.trm.model.code.MessageType;

/** A message in a running conversation; which fields apply depends on {@code type}. */
public record MessageCommand(
        MessageType type,
        Phase phase,
        List<String> servicesProvided,
        String proceedings,
        String note,
        String text,
        LocalDate plannedDate,
        String outcome,
        Boolean reached,
        LocalDate contactedOn) {
}
