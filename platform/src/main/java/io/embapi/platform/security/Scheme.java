package io.embapi.platform.security;

/**
 * The credential schemes an operation may accept, in the order the pipeline tries them (reference §2.5):
 * admin key, then an auditor key (read-only, ADR 0010), then the key of the user named in the path, then a member
 * with editing rights, then a reader.
 */
public enum Scheme {
    ADMIN,
    /**
     * A read-only auditor credential granted by the admin. Declared by the audit operations; on other reads it is
     * implied wherever the admin may read (except under {@code /v1/admin/}), and on every write it is refused with
     * 403 ({@link AuthenticationInterceptor}).
     */
    AUDITOR,
    OWNER,
    EDITOR,
    READER
}
