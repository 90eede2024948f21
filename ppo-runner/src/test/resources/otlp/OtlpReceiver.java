import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OTLP/HTTP metrics receiver for OtlpExportTest, run as a single source file
 * ({@code java -cp <opentelemetry-proto, protobuf-java> OtlpReceiver.java OUT}). It prints its port,
 * then appends one line per decoded export to OUT: "resource KEY=VALUE" and "metric NAME UNIT".
 */
public class OtlpReceiver {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/metrics", exchange -> {
            StringBuilder lines = new StringBuilder();
            int status = 200;
            try {
                ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(
                        exchange.getRequestBody().readAllBytes());
                for (ResourceMetrics rm : request.getResourceMetricsList()) {
                    for (KeyValue kv : rm.getResource().getAttributesList()) {
                        lines.append("resource ").append(kv.getKey()).append('=')
                                .append(kv.getValue().getStringValue()).append('\n');
                    }
                    for (ScopeMetrics scope : rm.getScopeMetricsList()) {
                        for (Metric m : scope.getMetricsList()) {
                            lines.append("metric ").append(m.getName()).append(' ').append(m.getUnit()).append('\n');
                        }
                    }
                }
            } catch (Exception | LinkageError e) {
                lines.append("error ").append(e).append('\n');
                status = 500;
            }
            Files.writeString(out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        PrintStream stdout = System.out;
        stdout.println(server.getAddress().getPort());
        stdout.flush();
    }
}
