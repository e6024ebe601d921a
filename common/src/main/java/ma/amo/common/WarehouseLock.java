package ma.amo.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * One writer at a time per warehouse. An OS file lock on {@code _lock} in the warehouse's state folder (the
 * warehouse folder when it is local; see {@link Warehouse#stateFolder()}): the operating system
 * releases it when its process dies, so a crashed command never leaves a stale lock behind; the file's text
 * (command, pid, host, start time) is only there to tell the second writer who holds it and since when.
 */
public final class WarehouseLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private WarehouseLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails at once with a message naming the holder. */
    public static WarehouseLock acquire(Warehouse warehouse, String command) {
        Path file = warehouse.stateFolder().resolve("_lock");
        try {
            Files.createDirectories(warehouse.stateFolder());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new WarehouseBusyException("the warehouse " + warehouse.location() + " is being written by another "
                        + "command (" + describe(holder) + "); retry when it has finished");
            }
            String owner = "command=" + command + " pid=" + ProcessHandle.current().pid() + " host="
                    + InetAddress.getLocalHost().getHostName() + " since=" + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new WarehouseLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the warehouse " + warehouse.location(), e);
        }
    }

    private static String describe(String holder) {
        int since = holder.indexOf("since=");
        if (since < 0) {
            return holder.isEmpty() ? "holder unknown" : holder;
        }
        try {
            Duration age = Duration.between(Instant.parse(holder.substring(since + 6).trim()), Instant.now());
            return holder + ", for " + age.toMinutes() + " min " + age.toSecondsPart() + " s";
        } catch (RuntimeException e) {
            return holder;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Another command holds the warehouse. */
    public static class WarehouseBusyException extends RuntimeException {
        public WarehouseBusyException(String message) {
            super(message);
        }
    }
}
