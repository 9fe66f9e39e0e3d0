package io.axion.itests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4: every line must be a {@code # HELP}, a
 * {@code # TYPE}, another comment, or a sample {@code name{label="value",...} value [timestamp]}; anything else is
 * an error. Enough to prove that {@code /metrics} is what a Prometheus server accepts.
 */
final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> types = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher type = TYPE.matcher(line);
                if (type.matches()) {
                    if (parsed.types.put(type.group(1), type.group(2)) != null) {
                        throw new IllegalArgumentException("line " + number + ": second TYPE for " + type.group(1));
                    }
                } else if (line.startsWith("# HELP ") && !HELP.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + number + ": bad HELP: " + line);
                }
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new IllegalArgumentException("line " + number + ": not a sample: " + line);
            }
            parsed.samples.add(new Sample(sample.group(1), labels(sample.group(3), number), value(sample.group(4), number)));
        }
        return parsed;
    }

    private static Map<String, String> labels(String text, int number) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!label.find(at) || label.start() != at) {
                throw new IllegalArgumentException("line " + number + ": bad labels: " + text);
            }
            if (labels.put(label.group(1), label.group(2)) != null) {
                throw new IllegalArgumentException("line " + number + ": repeated label " + label.group(1));
            }
            at = label.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw new IllegalArgumentException("line " + number + ": bad labels: " + text);
                }
                at++;
            }
        }
        return labels;
    }

    private static double value(String text, int number) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + number + ": bad value " + text);
                }
        }
    }

    /** Every sample's family must have been typed before, under its name or the name less a known suffix. */
    void checkFamilies() {
        for (Sample sample : samples) {
            String name = sample.name();
            boolean typed = types.containsKey(name);
            for (String suffix : List.of("_bucket", "_count", "_sum", "_created", "_total")) {
                typed |= name.endsWith(suffix) && types.containsKey(name.substring(0, name.length() - suffix.length()));
            }
            if (!typed) {
                throw new IllegalArgumentException("sample " + name + " has no TYPE");
            }
        }
    }

    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
}
