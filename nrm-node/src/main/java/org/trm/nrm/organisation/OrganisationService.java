package org.trm.nrm.organisation;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.trm.nrm.http.Versions;
import org.trm.nrm.problem.ErrorCode;
import org.trm.nrm.problem.NrmException;

/** The register of organisations that cases and service referrals point to. */
@ApplicationScoped
public class OrganisationService {

    @Inject
    OrganisationRepository organisations;

    public List<Organisation> list() {
        return organisations.listAll(Sort.by("id"));
    }

    public Optional<Organisation> find(String id) {
        return organisations.findByIdOptional(id);
    }

    @Transactional
    public Organisation create(OrganisationCommand in) {
        if (organisations.findByIdOptional(in.id()).isPresent()) {
            throw new NrmException(ErrorCode.DUPLICATE, "an organisation with this id exists");
        }
        Organisation org = new Organisation();
        org.id = in.id();
        org.createdAt = Instant.now();
        apply(org, in);
        organisations.persist(org);
        return org;
    }

    @Transactional
    public Organisation update(String id, long version, OrganisationCommand in) {
        Organisation org = organisations.findByIdOptional(id).orElseThrow(() -> NrmException.notFound("organisation"));
        if (!id.equals(in.id())) {
            throw new NrmException(ErrorCode.INVALID_VALUE, "the id of an organisation cannot change");
        }
        Versions.check(Optional.of(version), org.version);
        apply(org, in);
        organisations.flush();
        return org;
    }

    /** Refuses a reference to an organisation this node does not know. */
    public void requireKnown(String id, String field) {
        if (id != null && organisations.findByIdOptional(id).isEmpty()) {
            throw new NrmException(ErrorCode.UNKNOWN_ORGANISATION, "'" + field + "' names no registered organisation");
        }
    }

    private static void apply(Organisation org, OrganisationCommand in) {
        org.name = in.name();
        org.type = in.type();
        org.country = in.country();
        org.active = in.active() == null || in.active();
    }
}
