package dev.asynccom.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files asynccom writes ({@code latency.csv}, the client's {@code --csv}): one dialect, read and
 * printed by Apache Commons CSV.
 */
public final class CsvFile {

    /**
     * RFC 4180 with {@code '\n'} line ends: a value holding a comma, a quote or a line break is quoted, a
     * quote inside doubled. Reading keeps empty lines as records, so that line numbers stay those of the
     * file, and keeps text after a closing quote ({@code "a"b} reads {@code ab}).
     */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator('\n').setIgnoreEmptyLines(false).setTrailingData(true).get();

    private CsvFile() {
    }

    /**
     * One record of a file.
     *
     * @param number the line it starts on, 1-based (a quoted line break makes a record span more)
     * @param fields its values, unquoted
     */
    public record Line(int number, List<String> fields) {
        public Line {
            fields = List.copyOf(fields);
        }

        /** Whether the line holds nothing but white space. */
        public boolean isBlank() {
            return fields.size() == 1 && fields.getFirst().isBlank();
        }
    }

    /**
     * Every record of a UTF-8 file (a byte-order mark is skipped), in file order; blank lines are left out,
     * except a blank first line, so a caller can tell that the header is missing.
     *
     * @throws BadInputException naming the file, and the line when a quoted value is not closed
     */
    public static List<Line> read(Path file) throws BadInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.unreadable(file, e);
        }
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text.startsWith("\uFEFF") ? text.substring(1) : text, FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // Empty lines are records too, so the next record starts on the line after the last one read.
                int number = Math.toIntExact(parser.getCurrentLineNumber()) + 1;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                } catch (UncheckedIOException e) {
                    // Text after a closing quote is kept, so a quote left open is the format's one error.
                    throw BadInputException.at(file, number, "a quoted value is not closed");
                }
                Line line = new Line(number, records.next().toList());
                if (number == 1 || !line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("parsing a string does no I/O", e);
        }
        return lines;
    }

    /** A printer of {@link #FORMAT} into {@code file} (UTF-8, opened with {@code options}), creating its parent folders. */
    public static CSVPrinter printer(Path file, OpenOption... options) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, options), FORMAT);
    }
}
