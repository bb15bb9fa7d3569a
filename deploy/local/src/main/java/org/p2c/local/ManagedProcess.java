package org.p2c.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the launcher (Keycloak, a service, Kafka in its own JVM) with its output in a log file, stopped
 * with its descendants. It keeps how it was started, so that a fault suite can kill it and {@link #relaunch()} it.
 */
public final class ManagedProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> command;
    private final Path workDir;
    private final Map<String, String> env;

    private ManagedProcess(String name, Process process, Path log, List<String> command, Path workDir,
                           Map<String, String> env) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.env = Map.copyOf(env);
    }

    public static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path log)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ManagedProcess(name, builder.start(), log, command, workDir, env);
    }

    /** The same command, directory and environment again, appending to the same log. */
    public ManagedProcess relaunch() throws IOException {
        return start(name, command, workDir, env, log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL, no chance to clean up (a crash); returns once the process is gone. */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.toHandle().onExit().join();
    }

    /** SIGSTOP: the process stays, holds its sockets and answers nothing until {@link #thaw()}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        signal(process.pid(), signal);
    }

    /** Java has no API for signals other than TERM and KILL: {@code kill -<signal> <pid>}. */
    static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }

    /** SIGTERM to the process and everything it started (kc.sh runs Keycloak's JVM as a child), then SIGKILL if needed. */
    public void stop() {
        List<ProcessHandle> family = new java.util.ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        // A frozen process would not act on SIGTERM.
        family.forEach(p -> {
            if (p.isAlive()) {
                try {
                    signal(p.pid(), "CONT");
                } catch (IllegalStateException goneMeanwhile) {
                    // exited between the check and the signal
                }
            }
        });
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : family) {
            try {
                p.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}
