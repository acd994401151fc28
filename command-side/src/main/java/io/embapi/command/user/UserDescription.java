package io.embapi.command.user;

/** A user's current input representation and stream version, as PATCH starts from it. */
record UserDescription(String name, String email, long version) {
}
