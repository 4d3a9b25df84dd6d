package org.trm.nrm.http;

import java.util.List;
import java.util.function.Function;

/** One page of a search: the items, which page it is, and how many match in total. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
