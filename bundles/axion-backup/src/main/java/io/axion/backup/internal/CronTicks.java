package io.axion.backup.internal;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.axion.api.error.ValidationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** Five-field Unix cron expressions (and @hourly, @daily, ...), evaluated in UTC so every node agrees on a tick. */
final class CronTicks {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> NICKNAMES = Map.of("@hourly", "0 * * * *", "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *", "@weekly", "0 0 * * 0", "@monthly", "0 0 1 * *", "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *");

    private final ExecutionTime execution;

    private CronTicks(ExecutionTime execution) {
        this.execution = execution;
    }

    /** @throws ValidationException (400) naming {@code field} when the expression does not parse */
    static CronTicks parse(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ValidationException(field, "must be a cron expression such as '0 3 * * *' or @daily");
        }
        String cron = NICKNAMES.getOrDefault(expression.trim(), expression.trim());
        try {
            return new CronTicks(ExecutionTime.forCron(PARSER.parse(cron)));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "is not a cron expression: " + e.getMessage());
        }
    }

    /** The latest tick at or before {@code now}. */
    Optional<Instant> latestTick(Instant now) {
        var at = now.atZone(ZoneOffset.UTC);
        if (execution.isMatch(at.withSecond(0).withNano(0)) ) {
            return Optional.of(at.withSecond(0).withNano(0).toInstant());
        }
        return execution.lastExecution(at).map(t -> t.toInstant());
    }
}
