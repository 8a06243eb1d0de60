package dev.ofauthqueue.adapter.sqlite;

import dev.ofauthqueue.DeletionJobId;
import dev.ofauthqueue.ports.out.DeletionJobStore.JobLock;
import dev.ofauthqueue.ports.out.DeletionJobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One operating-system lock per job: a one-byte region of a lock file beside the database, at the job's id. The
 * operating system releases a process's locks when it dies, however it dies, so a crashed job never stays locked.
 */
final class JobLocks implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final Map<DeletionJobId, FileLock> held = new HashMap<>();

    JobLocks(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    synchronized JobLock lock(DeletionJobId job) {
        FileLock lock;
        try {
            lock = channel.tryLock(job.value(), 1, false);
        } catch (OverlappingFileLockException e) {
            throw locked(job, "this process");
        } catch (IOException e) {
            throw new DeletionJobStoreException(
                    DeletionJobStoreException.Kind.IO, file + ": could not lock job " + job + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            throw locked(job, "another process");
        }
        held.put(job, lock);
        return () -> release(job);
    }

    synchronized boolean isLocked(DeletionJobId job) {
        if (held.containsKey(job)) {
            return true;
        }
        try {
            FileLock probe = channel.tryLock(job.value(), 1, false);
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void release(DeletionJobId job) {
        FileLock lock = held.remove(job);
        if (lock != null && lock.isValid()) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // The channel is closing or closed: the lock is gone with it.
            }
        }
    }

    private DeletionJobStoreException locked(DeletionJobId job, String holder) {
        return new DeletionJobStoreException(
                DeletionJobStoreException.Kind.LOCKED,
                "job " + job + " is running in " + holder + " (lock " + file + "); wait for it to end, or cancel it"
                        + " there",
                null);
    }

    @Override
    public synchronized void close() {
        held.clear();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing releases every lock this channel held.
        }
    }
}
