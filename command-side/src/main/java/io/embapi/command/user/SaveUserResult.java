package io.embapi.command.user;

/** Whether saving a user created it (its new key is then shown once) or updated an existing one. */
enum SaveUserResult {
    CREATED,
    UPDATED
}
