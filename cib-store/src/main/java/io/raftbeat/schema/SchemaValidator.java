package io.raftbeat.schema;

import org.w3c.dom.Document;

/**
 * Checks a CIB against the RelaxNG schema its {@code validate-with} names, as Pacemaker's CIB does before it accepts
 * a configuration change. Implementations must be thread-safe (members validate on their apply thread, the CLI on
 * its own) and deterministic: the same document and schema always give the same verdict and the same first error.
 * Kept small so that a later implementation can validate only what a change touched.
 */
public interface SchemaValidator {
    /**
     * Validates the whole document against {@code <schema dir>/<schemaName>.rng}.
     *
     * @throws SchemaException INVALID with the validator's first error, or UNAVAILABLE naming the schema file that
     *     cannot be read or compiled
     */
    default void validate(Document cib, String schemaName) throws SchemaException {
        validate(cib, cib, schemaName);
    }

    /**
     * Validates the element structure of {@code structure} (the CIB itself, or a document that stands for it: its
     * skeleton and the elements a change touched) against the schema, and the ID/IDREF rules over the whole
     * {@code cib}, whose references may point anywhere.
     */
    void validate(Document cib, Document structure, String schemaName) throws SchemaException;
}
