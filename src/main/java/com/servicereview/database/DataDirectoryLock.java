package com.servicereview.database;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS file lock beside the data directory ({@code <data-dir>.lock}), held for as long
 * as this JVM uses the directory. The OS drops it when the process dies, even by kill -9, so a held
 * lock always means a live instance. It sits beside the directory rather than in it because initdb
 * needs an empty directory.
 */
final class DataDirectoryLock implements Closeable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path lockFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + ".lock");
    }

    /** Takes the lock or refuses at once: another live application instance uses the directory. */
    static DataDirectoryLock acquire(Path dataDir) throws IOException {
        Path file = lockFile(dataDir);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another Service Review instance is using the embedded database in "
                    + dataDir
                    + " (it holds " + file + "). Stop that instance first, or give this one its own directory with"
                    + " service-review.embedded-db.data-dir.");
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
