package io.embapi.platform.security;

/**
 * The credential schemes an operation may accept, in the order the pipeline tries them (reference §2.5):
 * admin key, then the key of the user named in the path, then a member with editing rights, then a reader.
 */
public enum Scheme {
    ADMIN,
    OWNER,
    EDITOR,
    READER
}
