package org.trm.model.payload;

/**
 * The victim withdrew consent: the partner stops processing and, as {@code instruction} says,
 * erases ({@code ERASE}) or restricts ({@code RESTRICT}) what it received.
 */
public record ConsentWithdrawnPayload(int v, String withdrawnAt, String instruction) {
}
