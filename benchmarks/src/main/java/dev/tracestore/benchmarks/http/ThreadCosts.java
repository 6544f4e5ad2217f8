package dev.tracestore.benchmarks.http;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the bytes allocated and the CPU time used so far by the Java threads of a running JVM, grouped by thread
 * name with digits replaced by {@code N} ({@code http-nio-N.N.N.N-N-exec-N}), one tab-separated line per group
 * (name, bytes, CPU nanoseconds) and a last line {@code TOTAL}. {@code run-http.sh} takes it before and after each
 * wrk run and divides the difference by the requests: allocation per request. It attaches through the JDK's
 * attach API and the JVM's local management agent (the same user, no options on the app).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.tracestore.benchmarks.http.ThreadCosts <pid>
 * }</pre>
 */
public final class ThreadCosts {

    private ThreadCosts() {
    }

    /**
     * @param args the process ID of the JVM
     * @throws Exception when it cannot attach
     */
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            long[] ids = threads.getAllThreadIds();
            long[] bytes = threads.getThreadAllocatedBytes(ids);
            long[] cpu = threads.getThreadCpuTime(ids);
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            Map<String, long[]> groups = new TreeMap<>();
            long[] total = new long[2];
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null || bytes[i] < 0) {
                    continue; // ended meanwhile
                }
                long[] group = groups.computeIfAbsent(infos[i].getThreadName().replaceAll("\\d+", "N"),
                        name -> new long[2]);
                group[0] += bytes[i];
                group[1] += Math.max(cpu[i], 0);
                total[0] += bytes[i];
                total[1] += Math.max(cpu[i], 0);
            }
            groups.put("TOTAL", total);
            groups.forEach((name, values) -> System.out.println(name + "\t" + values[0] + "\t" + values[1]));
        }
    }
}
