package io.raftbeat.schema;

import com.thaiopensource.util.PropertyMap;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.SAXSchemaReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validates with jing against Pacemaker's RelaxNG files in one directory, checking ID uniqueness and IDREF targets
 * as libxml2 does for Pacemaker. Compiled schemas are cached per file (thread-safe; jing's {@link Schema} is
 * immutable and hands out a fresh {@link Validator} per document). A schema that fails to load is not cached, so a
 * file installed later is picked up.
 */
public final class JingSchemaValidator implements SchemaValidator {
    private static final Map<Path, JingSchemaValidator> BY_DIRECTORY = new ConcurrentHashMap<>();

    private final Path directory;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, IdTypes> idTypes = new ConcurrentHashMap<>();

    public JingSchemaValidator(Path directory) {
        this.directory = directory;
    }

    /** One shared validator (and schema cache) per schema directory. */
    public static JingSchemaValidator forDirectory(Path directory) {
        return BY_DIRECTORY.computeIfAbsent(directory.toAbsolutePath().normalize(), JingSchemaValidator::new);
    }

    /** Compiles the schema now, so that the first write that needs it does not wait seconds for it. */
    public void preload(String schemaName) throws SchemaException {
        schema(schemaName);
        idTypes(schemaName);
    }

    @Override
    public void validate(Document cib, Document structure, String schemaName) throws SchemaException {
        Schema schema = schema(schemaName);
        FirstError errors = new FirstError();
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, errors);
        Validator validator = schema.createValidator(props.toPropertyMap());
        try {
            DomToSax.feed(structure, validator.getContentHandler());
        } catch (SAXException e) {
            // FirstError stops jing at the first error; anything else is reported the same way.
        }
        if (errors.first != null) {
            throw new SchemaException(SchemaException.Kind.INVALID, errors.first);
        }
        IdRefCheck.check(cib, idTypes(schemaName));
    }

    private IdTypes idTypes(String name) throws SchemaException {
        IdTypes cached = idTypes.get(name);
        if (cached == null) {
            cached = IdTypes.read(directory.resolve(name + ".rng"));
            IdTypes raced = idTypes.putIfAbsent(name, cached);
            cached = raced != null ? raced : cached;
        }
        return cached;
    }

    private Schema schema(String name) throws SchemaException {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new SchemaException(SchemaException.Kind.UNAVAILABLE, "schema name '" + name + "' is not valid");
        }
        Schema cached = schemas.get(name);
        if (cached != null) {
            return cached;
        }
        Path file = directory.resolve(name + ".rng");
        if (!Files.isReadable(file)) {
            throw new SchemaException(SchemaException.Kind.UNAVAILABLE, "schema file " + file + " does not exist");
        }
        Schema schema = compile(file);
        Schema raced = schemas.putIfAbsent(name, schema);
        return raced != null ? raced : schema;
    }

    private static Schema compile(Path file) throws SchemaException {
        FirstError errors = new FirstError();
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, errors);
        PropertyMap map = props.toPropertyMap();
        try {
            return SAXSchemaReader.getInstance()
                    .createSchema(new InputSource(file.toUri().toString()), map);
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            String why = errors.first != null ? errors.first : String.valueOf(e.getMessage());
            throw new SchemaException(
                    SchemaException.Kind.UNAVAILABLE, "schema file " + file + " cannot be loaded: " + why);
        }
    }

    /** Keeps the first error and stops there. */
    private static final class FirstError implements ErrorHandler {
        String first;

        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            if (first == null) {
                first = e.getMessage() == null
                        ? "validation error"
                        : e.getMessage().replaceAll("\\s+", " ").trim();
            }
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
        }
    }
}
