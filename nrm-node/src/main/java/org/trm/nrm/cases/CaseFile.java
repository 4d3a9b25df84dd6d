package org.trm.nrm.cases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.trm.model.code.AgeBand;
import org.trm.model.code.FormOfExploitation;
import org.trm.model.code.Gender;
import org.trm.model.code.IdentificationStatus;
import org.trm.model.code.Phase;

/**
 * A presumed or identified victim's case: metadata only. Names and contact details live in
 * {@code PersonalData}, so that this row can be listed, searched and counted without exposing a person.
 */
@Entity
@Table(name = "case_file")
public class CaseFile extends PanacheEntityBase {
    @Id
    public UUID id;
    public String reference;
    @Enumerated(EnumType.STRING)
    public Phase phase;
    @Enumerated(EnumType.STRING)
    public IdentificationStatus identificationStatus;
    /** Enum names; an array column so that a search by form needs no join. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] formsOfExploitation;
    public String citizenship;
    public String countryOfOrigin;
    public String countryOfExploitation;
    public String referringOrganisationId;
    public String leadOrganisationId;
    /** Kept with the metadata (not the personal data) because statistics count by sex and age band. */
    @Enumerated(EnumType.STRING)
    public Gender sex;
    public Integer ageAtIdentification;
    /** Set while the age is disputed: the person is treated as a child until an assessment decides. */
    public boolean ageDisputed;
    /** An adult who declined: recorded without identifying fields, still counted in the statistics. */
    public boolean anonymous;
    @Column(name = "do_not_contact_origin")
    public boolean doNotContactCountryOfOrigin;
    /** While set, the case is never shared with its country of origin (see SharingPolicy). */
    @Enumerated(EnumType.STRING)
    public InternationalProtectionStatus internationalProtectionStatus;
    public LocalDate asylumAppliedOn;
    public LocalDate reflectionPeriodStart;
    public LocalDate reflectionPeriodEnd;
    public String closureReason;
    public Instant personalDataErasedAt;
    public Instant createdAt;
    public String createdBy;
    public Instant updatedAt;
    @Version
    public int version;

    public Set<FormOfExploitation> forms() {
        Set<FormOfExploitation> forms = EnumSet.noneOf(FormOfExploitation.class);
        Arrays.stream(formsOfExploitation).map(FormOfExploitation::valueOf).forEach(forms::add);
        return forms;
    }

    public void forms(Set<FormOfExploitation> forms) {
        formsOfExploitation = forms.stream().sorted().map(Enum::name).toArray(String[]::new);
    }

    /** Do not contact the country of origin: as marked, or because the person seeks or has international protection. */
    public boolean mustNotContactOrigin() {
        return doNotContactCountryOfOrigin || internationalProtectionStatus != null;
    }

    /**
     * Under 18, or presumed so while the age is disputed (CoE Convention Art. 10(3)): a child's consent
     * is given by a guardian.
     */
    public boolean isChild() {
        return ageDisputed || AgeBand.of(ageAtIdentification).filter(AgeBand.CHILD::equals).isPresent();
    }
}
