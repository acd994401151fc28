package io.embapi.query.user;

/** A page of users, ordered by handle (punctuation ignored at the first level, as in the reference). */
record ListUsersQuery(int limit, int offset) {
}
