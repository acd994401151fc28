package io.embapi.query.user;

/** The user with this handle, if it exists. */
record FindUserQuery(String userHandle) {
}
