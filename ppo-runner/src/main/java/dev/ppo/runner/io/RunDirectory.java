package dev.ppo.runner.io;

import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A run directory owned by one training process: an exclusive lock on {@code RUN_DIR/.lock}
 * (holding the owner's PID) is taken before anything is written and held until {@link #close()}.
 * A new run may only go into a new or empty directory, a resumed one only into an existing run,
 * so a saved model or someone else's files are never written over.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectory(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code dir} for a new run: it must not exist yet or be empty. */
    public static RunDirectory claimNew(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new PpoException("run directory " + dir + " is a file; give a new or empty directory");
        }
        checkEmpty(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PpoException("cannot create run directory " + dir + ": " + e.getMessage(), e);
        }
        RunDirectory claimed = lock(dir);
        try {
            checkEmpty(dir); // another process may have started there between the check and the lock
        } catch (PpoException e) {
            claimed.close();
            throw e;
        }
        return claimed;
    }

    /** Claims the existing run in {@code dir} to continue it. */
    public static RunDirectory claimExisting(Path dir) {
        if (!Files.isDirectory(dir.resolve("checkpoints"))) {
            throw new PpoException(dir + " is not a run directory (it has no checkpoints/); "
                    + "only a run can be resumed");
        }
        return lock(dir);
    }

    public Path dir() {
        return dir;
    }

    private static void checkEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            var found = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(LOCK)).sorted().toList();
            if (found.isEmpty()) {
                return;
            }
            if (found.contains("checkpoints")) {
                throw new PpoException("run directory " + dir + " already holds a run; continue it with "
                        + "'train --resume " + dir + "' or give a new --run-dir");
            }
            if (found.contains(CheckpointStore.VARIABLES)) {
                throw new PpoException(dir + " holds a saved model; train into a new or empty --run-dir");
            }
            throw new PpoException("run directory " + dir + " is not empty (it holds " + String.join(", ",
                    found.subList(0, Math.min(5, found.size()))) + (found.size() > 5 ? ", ..." : "")
                    + "); give a new or empty --run-dir");
        } catch (IOException e) {
            throw new PpoException("cannot read run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static RunDirectory lock(Path dir) {
        Path file = dir.resolve(LOCK);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new PpoException("run directory " + dir + " is in use by another training process"
                        + (holder.isEmpty() ? "" : " (PID " + holder + ")") + "; wait for it to end or stop it");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return new RunDirectory(dir, channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new PpoException("cannot lock run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock (the lock file stays; its content is only informative). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
