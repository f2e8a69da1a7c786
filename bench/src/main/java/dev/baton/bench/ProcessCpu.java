package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of a process from {@code /proc/<pid>/stat}, in milliseconds.
 */
final class ProcessCpu {

	/**
	 * Linux reports utime and stime in clock ticks; USER_HZ is 100 on every mainstream
	 * kernel build.
	 */
	private static final long TICKS_PER_SECOND = 100;

	private ProcessCpu() {
	}

	static long millis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// Fields after the command name (which may contain spaces) start at field 3
			// (state).
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			long utime = Long.parseLong(fields[11]);
			long stime = Long.parseLong(fields[12]);
			return (utime + stime) * 1000 / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	static long self() {
		return millis(ProcessHandle.current().pid());
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

}
