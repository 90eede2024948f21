package dev.ppo.runner.io;

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

    private DurableFiles() {
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
