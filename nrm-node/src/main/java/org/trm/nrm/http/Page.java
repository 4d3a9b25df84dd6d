package org.trm.nrm.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a search: the items, which page it is, and how many match in total. When a search
 * matches more than {@link #COUNT_CAP}, {@code total} is the cap and {@code totalCapped} is true:
 * counting every match of a broad search would cost more than reading the page.
 */
public record Page<T>(List<T> items, int page, int size, long total, boolean totalCapped) {
    public static final int COUNT_CAP = 1000;

    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, false);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total, totalCapped);
    }
}
