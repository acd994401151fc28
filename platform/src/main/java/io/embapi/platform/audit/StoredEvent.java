package io.embapi.platform.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of {@code domainevententry} exactly as stored: the bytes the chain hash covers. Payload and metadata are
 * the serialized bytes, never re-serialized, so any change to the stored row changes the hash.
 */
record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                   String type, String payloadType, String payloadRevision, String timestamp, byte[] payload,
                   byte[] metadata) {

    /** The columns {@link #read(ResultSet, int)} expects, in order, qualified with {@code alias}. */
    static String columns(String alias) {
        String a = alias + ".";
        return a + "globalindex, " + a + "eventidentifier, " + a + "aggregateidentifier, " + a + "sequencenumber, "
                + a + "type, " + a + "payloadtype, " + a + "payloadrevision, " + a + "\"timestamp\", " + a + "payload, "
                + a + "metadata";
    }

    /** Reads the {@link #columns(String)} starting at column {@code first}. */
    static StoredEvent read(ResultSet rs, int first) throws SQLException {
        int c = first;
        return new StoredEvent(rs.getLong(c), rs.getString(c + 1), rs.getString(c + 2), rs.getLong(c + 3),
                rs.getString(c + 4), rs.getString(c + 5), rs.getString(c + 6), rs.getString(c + 7),
                rs.getBytes(c + 8), rs.getBytes(c + 9));
    }
}
