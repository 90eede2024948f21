package dev.ppo.runner.io;

import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * File operations that survive a crash or power loss at any instant: content is written to a
 * temporary sibling, forced to disk, then renamed over the target, and the directory is forced so
 * the rename itself is durable. A reader therefore sees either the old file or the new one, whole.
 */
public final class DurableFiles {

    /** Writes a file's content; may throw at any point without harming the target. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Fills a new directory; may throw at any point without harming the target. */
    public interface DirectoryContent {
        void writeInto(Path dir) throws IOException;
    }

    private DurableFiles() {
    }

    /**
     * Creates directory {@code target} whole or not at all: {@code content} fills a temporary
     * sibling, which is forced to disk and renamed into place (replacing {@code target} only if it
     * is an empty directory, checked by {@link #requireNewOrEmpty}). On failure the temporary
     * directory is removed and the exception passed on.
     */
    public static void createDirectory(Path target, String suffix, DirectoryContent content) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + suffix + "-tmp");
        try {
            deleteRecursively(temp);
            Files.createDirectories(temp);
            content.writeInto(temp);
            fsyncTree(temp);
            if (Files.isDirectory(absolute)) {
                Files.delete(absolute); // empty, checked by the caller
            }
            move(temp, absolute);
            fsyncDirectory(absolute.getParent());
        } catch (IOException | RuntimeException e) {
            try {
                deleteRecursively(temp);
            } catch (IOException ignored) {
                // the caller's message matters more than the leftover temporary directory
            }
            throw e;
        }
    }

    /**
     * Refuses an output directory that holds anything or is a file, or whose parent is missing,
     * naming it as {@code what} (e.g. "export directory").
     */
    public static void requireNewOrEmpty(Path target, String what) {
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new PpoException(what + " " + target + " is a file; give a new or empty directory");
            }
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new PpoException(what + " " + target + " is not empty; give a new or empty"
                            + " directory (nothing was changed)");
                }
            } catch (IOException e) {
                throw new PpoException("cannot read " + what + " " + target + ": " + e.getMessage(), e);
            }
        }
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new PpoException(what + " " + target + ": its parent " + parent + " does not exist");
        }
    }

    /** Replaces {@code target} by {@code content} atomically and durably. */
    public static void replace(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.writeTo(out);
        }
        CrashPoint.reach("replace:" + target.getFileName());
        fsync(tmp);
        move(tmp, target);
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /** Forces a file's content to disk. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Forces every regular file under {@code dir}, then the directory itself. */
    public static void fsyncTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                if (Files.isRegularFile(p)) {
                    fsync(p);
                }
            }
        }
        fsyncDirectory(dir);
    }

    /** Forces a directory's entries (a rename into it) to disk, where the platform allows it. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms cannot open a directory for syncing; the rename is still atomic there
        }
    }

    /** Renames atomically where the file system can (everywhere on Linux within one directory). */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
