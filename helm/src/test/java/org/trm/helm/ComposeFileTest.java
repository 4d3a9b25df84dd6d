package org.trm.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm.helm.RenderedChart.at;
import static org.trm.helm.RenderedChart.list;
import static org.trm.helm.RenderedChart.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml cannot run here (no Docker), so its shape is checked instead: the services of
 * each country, health checks on the management interface, start order on healthy dependencies,
 * host ports as in the local federation and without collisions, and every file it builds from or
 * mounts present in the repository. It must also be exactly what deploy/compose/generate.sh writes.
 */
class ComposeFileTest {

    private static final List<String> COUNTRIES = List.of("AT", "BG", "RO");

    private static Path deploy;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        deploy = ProjectFiles.root().resolve("deploy");
        Map<String, Object> compose = map(new Yaml().load(Files.readString(deploy.resolve("compose.yaml"))));
        services = map(compose.get("services"));
    }

    @Test
    void shouldDefineSharedServicesAndNodeAndGatewayPerCountry() {
        Set<String> expected = new LinkedHashSet<>(List.of("postgres", "keycloak", "pki"));
        for (String cc : COUNTRIES) {
            expected.add("node-" + cc.toLowerCase());
            expected.add("gateway-" + cc.toLowerCase());
        }
        assertEquals(expected, services.keySet());
        assertEquals("quay.io/keycloak/keycloak:26.7.3", service("keycloak").get("image"));
        assertEquals(List.of("start-dev", "--import-realm"), service("keycloak").get("command"));
        assertEquals("no", service("pki").get("restart"), "pki is a one-shot job");
    }

    @Test
    void shouldCheckReadinessOnManagementPortAndStartAfterHealthyDependencies() {
        for (String cc : COUNTRIES) {
            String lc = cc.toLowerCase();
            for (String name : List.of("node-" + lc, "gateway-" + lc)) {
                Map<String, Object> service = service(name);
                String test = String.join(" ", list(at(service, "healthcheck", "test")).stream().map(String::valueOf).toList());
                Map<String, Object> dependsOn = map(service.get("depends_on"));
                assertAll(name,
                        () -> assertTrue(test.contains("/q/health/ready"), test),
                        () -> assertTrue(test.contains("/127.0.0.1/9000"), "management port: " + test),
                        () -> assertEquals("9000", env(service).get("QUARKUS_MANAGEMENT_PORT")),
                        () -> assertEquals("service_healthy", at(dependsOn, "postgres", "condition")),
                        () -> assertEquals("service_completed_successfully", at(dependsOn, "pki", "condition")),
                        () -> assertEquals(cc, env(service).get(name.startsWith("node") ? "NRM_COUNTRY" : "TRM_COUNTRY")));
            }
            assertEquals("service_healthy", at(service("node-" + lc), "depends_on", "keycloak", "condition"),
                    "a node verifies tokens with its realm's keys");
        }
        assertTrue(String.valueOf(at(service("postgres"), "healthcheck", "test")).contains("psql"));
        assertTrue(String.valueOf(at(service("keycloak"), "healthcheck", "test")).contains("/health/ready"));
    }

    @Test
    void shouldPublishLocalFederationPortsWithoutCollisions() {
        Map<Integer, String> owners = new HashMap<>();
        services.forEach((name, definition) -> {
            for (Object port : list(map(definition).get("ports"))) {
                int host = Integer.parseInt(String.valueOf(port).split(":")[0]);
                String previous = owners.put(host, name);
                assertEquals(null, previous, () -> "host port " + host + " used by " + previous + " and " + name);
            }
        });
        for (int i = 0; i < COUNTRIES.size(); i++) {
            String lc = COUNTRIES.get(i).toLowerCase();
            assertEquals(List.of((8101 + i) + ":8080"), service("node-" + lc).get("ports"));
            assertEquals(List.of((8201 + i) + ":8443"), service("gateway-" + lc).get("ports"));
        }
        assertEquals("keycloak", owners.get(8180));
    }

    @Test
    void shouldGiveEachCountryItsOwnDatabasesRealmAndKeys() {
        String databases = String.valueOf(at(service("postgres"), "environment", "TRM_DATABASES"));
        Set<String> urls = new LinkedHashSet<>();
        for (String cc : COUNTRIES) {
            String lc = cc.toLowerCase();
            Map<String, String> node = env(service("node-" + lc));
            Map<String, String> gateway = env(service("gateway-" + lc));
            assertAll(cc,
                    () -> assertTrue(databases.contains("nrm_" + lc) && databases.contains("gw_" + lc), databases),
                    () -> assertEquals("jdbc:postgresql://postgres:5432/nrm_" + lc, node.get("QUARKUS_DATASOURCE_JDBC_URL")),
                    () -> assertEquals("jdbc:postgresql://postgres:5432/gw_" + lc, gateway.get("QUARKUS_DATASOURCE_JDBC_URL")),
                    () -> assertTrue(node.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").startsWith("http://keycloak:8080/realms/nrm-" + lc + "/")),
                    () -> assertEquals("https://gateway-" + lc + ":8443", node.get("NRM_FEDERATION_GATEWAY_URL")),
                    () -> assertEquals("https://node-" + lc + ":8443", gateway.get("TRM_NODE_URL")),
                    () -> assertEquals("/pki/" + lc + "/node.p12", node.get("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH")),
                    () -> assertEquals("/pki/" + lc + "/gateway.p12", gateway.get("QUARKUS_TLS_FEDERATION_KEY_STORE_P12_PATH")),
                    () -> assertEquals("true", node.get("NRM_FEDERATION_ENABLED")),
                    () -> assertTrue(node.get("NRM_FEDERATION_SIGNING_KEY").startsWith("/pki/" + lc + "/")),
                    () -> assertTrue(node.get("NRM_FEDERATION_ENCRYPTION_KEYS").startsWith("/pki/" + lc + "/")));
            urls.add(node.get("QUARKUS_DATASOURCE_JDBC_URL"));
            urls.add(gateway.get("QUARKUS_DATASOURCE_JDBC_URL"));
        }
        assertEquals(COUNTRIES.size() * 2, urls.size(), "no two services share a database");
        String pki = String.join(" ", list(service("pki").get("command")).stream().map(String::valueOf).toList());
        for (String cc : COUNTRIES) {
            assertTrue(pki.contains("--gateway-url " + cc + "=https://gateway-" + cc.toLowerCase() + ":8443"),
                    "the directory lists the gateways under their compose host names: " + pki);
        }
    }

    @Test
    void shouldBuildFromAndMountFilesThatExist() {
        services.forEach((name, definition) -> {
            Object build = map(definition).get("build");
            if (build != null) {
                Path context = deploy.resolve(String.valueOf(at(build, "context"))).normalize();
                Path dockerfile = context.resolve(String.valueOf(at(build, "dockerfile")));
                assertTrue(Files.isRegularFile(dockerfile), () -> name + " builds from a missing " + dockerfile);
            } else {
                assertTrue(String.valueOf(map(definition).get("image")).contains(":"), () -> name + " pins its image");
            }
            for (Object volume : list(map(definition).get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(deploy.resolve(source)), () -> name + " mounts a missing " + source);
                }
            }
        });
        assertEquals("src/main/docker/Dockerfile.jvm", at(service("node-at"), "build", "dockerfile"));
        assertTrue(Files.isRegularFile(deploy.resolve("../nrm-node/src/main/docker/Dockerfile.jvm")));
        assertTrue(Files.isRegularFile(deploy.resolve("../trm-gateway/src/main/docker/Dockerfile.jvm")));
        assertTrue(Files.isExecutable(deploy.resolve("pki/pki.sh")), "the pki service runs deploy/pki/pki.sh");
    }

    /**
     * Runs the pki service's own command (deploy/pki/pki.sh with the compose file's environment and
     * arguments, the source tree and the volume mapped to local paths) and checks that it produces
     * every file the nodes and gateways are pointed at, certificates for the compose host names, and
     * a directory listing the gateways where the compose network has them.
     */
    @Test
    void shouldFindEveryConfiguredFileInWhatThePkiServiceWrites(@TempDir Path work) throws Exception {
        Path volume = work.resolve("pki");
        Path classpath = work.resolve("classpath");
        Files.writeString(classpath, System.getProperty("java.class.path"));
        Map<String, Object> pki = service("pki");
        String script = list(pki.get("command")).stream().map(String::valueOf)
                .flatMap(part -> List.of(part.split("&&")).stream())
                .filter(part -> part.contains("pki.sh")).findFirst().orElseThrow().trim()
                .replace("/src/", ProjectFiles.root() + "/")
                .replace("--out /pki ", "--out " + volume + " ");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        builder.environment().putAll(env(pki));
        builder.environment().put("TRM_PKI_CLASSPATH_FILE", classpath.toString());
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, run.exitValue(), output);

        for (String cc : COUNTRIES) {
            String lc = cc.toLowerCase();
            for (String name : List.of("node-" + lc, "gateway-" + lc)) {
                env(service(name)).forEach((key, value) -> {
                    for (String file : value.split(",")) {
                        if (file.startsWith("/pki/")) {
                            Path local = volume.resolve(file.substring("/pki/".length()));
                            assertTrue(Files.isRegularFile(local), () -> name + ": " + key + "=" + file + " is not made by pki.sh");
                        }
                    }
                });
            }
            assertTrue(dnsNames(volume.resolve(lc + "/gateway.crt")).contains("gateway-" + lc), "gateway SAN");
            assertTrue(dnsNames(volume.resolve(lc + "/node.crt")).contains("node-" + lc), "node SAN");
        }
        // The chart's default Secret keys are pki.sh's file names, so that `--from-file` needs no renaming.
        Map<String, Object> chart = map(new Yaml().load(Files.readString(ProjectFiles.chart().resolve("values.yaml"))));
        assertTrue(Files.isRegularFile(volume.resolve("at").resolve(String.valueOf(at(chart, "node", "keys", "signingKey")))));
        assertTrue(Files.isRegularFile(volume.resolve("at").resolve(String.valueOf(list(at(chart, "node", "keys", "encryptionKeys")).get(0)))));
        assertTrue(Files.isRegularFile(volume.resolve(String.valueOf(at(chart, "directory", "directoryKey")))));
        assertTrue(Files.isRegularFile(volume.resolve("operator").resolve(String.valueOf(at(chart, "directory", "operatorKeyKey")))));

        Map<String, Object> directory = map(new Yaml().load(Files.readString(volume.resolve("federation.json"))));
        for (Object participant : list(directory.get("participants"))) {
            String lc = String.valueOf(map(participant).get("country")).toLowerCase();
            assertEquals(env(service("node-" + lc)).get("NRM_FEDERATION_GATEWAY_URL"), map(participant).get("gatewayUrl"));
        }
    }

    private static List<String> dnsNames(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return certificate.getSubjectAlternativeNames().stream()
                    .filter(san -> Integer.valueOf(2).equals(san.get(0)))
                    .map(san -> String.valueOf(san.get(1))).toList();
        }
    }

    @Test
    void shouldBeExactlyWhatTheGeneratorWrites(@TempDir Path work) throws Exception {
        Path regenerated = work.resolve("compose.yaml");
        Process generator = new ProcessBuilder("bash", deploy.resolve("compose/generate.sh").toString(),
                "--out", regenerated.toString(), "AT", "BG", "RO").redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(generator.waitFor(60, TimeUnit.SECONDS), "generator finished");
        assertEquals(0, generator.exitValue(), output);

        assertEquals(Files.readString(deploy.resolve("compose.yaml")), Files.readString(regenerated),
                "deploy/compose.yaml is stale: run deploy/compose/generate.sh");
    }

    @Test
    void shouldGenerateAnyCountryList(@TempDir Path work) throws Exception {
        Path generated = work.resolve("compose.yaml");
        Process generator = new ProcessBuilder("bash", deploy.resolve("compose/generate.sh").toString(),
                "--out", generated.toString(), "de", "FR").redirectErrorStream(true).start();
        generator.getInputStream().readAllBytes();
        assertEquals(0, generator.waitFor());

        Map<String, Object> other = map(at(new Yaml().load(Files.readString(generated)), "services"));
        assertEquals(Set.of("postgres", "keycloak", "pki", "node-de", "gateway-de", "node-fr", "gateway-fr"), other.keySet());
        assertEquals(List.of("8102:8080"), map(other.get("node-fr")).get("ports"));
        assertNotEquals(0, new ProcessBuilder("bash", deploy.resolve("compose/generate.sh").toString(),
                "--out", work.resolve("x.yaml").toString(), "Germany").start().waitFor(), "refuses a non-ISO code");
    }

    private static Map<String, Object> service(String name) {
        assertTrue(services.containsKey(name), () -> "no service " + name);
        return map(services.get(name));
    }

    private static Map<String, String> env(Map<String, Object> service) {
        Map<String, String> env = new HashMap<>();
        map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }
}
