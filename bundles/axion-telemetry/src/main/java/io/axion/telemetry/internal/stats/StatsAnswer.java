package io.axion.telemetry.internal.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The points of one metric at one tier's step, oldest first. */
public record StatsAnswer(Metric metric, Tier tier, List<StatsPoint> points) {

    /** {@code {metric, step (seconds), points: [{t (RFC 3339), min, avg, max}]}}. */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> json = new ArrayList<>(points.size());
        for (StatsPoint p : points) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", Instant.ofEpochSecond(p.t()).toString());
            point.put("min", round(p.min()));
            point.put("avg", round(p.avg()));
            point.put("max", round(p.max()));
            json.add(point);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("metric", metric.apiName());
        answer.put("step", tier.stepSeconds());
        answer.put("points", json);
        return answer;
    }

    /** {@code t,min,avg,max} with a header line, one point a line. */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(32 + points.size() * 48).append("t,min,avg,max\n");
        for (StatsPoint p : points) {
            csv.append(Instant.ofEpochSecond(p.t())).append(',').append(round(p.min())).append(',')
                    .append(round(p.avg())).append(',').append(round(p.max())).append('\n');
        }
        return csv.toString();
    }

    /** Three decimals: enough for percentages, and bytes are whole numbers anyway (float32 keeps 7 digits). */
    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
