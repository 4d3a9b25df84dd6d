package org.trm.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.helm.RenderedChart.at;
import static org.trm.helm.RenderedChart.container;
import static org.trm.helm.RenderedChart.list;
import static org.trm.helm.RenderedChart.map;

import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders helm/trm-country for the two example countries with the Helm library itself
 * (offline, no cluster) and checks what an operator relies on: images, probes on the plain management
 * port, Secrets mounted by name and settings pointing at the mounted files, a locked-down security
 * context, no secret material in ConfigMaps, standard labels, and a scalable gateway.
 */
class HelmChartTest {

    private static final int MANAGEMENT_PORT = 9000;
    private static final Set<String> STANDARD_LABELS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/component",
            "helm.sh/chart");
    /** Private key material in PEM or JWK form ("d" is an EC/RSA private JWK member). */
    private static final Pattern KEY_MATERIAL = Pattern.compile(
            "-----BEGIN|PRIVATE KEY|\"d\"\\s*:|(?i)password=|(?i)changeit");

    record Example(String file, String release, String country) {
        Path path() {
            return ProjectFiles.chart().resolve("examples").resolve(file);
        }

        RenderedChart render() {
            return render(Map.of());
        }

        RenderedChart render(Map<String, Object> sets) {
            return RenderedChart.render(release, path(), sets);
        }

        String prefix() {
            return release + "-trm-country";
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final Example AT = new Example("values-at.yaml", "trm-at", "AT");
    private static final Example BG = new Example("values-bg.yaml", "trm-bg", "BG");

    static Stream<Example> examples() {
        return Stream.of(AT, BG);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPassStrictLintWhenGivenExampleValues(Example example, @TempDir Path work) {
        LintResult result = RenderedChart.lintStrict(example.path(), work);

        assertFalse(result.isFailed(), () -> "lint --strict failed: " + result.getMessages());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldRenderNodeAndGatewayWithImagesFromValues(Example example) {
        RenderedChart chart = example.render();

        Map<String, Object> node = chart.get("Deployment", example.prefix() + "-node");
        Map<String, Object> gateway = chart.get("Deployment", example.prefix() + "-gateway");
        assertEquals("registry.example.org/trm/nrm-node:0.1.0", container(node).get("image"));
        assertEquals("registry.example.org/trm/trm-gateway:0.1.0", container(gateway).get("image"));
        assertEquals(2, chart.ofKind("Deployment").size(), () -> "deployments: " + chart.names());
        assertNotNull(chart.get("Service", example.prefix() + "-node"));
        assertNotNull(chart.get("Service", example.prefix() + "-gateway"));
        assertEquals(0, chart.ofKind("Secret").size(), "the chart references Secrets, it never creates them");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldProbeHealthOnPlainManagementPort(Example example) {
        for (Map<String, Object> deployment : example.render().ofKind("Deployment")) {
            Map<String, Object> container = container(deployment);
            Map<String, Integer> ports = containerPorts(container);
            String name = (String) at(deployment, "metadata", "name");
            assertAll(name,
                    () -> assertEquals(MANAGEMENT_PORT, ports.get("management")),
                    () -> assertProbe(container, "livenessProbe", "/q/health/live", ports),
                    () -> assertProbe(container, "readinessProbe", "/q/health/ready", ports),
                    () -> assertProbe(container, "startupProbe", "/q/health/live", ports));
        }
    }

    private static void assertProbe(Map<String, Object> container, String probe, String path, Map<String, Integer> ports) {
        Map<String, Object> httpGet = map(at(container, probe, "httpGet"));
        assertEquals(path, httpGet.get("path"), probe);
        Object port = httpGet.get("port");
        int number = port instanceof Integer n ? n : ports.getOrDefault(String.valueOf(port), -1);
        assertEquals(MANAGEMENT_PORT, number, probe + " must use the management interface, not the mTLS port");
        assertFalse("HTTPS".equals(httpGet.get("scheme")), probe + " is plain HTTP inside the pod");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldMountSecretsByNameAndPointSettingsAtMountedFiles(Example example) {
        RenderedChart chart = example.render();
        String cc = example.country().toLowerCase();
        Map<String, Object> node = chart.get("Deployment", example.prefix() + "-node");
        Map<String, Object> gateway = chart.get("Deployment", example.prefix() + "-gateway");

        assertEquals(Map.of("tls", "nrm-" + cc + "-node-tls", "keys", "nrm-" + cc + "-node-jose",
                "directory", "trm-federation-directory"), secretVolumes(node));
        assertEquals(Map.of("tls", "trm-" + cc + "-gateway-tls", "keys", "trm-" + cc + "-gateway-jose",
                "directory", "trm-federation-directory"), secretVolumes(gateway));
        assertEquals("nrm-" + cc + "-db", secretRef(container(node), "QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("nrm-" + cc + "-db", secretRef(container(node), "QUARKUS_DATASOURCE_USERNAME"));
        assertEquals("nrm-" + cc + "-node-tls", secretRef(container(node), "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PASSWORD"));
        assertEquals("nrm-" + cc + "-node-tls", secretRef(container(node), "QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PASSWORD"));
        assertEquals("trm-" + cc + "-gateway-db", secretRef(container(gateway), "QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals("trm-" + cc + "-gateway-tls", secretRef(container(gateway), "QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PASSWORD"));

        for (Map<String, Object> deployment : List.of(node, gateway)) {
            Map<String, String> settings = settingsOf(chart, deployment);
            Set<String> files = mountedFiles(deployment);
            settings.forEach((env, value) -> {
                for (String file : value.split(",")) {
                    if (file.startsWith("/etc/trm/")) {
                        assertTrue(files.contains(file), () -> env + "=" + file + " is not a mounted file; mounted: " + files);
                    }
                }
            });
        }
    }

    @Test
    void shouldGiveEachServiceItsSettingsUnderTheAgreedEnvironmentNames() {
        RenderedChart chart = AT.render();
        Map<String, String> node = settingsOf(chart, chart.get("Deployment", AT.prefix() + "-node"));
        Map<String, String> gateway = settingsOf(chart, chart.get("Deployment", AT.prefix() + "-gateway"));

        assertEquals("AT", node.get("NRM_COUNTRY"));
        assertEquals("jdbc:postgresql://postgres.trm-at.svc:5432/nrm_at?sslmode=require", node.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("https://keycloak.trm.example.at/realms/nrm-at/protocol/openid-connect/certs",
                node.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals("https://keycloak.trm.example.at/realms/nrm-at", node.get("MP_JWT_VERIFY_ISSUER"));
        assertEquals("true", node.get("NRM_FEDERATION_ENABLED"));
        assertEquals("https://trm-at-trm-country-gateway:8443", node.get("NRM_FEDERATION_GATEWAY_URL"));
        assertEquals("/etc/trm/keys/node-sig-1.jwk", node.get("NRM_FEDERATION_SIGNING_KEY"));
        assertEquals("/etc/trm/keys/node-enc-1.jwk", node.get("NRM_FEDERATION_ENCRYPTION_KEYS"));
        assertEquals("/etc/trm/directory/federation.jws", node.get("NRM_FEDERATION_DIRECTORY"));
        assertEquals("/etc/trm/directory/operator-public.jwk", node.get("NRM_FEDERATION_OPERATOR_KEY"));
        assertEquals("/etc/trm/tls/keystore.p12", node.get("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH"));
        assertEquals("/etc/trm/tls/truststore.p12", node.get("QUARKUS_TLS_FEDERATION_TRUST_STORE_P12_PATH"));
        assertEquals("9000", node.get("QUARKUS_MANAGEMENT_PORT"));

        assertEquals("AT", gateway.get("TRM_COUNTRY"));
        assertEquals("jdbc:postgresql://postgres.trm-at.svc:5432/gw_at?sslmode=require", gateway.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("https://trm-at-trm-country-node:8443", gateway.get("TRM_NODE_URL"));
        assertEquals("/etc/trm/directory/federation.jws", gateway.get("TRM_DIRECTORY_LOCATION"));
        assertEquals("/etc/trm/directory/operator-public.jwk", gateway.get("TRM_DIRECTORY_OPERATOR_KEY"));
        assertEquals("/etc/trm/keys/gateway-sig-1.jwk", gateway.get("TRM_SIGNING_KEY"));
        assertEquals("/etc/trm/tls/keystore.p12", gateway.get("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH"));
    }

    @Test
    void shouldRenameEnvironmentVariableWhenOnlyItsNameChangesInValues() {
        RenderedChart chart = AT.render(Map.of("envNames.node.country", "NRM_COUNTRY_CODE",
                "envNames.common.dbPassword", "DB_PASSWORD"));
        Map<String, Object> node = chart.get("Deployment", AT.prefix() + "-node");

        Map<String, String> settings = settingsOf(chart, node);
        assertEquals("AT", settings.get("NRM_COUNTRY_CODE"));
        assertFalse(settings.containsKey("NRM_COUNTRY"));
        assertEquals("nrm-at-db", secretRef(container(node), "DB_PASSWORD"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldRunAsNonRootWithReadOnlyRootFilesystemAndNoCapabilities(Example example) {
        for (Map<String, Object> deployment : example.render().ofKind("Deployment")) {
            Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
            Map<String, Object> container = container(deployment);
            assertAll((String) at(deployment, "metadata", "name"),
                    () -> assertEquals(true, at(pod, "securityContext", "runAsNonRoot")),
                    () -> assertEquals("RuntimeDefault", at(pod, "securityContext", "seccompProfile", "type")),
                    () -> assertEquals(false, pod.get("automountServiceAccountToken")),
                    () -> assertEquals(true, at(container, "securityContext", "readOnlyRootFilesystem")),
                    () -> assertEquals(true, at(container, "securityContext", "runAsNonRoot")),
                    () -> assertEquals(false, at(container, "securityContext", "allowPrivilegeEscalation")),
                    () -> assertEquals(List.of("ALL"), at(container, "securityContext", "capabilities", "drop")),
                    () -> assertTrue(mounts(container).containsKey("/tmp"), "writable /tmp"),
                    () -> assertNotNull(at(volume(deployment, mounts(container).get("/tmp")), "emptyDir"),
                            "/tmp is an emptyDir"),
                    () -> assertNotNull(at(container, "resources", "requests", "memory")),
                    () -> assertNotNull(at(container, "resources", "limits", "memory")));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldKeepPasswordsAndKeysOutOfConfigMaps(Example example) {
        RenderedChart chart = example.render();
        assertEquals(2, chart.ofKind("ConfigMap").size());
        for (Map<String, Object> configMap : chart.ofKind("ConfigMap")) {
            map(configMap.get("data")).forEach((key, value) -> assertAll(key,
                    () -> assertFalse(key.toUpperCase().contains("PASSWORD"), "password setting in a ConfigMap"),
                    () -> assertFalse(KEY_MATERIAL.matcher(String.valueOf(value)).find(), "secret material: " + value)));
        }
        for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
            for (Object entry : list(container(deployment).get("env"))) {
                Map<String, Object> env = map(entry);
                if (String.valueOf(env.get("name")).contains("PASSWORD")) {
                    assertNotNull(at(env, "valueFrom", "secretKeyRef"), () -> env.get("name") + " must come from a Secret");
                    assertFalse(env.containsKey("value"), () -> env.get("name") + " has an inline value");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldLabelEveryResourceAndSelectOnlyItsOwnPods(Example example) {
        RenderedChart chart = example.render();
        for (Map<String, Object> manifest : chart.manifests()) {
            Map<String, Object> labels = map(at(manifest, "metadata", "labels"));
            assertTrue(labels.keySet().containsAll(STANDARD_LABELS),
                    () -> at(manifest, "metadata", "name") + " lacks standard labels: " + labels.keySet());
            assertEquals(example.release(), labels.get("app.kubernetes.io/instance"));
        }
        for (String component : List.of("node", "gateway")) {
            Map<String, Object> deployment = chart.get("Deployment", example.prefix() + "-" + component);
            Map<String, Object> service = chart.get("Service", example.prefix() + "-" + component);
            Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
            Map<String, Object> selector = map(at(deployment, "spec", "selector", "matchLabels"));
            assertEquals(component, selector.get("app.kubernetes.io/component"));
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "deployment selects its pods");
            assertEquals(selector, at(service, "spec", "selector"), "service selects the same pods");
            Set<String> podPorts = containerPorts(container(deployment)).keySet();
            for (Object port : list(at(service, "spec", "ports"))) {
                assertTrue(podPorts.contains(map(port).get("targetPort")), () -> component + " service port " + port);
            }
        }
    }

    @Test
    void shouldAcceptGatewayReplicasAboveOne(@TempDir Path work) {
        assertEquals(3, at(AT.render().get("Deployment", AT.prefix() + "-gateway"), "spec", "replicas"));
        RenderedChart scaled = AT.render(Map.of("gateway.replicaCount", 6));

        assertEquals(6, at(scaled.get("Deployment", AT.prefix() + "-gateway"), "spec", "replicas"));
        assertEquals(1, at(scaled.get("Deployment", AT.prefix() + "-node"), "spec", "replicas"));
        assertFalse(RenderedChart.lintStrict(AT.path(), work).isFailed());
    }

    @Test
    void shouldRenderDisruptionBudgetOnlyWhenEnabledAndBelowReplicas() {
        RenderedChart at = AT.render();
        assertEquals(2, at(at.get("PodDisruptionBudget", AT.prefix() + "-gateway"), "spec", "minAvailable"));
        assertEquals(1, at.ofKind("PodDisruptionBudget").size(), "no budget for the single node: it would block drains");
        assertEquals(List.of(), BG.render().ofKind("PodDisruptionBudget"));

        Exception refused = assertThrows(Exception.class, () -> AT.render(Map.of("gateway.replicaCount", 2)));
        assertTrue(refused.getMessage().contains("minAvailable"), refused.getMessage());
    }

    @Test
    void shouldRunOneNodeReplacedByRecreateAndRollGatewaysWithoutGap() {
        RenderedChart chart = AT.render();
        assertEquals("Recreate", at(chart.get("Deployment", AT.prefix() + "-node"), "spec", "strategy", "type"));
        Map<String, Object> gateway = chart.get("Deployment", AT.prefix() + "-gateway");
        assertEquals("RollingUpdate", at(gateway, "spec", "strategy", "type"));
        assertEquals(0, at(gateway, "spec", "strategy", "rollingUpdate", "maxUnavailable"));

        Exception refused = assertThrows(Exception.class, () -> AT.render(Map.of("node.replicaCount", 2)));
        assertTrue(refused.getMessage().contains("replicaCount"), refused.getMessage());
    }

    @Test
    void shouldExposeOnlyTheUsersApiThroughTheIngress() {
        Map<String, Object> ingress = AT.render().get("Ingress", AT.prefix() + "-node");
        Map<String, Object> rule = map(list(at(ingress, "spec", "rules")).get(0));
        Map<String, Object> backend = map(at(list(at(rule, "http", "paths")).get(0), "backend", "service"));

        assertEquals("nrm.trm.example.at", rule.get("host"));
        assertEquals(AT.prefix() + "-node", backend.get("name"));
        assertEquals("http", at(backend, "port", "name"));
        assertEquals("nrm-at-ingress-tls", at(list(at(ingress, "spec", "tls")).get(0), "secretName"));
        assertEquals(List.of(), BG.render().ofKind("Ingress"));
    }

    @Test
    void shouldLetOnlyTheOwnGatewayReachTheNodeMtlsPort() {
        RenderedChart chart = AT.render();
        Map<String, Object> node = chart.get("NetworkPolicy", AT.prefix() + "-node");
        Map<String, Object> gatewayPods = map(at(chart.get("Deployment", AT.prefix() + "-gateway"),
                "spec", "selector", "matchLabels"));
        Map<String, List<Object>> fromByPort = new HashMap<>();
        for (Object rule : list(at(node, "spec", "ingress"))) {
            for (Object port : list(map(rule).get("ports"))) {
                fromByPort.put(String.valueOf(map(port).get("port")), list(map(rule).get("from")));
            }
        }

        assertEquals(List.of(Map.of("podSelector", Map.of("matchLabels", gatewayPods))), fromByPort.get("https"));
        assertEquals(List.of(), fromByPort.get("http"), "users' API open: the node checks every token");
        assertEquals(2, fromByPort.get("management").size(), "namespace plus the monitoring namespace");
        assertNotNull(chart.get("NetworkPolicy", AT.prefix() + "-gateway"));
        assertEquals(List.of(), BG.render().ofKind("NetworkPolicy"));
    }

    @Test
    void shouldAnnotatePodsForMetricsScrapingOnManagementPort() {
        Map<String, Object> annotations = map(at(AT.render().get("Deployment", AT.prefix() + "-gateway"),
                "spec", "template", "metadata", "annotations"));
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("9000", annotations.get("prometheus.io/port"));
        assertEquals("/q/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void shouldUseSeparateIssuerAndRotatedKeysWhenValuesSaySo() {
        RenderedChart chart = BG.render();
        Map<String, String> node = settingsOf(chart, chart.get("Deployment", BG.prefix() + "-node"));

        assertEquals("https://login.trm.example.bg/realms/nrm-bg", node.get("MP_JWT_VERIFY_ISSUER"));
        assertEquals("http://keycloak.identity.svc:8080/realms/nrm-bg/protocol/openid-connect/certs",
                node.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals("/etc/trm/keys/node-sig-2.jwk", node.get("NRM_FEDERATION_SIGNING_KEY"));
        assertEquals("/etc/trm/keys/node-enc-2.jwk,/etc/trm/keys/node-enc-1.jwk", node.get("NRM_FEDERATION_ENCRYPTION_KEYS"),
                "current encryption key first, the rotated-out one still readable");
    }

    @Test
    void shouldRefuseCountryThatIsNotAnIsoCode() {
        Exception refused = assertThrows(Exception.class, () -> AT.render(Map.of("country", "Austria")));
        assertTrue(refused.getMessage().contains("country"), refused.getMessage());
    }

    @Test
    void shouldRefuseReleaseWithoutTlsSecret() {
        Exception refused = assertThrows(Exception.class, () -> AT.render(Map.of("gateway.tls.existingSecret", "")));
        assertTrue(refused.getMessage().contains("existingSecret"), refused.getMessage());
    }

    @Test
    void shouldRefusePasswordInJdbcUrl() {
        Exception refused = assertThrows(Exception.class, () -> AT.render(Map.of("node.database.jdbcUrl",
                "jdbc:postgresql://db:5432/nrm_at?user=trm&password=secret")));
        assertTrue(refused.getMessage().contains("jdbcUrl"), refused.getMessage());
    }

    /** Values whose children are Kubernetes fields or environment names, documented as a whole. */
    private static final Set<String> PASSED_THROUGH = Set.of("envNames", "podSecurityContext", "containerSecurityContext");

    @ParameterizedTest
    @MethodSource("examples")
    void shouldPrintNotesNamingServicesAndSecrets(Example example) {
        String output = RenderedChart.installDryRun(example.release(), example.path());
        String notes = output.substring(output.indexOf("NOTES:"));
        String cc = example.country().toLowerCase();

        assertAll(
                () -> assertTrue(notes.contains("TRM country " + example.country()), notes),
                () -> assertTrue(notes.contains(example.prefix() + "-node"), notes),
                () -> assertTrue(notes.contains(example.prefix() + "-gateway"), notes),
                () -> assertTrue(notes.contains("nrm-" + cc + "-node-jose"), notes),
                () -> assertTrue(notes.contains("trm-" + cc + "-gateway-tls"), notes),
                () -> assertTrue(notes.contains("curl http://localhost:9000/q/health/ready"), notes));
    }

    @Test
    void shouldDocumentEveryValueInTheChartReadme() throws Exception {
        String readme = Files.readString(ProjectFiles.chart().resolve("README.md"));
        Map<String, Object> values = map(new Yaml().load(Files.readString(ProjectFiles.chart().resolve("values.yaml"))));
        for (Map.Entry<String, Object> top : values.entrySet()) {
            assertTrue(readme.contains(top.getKey()), () -> "README lacks " + top.getKey());
            if (top.getValue() instanceof Map<?, ?> children && !PASSED_THROUGH.contains(top.getKey())) {
                for (Object child : children.keySet()) {
                    assertTrue(readme.contains(String.valueOf(child)), () -> "README lacks " + top.getKey() + "." + child);
                }
            }
        }
    }

    // --- reading the rendered objects -----------------------------------------------------------

    /** ConfigMap data the container reads through envFrom. */
    private static Map<String, String> settingsOf(RenderedChart chart, Map<String, Object> deployment) {
        List<Object> envFrom = list(container(deployment).get("envFrom"));
        assertEquals(1, envFrom.size(), "settings come from one ConfigMap");
        String name = (String) at(envFrom.get(0), "configMapRef", "name");
        Map<String, String> settings = new HashMap<>();
        map(chart.get("ConfigMap", name).get("data")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return settings;
    }

    private static String secretRef(Map<String, Object> container, String envName) {
        return list(container.get("env")).stream().map(RenderedChart::map)
                .filter(env -> envName.equals(env.get("name")))
                .map(env -> (String) at(env, "valueFrom", "secretKeyRef", "name"))
                .findFirst().orElseThrow(() -> new AssertionError(envName + " not set from a Secret"));
    }

    private static Map<String, Integer> containerPorts(Map<String, Object> container) {
        return list(container.get("ports")).stream().map(RenderedChart::map)
                .collect(Collectors.toMap(p -> (String) p.get("name"), p -> (Integer) p.get("containerPort")));
    }

    /** mountPath → volume name. */
    private static Map<String, String> mounts(Map<String, Object> container) {
        return list(container.get("volumeMounts")).stream().map(RenderedChart::map)
                .collect(Collectors.toMap(m -> (String) m.get("mountPath"), m -> (String) m.get("name")));
    }

    private static Map<String, Object> volume(Map<String, Object> deployment, String name) {
        return list(at(deployment, "spec", "template", "spec", "volumes")).stream().map(RenderedChart::map)
                .filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** volume name → Secret name, for the Secret volumes only. */
    private static Map<String, String> secretVolumes(Map<String, Object> deployment) {
        return list(at(deployment, "spec", "template", "spec", "volumes")).stream().map(RenderedChart::map)
                .filter(v -> v.containsKey("secret"))
                .collect(Collectors.toMap(v -> (String) v.get("name"), v -> (String) at(v, "secret", "secretName")));
    }

    /** Absolute paths of the files that the Secret volumes project into the container. */
    private static Set<String> mountedFiles(Map<String, Object> deployment) {
        Map<String, String> mounts = mounts(container(deployment));
        return mounts.entrySet().stream().flatMap(mount -> {
            Map<String, Object> volume = volume(deployment, mount.getValue());
            return list(at(volume, "secret", "items")).stream()
                    .map(item -> mount.getKey() + "/" + map(item).get("path"));
        }).collect(Collectors.toSet());
    }
}
