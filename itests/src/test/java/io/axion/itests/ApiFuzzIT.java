package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The API against its own OpenAPI document: {@code itests/fuzz/fuzz_api.py} (Debian's python3-hypothesis) generates
 * valid and broken requests for every operation of this booted distribution and fails on a 5xx, on an error that
 * is not problem+json, on an answer that breaks its declared schema and on a refused request that changed state.
 * A bounded run here ({@value #DEFAULT_CASES} cases, fixed seed); {@code bench/run-fuzz.sh} runs a long one through
 * this same test with {@code -Daxion.fuzz.cases}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiFuzzIT extends KarafTestSupport {
    private static final int DEFAULT_CASES = 2000;
    /** Fixed, so that a CI failure replays locally with the same requests. */
    private static final String DEFAULT_SEED = "20261207";
    /** Debian's interpreter, where python3-hypothesis is installed; a pyenv or venv python3 earlier on PATH is not. */
    private static final String DEFAULT_PYTHON = "/usr/bin/python3";
    private static final Duration HEALTH_DEADLINE = Duration.ofSeconds(60);

    @Configuration
    public Option[] config() {
        // Read in the driver JVM (failsafe's system properties and -D user properties) and handed on to the container.
        return withBaseOptions(
                systemProperty("axion.repo.dir").value(required("axion.repo.dir")),
                systemProperty("axion.fuzz.cases").value(System.getProperty("axion.fuzz.cases", Integer.toString(DEFAULT_CASES))),
                systemProperty("axion.fuzz.seed").value(System.getProperty("axion.fuzz.seed", DEFAULT_SEED)),
                systemProperty("axion.python").value(System.getProperty("axion.python", DEFAULT_PYTHON)));
    }

    @Test
    public void generatedRequestsKeepTheApisContract() throws Exception {
        await().atMost(HEALTH_DEADLINE).ignoreExceptions()
                .until(() -> get("/api/v1/health").statusCode(), status -> status == 200);
        String password = Files.readString(Path.of(System.getProperty("karaf.data"), "initial-admin-password")).trim();
        File repo = new File(System.getProperty("axion.repo.dir"));
        File fuzzer = new File(repo, "itests/fuzz/fuzz_api.py");
        assertThat(fuzzer).as("the fuzzer").isFile();
        int cases = Integer.parseInt(System.getProperty("axion.fuzz.cases"));
        String seed = System.getProperty("axion.fuzz.seed");

        ProcessBuilder builder = new ProcessBuilder(System.getProperty("axion.python"), fuzzer.getPath(),
                "--base", baseUrl(), "--cases", Integer.toString(cases), "--seed", seed)
                .directory(Files.createDirectories(repo.toPath().resolve("itests/target")).toFile());
        Map<String, String> env = builder.environment();
        env.put("AXION_ADMIN_PASSWORD", password); // not on the command line, where `ps` shows it
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1"); // line by line into the log, so that a slow operation shows where it is

        Duration deadline = deadlineFor(cases);
        ToolRun run = ToolRun.run(builder, deadline, "api-fuzz");
        System.out.println("[api-fuzz] " + cases + " cases took " + run.seconds() + " s");

        assertThat(run.finished()).as("the fuzzer ended within %s\n%s", deadline, run.output()).isTrue();
        assertThat(run.exitCode()).as("exit code of fuzz_api.py (seed %s)\n%s", seed, run.output()).isZero();
    }

    /** Two minutes plus 100 ms a case: 2,000 cases take about a minute here, so only a hang gets near it. */
    private static Duration deadlineFor(int cases) {
        return Duration.ofMinutes(2).plusMillis(100L * cases);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set -D" + property + " (itests/pom.xml passes it to failsafe)");
        }
        return value;
    }
}
