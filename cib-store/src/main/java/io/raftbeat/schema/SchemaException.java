package io.raftbeat.schema;

/** Why a document could not be accepted by a {@link SchemaValidator}: one readable line. */
public final class SchemaException extends Exception {
    /** What went wrong. */
    public enum Kind {
        /** The document does not conform to the schema. */
        INVALID,
        /** The schema file is missing, unreadable or not a RelaxNG schema. */
        UNAVAILABLE
    }

    private final Kind kind;

    public SchemaException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
