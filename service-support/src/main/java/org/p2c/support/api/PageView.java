package org.p2c.support.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/** One page of a list, in the shape every list of the API answers with. */
public record PageView<T>(
        @Schema(description = "The items of this page, in the requested order") List<T> items,
        @Schema(description = "The page, counted from 0", example = "0") int page,
        @Schema(description = "Items per page, 1 to 100", example = "20") int size,
        @Schema(example = "1") long totalItems,
        @Schema(example = "1") int totalPages) {

    public static <T> PageView<T> of(List<T> items, PageRequest request, long totalItems) {
        int totalPages = (int) ((totalItems + request.size() - 1) / request.size());
        return new PageView<>(items, request.page(), request.size(), totalItems, totalPages);
    }

    public <R> PageView<R> map(Function<T, R> mapper) {
        return new PageView<>(items.stream().map(mapper).toList(), page, size, totalItems, totalPages);
    }
}
