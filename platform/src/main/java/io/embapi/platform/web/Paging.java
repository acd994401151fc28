package io.embapi.platform.web;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code limit}/{@code offset} query parameters with the reference's bounds: limit 1..200, offset >= 0.
 *
 * @param limit  page size
 * @param offset rows to skip
 */
public record Paging(int limit, int offset) {

    public static final int MAX_LIMIT = 200;

    public static Paging of(Long limit, Long offset, int defaultLimit) {
        long l = limit == null ? defaultLimit : limit;
        long o = offset == null ? 0 : offset;
        List<ValidationError> errors = new ArrayList<>();
        if (l < 1) {
            errors.add(new ValidationError("expected number >= 1", "query.limit", l));
        } else if (l > MAX_LIMIT) {
            errors.add(new ValidationError("expected number <= " + MAX_LIMIT, "query.limit", l));
        }
        if (o < 0) {
            errors.add(new ValidationError("expected number >= 0", "query.offset", o));
        } else if (o > Integer.MAX_VALUE) {
            errors.add(new ValidationError("expected number <= " + Integer.MAX_VALUE, "query.offset", o));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validationFailed(errors);
        }
        return new Paging((int) l, (int) o);
    }
}
