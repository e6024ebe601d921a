package ma.amo.common.contract;

import java.util.List;
import java.util.Set;

/**
 * One column of a feed as the contract defines it.
 *
 * @param name          exact header name
 * @param type          value type
 * @param required      false when the contract says "nullable"
 * @param allowedValues closed list of values, empty when the column is free or uses a code list
 * @param codeList      reference code list the value must be in, or null
 * @param identifier    how the column is pseudonymised on ingestion
 */
public record Column(String name, ColumnType type, boolean required, Set<String> allowedValues, CodeList codeList,
                     IdentifierKind identifier) {

    public Column {
        allowedValues = Set.copyOf(allowedValues);
    }

    static Column required(String name, ColumnType type) {
        return new Column(name, type, true, Set.of(), null, IdentifierKind.NONE);
    }

    static Column nullable(String name, ColumnType type) {
        return new Column(name, type, false, Set.of(), null, IdentifierKind.NONE);
    }

    Column oneOf(String... values) {
        return new Column(name, type, required, Set.copyOf(List.of(values)), codeList, identifier);
    }

    Column in(CodeList list) {
        return new Column(name, type, required, allowedValues, list, identifier);
    }

    Column pseudonymised(IdentifierKind kind) {
        return new Column(name, type, required, allowedValues, codeList, kind);
    }

    public boolean isIdentifier() {
        return identifier != IdentifierKind.NONE;
    }
}
