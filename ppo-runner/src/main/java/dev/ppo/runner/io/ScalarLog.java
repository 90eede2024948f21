package dev.ppo.runner.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.runner.error.PpoException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of a run written row by row as JSON Lines or CSV, flushed as written so a crashed run
 * keeps its history: {@code scalars.*} (one row per iteration) and
 * {@code episodes.*} (one row per finished episode), see {@link RunLog}. The first column orders
 * the rows; a resumed run drops the rows after its checkpoint, which it is about to recompute.
 * Rows are only ever appended; the one rewrite (on resume) is atomic, see {@link #repair}.
 */
public final class ScalarLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final boolean csv;
    private final String keyColumn;
    private final BufferedWriter out;
    private List<String> columns;
    private long maxKeyBefore;

    /**
     * @param name        file name without extension, e.g. {@code scalars}
     * @param keyColumn   the first column, e.g. {@code iteration}
     * @param resumeAfter key of the checkpoint a resumed run starts from (later rows are dropped);
     *                    0 for a new run
     */
    public ScalarLog(Path runDir, String name, String format, String keyColumn, long resumeAfter) {
        this.csv = format.equals("csv");
        this.keyColumn = keyColumn;
        Path file = runDir.resolve(name + (csv ? ".csv" : ".jsonl"));
        try {
            if (Files.exists(file)) {
                repair(file, resumeAfter);
            }
            CrashPoint.reach("append:" + file.getFileName());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PpoException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Drops the rows a resumed run is about to recompute (keys past {@code resumeAfter}) and any
     * line cut short by a crash. The log is rewritten only when something must go, and then
     * atomically: a kill at any instant leaves the old file or the new one, never a partial one.
     */
    private void repair(Path file, long resumeAfter) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        boolean changed = !text.isEmpty() && !text.endsWith("\n");
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (kept.isEmpty() && csv && columns == null) {
                kept.add(line); // header
                columns = List.of(line.split(","));
                continue;
            }
            long key = keyOf(line);
            if (key != Long.MAX_VALUE) {
                maxKeyBefore = Math.max(maxKeyBefore, key);
            }
            if (key <= resumeAfter) {
                kept.add(line);
            } else {
                changed = true;
            }
        }
        if (changed) {
            DurableFiles.replace(file, out -> {
                for (String line : kept) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }
    }

    /** The largest key the file held before it was opened (0 if none): rows up to it were already sent to sinks. */
    public long maxKeyBefore() {
        return maxKeyBefore;
    }

    private long keyOf(String line) {
        try {
            return csv ? Long.parseLong(line.substring(0, line.indexOf(',')))
                    : JSON.readTree(line).get(keyColumn).asLong();
        } catch (RuntimeException | IOException e) {
            return Long.MAX_VALUE; // unreadable rows are dropped
        }
    }

    public void write(Map<String, ?> row) {
        try {
            if (csv) {
                if (columns == null) {
                    columns = List.copyOf(row.keySet());
                    out.write(String.join(",", columns));
                    out.newLine();
                }
                List<String> cells = new ArrayList<>();
                for (String c : columns) {
                    cells.add(String.valueOf(row.get(c)));
                }
                out.write(String.join(",", cells));
            } else {
                Map<String, Object> clean = new LinkedHashMap<>();
                // JSON has no NaN: write null
                row.forEach((k, v) -> clean.put(k, v instanceof Double d && !Double.isFinite(d) ? null : v));
                out.write(JSON.writeValueAsString(clean));
            }
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new PpoException("cannot write scalars: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing left to save
        }
    }
}
