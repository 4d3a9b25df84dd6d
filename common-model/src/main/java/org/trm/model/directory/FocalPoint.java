package org.trm.model.directory;

/**
 * Who answers for an agreement in one party's country: the institution (its national coordinator or
 * the office the agreement names) and the channel to reach it. Names an office, never a person's
 * private data, since the directory is public to every participant.
 */
public record FocalPoint(String country, String institution, String contact) {

    public FocalPoint {
        if (country == null || !country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("a focal point names its party's country code");
        }
        if (institution == null || institution.isBlank() || contact == null || contact.isBlank()) {
            throw new IllegalArgumentException("a focal point names an institution and a contact channel");
        }
    }
}
