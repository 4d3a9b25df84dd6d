package org.trm.model.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.trm.model.code.Phase;

/** News about a linked case: a phase change, services given, proceedings, an outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseUpdatePayload(int v, Phase phase, List<String> servicesProvided, String proceedings, String note) {
}
